import { describe, expect, it } from 'vitest';
import { describeReadProblem, describeRetentionProblem, formatRetention, levelsOrThrow, parseRetention, readRetention, retentionLevels } from '../../../shared/history/retention.js';
import { rollupCover } from '../../../shared/history/rollup-cover.js';
import { ROLLUP_LEVELS, estimateStorage, levelFor } from '../../../shared/history/rollup.js';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../../shared/schedule/zoned-time.js';

describe('parseRetention / formatRetention', () => {
  it('reads whole minutes, hours and days, and writes them back in the largest exact unit', () => {
    expect(parseRetention('90m')).toBe(90 * MINUTE_MS);
    expect(parseRetention(' 48h ')).toBe(48 * HOUR_MS);
    expect(parseRetention('35d')).toBe(35 * DAY_MS);
    for (const bad of ['', '0d', '-1d', '1.5d', '48', 'h', '2w', '35 d', '1e3d', '12345678d']) expect(parseRetention(bad), bad).toBeNull();
    expect(formatRetention(48 * HOUR_MS)).toBe('2d');
    expect(formatRetention(36 * HOUR_MS)).toBe('36h');
    expect(formatRetention(90 * MINUTE_MS)).toBe('90m');
  });
});

describe('retentionLevels', () => {
  it('takes the issue’s figures where not given', () => {
    const r = retentionLevels({});
    expect(r.ok && r.levels).toEqual(ROLLUP_LEVELS);
    const short = retentionLevels({ '1m': 24 * HOUR_MS, '15m': 21 * DAY_MS });
    expect(short.ok && short.levels.map((l) => l.retentionMs)).toEqual([24 * HOUR_MS, 21 * DAY_MS, 396 * DAY_MS, 1827 * DAY_MS]);
  });

  it('refuses a finer level kept longer than a coarser one, less than one bucket, or more than ten years', () => {
    expect(retentionLevels({ '1m': 40 * DAY_MS })).toEqual({ ok: false, problem: { reason: 'over_coarser', level: '1m', retentionMs: 40 * DAY_MS, coarser: '15m', coarserMs: 35 * DAY_MS } });
    expect(retentionLevels({ '1h': 1900 * DAY_MS })).toMatchObject({ ok: false, problem: { reason: 'over_coarser', level: '1h', coarser: '1d' } });
    expect(retentionLevels({ '15m': 10 * MINUTE_MS, '1m': 5 * MINUTE_MS })).toMatchObject({ ok: false, problem: { reason: 'below_bucket', level: '15m', bucketMs: 15 * MINUTE_MS } });
    expect(retentionLevels({ '1d': 12 * HOUR_MS })).toMatchObject({ ok: false, problem: { reason: 'below_bucket', level: '1d' } });
    expect(retentionLevels({ '1d': 4000 * DAY_MS })).toMatchObject({ ok: false, problem: { reason: 'too_long', level: '1d' } });
    expect(retentionLevels({ '1m': 1.5 })).toMatchObject({ ok: false, problem: { reason: 'not_a_duration', level: '1m' } });
    expect(() => levelsOrThrow({ '1m': 40 * DAY_MS })).toThrow('history retention: --keep-1m 40d is longer than --keep-15m 35d: a finer level cannot be kept longer than a coarser one');
    expect(levelsOrThrow(undefined)).toBe(ROLLUP_LEVELS);
  });

  it('says each problem in words naming the flag', () => {
    const p = retentionLevels({ '15m': 10 * MINUTE_MS, '1m': 5 * MINUTE_MS });
    expect(!p.ok && describeRetentionProblem(p.problem)).toBe('--keep-15m 10m keeps less than one 15m bucket: give at least 15m');
    const long = retentionLevels({ '1d': 4000 * DAY_MS });
    expect(!long.ok && describeRetentionProblem(long.problem)).toBe('--keep-1d 4000d is over the longest retention, 3653d (ten years)');
  });
});

describe('readRetention (flags and settings as text)', () => {
  it('reads the given levels and checks them together', () => {
    expect(readRetention({ '1m': '24h', '15m': '21d', '1h': undefined })).toEqual({ ok: true, retention: { '1m': 24 * HOUR_MS, '15m': 21 * DAY_MS } });
    const bad = readRetention({ '1m': 'forever' });
    expect(!bad.ok && describeReadProblem(bad.problem)).toBe('--keep-1m must be a duration such as 90m, 48h or 35d, not "forever"');
    const level = readRetention({ '5m': '1d' });
    expect(!level.ok && describeReadProblem(level.problem)).toBe('"5m" is not a rollup level (1m, 15m, 1h, 1d)');
    expect(readRetention({ '15m': 12 })).toMatchObject({ ok: false, problem: { reason: 'not_a_duration', level: '15m', text: '12' } });
    expect(readRetention({ '1m': '40d' })).toMatchObject({ ok: false, problem: { reason: 'over_coarser' } });
  });
});

describe('a chosen retention in the rest of history', () => {
  const now = Date.UTC(2026, 5, 30, 12, 0);
  const r = retentionLevels({ '1m': 24 * HOUR_MS, '15m': 21 * DAY_MS, '1h': 90 * DAY_MS, '1d': 400 * DAY_MS });
  const levels = r.ok ? r.levels : ROLLUP_LEVELS;

  it('picks levels and covers by it', () => {
    expect(levelFor(now - 30 * HOUR_MS, now, levels)?.id).toBe('15m');
    expect(levelFor(now - 30 * HOUR_MS, now)?.id).toBe('1m');
    expect(levelFor(now - 100 * DAY_MS, now, levels)?.id).toBe('1d');
    expect(levelFor(now - 401 * DAY_MS, now, levels)).toBeNull();
    // A period from 25 h 5 min ago: a 15-minute row at its start (the 1-minute ones are gone), then hours.
    expect(rollupCover(now - 25 * HOUR_MS - 5 * MINUTE_MS, now, now, now, levels)[0]).toEqual({ level: '15m', from: now - 25 * HOUR_MS - 15 * MINUTE_MS, to: now - 25 * HOUR_MS });
  });

  it('states the storage for it (estimateStorage)', () => {
    const e = estimateStorage(1, 40, 4, levels);
    expect(e.levels.map((l) => [l.id, l.rows])).toEqual([
      ['1m', 4 * 1441],
      ['15m', 4 * 2017],
      ['1h', 4 * 2161],
      ['1d', 4 * 401],
    ]);
    expect(e.bytes).toBe(e.rows * 40);
    expect(estimateStorage(5000, 40, 4, levels).bytes).toBe(5000 * e.bytes);
  });
});
