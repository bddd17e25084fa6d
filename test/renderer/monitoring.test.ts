import { afterEach, describe, expect, it, vi } from 'vitest';
import { createConsoleApi } from '../../shared/api/console-api.js';
import type { ConsoleTransport, RpcReply } from '../../shared/api/transport.js';
import type { MonitoringStatsView } from '../../shared/monitoring.js';
import { i18n } from '../../renderer/i18n/index.js';
import { assessPoller, compactFigures, fullFigures, POLLER_FRESH_MS } from '../../renderer/features/shell/poller-model.js';
import { startMonitoringPoll } from '../../renderer/stores/monitoring-poll.js';
import { createMonitoringStore, HISTORY_WINDOW_MS } from '../../renderer/stores/monitoring-store.js';
import { MONITORING } from './fixtures.js';

const T0 = Date.parse('2025-11-22T07:30:00Z');

function withCounters(overruns: number, rejected: number): MonitoringStatsView {
  return { ...MONITORING, poller: { ...MONITORING.poller, overruns }, traps: { ...MONITORING.traps!, rejected } };
}

describe('monitoring store', () => {
  it('keeps a minute of counter samples and starts again when the counters go back (a new engine)', () => {
    const store = createMonitoringStore();
    for (let i = 0; i < 20; i++) store.getState().record(withCounters(i, 0), T0 + i * 5000);
    const h = store.getState().history;
    expect(h[0]!.at).toBeGreaterThanOrEqual(T0 + 19 * 5000 - HISTORY_WINDOW_MS);
    expect(h.at(-1)).toEqual({ at: T0 + 95_000, overruns: 19, trapsRejected: 0 });
    store.getState().record(withCounters(0, 0), T0 + 100_000);
    expect(store.getState().history).toHaveLength(1);
  });

  it('records a failure without losing the last figures; the next answer clears it', () => {
    const store = createMonitoringStore();
    store.getState().record(MONITORING, T0);
    store.getState().fail('no reply', T0 + 5000);
    expect(store.getState()).toMatchObject({ stats: MONITORING, fetchedAt: T0, error: 'no reply' });
    store.getState().record(null, T0 + 10_000); // monitoring switched off
    expect(store.getState()).toMatchObject({ stats: null, fetchedAt: T0 + 10_000, error: null, history: [] });
  });
});

describe('poller assessment', () => {
  const base = { stats: null, fetchedAt: null, error: null, history: [] } as const;

  it('waits, then is calm, or "off" when the engine has no monitoring', () => {
    expect(assessPoller(base, T0).level).toBe('waiting');
    expect(assessPoller({ ...base, fetchedAt: T0 }, T0).level).toBe('off');
    expect(assessPoller({ ...base, stats: MONITORING, fetchedAt: T0, history: [{ at: T0, overruns: 4, trapsRejected: 2 }] }, T0)).toEqual({
      level: 'ok',
      reasons: [],
      overrunsGrowth: 0,
      rejectedGrowth: 0,
      stale: false,
    });
  });

  it('calls for attention only when overruns grow or traps are rejected within the window', () => {
    const store = createMonitoringStore();
    store.getState().record(withCounters(4, 2), T0);
    store.getState().record(withCounters(4, 2), T0 + 5000);
    expect(assessPoller(store.getState(), T0 + 5000).level).toBe('ok'); // counts that do not grow are history
    store.getState().record(withCounters(7, 2), T0 + 10_000);
    expect(assessPoller(store.getState(), T0 + 10_000)).toMatchObject({ level: 'attention', reasons: ['overruns'], overrunsGrowth: 3 });
    store.getState().record(withCounters(7, 5), T0 + 15_000);
    expect(assessPoller(store.getState(), T0 + 15_000)).toMatchObject({ reasons: ['overruns', 'trapsRejected'], rejectedGrowth: 3 });
    // A minute later with no further growth it is calm again.
    for (let t = 20_000; t <= 80_000; t += 5000) store.getState().record(withCounters(7, 5), T0 + t);
    expect(assessPoller(store.getState(), T0 + 80_000).level).toBe('ok');
  });

  it('says the engine is not answering when a request failed or the figures are too old', () => {
    const ok = { ...base, stats: MONITORING, fetchedAt: T0, history: [{ at: T0, overruns: 4, trapsRejected: 2 }] };
    expect(assessPoller({ ...ok, error: 'unavailable' }, T0 + 5000)).toMatchObject({ level: 'attention', reasons: ['unreachable'] });
    expect(assessPoller(ok, T0 + POLLER_FRESH_MS + 1)).toMatchObject({ level: 'attention', reasons: ['unreachable'], stale: true });
    expect(assessPoller({ ...base, error: 'unavailable' }, T0).level).toBe('attention'); // never had figures
  });
});

describe('poller figures', () => {
  const a = assessPoller({ stats: MONITORING, fetchedAt: T0, error: null, history: [{ at: T0, overruns: 1, trapsRejected: 2 }, { at: T0 + 5000, overruns: 4, trapsRejected: 2 }] }, T0 + 5000);

  it('formats the compact figures with units, in Vietnamese and in English', () => {
    const vi = compactFigures(MONITORING, a, i18n.getFixedT('vi'), 'vi-VN');
    expect(vi.map((f) => [f.key, f.value])).toEqual([
      ['cycleP99', '9,7\u00a0ms'],
      ['pollsPerSecond', '24,2\u00a0lượt/s'],
      ['overruns', '4'],
      ['timeouts', '66'],
      ['backedOff', '3'],
      ['traps', '1.234'],
      ['trapsRejected', '2'],
    ]);
    expect(vi.find((f) => f.key === 'overruns')!.attention).toBe(true);
    expect(vi.find((f) => f.key === 'trapsRejected')!.attention).toBe(false);
    const en = compactFigures(MONITORING, a, i18n.getFixedT('en'), 'en-GB');
    expect(en.slice(0, 2).map((f) => f.value)).toEqual(['9.7\u00a0ms', '24.2\u00a0polls/s']);
    expect(en.find((f) => f.key === 'traps')!.value).toBe('1,234');
  });

  it('shows "—" for a percentile not measured yet and "off" without a trap receiver', () => {
    const stats = { ...MONITORING, poller: { ...MONITORING.poller, pollCycleMs: { p50: null, p99: null, max: null } }, traps: null };
    const f = compactFigures(stats, a, i18n.getFixedT('vi'), 'vi-VN');
    expect(f[0]!.value).toBe('—');
    expect(f.at(-1)).toEqual({ key: 'traps', value: 'tắt' });
  });

  it('lists every figure with its unit for the panel', () => {
    const groups = fullFigures(MONITORING, a, i18n.getFixedT('vi'), 'vi-VN');
    const all = Object.fromEntries(groups.flatMap((g) => g.figures.map((f) => [f.key, f.value])));
    expect(all).toMatchObject({
      interval: '5\u00a0s',
      endpoints: '121 thiết bị',
      inFlight: '2 / 500',
      backedOff: '3 thiết bị',
      overruns: '4 (tăng 3 trong 1 phút)',
      pollCycle: '1,4\u00a0ms · 9,7\u00a0ms · 101,1\u00a0ms',
      rtt: '0,5\u00a0ms · 3,8\u00a0ms · 36,6\u00a0ms',
      trapPort: 'UDP 16162',
      trapsReceived: '1.234',
      trapsRejected: '2',
    });
  });
});

describe('monitoring poll', () => {
  afterEach(() => vi.useRealTimers());

  it('asks every interval, one request at a time, and records answers and failures', async () => {
    vi.useFakeTimers();
    const pending: ((r: RpcReply) => void)[] = [];
    const transport: ConsoleTransport = {
      request: () => new Promise((resolve) => pending.push(resolve)),
      subscribe: () => () => undefined,
    };
    const store = createMonitoringStore();
    let now = T0;
    const poll = startMonitoringPoll(createConsoleApi(transport), store, { intervalMs: 5000, now: () => now });
    expect(pending).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(5000);
    expect(pending).toHaveLength(1); // the first is still on its way
    now = T0 + 6000;
    pending[0]!({ ok: true, result: MONITORING });
    await vi.advanceTimersByTimeAsync(0);
    expect(store.getState().fetchedAt).toBe(T0 + 6000);
    await vi.advanceTimersByTimeAsync(5000);
    expect(pending).toHaveLength(2);
    pending[1]!({ ok: false, error: { code: 'unavailable', message: 'not connected' } });
    await vi.advanceTimersByTimeAsync(0);
    expect(store.getState().error).toBe(i18n.t('errors.code.unavailable'));
    poll.stop();
    await vi.advanceTimersByTimeAsync(20_000);
    expect(pending).toHaveLength(2);
  });
});
