import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUCKET_BOUNDS, ROLLUP_METRICS, addSample, bucketIndex, emptyHistogram, merge, percentile, type Histogram, type RollupMetric } from '../../../shared/history/histogram.js';

/**
 * Rollup histograms on random samples: merging is associative and commutative (so 1-minute rows
 * can be folded into coarser ones in any grouping and order) and equals the histogram of all the
 * samples; a percentile estimate lies in the bucket that holds the true value (nearest rank), and
 * the bound it states contains that value. Fixed seed.
 */

const params = { seed: 42, numRuns: 200 };
const fill = (metric: RollupMetric, values: readonly number[]): Histogram => values.reduce(addSample, emptyHistogram(metric));

/** Readings of a metric: anywhere in a wide range, or exactly on an edge (where `le` matters). */
const sampleOf = (metric: RollupMetric) =>
  fc.oneof(fc.double({ min: -10, max: 20_000, noNaN: true }), fc.constantFrom(...BUCKET_BOUNDS[metric]), fc.integer({ min: 0, max: 200 }));
const withSamples = <T>(f: (metric: RollupMetric) => fc.Arbitrary<T>) => fc.constantFrom(...ROLLUP_METRICS).chain((metric) => f(metric).map((v) => ({ metric, v })));

/** Equal as rollups: counts, min and max exactly; the sum up to float rounding. */
function expectSameRollup(a: Histogram, b: Histogram): void {
  expect({ ...a, sum: 0 }).toEqual({ ...b, sum: 0 });
  expect(Math.abs(a.sum - b.sum)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(a.sum), Math.abs(b.sum)));
}

describe('histogram merge (property)', () => {
  it('is associative and commutative, and equals the histogram of all the samples', () => {
    const three = withSamples((m) => fc.tuple(fc.array(sampleOf(m)), fc.array(sampleOf(m)), fc.array(sampleOf(m))));
    fc.assert(
      fc.property(three, ({ metric, v: [xs, ys, zs] }) => {
        const [a, b, c] = [fill(metric, xs), fill(metric, ys), fill(metric, zs)];
        expectSameRollup(merge(merge(a, b), c), merge(a, merge(b, c)));
        expectSameRollup(merge(a, b), merge(b, a));
        expectSameRollup(merge(merge(a, b), c), fill(metric, [...xs, ...ys, ...zs]));
      }),
      params,
    );
  });
});

describe('percentile (property)', () => {
  it('lands in the bucket of the true nearest-rank value, which lies within the stated bound', () => {
    const q = fc.oneof(fc.constantFrom(0, 0.5, 0.9, 0.95, 0.99, 1), fc.double({ min: 0, max: 1, noNaN: true }));
    const input = withSamples((m) => fc.tuple(fc.array(sampleOf(m), { minLength: 1, maxLength: 300 }), q));
    fc.assert(
      fc.property(input, ({ metric, v: [xs, quantile] }) => {
        const est = percentile(fill(metric, xs), quantile)!;
        const sorted = [...xs].sort((x, y) => x - y);
        const truth = sorted[Math.max(1, Math.ceil(quantile * xs.length)) - 1]!;
        expect(bucketIndex(metric, est.value)).toBe(bucketIndex(metric, truth));
        expect(est.low).toBeLessThanOrEqual(truth);
        expect(truth).toBeLessThanOrEqual(est.high);
        expect(est.low).toBeLessThanOrEqual(est.value);
        expect(est.value).toBeLessThanOrEqual(est.high);
      }),
      params,
    );
  });
});
