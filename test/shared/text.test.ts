import { describe, expect, it } from 'vitest';
import { foldQuery, foldText, matchesFolded } from '../../shared/text.js';

describe('foldText', () => {
  it('removes Vietnamese tone and vowel marks and lower-cases', () => {
    expect(foldText('Chợ Rã')).toBe('cho ra');
    expect(foldText('UBND huyện Pác Nặm')).toBe('ubnd huyen pac nam');
    expect(foldText('Ngân Sơn')).toBe('ngan son');
    expect(foldText('Thượng Ân')).toBe('thuong an');
  });

  it('folds đ and Đ to d (a letter of its own, not d plus a mark)', () => {
    expect(foldText('Đức Xuân')).toBe('duc xuan');
    expect(foldText('Chợ Đồn')).toBe('cho don');
    expect(foldText('đ')).toBe('d');
  });

  it('treats precomposed and decomposed input alike', () => {
    const decomposed = 'Cho\u031B\u0323 Ra\u0303';
    expect(foldText(decomposed)).toBe(foldText('Chợ Rã'));
  });

  it('collapses and trims whitespace', () => {
    expect(foldText('  Ba   Bể \t')).toBe('ba be');
  });
});

describe('matchesFolded', () => {
  it('matches "cho ra" against "Chợ Rã"', () => {
    expect(matchesFolded('UBND xã Chợ Rã', 'cho ra')).toBe(true);
    expect(matchesFolded('UBND xã Chợ Rã', 'CHỢ rã')).toBe(true);
  });

  it('matches d against đ', () => {
    expect(matchesFolded('UBND huyện Chợ Đồn', 'cho don')).toBe(true);
    expect(matchesFolded('UBND phường Đức Xuân', 'duc')).toBe(true);
  });

  it('needs every word of the query, in any order', () => {
    expect(matchesFolded('UBND xã Chợ Rã', 'ra cho')).toBe(true);
    expect(matchesFolded('UBND xã Chợ Rã', 'cho moi')).toBe(false);
    expect(matchesFolded('UBND xã Nam Mẫu', 'cho')).toBe(false);
  });

  it('does not fold other letters together', () => {
    expect(matchesFolded('Bạch Thông', 'bach thong')).toBe(true);
    expect(matchesFolded('Bạch Thông', 'bac thong')).toBe(true); // substring of "bach"
    expect(matchesFolded('Bạch Thông', 'bach thongx')).toBe(false);
  });

  it('matches everything for a blank query', () => {
    expect(matchesFolded('anything', '   ')).toBe(true);
    expect(foldQuery('  ')).toEqual([]);
  });
});
