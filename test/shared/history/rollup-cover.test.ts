import { describe, expect, it } from 'vitest';
import { rollupCover } from '../../../shared/history/rollup-cover.js';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../../shared/schedule/zoned-time.js';

const NOW = Date.UTC(2026, 5, 10, 12, 0, 30); // 30 s into a minute
const OPEN = NOW - 30_000; // the minute being filled

describe('rollupCover', () => {
  it('reads the coarsest closed buckets inside the period and finer ones at its edges', () => {
    const from = Date.UTC(2026, 5, 8, 9, 22); // more than 24 h ago: no minute rows kept there
    const to = Date.UTC(2026, 5, 10, 9, 52);
    expect(rollupCover(from, to, NOW, OPEN)).toEqual([
      // widened to its quarter hour
      { level: '15m', from: Date.UTC(2026, 5, 8, 9, 15), to: Date.UTC(2026, 5, 8, 10, 0) },
      { level: '1h', from: Date.UTC(2026, 5, 8, 10, 0), to: Date.UTC(2026, 5, 9, 0, 0) },
      { level: '1d', from: Date.UTC(2026, 5, 9), to: Date.UTC(2026, 5, 10) },
      { level: '1h', from: Date.UTC(2026, 5, 10, 0, 0), to: Date.UTC(2026, 5, 10, 9, 0) },
      { level: '15m', from: Date.UTC(2026, 5, 10, 9, 0), to: Date.UTC(2026, 5, 10, 9, 45) },
      { level: '1m', from: Date.UTC(2026, 5, 10, 9, 45), to: Date.UTC(2026, 5, 10, 9, 52) },
    ]);
  });

  it('stops at the minute being filled, and uses no coarse bucket that has not closed', () => {
    const now = Date.UTC(2026, 5, 10, 12, 7, 30);
    const open = Date.UTC(2026, 5, 10, 12, 7);
    expect(rollupCover(Date.UTC(2026, 5, 10, 10, 0), now + HOUR_MS, now, open)).toEqual([
      { level: '1h', from: Date.UTC(2026, 5, 10, 10), to: Date.UTC(2026, 5, 10, 12) },
      // the quarter from 12:00 is still open: its closed minutes instead
      { level: '1m', from: Date.UTC(2026, 5, 10, 12), to: open },
    ]);
    expect(rollupCover(open, now + MINUTE_MS, now, open)).toEqual([]);
  });

  it('widens an edge inside a minute to that minute, and tiles the period without gaps or overlaps', () => {
    const from = Date.UTC(2026, 5, 10, 3, 0, 10);
    const to = Date.UTC(2026, 5, 10, 3, 2, 1);
    expect(rollupCover(from, to, NOW, OPEN)).toEqual([{ level: '1m', from: Date.UTC(2026, 5, 10, 3, 0), to: Date.UTC(2026, 5, 10, 3, 3) }]);
    for (const [f, t] of [
      [NOW - 400 * DAY_MS, NOW],
      [NOW - 40 * DAY_MS + 17 * MINUTE_MS, NOW - 3 * HOUR_MS],
      [NOW - 5 * 365 * DAY_MS, NOW - 1000 * DAY_MS],
    ] as const) {
      const runs = rollupCover(f, t, NOW, OPEN);
      for (let i = 1; i < runs.length; i++) expect(runs[i]!.from).toBe(runs[i - 1]!.to);
      expect(runs[0]!.from).toBeLessThanOrEqual(f);
      expect(runs[runs.length - 1]!.to).toBeGreaterThanOrEqual(Math.min(t, OPEN));
    }
  });

  it('starts a period older than five years where the daily rows do', () => {
    const runs = rollupCover(NOW - 7 * 365 * DAY_MS, NOW - 4 * 365 * DAY_MS, NOW, OPEN);
    expect(runs[0]!.level).toBe('1d');
    expect(runs[0]!.from).toBeGreaterThanOrEqual(NOW - 1827 * DAY_MS);
    expect(runs[0]!.from - (NOW - 1827 * DAY_MS)).toBeLessThan(DAY_MS);
  });
});
