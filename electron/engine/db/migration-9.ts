import type { Migration } from './migrations.js';

/**
 * Migration 9: the rollups in one row per level, bucket and endpoint carrying all four metrics
 * (history_buckets), min / max / sum as integers in each metric's resolution, instead of one row
 * per metric with 8-byte floats (history_histograms, migration 7). A row's key and record header
 * are paid once for four metrics, and a value such as 35.5 ms takes 3 bytes instead of 8.
 *
 * Per metric (in ROLLUP_METRICS order; a metric with no samples in the bucket is all NULL, one
 * header byte a column): n (samples), lo and hi (min and max), sum, and c0 … c15 (the histogram's
 * bucket counts, a 0 or 1 taking no byte beyond its type), so a period is still merged by SUM in
 * SQL. Resolution: loss in 0.001 % (×1000), jitter and latency in µs (×1000 on ms), bitrate in
 * whole kbps (×1). A daily sum stays under 2^31 (17,280 samples of 100 % loss: 1.7·10^9).
 */

export interface BucketMetricColumns {
  /** Column prefix: loss_n, loss_lo, … */
  readonly prefix: string;
  /** Stored integer = round(value × scale). */
  readonly scale: number;
}

/** In ROLLUP_METRICS order: packetLossPct, jitterMs, latencyMs, bitrateKbps. Never edited once released. */
export const BUCKET_METRICS: readonly BucketMetricColumns[] = Object.freeze([
  { prefix: 'loss', scale: 1000 },
  { prefix: 'jitter', scale: 1000 },
  { prefix: 'latency', scale: 1000 },
  { prefix: 'bitrate', scale: 1 },
]);

const COUNT_SLOTS = 16;

/** A metric's 20 columns, in order: n, lo, hi, sum, c0 … c15. */
export const metricColumns = (m: BucketMetricColumns): string[] => [
  `${m.prefix}_n`,
  `${m.prefix}_lo`,
  `${m.prefix}_hi`,
  `${m.prefix}_sum`,
  ...Array.from({ length: COUNT_SLOTS }, (_, i) => `${m.prefix}_c${i}`),
];

/** Every non-key column of history_buckets, metric after metric. */
export const BUCKET_VALUE_COLUMNS: readonly string[] = BUCKET_METRICS.flatMap(metricColumns);

const metricChecks = (m: BucketMetricColumns): string => {
  const [n, lo, hi, sum, ...counts] = metricColumns(m);
  return `CHECK (${n} IS NULL OR (${n} > 0 AND ${lo} IS NOT NULL AND ${hi} IS NOT NULL AND ${sum} IS NOT NULL AND ${lo} <= ${hi} AND (${counts.join(' + ')}) IS ${n}))`;
};

const scaled = (column: string, scale: number) => (scale === 1 ? `CAST(round(${column}) AS INTEGER)` : `CAST(round(${column} * ${scale}) AS INTEGER)`);

export const MIGRATION_9: Migration = {
  version: 9,
  name: 'one rollup row per bucket and endpoint',
  sql: `
    -- Rollups (shared/history/histogram.ts, rollup.ts): one row per level (0 1m, 1 15m, 2 1h, 3 1d),
    -- bucket start (UTC epoch minutes) and endpoint (history_series), all four metrics in it
    -- (electron/engine/db/migration-9.ts says the columns and their resolution). Keyed time first,
    -- as before: a minute's rows append together, a purge deletes a contiguous range.
    CREATE TABLE history_buckets (
      level  INTEGER NOT NULL CHECK (level BETWEEN 0 AND 3),
      bucket INTEGER NOT NULL,
      series INTEGER NOT NULL,
      ${BUCKET_METRICS.map((m) => metricColumns(m).map((c) => `${c} INTEGER${/_c\d+$/.test(c) ? ` CHECK (${c} >= 0)` : ''}`).join(', ')).join(',\n      ')},
      ${BUCKET_METRICS.map(metricChecks).join(',\n      ')},
      CHECK (COALESCE(${BUCKET_METRICS.map((m) => `${m.prefix}_n`).join(', ')}) IS NOT NULL),
      PRIMARY KEY (level, bucket, series)
    ) WITHOUT ROWID;

    -- Every row of migration 7's table, gathered per (level, bucket, series): its rows are in that
    -- order already (their key), so this is one pass. A row no store wrote (min over max) is left
    -- out, the bucket's other metrics kept.
    INSERT OR IGNORE INTO history_buckets (level, bucket, series, ${BUCKET_VALUE_COLUMNS.join(', ')})
      SELECT level, bucket, series,
        ${BUCKET_METRICS.map((m, i) => {
          const of = (expr: string) => `MAX(CASE WHEN metric = ${i} THEN ${expr} END)`;
          return [of('count'), of(scaled('min', m.scale)), of(scaled('max', m.scale)), of(scaled('sum', m.scale)), ...Array.from({ length: COUNT_SLOTS }, (_, k) => of(`c${k}`))].join(', ');
        }).join(',\n        ')}
      FROM history_histograms WHERE min <= max GROUP BY level, bucket, series;

    DROP TABLE history_histograms;
  `,
};
