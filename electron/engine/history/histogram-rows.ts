import { BUCKET_BOUNDS, ROLLUP_METRICS, type Histogram, type RollupMetric } from '../../../shared/history/histogram.js';
import { ROLLUP_LEVEL_IDS, type RollupLevelId } from '../../../shared/history/rollup.js';
import { BUCKET_METRICS, BUCKET_VALUE_COLUMNS, metricColumns } from '../db/migration-9.js';

/**
 * Rollup rows as history-store.ts writes and reads them in history_buckets (migration 9): one
 * row per level, bucket and endpoint, level by its index, bucket start in epoch minutes, and per
 * metric its count, min, max and sum as integers in the metric's resolution plus the 16 counts.
 */

export interface RollupRow {
  readonly level: RollupLevelId;
  readonly bucketStart: number;
  readonly endpointId: string;
  readonly histogram: Histogram;
}

/** One endpoint's histogram of one metric over a range (HistoryStore.sums). */
export interface SeriesSum {
  readonly endpointId: string;
  readonly histogram: Histogram;
}

export const MINUTE = 60_000;
/** Bucket starts in [from, to) as epoch minutes (every bucket starts on a whole minute). */
export const minutes = (from: number, to: number): [number, number] => [Math.ceil(from / MINUTE), Math.ceil(to / MINUTE)];
export const levelIndex = (l: RollupLevelId): number => ROLLUP_LEVEL_IDS.indexOf(l);
export const metricIndex = (m: RollupMetric): number => ROLLUP_METRICS.indexOf(m);

/** The columns of some metrics (by index), in BUCKET_VALUE_COLUMNS order. */
export const columnsOf = (metrics: readonly number[]): string[] => metrics.flatMap((m) => metricColumns(BUCKET_METRICS[m]!));

/** One row of history_buckets to write: its key and the 80 values (NULL where a metric is not given). */
export interface BucketWrite {
  readonly level: number;
  readonly bucket: number;
  readonly endpointId: string;
  readonly values: (number | null)[];
  /** Bucket start in ms and level id (to drop the store's cached sums over it). */
  readonly levelId: RollupLevelId;
  readonly start: number;
}

const PER_METRIC = 4 + 16;

/**
 * Rollup rows (non-empty, on whole minutes: HistoryStore.write checks) gathered per (level,
 * bucket, endpoint), in the order each key first appears; a later row of the same key and metric
 * replaces the earlier.
 */
export function toBucketWrites(rows: Iterable<RollupRow>): BucketWrite[] {
  const byKey = new Map<string, BucketWrite>();
  for (const r of rows) {
    const h = r.histogram;
    if (h.min === null || h.max === null) continue;
    const m = metricIndex(h.metric);
    const key = `${r.level}\u0000${r.bucketStart}\u0000${r.endpointId}`;
    let w = byKey.get(key);
    if (!w) {
      w = { level: levelIndex(r.level), bucket: r.bucketStart / MINUTE, endpointId: r.endpointId, values: new Array<number | null>(BUCKET_VALUE_COLUMNS.length).fill(null), levelId: r.level, start: r.bucketStart };
      byKey.set(key, w);
    }
    const { scale } = BUCKET_METRICS[m]!;
    const at = m * PER_METRIC;
    w.values[at] = h.count;
    w.values[at + 1] = Math.round(h.min * scale);
    w.values[at + 2] = Math.round(h.max * scale);
    w.values[at + 3] = Math.round(h.sum * scale);
    for (let i = 0; i < 16; i++) w.values[at + 4 + i] = h.counts[i] ?? 0;
  }
  return [...byKey.values()];
}

/** A row read back: key columns and the columns of the metrics asked for (prefix_n … prefix_c15). */
export type BucketDbRow = Record<string, number | null>;

/**
 * Metric `m`'s histogram in a row read back: null when the row has none of it, 'bad' when its
 * counts do not add up (skipped and counted by the store).
 */
export function toHistogram(r: BucketDbRow, m: number): Histogram | null | 'bad' {
  const metric = ROLLUP_METRICS[m];
  const cols = BUCKET_METRICS[m];
  if (metric === undefined || cols === undefined) return 'bad';
  const [n, lo, hi, sum, ...countCols] = metricColumns(cols);
  const count = r[n!];
  if (count === null || count === undefined) return null;
  const min = r[lo!];
  const max = r[hi!];
  const total = r[sum!];
  if (min == null || max == null || total == null) return 'bad';
  const counts = countCols.slice(0, BUCKET_BOUNDS[metric].length + 1).map((c) => r[c] ?? 0);
  if (counts.reduce((s, c) => s + c, 0) !== count) return 'bad';
  return { metric, counts, count, min: min / cols.scale, max: max / cols.scale, sum: total / cols.scale };
}
