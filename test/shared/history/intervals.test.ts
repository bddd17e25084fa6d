import { describe, expect, it } from 'vitest';
import { clip, intersect, normalize, subtract, totalMs } from '../../../shared/history/intervals.js';

const iv = (start: number, end: number) => ({ start, end });

describe('normalize', () => {
  it('sorts, drops empty intervals and merges overlapping and touching ones', () => {
    expect(normalize([iv(10, 12), iv(1, 3), iv(3, 5), iv(4, 4), iv(2, 4), iv(7, 6)])).toEqual([iv(1, 5), iv(10, 12)]);
  });

  it('keeps a contained interval from shrinking the one around it', () => {
    expect(normalize([iv(0, 10), iv(2, 3)])).toEqual([iv(0, 10)]);
  });

  it('is empty for nothing', () => {
    expect(normalize([])).toEqual([]);
  });
});

describe('intersect, subtract, clip, totalMs', () => {
  const a = [iv(0, 10), iv(20, 30)];
  const b = [iv(5, 25), iv(28, 40)];

  it('intersects', () => {
    expect(intersect(a, b)).toEqual([iv(5, 10), iv(20, 25), iv(28, 30)]);
    expect(intersect(a, [])).toEqual([]);
  });

  it('subtracts, including holes inside one interval and cuts at both ends', () => {
    expect(subtract(a, b)).toEqual([iv(0, 5), iv(25, 28)]);
    expect(subtract([iv(0, 10)], [iv(2, 3), iv(5, 6)])).toEqual([iv(0, 2), iv(3, 5), iv(6, 10)]);
    expect(subtract([iv(0, 10)], [iv(-5, 20)])).toEqual([]);
    expect(subtract(a, [])).toEqual(a);
  });

  it('clips to [from, to) and gives nothing for an empty range', () => {
    expect(clip(a, 8, 22)).toEqual([iv(8, 10), iv(20, 22)]);
    expect(clip(a, 8, 8)).toEqual([]);
    expect(clip(a, 9, 3)).toEqual([]);
  });

  it('adds lengths', () => {
    expect(totalMs(a)).toBe(20);
    expect(totalMs([])).toBe(0);
  });
});
