import { BUCKET_BOUNDS, ROLLUP_METRICS, type Histogram, type RollupMetric } from '../../../shared/history/histogram.js';
import { ROLLUP_LEVEL_IDS, type RollupLevelId } from '../../../shared/history/rollup.js';
import { COUNT_COLUMNS } from '../db/migrations.js';

/**
 * Rollup rows as history-store.ts writes and reads them in history_histograms (migration 7):
 * level and metric by their index, bucket start in epoch minutes, the 16 bucket counts as columns.
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
export const COUNTS = COUNT_COLUMNS.join(', ');

/** A histogram row read back: the key columns and the figures, counts as c0 … c15. */
export type HistogramDbRow = { series: number; metric: number; count: number; min: number; max: number; sum: number } & Record<string, number>;

export function toHistogram(r: HistogramDbRow): Histogram | null {
  const metric = ROLLUP_METRICS[r.metric];
  if (metric === undefined) return null;
  const counts = COUNT_COLUMNS.slice(0, BUCKET_BOUNDS[metric].length + 1).map((c) => r[c]!);
  if (counts.reduce((s, c) => s + c, 0) !== r.count) return null;
  return { metric, counts, count: r.count, min: r.min, max: r.max, sum: r.sum };
}
