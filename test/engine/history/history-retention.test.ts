import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/engine/db/database.js';
import { startEngine } from '../../../electron/engine/engine.js';
import { HistoryStore, type RollupRow } from '../../../electron/engine/history/history-store.js';
import { addSample, emptyHistogram } from '../../../shared/history/histogram.js';
import { DAY_MS, HOUR_MS } from '../../../shared/schedule/zoned-time.js';

const NOW = Date.UTC(2026, 5, 10, 12, 0, 0);
const row = (level: RollupRow['level'], bucketStart: number): RollupRow => ({ level, bucketStart, endpointId: 'ba-be-1', histogram: addSample(emptyHistogram('latencyMs'), 40) });

describe('history retention chosen by the engine', () => {
  it('purges each level by the chosen retention, outages by the daily one', () => {
    const s = new HistoryStore(openDatabase(':memory:'), { retention: { '1m': 24 * HOUR_MS, '15m': 21 * DAY_MS, '1h': 90 * DAY_MS, '1d': 400 * DAY_MS } });
    s.startRun(NOW, () => false);
    const outage = (start: number, end: number) => ({ kind: 'put' as const, outage: { endpointId: 'ba-be-1', siteId: 'ba-be', start, end, cause: 'down' as const, behind: null } });
    s.write({
      rollups: [row('1m', NOW - 25 * HOUR_MS), row('1m', NOW - 23 * HOUR_MS), row('15m', NOW - 22 * DAY_MS), row('15m', NOW - 20 * DAY_MS), row('1h', NOW - 91 * DAY_MS), row('1h', NOW - 89 * DAY_MS), row('1d', NOW - 401 * DAY_MS), row('1d', NOW - 399 * DAY_MS)],
      outages: [outage(NOW - 402 * DAY_MS, NOW - 401 * DAY_MS), outage(NOW - 399 * DAY_MS, NOW - 398 * DAY_MS)],
      known: [],
      maintenance: [],
      aliveAt: NOW,
    });
    expect(s.purge(NOW)).toEqual({ rollups: 4, outages: 1, maintenance: 0 });
    expect(s.levels.map((l) => [l.id, l.retentionMs / DAY_MS])).toEqual([['1m', 1], ['15m', 21], ['1h', 90], ['1d', 400]]);
    for (const [level, kept] of [['1m', NOW - 23 * HOUR_MS], ['15m', NOW - 20 * DAY_MS], ['1h', NOW - 89 * DAY_MS], ['1d', NOW - 399 * DAY_MS]] as const) {
      expect([...s.rollups(level, 0, NOW)].map((r) => r.bucketStart), level).toEqual([kept]);
    }
  });

  it('refuses a retention that makes no sense, before the engine starts anything', async () => {
    await expect(startEngine({ inventoryPath: '/nonexistent/inventory.json', historyRetention: { '1m': 40 * DAY_MS } })).rejects.toThrow(
      'history retention: --keep-1m 40d is longer than --keep-15m 35d: a finer level cannot be kept longer than a coarser one',
    );
    expect(() => new HistoryStore(openDatabase(':memory:'), { retention: { '1h': 30 * 60_000 } })).toThrow(RangeError);
  });
});
