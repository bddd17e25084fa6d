import { describe, expect, it } from 'vitest';
import { BUCKET_BOUNDS, ROLLUP_METRICS, addSample, bucketIndex, emptyHistogram, mean, merge, percentile, type Histogram, type RollupMetric } from '../../../shared/history/histogram.js';
import { DEFAULT_DEGRADED_THRESHOLDS } from '../../../shared/status-derivation.js';

const fill = (metric: RollupMetric, values: number[]): Histogram => values.reduce(addSample, emptyHistogram(metric));

describe('bucket edges', () => {
  it('has at most 16 strictly ascending buckets per metric', () => {
    for (const m of ROLLUP_METRICS) {
      const b = BUCKET_BOUNDS[m];
      expect(b.length + 1).toBeLessThanOrEqual(16);
      for (let i = 1; i < b.length; i++) expect(b[i]!).toBeGreaterThan(b[i - 1]!);
    }
  });

  it('puts the degraded thresholds on edges, so "over the limit" is an exact count', () => {
    expect(BUCKET_BOUNDS.packetLossPct).toContain(DEFAULT_DEGRADED_THRESHOLDS.packetLossPct);
    expect(BUCKET_BOUNDS.jitterMs).toContain(DEFAULT_DEGRADED_THRESHOLDS.jitterMs);
    expect(BUCKET_BOUNDS.latencyMs).toContain(DEFAULT_DEGRADED_THRESHOLDS.latencyMs);
  });

  it('places values Prometheus-style: up to and including the edge, the rest in the last bucket', () => {
    expect(bucketIndex('packetLossPct', 0)).toBe(0);
    expect(bucketIndex('packetLossPct', -1)).toBe(0);
    expect(bucketIndex('packetLossPct', 0.05)).toBe(1);
    expect(bucketIndex('packetLossPct', 1)).toBe(4);
    expect(bucketIndex('packetLossPct', 1.0001)).toBe(5);
    expect(bucketIndex('packetLossPct', 100)).toBe(14);
    expect(bucketIndex('packetLossPct', 100.5)).toBe(15);
    expect(bucketIndex('latencyMs', 150)).toBe(BUCKET_BOUNDS.latencyMs.indexOf(150));
    expect(bucketIndex('bitrateKbps', 0)).toBe(0);
  });
});

describe('addSample and merge', () => {
  it('starts empty with one zero count per bucket', () => {
    expect(emptyHistogram('jitterMs')).toEqual({ metric: 'jitterMs', counts: new Array(16).fill(0), count: 0, min: null, max: null, sum: 0 });
    expect(mean(emptyHistogram('jitterMs'))).toBeNull();
  });

  it('counts, keeps min, max and sum, and leaves its argument alone', () => {
    const empty = emptyHistogram('latencyMs');
    const h = fill('latencyMs', [40, 12, 160]);
    expect(empty.count).toBe(0);
    expect(h).toMatchObject({ count: 3, min: 12, max: 160, sum: 212 });
    expect(h.counts[bucketIndex('latencyMs', 40)]).toBe(1);
    expect(h.counts.reduce((a, b) => a + b)).toBe(3);
    expect(mean(h)).toBeCloseTo(212 / 3);
  });

  it('refuses a reading that is not a finite number', () => {
    expect(() => addSample(emptyHistogram('jitterMs'), Number.NaN)).toThrow(RangeError);
    expect(() => addSample(emptyHistogram('jitterMs'), Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });

  it('merges into what the samples together give, with the empty histogram as identity', () => {
    const a = fill('jitterMs', [3, 40, 0.5]);
    const b = fill('jitterMs', [900, 12]);
    expect(merge(a, b)).toEqual(fill('jitterMs', [3, 40, 0.5, 900, 12]));
    expect(merge(a, emptyHistogram('jitterMs'))).toEqual(a);
    expect(merge(emptyHistogram('jitterMs'), b)).toEqual(b);
  });

  it('refuses to merge different metrics', () => {
    expect(() => merge(emptyHistogram('jitterMs'), emptyHistogram('latencyMs'))).toThrow(/jitterMs with latencyMs/);
  });
});

describe('percentile', () => {
  it('is null when empty and refuses q outside [0, 1]', () => {
    expect(percentile(emptyHistogram('latencyMs'), 0.95)).toBeNull();
    const h = fill('latencyMs', [1]);
    expect(() => percentile(h, 1.5)).toThrow(RangeError);
    expect(() => percentile(h, -0.1)).toThrow(RangeError);
    expect(() => percentile(h, Number.NaN)).toThrow(RangeError);
  });

  it('is exact for one sample, or when every sample is the same', () => {
    expect(percentile(fill('latencyMs', [42]), 0.95)).toEqual({ value: 42, low: 42, high: 42 });
    expect(percentile(fill('packetLossPct', new Array(50).fill(0)), 0.95)).toEqual({ value: 0, low: 0, high: 0 });
  });

  it('interpolates inside the bucket and bounds the error by its width', () => {
    // 1..100 ms: rank 95 lies in (75, 100], which holds 76..100.
    const h = fill('latencyMs', Array.from({ length: 100 }, (_, i) => i + 1));
    expect(percentile(h, 0.95)).toEqual({ value: 95, low: 75, high: 100 });
    // 19 × 40 ms and one 500 ms: the true p95 is 40; the estimate says 50 and admits [40, 50].
    const skew = fill('latencyMs', [...new Array(19).fill(40), 500]);
    expect(percentile(skew, 0.95)).toEqual({ value: 50, low: 40, high: 50 });
  });

  it('narrows the end buckets to the observed min and max', () => {
    const h = fill('latencyMs', [2, 3, 5000, 7000]);
    // Two samples in (…, 10]: the bucket reaches down to the min; above 1000 it stops at the max.
    expect(percentile(h, 0.5)).toEqual({ value: 10, low: 2, high: 10 });
    expect(percentile(h, 0.75)).toEqual({ value: 4000, low: 1000, high: 7000 });
  });

  it('gives the recorded min and max exactly for the first and last rank', () => {
    const h = fill('latencyMs', [2, 3, 5000, 7000]);
    expect(percentile(h, 0)).toEqual({ value: 2, low: 2, high: 2 });
    expect(percentile(h, 0.25)).toEqual({ value: 2, low: 2, high: 2 });
    expect(percentile(h, 1)).toEqual({ value: 7000, low: 7000, high: 7000 });
    expect(percentile(h, 0.99)).toEqual({ value: 7000, low: 7000, high: 7000 });
  });
});
