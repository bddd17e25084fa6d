import { DAY_MS, HOUR_MS, MINUTE_MS } from '../schedule/zoned-time.js';
import { ROLLUP_METRICS } from './histogram.js';

/**
 * Rollup levels: how finely quality metrics are kept, and for how long. Each level's rows are
 * histograms (histogram.ts) of one endpoint, one metric, one bucket of time; a coarser level is
 * the merge of the finer buckets inside it, so only the 1-minute level sees raw samples.
 *
 * Buckets are aligned in UTC (on multiples of their length since the epoch), because:
 * - they nest exactly: fifteen 1-minute buckets make a 15-minute one, 24 hours make a day, always,
 *   which a zone with DST (23- and 25-hour days) would break;
 * - a bucket's key does not depend on a display setting, so changing the zone never re-keys rows.
 * Vietnam is UTC+7 without DST, so a UTC day runs 07:00–07:00 local time: reports in local days are
 * built from hourly rows (kept 13 months), exact for whole-hour offsets; older day rows are UTC days.
 */

export const ROLLUP_LEVEL_IDS = ['1m', '15m', '1h', '1d'] as const;
export type RollupLevelId = (typeof ROLLUP_LEVEL_IDS)[number];

export interface RollupLevel {
  readonly id: RollupLevelId;
  readonly bucketMs: number;
  /** Rows older than this (by bucket start, from now) are deleted. */
  readonly retentionMs: number;
}

/**
 * Finest first, with the issue's retention (the default; each engine may choose its own:
 * retention.ts, `serve --keep-1m …`): 1-minute rows for 48 hours (yesterday's incident minute by
 * minute), 15-minute rows for 35 days (a month and its edges). A codec's worst case (in calls all
 * day, four metrics) after 30 days is 1.02 MB with migration 9's rows (docs/benchmarks.md,
 * bench:history-size). 13 months = 396 days (13 × 30.44 rounded up), so the same month last year
 * is always there to compare with; 5 years = 1827 days (five of 365 plus up to two leap days).
 */
export const ROLLUP_LEVELS: readonly RollupLevel[] = Object.freeze([
  { id: '1m', bucketMs: MINUTE_MS, retentionMs: 48 * HOUR_MS },
  { id: '15m', bucketMs: 15 * MINUTE_MS, retentionMs: 35 * DAY_MS },
  { id: '1h', bucketMs: HOUR_MS, retentionMs: 396 * DAY_MS },
  { id: '1d', bucketMs: DAY_MS, retentionMs: 1827 * DAY_MS },
]);

export function rollupLevel(id: RollupLevelId): RollupLevel {
  return ROLLUP_LEVELS.find((l) => l.id === id)!;
}

/** Start of the bucket of `level` holding the instant `at` (floor: exact for instants before 1970 too). */
export function bucketStart(level: RollupLevelId | RollupLevel, at: number): number {
  if (!Number.isFinite(at)) throw new RangeError(`bucketStart: ${at} is not a time`);
  const { bucketMs } = typeof level === 'string' ? rollupLevel(level) : level;
  return Math.floor(at / bucketMs) * bucketMs;
}

/**
 * The finest level that still holds data from `from` on, given retention counted back from `now`
 * (the engine's levels: retention.ts; the by default); null when even the daily rows are
 * gone. A chart asks for this to pick its resolution.
 */
export function levelFor(from: number, now: number, levels: readonly RollupLevel[] = ROLLUP_LEVELS): RollupLevel | null {
  return levels.find((l) => from >= now - l.retentionMs) ?? null;
}

/**
 * A cautious size of one metric's rollup in SQLite, about three times what migration 9's layout
 * measures (one row per level, bucket and endpoint carrying all four metrics, min/max/sum as
 * scaled integers: about 35 B a metric with its page overhead; docs/benchmarks.md,
 * bench:history-size). Measure on a real file and pass the result to `estimateStorage` instead.
 */
export const DEFAULT_ROW_BYTES = 128;

export interface StorageEstimate {
  readonly levels: readonly { readonly id: RollupLevelId; readonly rows: number; readonly bytes: number }[];
  readonly rows: number;
  readonly bytes: number;
}

/**
 * Rows and bytes the rollups reach in steady state for `endpoints` codecs under the given levels'
 * retention (the issue's by default; the engine's own: retention.ts): per level, one rollup per
 * endpoint, metric and bucket kept (plus the bucket being filled), `rowBytes` each. An upper
 * bound: a codec not in a call has no loss, jitter or bitrate samples, and an empty bucket writes
 * nothing.
 */
export function estimateStorage(
  endpoints: number,
  rowBytes: number = DEFAULT_ROW_BYTES,
  metrics: number = ROLLUP_METRICS.length,
  kept: readonly RollupLevel[] = ROLLUP_LEVELS,
): StorageEstimate {
  if (!(endpoints >= 0) || !(rowBytes > 0) || !(metrics >= 0)) throw new RangeError('estimateStorage: endpoints and metrics must be ≥ 0, rowBytes > 0');
  const levels = kept.map((l) => {
    const rows = endpoints * metrics * (Math.ceil(l.retentionMs / l.bucketMs) + 1);
    return { id: l.id, rows, bytes: rows * rowBytes };
  });
  return { levels, rows: levels.reduce((s, l) => s + l.rows, 0), bytes: levels.reduce((s, l) => s + l.bytes, 0) };
}
