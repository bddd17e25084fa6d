import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EventLog } from '../../electron/engine/events/event-log.js';
import { startMonitoring, type Monitoring } from '../../electron/engine/monitoring/monitoring.js';
import type { PollSample, SnmpPoller, SnmpPollerOptions } from '../../electron/engine/snmp/poller.js';
import { loadProfiles } from '../../electron/engine/snmp/profiles.js';
import { StatusTable } from '../../electron/engine/status/status-table.js';
import { validateInventory, type Inventory } from '../../shared/inventory.js';
import type { Reachability } from '../../shared/status.js';
import { smallInventory } from '../fixtures/inventory.js';

/**
 * A district's recovery on a timeline the test controls: samples are handed to monitoring as the
 * poller would (with when each request left and when it ended), under fake timers, and every
 * status batch is checked — no commune of Ba Bể may ever read `down`.
 */
const INTERVAL_MS = 5000;
const COMMUNES = ['ba-be-cho-ra-1', 'ba-be-nam-mau-1'];

let monitoring: Monitoring;
let inventory: Inventory;
let status: StatusTable;
let onSample: SnmpPollerOptions['onSample'];
let shownDown: string[];
/** The out-of-cycle polls monitoring asked for. */
let askedNow: string[][];

const fakePoller = (options: SnmpPollerOptions): SnmpPoller => {
  onSample = options.onSample;
  return { setEndpoints: () => undefined, pollNow: (ids) => void askedNow.push([...ids]), stats: () => ({}) as ReturnType<SnmpPoller['stats']>, overruns: () => 0, close: async () => undefined };
};

/** One poll outcome: sent now, ended `tookMs` later (the clock is advanced to its end). */
async function poll(endpointId: string, answered: boolean, tookMs = 20): Promise<void> {
  const sentAt = new Date().toISOString();
  await vi.advanceTimersByTimeAsync(tookMs);
  const sample: PollSample = { at: new Date().toISOString(), sentAt, answered, error: answered ? null : 'timeout', rttMs: answered ? tookMs : null, values: {}, problems: [] };
  onSample(endpointId, sample);
}

const reach = (id: string): Reachability | undefined => status.get(id)?.reachability;

beforeEach(async () => {
  vi.useFakeTimers({ now: new Date('2026-12-07T02:00:00Z') });
  const r = validateInventory({ ...smallInventory(), monitoring: { intervalS: INTERVAL_MS / 1000, timeoutMs: 1000, retries: 1 } });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  inventory = r.inventory as Inventory;
  status = new StatusTable(10);
  status.setEndpoints(inventory.sites.flatMap((s) => s.endpoints.map((e) => ({ endpointId: e.id, siteId: s.id }))));
  monitoring = await startMonitoring(inventory, { status, events: new EventLog(), profiles: loadProfiles(), traps: false, createPoller: fakePoller });
  shownDown = [];
  askedNow = [];
  status.onDelta((d) => d.updates.forEach((u) => u.reachability === 'down' && COMMUNES.includes(u.endpointId) && shownDown.push(u.endpointId)));
  // Everything answers, then Ba Bể goes dark: the district reads down, its communes unreachable.
  for (const id of ['ubnd-tinh-1', 'ba-be-1', 'na-ri-1', ...COMMUNES, 'na-ri-kim-hy-1']) await poll(id, true);
  await vi.advanceTimersByTimeAsync(200);
  for (const id of COMMUNES) await poll(id, false, 2000);
  // The communes' verdict waits for the district's codec: its poll is asked for now, once for both.
  expect(askedNow).toEqual([['ba-be-1']]);
  await poll('ba-be-1', false, 2000);
  await vi.advanceTimersByTimeAsync(100);
  // The district's verdict waits for the province's codec, and asks for its poll now.
  expect(reach('ba-be-1')).toBe('up');
  expect(askedNow).toEqual([['ba-be-1'], ['ubnd-tinh-1']]);
  await poll('ubnd-tinh-1', true); // the province answers: the district itself is down
  // Decided at the deferred pass (a quarter interval, at most 500 ms), not the province's next turn.
  await vi.advanceTimersByTimeAsync(500);
  expect([reach('ba-be-1'), ...COMMUNES.map(reach)]).toEqual(['down', 'unreachable', 'unreachable']);
  expect(askedNow).toEqual([['ba-be-1'], ['ubnd-tinh-1']]);
});

afterEach(async () => {
  await monitoring.close();
  vi.useRealTimers();
});

describe('a district coming back', () => {
  it('a probe sent into the outage that times out after the recovery leaves the commune unreachable, not down', async () => {
    // Cho Ra's probe leaves while Ba Bể is still dark; the district answers; the probe then times out.
    const sentAt = new Date().toISOString();
    await vi.advanceTimersByTimeAsync(300);
    await poll('ba-be-1', true);
    await vi.advanceTimersByTimeAsync(200);
    onSample('ba-be-cho-ra-1', { at: new Date().toISOString(), sentAt, answered: false, error: 'timeout', rttMs: null, values: {}, problems: [] });
    await vi.advanceTimersByTimeAsync(600);
    expect(reach('ba-be-1')).toBe('up');
    expect(reach('ba-be-cho-ra-1')).toBe('unreachable');
    // Its next probe, sent after the district came back, decides: it answers.
    await vi.advanceTimersByTimeAsync(INTERVAL_MS - 1100);
    await poll('ba-be-cho-ra-1', true);
    await vi.advanceTimersByTimeAsync(600);
    expect(reach('ba-be-cho-ra-1')).toBe('up');
    expect(shownDown).toEqual([]);
  });

  it('a commune whose own probe, sent after the recovery, fails is down: that is its verdict', async () => {
    await poll('ba-be-1', true);
    await vi.advanceTimersByTimeAsync(200);
    await poll('ba-be-nam-mau-1', false, 1000);
    await vi.advanceTimersByTimeAsync(600);
    expect(reach('ba-be-nam-mau-1')).toBe('down');
  });

  it('a commune never polled again is declared by what it last said after three intervals, no sooner', async () => {
    await poll('ba-be-1', true);
    await vi.advanceTimersByTimeAsync(2 * INTERVAL_MS);
    expect(reach('ba-be-nam-mau-1')).toBe('unreachable');
    await vi.advanceTimersByTimeAsync(INTERVAL_MS + 600);
    expect(reach('ba-be-nam-mau-1')).toBe('down');
  });
});

describe('a new inventory', () => {
  it('re-derives the moved commune at once, without waiting for a poll of its own to flip', async () => {
    await poll('na-ri-kim-hy-1', false, 1000);
    await poll('na-ri-1', true);
    await vi.advanceTimersByTimeAsync(600);
    expect(reach('na-ri-kim-hy-1')).toBe('down'); // Na Rì answers: Kim Hỷ itself is down
    // Kim Hỷ is moved under Ba Bể, which is dark: the fault is upstream now.
    const moved = { ...inventory, sites: inventory.sites.map((s) => (s.id === 'na-ri-kim-hy' ? { ...s, parent: 'ba-be' } : s)) };
    monitoring.setInventory(moved);
    await vi.advanceTimersByTimeAsync(200);
    expect(reach('na-ri-kim-hy-1')).toBe('unreachable');
    // And the tracker built for the new tree follows later flips there: Ba Bể back, Kim Hỷ still silent.
    await poll('ba-be-1', true);
    await vi.advanceTimersByTimeAsync(200);
    await poll('na-ri-kim-hy-1', false, 1000);
    await vi.advanceTimersByTimeAsync(600);
    expect(reach('na-ri-kim-hy-1')).toBe('down');
  });
});
