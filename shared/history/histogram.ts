import { DEFAULT_DEGRADED_THRESHOLDS } from '../status-derivation.js';

/**
 * The rollup of one quality metric over one bucket of time: a fixed-bucket histogram with count,
 * min, max and sum. Fixed edges per metric (not per row) make merging exact and cheap, so 1-minute
 * rollups add up into 15-minute, hourly and daily ones with no raw samples kept; 16 buckets keep a
 * row small. The price is that percentiles are estimates, with a stated bound (see `percentile`).
 *
 * Buckets follow Prometheus' `le`: bucket i holds the values v with bounds[i−1] < v ≤ bounds[i];
 * the first also holds everything below bounds[0] and the last (implicit +∞) everything above the
 * last bound. The degraded thresholds (loss 1 %, jitter 35 ms, latency 150 ms) are edges, so the
 * share of samples over a threshold is an exact count, not an interpolation.
 */

export const ROLLUP_METRICS = ['packetLossPct', 'jitterMs', 'latencyMs', 'bitrateKbps'] as const;
export type RollupMetric = (typeof ROLLUP_METRICS)[number];

/** Upper edges, ascending, at most 15 (plus the +∞ bucket: at most 16 buckets). */
export const BUCKET_BOUNDS: Readonly<Record<RollupMetric, readonly number[]>> = Object.freeze({
  // 0 alone first: a clean link loses nothing, and most samples say so.
  packetLossPct: [0, 0.1, 0.25, 0.5, DEFAULT_DEGRADED_THRESHOLDS.packetLossPct, 2, 3, 5, 7.5, 10, 15, 20, 30, 50, 100],
  jitterMs: [1, 2, 5, 10, 15, 20, 25, 30, DEFAULT_DEGRADED_THRESHOLDS.jitterMs, 40, 50, 75, 100, 200, 500],
  latencyMs: [10, 20, 30, 50, 75, 100, 125, DEFAULT_DEGRADED_THRESHOLDS.latencyMs, 175, 200, 250, 300, 400, 600, 1000],
  // Call rates codecs negotiate (H.323/SIP steps), 0 (no call) in the first bucket.
  bitrateKbps: [64, 128, 256, 384, 512, 768, 1024, 1536, 2048, 3072, 4096, 6144, 8192, 12288, 16384],
});

export interface Histogram {
  readonly metric: RollupMetric;
  /** One count per bucket: BUCKET_BOUNDS[metric].length + 1 of them. */
  readonly counts: readonly number[];
  readonly count: number;
  /** Null while empty. */
  readonly min: number | null;
  readonly max: number | null;
  readonly sum: number;
}

export function emptyHistogram(metric: RollupMetric): Histogram {
  return { metric, counts: new Array<number>(BUCKET_BOUNDS[metric].length + 1).fill(0), count: 0, min: null, max: null, sum: 0 };
}

/** The bucket a value falls in (binary search over the edges). */
export function bucketIndex(metric: RollupMetric, value: number): number {
  const bounds = BUCKET_BOUNDS[metric];
  let lo = 0;
  let hi = bounds.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (value <= bounds[mid]!) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * The histogram with one more sample (a new object; the argument is left as it was). A reading
 * that is not a finite number is the caller's to skip (null means "not measured", not zero):
 * passing one throws RangeError.
 */
export function addSample(h: Histogram, value: number): Histogram {
  if (!Number.isFinite(value)) throw new RangeError(`addSample: ${h.metric} sample ${value} is not a finite number`);
  const counts = [...h.counts];
  counts[bucketIndex(h.metric, value)]! += 1;
  return {
    metric: h.metric,
    counts,
    count: h.count + 1,
    min: h.min === null ? value : Math.min(h.min, value),
    max: h.max === null ? value : Math.max(h.max, value),
    sum: h.sum + value,
  };
}

/**
 * Two rollups of the same metric as one. Associative and commutative (the sum up to float
 * rounding), with the empty histogram as identity. Throws RangeError for different metrics.
 */
export function merge(a: Histogram, b: Histogram): Histogram {
  if (a.metric !== b.metric) throw new RangeError(`merge: cannot merge ${a.metric} with ${b.metric}`);
  const min = a.min === null ? b.min : b.min === null ? a.min : Math.min(a.min, b.min);
  const max = a.max === null ? b.max : b.max === null ? a.max : Math.max(a.max, b.max);
  return { metric: a.metric, counts: a.counts.map((c, i) => c + (b.counts[i] ?? 0)), count: a.count + b.count, min, max, sum: a.sum + b.sum };
}

export function mean(h: Histogram): number | null {
  return h.count > 0 ? h.sum / h.count : null;
}

export interface PercentileEstimate {
  readonly value: number;
  /** The true value lies in [low, high]: the estimate is off by at most high − low. */
  readonly low: number;
  readonly high: number;
}

/**
 * The q-quantile (0 ≤ q ≤ 1; 0.95 for p95) by nearest rank: the ⌈q·count⌉-th smallest sample
 * (the first for q = 0). Estimated by linear interpolation inside the bucket that holds that rank,
 * whose edges are narrowed to [min, max] where those are tighter; the true value lies in that
 * bucket, so the error is at most the bucket's (narrowed) width, returned as [low, high]. The first
 * and last ranks are the recorded min and max, exact. Null for an empty histogram.
 */
export function percentile(h: Histogram, q: number): PercentileEstimate | null {
  if (!(q >= 0 && q <= 1)) throw new RangeError(`percentile: q must be within [0, 1] (got ${q})`);
  if (h.count === 0 || h.min === null || h.max === null) return null;
  const bounds = BUCKET_BOUNDS[h.metric];
  const rank = Math.max(1, Math.ceil(q * h.count));
  // The smallest and largest samples are known exactly.
  if (rank === h.count) return { value: h.max, low: h.max, high: h.max };
  if (rank === 1) return { value: h.min, low: h.min, high: h.min };
  let before = 0;
  for (let i = 0; i < h.counts.length; i++) {
    const n = h.counts[i]!;
    if (before + n < rank) {
      before += n;
      continue;
    }
    const low = i === 0 ? h.min : Math.max(bounds[i - 1]!, h.min);
    const high = i === bounds.length ? h.max : Math.min(bounds[i]!, h.max);
    return { value: low + ((high - low) * (rank - before)) / n, low, high };
  }
  // Unreachable while counts add up to count; a corrupt row gets its maximum rather than a throw.
  return { value: h.max, low: h.min, high: h.max };
}
