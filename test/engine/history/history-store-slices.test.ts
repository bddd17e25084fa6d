import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/engine/db/database.js';
import { HistoryStore, type RollupRow } from '../../../electron/engine/history/history-store.js';
import { addSample, emptyHistogram, type Histogram, type RollupMetric } from '../../../shared/history/histogram.js';
import { MINUTE_MS } from '../../../shared/schedule/zoned-time.js';
import { world } from './history-world.js';

const NOW = Date.UTC(2026, 5, 10, 12, 0, 0);
const hist = (metric: RollupMetric, ...values: number[]) => values.reduce(addSample, emptyHistogram(metric));
const batch = (b: Partial<Parameters<HistoryStore['write']>[0]>) => ({ outages: [], rollups: [], known: [], maintenance: [], aliveAt: NOW, ...b });

/** A store whose later slices wait in `pending` until the test runs them. */
function slicedStore(sliceRows: number, db = openDatabase(':memory:')) {
  const pending: (() => void)[] = [];
  const s = new HistoryStore(db, { sliceRows, schedule: (run) => pending.push(run) });
  s.startRun(NOW, () => false);
  const count = () => (db.prepare('SELECT COUNT(*) AS n FROM history_buckets').get() as { n: number }).n;
  return { s, db, pending, count };
}

const minuteRows = (endpoints: number, at: number, metrics: readonly RollupMetric[] = ['latencyMs']): RollupRow[] =>
  Array.from({ length: endpoints }, (_, e) => metrics.map((m) => ({ level: '1m' as const, bucketStart: at, endpointId: `ep-${String(e).padStart(3, '0')}`, histogram: hist(m, 20 + e) }))).flat();

describe('HistoryStore: rollup rows in slices', () => {
  it('writes the first slice with the flush and the rest in later slices, all landing in order', () => {
    const { s, db, pending, count } = slicedStore(20);
    const outage = { endpointId: 'ep-000', siteId: 'x', start: NOW - 5000, end: null, cause: 'down' as const, behind: null };
    // 25 endpoints × 2 metrics: 50 metric rows, 25 rows of history_buckets (a row carries both); slices of 20 metric rows.
    const w = s.write(batch({ rollups: minuteRows(25, NOW - MINUTE_MS, ['latencyMs', 'jitterMs']), outages: [{ kind: 'put', outage }] }));
    expect(w).toEqual({ outages: 1, rollups: 50 });
    expect(count()).toBe(10);
    expect(s.queuedRollups).toBe(30);
    expect(s.openOutages()).toEqual([outage]); // not a rollup read: the queue stays
    expect(pending).toHaveLength(1);
    pending.shift()!();
    expect(count()).toBe(20);
    // A new flush meanwhile: the 10 older metric rows go first, then the first 10 of its 13, in order.
    s.write(batch({ rollups: minuteRows(13, NOW) }));
    expect(count()).toBe(35);
    expect(s.queuedRollups).toBe(3);
    const landed = () => (db.prepare('SELECT s.endpoint_id AS id FROM history_buckets b JOIN history_series s ON s.id = b.series WHERE b.bucket = ? ORDER BY s.id').all(NOW / MINUTE_MS) as { id: string }[]).map((r) => r.id);
    expect(landed()).toEqual(minuteRows(10, NOW).map((r) => r.endpointId));
    while (pending.length) pending.shift()!();
    expect(s.queuedRollups).toBe(0);
    expect(count()).toBe(38);
    expect(landed()).toHaveLength(13);
    // Series numbers were given in the order the rows landed: the hand-over order.
    const series = (db.prepare('SELECT endpoint_id FROM history_series ORDER BY id').all() as { endpoint_id: string }[]).map((r) => r.endpoint_id);
    expect(series).toEqual(minuteRows(25, 0).map((r) => r.endpointId));
    expect([...s.rollups('1m', NOW - MINUTE_MS, NOW)]).toHaveLength(50);
  });

  it('completes a bucket row whose metrics fall in two slices', () => {
    const { s, pending } = slicedStore(3);
    s.write(batch({ rollups: minuteRows(2, NOW - MINUTE_MS, ['latencyMs', 'jitterMs']) }));
    while (pending.length) pending.shift()!();
    expect([...s.rollups('1m', NOW - MINUTE_MS, NOW)].map((r) => `${r.endpointId} ${r.histogram.metric}`)).toEqual(['ep-000 jitterMs', 'ep-000 latencyMs', 'ep-001 jitterMs', 'ep-001 latencyMs']);
  });

  it('lets a read see every row handed over (it writes the queue first)', () => {
    const { s, pending, count } = slicedStore(4);
    s.write(batch({ rollups: minuteRows(9, NOW - MINUTE_MS) }));
    expect(count()).toBe(4);
    expect(s.sums('1m', NOW - MINUTE_MS, NOW, ['latencyMs'])).toHaveLength(9);
    expect(count()).toBe(9);
    pending.shift()!(); // the timer finds nothing left
    expect(count()).toBe(9);
  });

  it('a stop between slices writes the rest (drain), and the next run on the file reads them all', () => {
    const { s, db, count } = slicedStore(5);
    s.write(batch({ rollups: minuteRows(12, NOW - MINUTE_MS) }));
    expect(count()).toBe(5);
    s.drain();
    expect(count()).toBe(12);
    const next = new HistoryStore(db);
    expect([...next.rollups('1m', NOW - MINUTE_MS, NOW)].map((r) => r.endpointId)).toEqual(minuteRows(12, 0).map((r) => r.endpointId));
  });

  it('keeps a slice that failed and writes it when the database takes writes again', () => {
    const { s, db, pending, count } = slicedStore(5);
    const errors: string[] = [];
    const quiet = new HistoryStore(db, { sliceRows: 5, schedule: (run) => pending.push(run), onError: (m) => errors.push(m) });
    quiet.write(batch({ rollups: minuteRows(8, NOW - 2 * MINUTE_MS) }));
    expect(count()).toBe(5);
    db.exec('CREATE TRIGGER refuse BEFORE INSERT ON history_buckets BEGIN SELECT RAISE(ABORT, "disk full"); END');
    pending.shift()!();
    expect(errors).toHaveLength(1);
    expect(quiet.queuedRollups).toBe(3);
    // A flush while failing: refused whole, nothing queued from it (the service keeps it and retries).
    expect(() => quiet.write(batch({ rollups: minuteRows(2, NOW - MINUTE_MS) }))).toThrow(/disk full/);
    expect(quiet.queuedRollups).toBe(3);
    db.exec('DROP TRIGGER refuse');
    pending.shift()!();
    expect(count()).toBe(8);
    expect(s.queuedRollups).toBe(0);
  });
});

describe('HistoryService on a sliced store', () => {
  it('a clean stop between slices writes the rest: the next run finds every minute', () => {
    const pending: (() => void)[] = [];
    const w = world({ now: NOW, store: (db) => new HistoryStore(db, { sliceRows: 1, schedule: (run) => pending.push(run) }) });
    const ids = w.status.snapshot().statuses.map((s) => s.endpointId);
    w.readings(NOW + 5_000, Object.fromEntries(ids.map((id, i) => [id, { latencyMs: 20 + i, jitterMs: 2 }])));
    w.at(NOW + MINUTE_MS + 1_000);
    w.history.flush();
    const rows = () => (w.db.prepare('SELECT COUNT(*) AS n FROM history_buckets').get() as { n: number }).n;
    expect(rows()).toBe(1);
    expect(pending.length).toBe(1);
    w.close();
    expect(rows()).toBeGreaterThanOrEqual(ids.length);
    const next = new HistoryStore(w.db);
    const minute = [...next.rollups('1m', NOW, NOW + MINUTE_MS)];
    expect(minute.filter((r) => r.histogram.metric === 'latencyMs').map((r) => r.endpointId).sort()).toEqual([...ids].sort());
    expect(minute.filter((r) => r.histogram.metric === 'jitterMs')).toHaveLength(ids.length);
  });
});

describe('HistoryStore: figures at the layout’s resolution', () => {
  const at = NOW - MINUTE_MS;
  const roundTrip = (h: Histogram): Histogram => {
    const { s } = slicedStore(1000);
    s.write(batch({ rollups: [{ level: '1m', bucketStart: at, endpointId: 'ba-be-1', histogram: h }] }));
    return s.points('1m', 'ba-be-1', h.metric, [at])[0]!.histogram;
  };

  it('gives back values on the resolution exactly: 0.001 % loss, 1 µs of jitter or latency, 1 kbps', () => {
    for (const h of [
      hist('packetLossPct', 0, 0.001, 0.999, 100),
      hist('jitterMs', 0.001, 34.999, 35, 35.001, 500.5),
      hist('latencyMs', 0.001, 149.999, 150.001, 60_000),
      hist('bitrateKbps', 0, 1, 16_384, 100_000),
    ]) {
      expect(roundTrip(h), h.metric).toEqual(h);
    }
  });

  it('rounds what lies between to the nearest step, and keeps a day of the largest samples whole', () => {
    expect(roundTrip(hist('latencyMs', 20.0004, 20.0006))).toMatchObject({ min: 20, max: 20.001, sum: 40.001 });
    expect(roundTrip(hist('packetLossPct', 0.0004))).toMatchObject({ min: 0, max: 0, sum: 0, count: 1 });
    // A day at 5 s polling: 17,280 samples of 100 % loss, a sum of 1.728·10^9 thousandths.
    const day = { ...hist('packetLossPct', 100), count: 17_280, sum: 1_728_000, counts: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 17_280, 0] };
    expect(roundTrip(day)).toEqual(day);
  });

  it('writes the metrics of one bucket in several flushes into one row, a later one replacing only its own metric', () => {
    const { s, count } = slicedStore(1000);
    const row = (h: Histogram): RollupRow => ({ level: '15m', bucketStart: NOW - 15 * MINUTE_MS, endpointId: 'ba-be-1', histogram: h });
    s.write(batch({ rollups: [row(hist('latencyMs', 40))] }));
    s.write(batch({ rollups: [row(hist('jitterMs', 3)), row(hist('bitrateKbps', 2048))] }));
    s.write(batch({ rollups: [row(hist('latencyMs', 41, 42))] }));
    expect(count()).toBe(1);
    expect([...s.rollups('15m', 0, NOW)].map((r) => r.histogram)).toEqual([hist('jitterMs', 3), hist('latencyMs', 41, 42), hist('bitrateKbps', 2048)]);
  });
});
