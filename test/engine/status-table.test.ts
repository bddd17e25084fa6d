import { afterEach, describe, expect, it, vi } from 'vitest';
import { StatusTable } from '../../electron/engine/status/status-table.js';
import type { StatusDelta } from '../../shared/status.js';

const endpoints = [
  { endpointId: 'a-1', siteId: 'a' },
  { endpointId: 'b-1', siteId: 'b' },
];

describe('StatusTable', () => {
  afterEach(() => vi.useRealTimers());

  it('starts every endpoint unknown and reports them in the first batch', () => {
    const t = new StatusTable(50);
    const got: StatusDelta[] = [];
    t.onDelta((d) => got.push(d));
    t.setEndpoints(endpoints);
    t.flush();
    expect(got).toHaveLength(1);
    expect(got[0]!.seq).toBe(1);
    expect(got[0]!.updates.map((u) => [u.endpointId, u.reachability, u.inCall])).toEqual([
      ['a-1', 'unknown', null],
      ['b-1', 'unknown', null],
    ]);
  });

  it("sends the inventory's version at once when it changes, and in every snapshot", () => {
    const t = new StatusTable(50);
    const got: StatusDelta[] = [];
    t.onDelta((d) => got.push(d));
    t.setEndpoints(endpoints);
    t.setNetwork('v1');
    expect(got.map((d) => [d.seq, d.updates.length, d.network])).toEqual([[1, 2, 'v1']]);
    t.setNetwork('v1'); // unchanged: nothing
    t.setNetwork('v2'); // a rename: no codec changed, a delta of its own
    expect(got.map((d) => [d.seq, d.updates.length, d.network])).toEqual([
      [1, 2, 'v1'],
      [2, 0, 'v2'],
    ]);
    t.update('a-1', { reachability: 'up' });
    t.flush();
    expect(got[2]!.network).toBeUndefined();
    expect(t.snapshot()).toMatchObject({ seq: 3, network: 'v2' });
    t.close();
  });

  it('coalesces changes per endpoint within a flush window, latest wins', () => {
    vi.useFakeTimers();
    const t = new StatusTable(50);
    t.setEndpoints(endpoints);
    t.flush();
    const got: StatusDelta[] = [];
    t.onDelta((d) => got.push(d));
    t.update('a-1', { reachability: 'up', jitterMs: 10 });
    t.update('a-1', { jitterMs: 12 });
    t.update('a-1', { jitterMs: 40, degraded: true });
    expect(got).toHaveLength(0);
    vi.advanceTimersByTime(49);
    expect(got).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(got).toHaveLength(1);
    expect(got[0]!.updates).toHaveLength(1);
    expect(got[0]!.updates[0]).toMatchObject({ endpointId: 'a-1', reachability: 'up', jitterMs: 40, degraded: true });
    expect(got[0]!.seq).toBe(2);
  });

  it('numbers batches consecutively and a snapshot carries the last seq it contains', () => {
    const t = new StatusTable(50);
    t.setEndpoints(endpoints);
    t.flush();
    t.update('a-1', { reachability: 'up' });
    const snap = t.snapshot(); // flushes the pending change first
    expect(snap.seq).toBe(2);
    expect(snap.statuses.find((s) => s.endpointId === 'a-1')!.reachability).toBe('up');
    const got: StatusDelta[] = [];
    t.onDelta((d) => got.push(d));
    t.update('b-1', { reachability: 'down' });
    t.flush();
    expect(got.map((d) => d.seq)).toEqual([3]);
  });

  it('keeps the time a value changed and each measurement time', () => {
    const t = new StatusTable(50, () => new Date('2026-11-22T01:00:00Z'));
    t.setEndpoints(endpoints);
    t.update('a-1', { reachability: 'up', measuredAt: { reachability: '2026-11-22T00:59:59Z' } });
    expect(t.get('a-1')).toMatchObject({ updatedAt: '2026-11-22T01:00:00.000Z', measuredAt: { reachability: '2026-11-22T00:59:59Z' } });
  });

  it('does not emit when nothing changed and no measurement came', () => {
    const t = new StatusTable(50);
    t.setEndpoints(endpoints);
    t.update('a-1', { reachability: 'up' });
    t.flush();
    const got: StatusDelta[] = [];
    t.onDelta((d) => got.push(d));
    t.update('a-1', { reachability: 'up' });
    t.flush();
    expect(got).toEqual([]);
  });

  it('ignores updates for endpoints it does not hold', () => {
    const t = new StatusTable(50);
    t.setEndpoints(endpoints);
    expect(t.update('nope', { reachability: 'up' })).toBe(false);
    expect(t.get('nope')).toBeUndefined();
  });

  it('reports removed endpoints and drops their pending changes', () => {
    const t = new StatusTable(50);
    t.setEndpoints(endpoints);
    t.flush();
    const got: StatusDelta[] = [];
    t.onDelta((d) => got.push(d));
    t.update('b-1', { reachability: 'up' });
    t.setEndpoints([endpoints[0]!, { endpointId: 'c-1', siteId: 'c' }]);
    t.flush();
    expect(got[0]!.removed).toEqual(['b-1']);
    expect(got[0]!.updates.map((u) => u.endpointId)).toEqual(['c-1']);
    expect(t.size).toBe(2);
  });

  it('keeps delivering to other listeners when one throws', () => {
    const t = new StatusTable(50);
    const err = vi.spyOn(console, 'error').mockImplementation(() => {});
    let delivered = 0;
    t.onDelta(() => {
      throw new Error('dead socket');
    });
    t.onDelta(() => delivered++);
    t.setEndpoints(endpoints);
    t.flush();
    expect(delivered).toBe(1);
    expect(err).toHaveBeenCalled();
    err.mockRestore();
  });
});

describe('StatusTable: urgent changes', () => {
  it('sends an urgent change on the next turn, not after the flush window', async () => {
    const t = new StatusTable(10_000);
    t.setEndpoints(endpoints);
    t.flush();
    const got: StatusDelta[] = [];
    t.onDelta((d) => got.push(d));
    t.update('a-1', { ifOperUp: false }, true);
    await new Promise((r) => setImmediate(r));
    expect(got).toHaveLength(1);
    expect(got[0]!.updates[0]).toMatchObject({ endpointId: 'a-1', ifOperUp: false });
    t.close();
  });
});
