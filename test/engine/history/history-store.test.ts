import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/engine/db/database.js';
import { decodeCounts, encodeCounts } from '../../../electron/engine/db/varint-counts.js';
import { HistoryStore, type RollupRow } from '../../../electron/engine/history/history-store.js';
import { addSample, emptyHistogram, type RollupMetric } from '../../../shared/history/histogram.js';
import { ROLLUP_LEVELS, type RollupLevelId } from '../../../shared/history/rollup.js';
import { DAY_MS, MINUTE_MS } from '../../../shared/schedule/zoned-time.js';

const NOW = Date.UTC(2026, 5, 10, 12, 0, 0);

const hist = (metric: RollupMetric, ...values: number[]) => values.reduce(addSample, emptyHistogram(metric));
const row = (level: RollupLevelId, bucketStart: number, endpointId = 'ba-be-1', metric: RollupMetric = 'jitterMs'): RollupRow => ({ level, bucketStart, endpointId, histogram: hist(metric, 3, 12, 40) });

function store(): HistoryStore {
  const s = new HistoryStore(openDatabase(':memory:'));
  s.startRun(NOW, () => false);
  return s;
}

const batch = (b: Partial<Parameters<HistoryStore['write']>[0]>) => ({ outages: [], rollups: [], known: [], maintenance: [], aliveAt: NOW, ...b });

describe('bucket counts as varints', () => {
  it('round-trips small and large counts in few bytes', () => {
    const counts = [0, 1, 127, 128, 300, 16_384, 2 ** 40, 0, 0, 0, 0, 0, 0, 0, 0, 5];
    const bytes = encodeCounts(counts);
    expect(decodeCounts(bytes, 16)).toEqual(counts);
    expect(encodeCounts(new Array(16).fill(0))).toHaveLength(16);
  });

  it('refuses bytes that are not whole counts of the right number', () => {
    expect(decodeCounts(Uint8Array.from([0x80]), 1)).toBeNull();
    expect(decodeCounts(encodeCounts([1, 2]), 3)).toBeNull();
    expect(() => encodeCounts([-1])).toThrow(RangeError);
  });
});

describe('HistoryStore', () => {
  it('stores rollups and reads them back by range and by key', () => {
    const s = store();
    s.write(batch({ rollups: [row('1m', NOW - 2 * MINUTE_MS), row('1m', NOW - MINUTE_MS), row('1m', NOW - MINUTE_MS, 'na-ri-1'), row('15m', NOW - 15 * MINUTE_MS, 'ba-be-1', 'latencyMs')] }));
    expect([...s.rollups('1m', NOW - 2 * MINUTE_MS, NOW)].map((r) => [r.bucketStart, r.endpointId])).toEqual([
      [NOW - 2 * MINUTE_MS, 'ba-be-1'],
      [NOW - MINUTE_MS, 'ba-be-1'],
      [NOW - MINUTE_MS, 'na-ri-1'],
    ]);
    const [r] = s.points('15m', 'ba-be-1', 'latencyMs', [NOW - 15 * MINUTE_MS, NOW]);
    expect(r).toEqual(row('15m', NOW - 15 * MINUTE_MS, 'ba-be-1', 'latencyMs'));
    expect([...s.rollups('15m', 0, NOW, ['jitterMs'])]).toEqual([]);
  });

  it('purges each level past its retention and keeps the newer rows, outages and maintenance past five years', () => {
    const s = store();
    const rows: RollupRow[] = [];
    for (const l of ROLLUP_LEVELS) {
      const edge = Math.ceil((NOW - l.retentionMs) / l.bucketMs) * l.bucketMs; // the oldest bucket kept
      rows.push(row(l.id, edge - l.bucketMs), row(l.id, edge), row(l.id, NOW - l.bucketMs));
    }
    const fiveYears = 1827 * DAY_MS;
    const outage = (start: number, end: number | null) => ({ kind: 'put' as const, outage: { endpointId: 'ba-be-1', siteId: 'ba-be', start, end, cause: 'down' as const, behind: null } });
    s.write(
      batch({
        rollups: rows,
        outages: [outage(NOW - fiveYears - 2 * DAY_MS, NOW - fiveYears - DAY_MS), outage(NOW - fiveYears - DAY_MS, NOW - fiveYears + 1), outage(NOW - fiveYears - 3 * DAY_MS, null)],
        maintenance: [{ siteId: 'ba-be', subtree: true, start: NOW - fiveYears - 9 * DAY_MS, end: NOW - fiveYears - 8 * DAY_MS, by: 'kythuat', reason: 'x' }],
      }),
    );
    expect(s.purge(NOW)).toEqual({ rollups: 4, outages: 1, maintenance: 1 });
    for (const l of ROLLUP_LEVELS) {
      const edge = Math.ceil((NOW - l.retentionMs) / l.bucketMs) * l.bucketMs;
      expect([...s.rollups(l.id, 0, NOW + DAY_MS)].map((r) => r.bucketStart), l.id).toEqual([edge, NOW - l.bucketMs]);
    }
    // The open one stays whatever its age; the one that ended within five years stays.
    expect(s.outages(0, NOW).map((o) => o.end)).toEqual([null, NOW - fiveYears + 1]);
    expect(s.purge(NOW)).toEqual({ rollups: 0, outages: 0, maintenance: 0 });
  });

  it('upserts an outage piece by endpoint and start, and drops one of no length', () => {
    const s = store();
    const o = { endpointId: 'ba-be-1', siteId: 'ba-be', start: NOW - 60_000, end: null, cause: 'down' as const, behind: null };
    s.write(batch({ outages: [{ kind: 'put', outage: o }] }));
    expect(s.openOutages()).toEqual([o]);
    s.write(batch({ outages: [{ kind: 'put', outage: { ...o, end: NOW } }] }));
    expect(s.outages(NOW - 1, NOW + 1)).toEqual([{ ...o, end: NOW }]);
    expect(s.outages(NOW, NOW + 1)).toEqual([]);
    s.write(batch({ outages: [{ kind: 'drop', endpointId: 'ba-be-1', start: o.start }] }));
    expect(s.outages(0, NOW + 1)).toEqual([]);
  });

  it('closes what the last run left open at the time it was last alive, and keeps maintenance still in force', () => {
    const db = openDatabase(':memory:');
    const first = new HistoryStore(db);
    expect(first.startRun(NOW, () => false)).toBeNull();
    const open = { endpointId: 'ba-be-1', siteId: 'ba-be', start: NOW + 1000, end: null, cause: 'down' as const, behind: null };
    const maint = (siteId: string) => ({ siteId, subtree: true, start: NOW + 500, end: null, by: 'kythuat', reason: 'thay thiết bị' });
    first.write({ ...batch({ outages: [{ kind: 'put', outage: open }], maintenance: [maint('ba-be'), maint('na-ri')] }), aliveAt: NOW + 10_000 });
    // A crash: no more flushes. The next run starts later on the same file.
    const second = new HistoryStore(db);
    expect(second.startRun(NOW + 60_000, (site) => site === 'na-ri')).toBe(NOW + 10_000);
    expect(second.outages(0, NOW + 60_000)).toEqual([{ ...open, end: NOW + 10_000 }]);
    expect(second.openMaintenance().map((m) => m.siteId)).toEqual(['na-ri']);
    expect(second.maintenance(0, NOW + 60_000).find((m) => m.siteId === 'ba-be')?.end).toBe(NOW + 10_000);
    expect(second.runs()).toEqual([
      { startedAt: NOW, aliveAt: NOW + 10_000 },
      { startedAt: NOW + 60_000, aliveAt: NOW + 60_000 },
    ]);
  });
});

describe('HistoryStore.sums', () => {
  it('merges each endpoint’s rows of a range per metric, as merge() would, leaving out other metrics, levels and times', () => {
    const s = store();
    const h = (metric: RollupMetric, ...v: number[]) => ({ level: '1h' as const, endpointId: 'ba-be-1', histogram: hist(metric, ...v) });
    const H = 3_600_000;
    s.write(
      batch({
        rollups: [
          { ...h('latencyMs', 20, 30), bucketStart: NOW - 3 * H },
          { ...h('latencyMs', 160, 5), bucketStart: NOW - 2 * H },
          { ...h('latencyMs', 999), bucketStart: NOW - H }, // outside [NOW − 3 h, NOW − 1 h)
          { ...h('jitterMs', 7), bucketStart: NOW - 2 * H },
          { ...h('bitrateKbps', 2048), bucketStart: NOW - 2 * H },
          { ...h('latencyMs', 40), bucketStart: NOW - 2 * H, endpointId: 'na-ri-1' },
          { ...h('latencyMs', 1), bucketStart: NOW - 2 * H, level: '1m' as const },
        ],
      }),
    );
    const sums = s.sums('1h', NOW - 3 * H, NOW - H, ['latencyMs', 'jitterMs']);
    const by = (ep: string, m: RollupMetric) => sums.find((r) => r.endpointId === ep && r.histogram.metric === m)?.histogram;
    expect(sums).toHaveLength(3);
    expect(by('ba-be-1', 'latencyMs')).toEqual(hist('latencyMs', 20, 30, 160, 5));
    expect(by('ba-be-1', 'jitterMs')).toEqual(hist('jitterMs', 7));
    expect(by('na-ri-1', 'latencyMs')).toEqual(hist('latencyMs', 40));
    expect(s.sums('1h', NOW, NOW + H, ['latencyMs'])).toEqual([]);
  });

  it('answers a range again from memory until a row inside it is written or purged', () => {
    const s = store();
    const H = 3_600_000;
    const at = (bucketStart: number, v: number): RollupRow => ({ level: '1h', bucketStart, endpointId: 'ba-be-1', histogram: hist('latencyMs', v) });
    s.write(batch({ rollups: [at(NOW - 3 * H, 10), at(NOW - 2 * H, 20)] }));
    const first = s.sums('1h', NOW - 3 * H, NOW - H, ['latencyMs']);
    expect(first[0]!.histogram).toEqual(hist('latencyMs', 10, 20));
    expect(s.sums('1h', NOW - 3 * H, NOW - H, ['latencyMs'])).toBe(first);
    // Outside the range, or another level: the answer stands.
    s.write(batch({ rollups: [at(NOW - H, 99), { ...at(NOW - 2 * H, 99), level: '15m' }] }));
    expect(s.sums('1h', NOW - 3 * H, NOW - H, ['latencyMs'])).toBe(first);
    // A row rewritten inside it: read again.
    s.write(batch({ rollups: [at(NOW - 2 * H, 30)] }));
    expect(s.sums('1h', NOW - 3 * H, NOW - H, ['latencyMs'])[0]!.histogram).toEqual(hist('latencyMs', 10, 30));
    // Purged: the rows past the hourly retention are gone from the answer too.
    const old = NOW - 400 * DAY_MS;
    s.write(batch({ rollups: [at(old, 5), at(NOW - 2 * H, 30)] }));
    expect(s.sums('1h', old, NOW, ['latencyMs'])[0]!.histogram.count).toBe(4);
    s.purge(NOW);
    expect(s.sums('1h', old, NOW, ['latencyMs'])[0]!.histogram).toEqual(hist('latencyMs', 10, 30, 99));
  });

  it('refuses a bucket that does not start on a whole minute, writing nothing of the batch', () => {
    const db = openDatabase(':memory:');
    const s = new HistoryStore(db);
    expect(() => s.write(batch({ rollups: [row('1m', NOW - MINUTE_MS), row('1m', NOW - 1)] }))).toThrow(RangeError);
    expect([...s.rollups('1m', 0, NOW + DAY_MS)]).toEqual([]);
    // The series number given inside the rolled-back batch is given again, and stored this time.
    s.write(batch({ rollups: [row('1m', NOW - MINUTE_MS, 'na-ri-1'), row('1m', NOW - MINUTE_MS)] }));
    expect([...new HistoryStore(db).rollups('1m', 0, NOW)].map((r) => r.endpointId).sort()).toEqual(['ba-be-1', 'na-ri-1']);
  });
});
