import { describe, expect, it } from 'vitest';
import { DEFAULT_ROW_BYTES, ROLLUP_LEVELS, bucketStart, estimateStorage, levelFor, rollupLevel } from '../../../shared/history/rollup.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const ms = (iso: string) => Date.parse(iso);

describe('rollup levels', () => {
  it('keeps 1 min for 48 h, 15 min for 35 days, 1 h for 13 months, 1 day for 5 years', () => {
    expect(ROLLUP_LEVELS.map((l) => [l.id, l.bucketMs, l.retentionMs])).toEqual([
      ['1m', MIN, 48 * HOUR],
      ['15m', 15 * MIN, 35 * DAY],
      ['1h', HOUR, 396 * DAY],
      ['1d', DAY, 1827 * DAY],
    ]);
    expect(rollupLevel('1h').bucketMs).toBe(HOUR);
  });

  it('nests: each level’s bucket is a whole number of the finer one’s', () => {
    for (let i = 1; i < ROLLUP_LEVELS.length; i++) expect(ROLLUP_LEVELS[i]!.bucketMs % ROLLUP_LEVELS[i - 1]!.bucketMs).toBe(0);
  });
});

describe('bucketStart', () => {
  it('aligns on UTC multiples of the bucket, whatever the local zone', () => {
    const t = ms('2026-06-10T01:07:30.500Z');
    expect(bucketStart('1m', t)).toBe(ms('2026-06-10T01:07:00Z'));
    expect(bucketStart('15m', t)).toBe(ms('2026-06-10T01:00:00Z'));
    expect(bucketStart('1h', t)).toBe(ms('2026-06-10T01:00:00Z'));
    // 23:30 in Vietnam is 16:30 UTC the same day: the UTC day bucket.
    expect(bucketStart('1d', ms('2026-06-10T23:30:00+07:00'))).toBe(ms('2026-06-10T00:00:00Z'));
    // 06:30 in Vietnam on 11 June is still 10 June in UTC.
    expect(bucketStart('1d', ms('2026-06-11T06:30:00+07:00'))).toBe(ms('2026-06-10T00:00:00Z'));
    expect(bucketStart(rollupLevel('15m'), t)).toBe(ms('2026-06-10T01:00:00Z'));
  });

  it('keeps a bucket start in its own bucket and floors times before 1970', () => {
    const start = ms('2026-06-10T01:15:00Z');
    expect(bucketStart('15m', start)).toBe(start);
    expect(bucketStart('15m', start - 1)).toBe(ms('2026-06-10T01:00:00Z'));
    expect(bucketStart('1h', -1)).toBe(-HOUR);
  });

  it('nests coarse into fine: the 15-min bucket of a minute bucket is that of the instant', () => {
    for (const t of [0, 1, 59_999, ms('2026-03-29T01:00:00Z') + 12_345, ms('2026-10-25T00:59:59.999Z')]) {
      expect(bucketStart('15m', bucketStart('1m', t))).toBe(bucketStart('15m', t));
      expect(bucketStart('1d', bucketStart('1h', t))).toBe(bucketStart('1d', t));
    }
  });

  it('refuses a time that is not a number', () => {
    expect(() => bucketStart('1m', Number.NaN)).toThrow(RangeError);
  });
});

describe('levelFor', () => {
  const now = ms('2026-06-10T00:00:00Z');

  it('picks the finest level still holding data from `from`, retention included at its edge', () => {
    expect(levelFor(now - HOUR, now)?.id).toBe('1m');
    expect(levelFor(now - 48 * HOUR, now)?.id).toBe('1m');
    expect(levelFor(now - 48 * HOUR - 1, now)?.id).toBe('15m');
    expect(levelFor(now - 100 * DAY, now)?.id).toBe('1h');
    expect(levelFor(now - 2 * 365 * DAY, now)?.id).toBe('1d');
    expect(levelFor(now - 1827 * DAY - 1, now)).toBeNull();
    expect(levelFor(now + HOUR, now)?.id).toBe('1m');
  });
});

describe('estimateStorage', () => {
  it('counts one row per endpoint, metric and bucket kept (plus the one filling)', () => {
    const one = estimateStorage(1);
    expect(one.levels.map((l) => [l.id, l.rows])).toEqual([
      ['1m', 4 * 2881],
      ['15m', 4 * 3361],
      ['1h', 4 * 9505],
      ['1d', 4 * 1828],
    ]);
    expect(one.rows).toBe(70_300);
    expect(one.bytes).toBe(70_300 * DEFAULT_ROW_BYTES);
  });

  it('scales with endpoints, row size and metrics', () => {
    const network = estimateStorage(200);
    expect(network.rows).toBe(14_060_000);
    expect(network.bytes).toBe(14_060_000 * 128); // ≈ 1.8 GB at most, for 200 codecs
    expect(estimateStorage(200, 64).bytes).toBe(network.bytes / 2);
    expect(estimateStorage(10, 100, 1).rows).toBe(175_750);
    expect(estimateStorage(0)).toMatchObject({ rows: 0, bytes: 0 });
  });

  it('refuses negative counts and a row size of zero', () => {
    expect(() => estimateStorage(-1)).toThrow(RangeError);
    expect(() => estimateStorage(1, 0)).toThrow(RangeError);
    expect(() => estimateStorage(Number.NaN)).toThrow(RangeError);
  });
});
