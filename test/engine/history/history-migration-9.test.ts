import { describe, expect, it } from 'vitest';
import { migrate, openDatabase } from '../../../electron/engine/db/database.js';
import { COUNT_COLUMNS, MIGRATIONS } from '../../../electron/engine/db/migrations.js';
import { HistoryStore } from '../../../electron/engine/history/history-store.js';
import { addSample, emptyHistogram, type Histogram, type RollupMetric } from '../../../shared/history/histogram.js';
import { ROLLUP_METRICS } from '../../../shared/history/histogram.js';

const NOW = Date.UTC(2026, 5, 10, 12, 0, 0);
const H = 3_600_000;
const hist = (metric: RollupMetric, ...values: number[]) => values.reduce(addSample, emptyHistogram(metric));

/** A file as migration 8 left it, with rows written as migration 7's store wrote them (one per metric, floats). */
function migration8File() {
  const db = openDatabase(':memory:', MIGRATIONS.filter((m) => m.version <= 8));
  const series = db.prepare('INSERT INTO history_series (endpoint_id) VALUES (?)');
  series.run('ba-be-1');
  series.run('na-ri-1');
  const put = db.prepare(
    `INSERT INTO history_histograms (level, bucket, series, metric, count, min, max, sum, ${COUNT_COLUMNS.join(', ')}) VALUES (${new Array(8 + COUNT_COLUMNS.length).fill('?').join(', ')})`,
  );
  const write = (level: number, at: number, s: number, h: Histogram) => put.run(level, at / 60_000, s, ROLLUP_METRICS.indexOf(h.metric), h.count, h.min, h.max, h.sum, ...h.counts);
  return { db, write };
}

describe('migration 9: one rollup row per bucket and endpoint, figures as scaled integers', () => {
  it('keeps every rollup of a migration-8 file, four metrics of a bucket in one row, at the metrics’ resolution', () => {
    const { db, write } = migration8File();
    const rows = [
      { level: 0, id: '1m' as const, at: NOW - 60_000, s: 1, ep: 'ba-be-1', h: hist('latencyMs', 20, 35.5, 180.125) },
      { level: 0, id: '1m' as const, at: NOW - 60_000, s: 1, ep: 'ba-be-1', h: hist('packetLossPct', 0, 0, 1.5, 0.001) },
      { level: 0, id: '1m' as const, at: NOW - 60_000, s: 1, ep: 'ba-be-1', h: hist('jitterMs', 0.25, 12, 3) },
      { level: 0, id: '1m' as const, at: NOW - 60_000, s: 1, ep: 'ba-be-1', h: hist('bitrateKbps', 2048, 1024) },
      { level: 0, id: '1m' as const, at: NOW - 60_000, s: 2, ep: 'na-ri-1', h: hist('latencyMs', 41) },
      { level: 2, id: '1h' as const, at: NOW - H, s: 2, ep: 'na-ri-1', h: hist('jitterMs', ...new Array<number>(300).fill(4), ...new Array<number>(20_000).fill(60)) },
    ];
    for (const r of rows) write(r.level, r.at, r.s, r.h);
    // A row no store wrote (min over max): left out, the bucket's other metrics kept.
    write(0, NOW - 60_000, 2, { ...hist('jitterMs', 5), min: 9, max: 1 });
    expect(migrate(db, MIGRATIONS)).toBe(9);
    expect(db.prepare('SELECT COUNT(*) AS n FROM history_buckets').get()).toEqual({ n: 3 });
    expect(db.prepare("SELECT COUNT(*) AS n FROM sqlite_schema WHERE name = 'history_histograms'").get()).toEqual({ n: 0 });
    const s = new HistoryStore(db);
    for (const r of rows) expect(s.points(r.id, r.ep, r.h.metric, [r.at]), `${r.id} ${r.h.metric}`).toEqual([{ level: r.id, bucketStart: r.at, endpointId: r.ep, histogram: r.h }]);
    expect([...s.rollups('1m', 0, NOW)].map((r) => `${r.endpointId} ${r.histogram.metric}`)).toEqual([
      'ba-be-1 packetLossPct',
      'ba-be-1 jitterMs',
      'ba-be-1 latencyMs',
      'ba-be-1 bitrateKbps',
      'na-ri-1 latencyMs',
    ]);
  });

  it('rounds figures finer than the resolution to it (0.001 % loss, 1 µs, 1 kbps)', () => {
    const { db, write } = migration8File();
    write(0, NOW - 60_000, 1, hist('latencyMs', 20.0004, 20.0006));
    write(0, NOW - 60_000, 1, hist('bitrateKbps', 1536.4));
    migrate(db, MIGRATIONS);
    const s = new HistoryStore(db);
    const [lat] = s.points('1m', 'ba-be-1', 'latencyMs', [NOW - 60_000]);
    expect(lat!.histogram).toMatchObject({ min: 20, max: 20.001, sum: 40.001, count: 2 });
    expect(s.points('1m', 'ba-be-1', 'bitrateKbps', [NOW - 60_000])[0]!.histogram).toMatchObject({ min: 1536, max: 1536, sum: 1536 });
  });

  it('applies all or nothing: a failure leaves the file as migration 8 left it', () => {
    const { db, write } = migration8File();
    write(0, NOW - 60_000, 1, hist('latencyMs', 20));
    db.exec('CREATE TABLE history_buckets (x INTEGER)'); // in the way: CREATE TABLE fails
    expect(() => migrate(db, MIGRATIONS)).toThrow(/migration 9/);
    expect(db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get()).toEqual({ v: 8 });
    expect(db.prepare('SELECT COUNT(*) AS n FROM history_histograms').get()).toEqual({ n: 1 });
  });
});
