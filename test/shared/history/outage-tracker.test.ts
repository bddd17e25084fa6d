import { describe, expect, it } from 'vitest';
import { OutageTracker, causeOf, outagesFrom, type Outage, type ReachabilityTransition } from '../../../shared/history/outage-tracker.js';
import type { Reachability } from '../../../shared/status.js';

const T0 = Date.UTC(2026, 5, 10, 1, 0, 0);
const at = (s: number) => T0 + s * 1000;

const tr = (endpointId: string, reachability: Reachability, s: number, extra: Partial<ReachabilityTransition> = {}): ReachabilityTransition => ({
  endpointId,
  siteId: `${endpointId}-site`,
  reachability,
  at: at(s),
  behind: null,
  ...extra,
});

function feed(tracker: OutageTracker, ts: ReachabilityTransition[]): Outage[] {
  const closed: Outage[] = [];
  for (const t of ts) {
    const r = tracker.apply(t);
    if (!r.ok) throw new Error(r.error.code);
    closed.push(...r.closed);
  }
  return closed;
}

describe('causeOf', () => {
  it('maps reachability to a cause: a codec up while the MCU is out is an MCU outage, one down keeps its own cause', () => {
    expect(causeOf({ reachability: 'down' })).toBe('down');
    expect(causeOf({ reachability: 'unreachable' })).toBe('unreachable');
    expect(causeOf({ reachability: 'up' })).toBeNull();
    expect(causeOf({ reachability: 'up', mcuOut: true })).toBe('mcu');
    expect(causeOf({ reachability: 'down', mcuOut: true })).toBe('down');
    expect(causeOf({ reachability: 'unreachable', mcuOut: true })).toBe('unreachable');
    expect(causeOf({ reachability: 'unknown', mcuOut: true })).toBeNull();
    expect(causeOf({ reachability: 'unknown' })).toBeNull();
  });
});

describe('OutageTracker', () => {
  it('opens on down and closes on up, to the millisecond', () => {
    const t = new OutageTracker();
    const opened = t.apply({ ...tr('cr', 'down', 10), at: at(10) + 250 });
    expect(opened).toEqual({ ok: true, closed: [], opened: { endpointId: 'cr', siteId: 'cr-site', start: at(10) + 250, end: null, cause: 'down', behind: null } });
    const closed = t.apply({ ...tr('cr', 'up', 70), at: at(70) + 5 });
    expect(closed).toEqual({ ok: true, opened: null, closed: [{ endpointId: 'cr', siteId: 'cr-site', start: at(10) + 250, end: at(70) + 5, cause: 'down', behind: null }] });
    expect(t.openOutage('cr')).toBeNull();
  });

  it('does not make an outage of unknown at start, nor of up or repeated states', () => {
    const t = new OutageTracker();
    expect(feed(t, [tr('a', 'unknown', 0), tr('a', 'up', 5), tr('a', 'up', 6)])).toEqual([]);
    expect(t.openOutages()).toEqual([]);
    expect(t.apply(tr('a', 'down', 7))).toMatchObject({ ok: true, opened: { start: at(7) } });
    expect(t.apply(tr('a', 'down', 8))).toEqual({ ok: true, closed: [], opened: null });
    expect(t.openOutage('a')).toMatchObject({ start: at(7), end: null });
  });

  it('splits an outage whose cause changes at the same instant, so the pieces add up', () => {
    const t = new OutageTracker();
    const closed = feed(t, [tr('cr', 'down', 0), tr('cr', 'unreachable', 30, { behind: 'ba-be' }), tr('cr', 'up', 100)]);
    expect(closed).toEqual([
      { endpointId: 'cr', siteId: 'cr-site', start: at(0), end: at(30), cause: 'down', behind: null },
      { endpointId: 'cr', siteId: 'cr-site', start: at(30), end: at(100), cause: 'unreachable', behind: 'ba-be' },
    ]);
    expect(closed.reduce((s, o) => s + o.end! - o.start, 0)).toBe(100_000);
  });

  it('splits when the dark ancestor changes, not when nothing does', () => {
    const t = new OutageTracker();
    const closed = feed(t, [
      tr('cr', 'unreachable', 0, { behind: 'ba-be' }),
      tr('cr', 'unreachable', 10, { behind: 'ba-be' }),
      tr('cr', 'unreachable', 20, { behind: 'tinh' }),
    ]);
    expect(closed).toEqual([expect.objectContaining({ start: at(0), end: at(20), behind: 'ba-be' })]);
    expect(t.openOutage('cr')).toMatchObject({ start: at(20), behind: 'tinh', cause: 'unreachable' });
  });

  it('gives the MCU cause to a codec up while the MCU is out, split from its own down time, with no dark site behind it', () => {
    const t = new OutageTracker();
    const closed = feed(t, [
      tr('cr', 'up', 0),
      tr('cr', 'up', 10, { mcuOut: true, behind: 'ba-be' }),
      tr('cr', 'down', 40, { mcuOut: true }),
      tr('cr', 'up', 50, { mcuOut: true }),
      tr('cr', 'up', 70),
    ]);
    expect(closed.map((o) => [o.cause, o.start, o.end, o.behind])).toEqual([
      ['mcu', at(10), at(40), null],
      ['down', at(40), at(50), null],
      ['mcu', at(50), at(70), null],
    ]);
    expect(t.openOutage('cr')).toBeNull();
  });

  it('ends an outage on unknown (no downtime claimed past the last verdict)', () => {
    const t = new OutageTracker();
    expect(feed(t, [tr('a', 'down', 0), tr('a', 'unknown', 20), tr('a', 'down', 60)])).toEqual([expect.objectContaining({ start: at(0), end: at(20) })]);
    expect(t.openOutage('a')).toMatchObject({ start: at(60) });
  });

  it('drops zero-length intervals: down and up at the same ms, a cause replaced at once', () => {
    const t = new OutageTracker();
    expect(feed(t, [tr('a', 'down', 5), tr('a', 'up', 5)])).toEqual([]);
    expect(feed(t, [tr('a', 'down', 9), tr('a', 'unreachable', 9, { behind: 'p' }), tr('a', 'up', 12)])).toEqual([
      expect.objectContaining({ start: at(9), end: at(12), cause: 'unreachable' }),
    ]);
  });

  it('rejects a transition older than the last one of that endpoint, and accepts equal times', () => {
    const t = new OutageTracker();
    feed(t, [tr('a', 'down', 10)]);
    expect(t.apply(tr('a', 'up', 9))).toEqual({ ok: false, error: { code: 'out_of_order', params: { endpointId: 'a', at: at(9), lastAt: at(10) } } });
    expect(t.openOutage('a')).toMatchObject({ start: at(10) });
    expect(t.lastAt('a')).toBe(at(10));
    // Another endpoint has its own clock.
    expect(t.apply(tr('b', 'down', 1)).ok).toBe(true);
    expect(t.apply(tr('a', 'up', 10)).ok).toBe(true);
  });

  it('rejects a time that is not a number', () => {
    expect(new OutageTracker().apply({ ...tr('a', 'down', 0), at: Number.NaN })).toMatchObject({ ok: false, error: { code: 'invalid_time' } });
  });

  it('splits when the endpoint moves to another site', () => {
    const t = new OutageTracker();
    const closed = feed(t, [tr('a', 'down', 0), tr('a', 'down', 10, { siteId: 'elsewhere' })]);
    expect(closed).toEqual([expect.objectContaining({ siteId: 'a-site', end: at(10) })]);
    expect(t.openOutage('a')).toMatchObject({ siteId: 'elsewhere', start: at(10) });
  });

  it('resumes open outages after a restart and closes them later', () => {
    const before = new OutageTracker();
    feed(before, [tr('a', 'down', 0), tr('b', 'unreachable', 3, { behind: 'p' }), tr('c', 'down', 1), tr('c', 'up', 2)]);
    const persisted = before.openOutages();
    expect(persisted.map((o) => o.endpointId)).toEqual(['a', 'b']);
    const after = new OutageTracker([...persisted, { endpointId: 'z', siteId: 's', start: 0, end: 5, cause: 'down', behind: null }]);
    expect(after.openOutages()).toEqual(persisted);
    expect(after.apply(tr('a', 'up', 100))).toMatchObject({ ok: true, closed: [{ start: at(0), end: at(100) }] });
    expect(after.apply(tr('b', 'up', 2))).toMatchObject({ ok: false, error: { code: 'out_of_order' } });
  });
});

describe('outagesFrom (a batch)', () => {
  const ordered = [tr('a', 'down', 0), tr('b', 'down', 5), tr('a', 'up', 10), tr('b', 'unreachable', 20, { behind: 'p' })];

  it('sorts transitions given out of order and gives closed and open outages by start', () => {
    const shuffled = [ordered[3]!, ordered[0]!, ordered[2]!, ordered[1]!];
    const expected = [
      { endpointId: 'a', siteId: 'a-site', start: at(0), end: at(10), cause: 'down', behind: null },
      { endpointId: 'b', siteId: 'b-site', start: at(5), end: at(20), cause: 'down', behind: null },
      { endpointId: 'b', siteId: 'b-site', start: at(20), end: null, cause: 'unreachable', behind: 'p' },
    ];
    expect(outagesFrom(ordered)).toEqual(expected);
    expect(outagesFrom(shuffled)).toEqual(expected);
  });

  it('keeps the given order between equal times', () => {
    expect(outagesFrom([tr('a', 'down', 0), tr('a', 'up', 5), tr('a', 'down', 5), tr('a', 'up', 8)])).toEqual([
      expect.objectContaining({ start: at(0), end: at(5) }),
      expect.objectContaining({ start: at(5), end: at(8) }),
    ]);
    expect(outagesFrom([tr('a', 'down', 0), tr('a', 'down', 5), tr('a', 'up', 5)])).toEqual([expect.objectContaining({ start: at(0), end: at(5) })]);
  });

  it('is empty for no transitions and throws on a time that is not a number', () => {
    expect(outagesFrom([])).toEqual([]);
    expect(() => outagesFrom([{ ...tr('a', 'down', 0), at: Number.POSITIVE_INFINITY }])).toThrow(/invalid_time/);
  });
});
