import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { RollupMetric } from '../../../shared/history/histogram.js';
import type { RollupLevel, RollupLevelId } from '../../../shared/history/rollup.js';
import { BUCKET_METRICS, BUCKET_VALUE_COLUMNS } from '../db/migration-9.js';
import { MINUTE, columnsOf, levelIndex, metricIndex, minutes, toBucketWrites, toHistogram, type BucketDbRow, type RollupRow, type SeriesSum } from './histogram-rows.js';

/**
 * The rollups' table (history_buckets, migration 9) and the endpoints' series numbers
 * (history_series), for HistoryStore: writes inside the store's transactions, reads as asked, and
 * the last few answers of `sums` kept until a row inside their range is written or purged.
 */

/** How many answers of `sums` are kept (a month's cover is about six runs). */
const SUMS_KEPT = 12;

const ALL_METRICS: readonly number[] = BUCKET_METRICS.map((_, i) => i);

export class RollupTable {
  private readonly putBucket: StatementSync;
  private readonly putSeries: StatementSync;
  private readonly point: StatementSync;
  /** Endpoint id → series number and back, loaded on first use (dropped when a write rolls back). */
  private seriesOf: Map<string, number> | null = null;
  private endpointOf = new Map<number, string>();
  private readonly sumsBy = new Map<string, StatementSync>();
  /**
   * The last few answers of `sums`, by level, range and metrics. A write of a row inside an
   * answer's range (or a purge reaching into it) drops the answer, so each is what the table holds.
   */
  private readonly sumsCache = new Map<string, { level: RollupLevelId; from: number; to: number; rows: readonly SeriesSum[] }>();
  /** Rows skipped because they no longer decode (reported once per read by the caller's log). */
  skipped = 0;

  constructor(private readonly db: DatabaseSync) {
    // A metric not given (NULL) keeps what the row had: rows of one bucket may come in several writes.
    this.putBucket = db.prepare(
      `INSERT INTO history_buckets (level, bucket, series, ${BUCKET_VALUE_COLUMNS.join(', ')}) VALUES (${new Array(3 + BUCKET_VALUE_COLUMNS.length).fill('?').join(', ')})
       ON CONFLICT (level, bucket, series) DO UPDATE SET ${BUCKET_VALUE_COLUMNS.map((c) => `${c} = COALESCE(excluded.${c}, ${c})`).join(', ')}`,
    );
    this.putSeries = db.prepare('INSERT INTO history_series (endpoint_id) VALUES (?)');
    this.point = db.prepare(`SELECT ${BUCKET_VALUE_COLUMNS.join(', ')} FROM history_buckets WHERE level = ? AND bucket = ? AND series = ?`);
  }

  /**
   * Rollup rows (checked by HistoryStore.write), inside the caller's transaction. They are gathered
   * per bucket row here: a flush hands an endpoint's metrics over together, so they nearly always
   * come in one call (if not, the upsert completes the row).
   */
  put(rows: readonly RollupRow[]): void {
    for (const w of toBucketWrites(rows)) {
      this.invalidateSums(w.levelId, w.start, w.start + 1);
      this.putBucket.run(w.level, w.bucket, this.seriesNumber(w.endpointId), ...w.values);
    }
  }

  /** Rows past their level's retention, inside the caller's transaction; how many went. */
  purge(levels: readonly RollupLevel[], now: number): number {
    const drop = this.db.prepare('DELETE FROM history_buckets WHERE level = ? AND bucket < ?');
    let rollups = 0;
    for (const l of levels) {
      const gone = Number(drop.run(levelIndex(l.id), minutes(0, now - l.retentionMs)[1]).changes);
      if (gone > 0) this.invalidateSums(l.id, -Infinity, now - l.retentionMs);
      rollups += gone;
    }
    return rollups;
  }

  /** Series numbers given inside a rolled-back transaction are gone with it: read them again. */
  forgetSeries(): void {
    this.seriesOf = null;
    this.endpointOf = new Map();
  }

  /** Rows of one level with bucket start in [from, to), of some metrics (all when omitted), by bucket, endpoint number and metric. */
  *rollups(level: RollupLevelId, from: number, to: number, metrics?: readonly RollupMetric[]): Generator<RollupRow> {
    const [a, b] = minutes(from, to);
    const wanted = metrics ? ALL_METRICS.filter((m) => metrics.map(metricIndex).includes(m)) : ALL_METRICS;
    if (wanted.length === 0) return;
    const stmt = this.db.prepare(`SELECT bucket, series, ${columnsOf(wanted).join(', ')} FROM history_buckets WHERE level = ? AND bucket >= ? AND bucket < ? ORDER BY bucket, series`);
    for (const raw of stmt.iterate(levelIndex(level), a, b) as Iterable<BucketDbRow & { bucket: number; series: number }>) {
      const endpointId = this.endpointId(raw.series);
      for (const m of wanted) {
        const histogram = toHistogram(raw, m);
        if (histogram === null) continue;
        if (histogram !== 'bad' && endpointId !== undefined) yield { level, bucketStart: raw.bucket * MINUTE, endpointId, histogram };
        else this.skipped++;
      }
    }
  }

  /**
   * Per endpoint and metric, the merge of its rows of one level with bucket start in [from, to):
   * summed by SQLite, so a month of an endpoint's rows comes back as one histogram per metric.
   */
  sums(level: RollupLevelId, from: number, to: number, metrics: readonly RollupMetric[]): readonly SeriesSum[] {
    const wanted = ALL_METRICS.filter((m) => metrics.map(metricIndex).includes(m));
    const key = wanted.join(',');
    const cacheKey = `${level} ${from} ${to} ${key}`;
    const hit = this.sumsCache.get(cacheKey);
    if (hit) return hit.rows;
    if (wanted.length === 0) return [];
    let stmt = this.sumsBy.get(key);
    if (!stmt) {
      const agg = (c: string) => (c.endsWith('_lo') ? `MIN(${c})` : c.endsWith('_hi') ? `MAX(${c})` : `SUM(${c})`);
      stmt = this.db.prepare(
        `SELECT series, ${columnsOf(wanted).map((c) => `${agg(c)} AS ${c}`).join(', ')}
         FROM history_buckets WHERE level = ? AND bucket >= ? AND bucket < ? GROUP BY series`,
      );
      this.sumsBy.set(key, stmt);
    }
    const [a, b] = minutes(from, to);
    const out: SeriesSum[] = [];
    for (const raw of stmt.iterate(levelIndex(level), a, b) as Iterable<BucketDbRow & { series: number }>) {
      const endpointId = this.endpointId(raw.series);
      for (const m of wanted) {
        const histogram = toHistogram(raw, m);
        if (histogram === null) continue;
        if (histogram !== 'bad' && endpointId !== undefined) out.push({ endpointId, histogram });
        else this.skipped++;
      }
    }
    if (this.sumsCache.size >= SUMS_KEPT) this.sumsCache.delete(this.sumsCache.keys().next().value!);
    this.sumsCache.set(cacheKey, { level, from, to, rows: out });
    return out;
  }

  /** One endpoint's rows of one metric at these bucket starts (a key lookup each). */
  points(level: RollupLevelId, endpointId: string, metric: RollupMetric, starts: Iterable<number>): RollupRow[] {
    const out: RollupRow[] = [];
    const series = this.series().get(endpointId);
    if (series === undefined) return out;
    const m = metricIndex(metric);
    for (const start of starts) {
      if (start % MINUTE !== 0) continue;
      const raw = this.point.get(levelIndex(level), start / MINUTE, series) as BucketDbRow | undefined;
      if (!raw) continue;
      const histogram = toHistogram(raw, m);
      if (histogram === null) continue;
      if (histogram !== 'bad') out.push({ level, bucketStart: start, endpointId, histogram });
      else this.skipped++;
    }
    return out;
  }

  /** Drop the answers of `sums` of this level whose range meets [from, to). */
  private invalidateSums(level: RollupLevelId, from: number, to: number): void {
    if (this.sumsCache.size === 0) return;
    for (const [k, c] of this.sumsCache) if (c.level === level && c.from < to && from < c.to) this.sumsCache.delete(k);
  }

  private series(): Map<string, number> {
    if (!this.seriesOf) {
      const rows = this.db.prepare('SELECT id, endpoint_id FROM history_series').all() as { id: number; endpoint_id: string }[];
      this.seriesOf = new Map(rows.map((r) => [r.endpoint_id, r.id]));
      this.endpointOf = new Map(rows.map((r) => [r.id, r.endpoint_id]));
    }
    return this.seriesOf;
  }

  private endpointId(series: number): string | undefined {
    return this.endpointOf.get(series) ?? (this.series() && this.endpointOf.get(series));
  }

  /** The endpoint's series number, given one the first time (inside the caller's transaction). */
  private seriesNumber(endpointId: string): number {
    const known = this.series().get(endpointId);
    if (known !== undefined) return known;
    const id = Number(this.putSeries.run(endpointId).lastInsertRowid);
    this.seriesOf!.set(endpointId, id);
    this.endpointOf.set(id, endpointId);
    return id;
  }

}
