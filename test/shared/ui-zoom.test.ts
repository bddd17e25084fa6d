import { describe, expect, it } from 'vitest';
import { DEFAULT_TEXT_SIZE, parseTextSize, TEXT_SIZES, uiZoomFor, zoomForChoice } from '../../shared/ui-zoom.js';

describe('uiZoomFor: the console zooms to the desk', () => {
  it('leaves a 1280–1920 desk (and an OS-scaled 4K screen) at 100 %', () => {
    for (const w of [0, 800, 1280, 1366, 1920, 2048, 2199, 2199.99]) expect(uiZoomFor(w)).toBe(1);
  });

  it('zooms 125 % from 2,200, 150 % from 3,000 and 200 % from 3,600 pixels wide, the edges included', () => {
    expect(uiZoomFor(2200)).toBe(1.25);
    expect(uiZoomFor(2560)).toBe(1.25);
    expect(uiZoomFor(2999)).toBe(1.25);
    expect(uiZoomFor(3000)).toBe(1.5);
    expect(uiZoomFor(3440)).toBe(1.5);
    expect(uiZoomFor(3599)).toBe(1.5);
    expect(uiZoomFor(3600)).toBe(2);
    expect(uiZoomFor(3840)).toBe(2);
    expect(uiZoomFor(7680)).toBe(2);
  });

  it('never zooms on a width it cannot read', () => {
    for (const w of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -2560]) expect(uiZoomFor(w)).toBe(1);
  });

  it('never shrinks as the window grows', () => {
    let last = 0;
    for (let w = 0; w <= 5000; w += 10) {
      const z = uiZoomFor(w);
      expect(z).toBeGreaterThanOrEqual(last);
      last = z;
    }
  });
});

describe('the text-size choice', () => {
  it('offers automatic first, then 100, 125, 150 and 200 %', () => {
    expect(TEXT_SIZES).toEqual(['auto', '100', '125', '150', '200']);
    expect(DEFAULT_TEXT_SIZE).toBe('auto');
  });

  it('reads every offered choice back as itself', () => {
    for (const s of TEXT_SIZES) expect(parseTextSize(s)).toBe(s);
  });

  it('reads anything else as automatic, never throwing', () => {
    for (const bad of [undefined, null, '', 'AUTO', '125 %', '1.25', 125, 1.25, '300', '-100', '__proto__', 'toString', {}, [], ['125'], true, Symbol('x')]) {
      expect(parseTextSize(bad)).toBe('auto');
    }
  });

  it('automatic follows the width; a fixed percentage ignores it', () => {
    expect(zoomForChoice('auto', 1920)).toBe(1);
    expect(zoomForChoice('auto', 2560)).toBe(1.25);
    expect(zoomForChoice('auto', 3840)).toBe(2);
    expect(zoomForChoice('100', 3840)).toBe(1);
    expect(zoomForChoice('125', 1280)).toBe(1.25);
    expect(zoomForChoice('150', 2560)).toBe(1.5);
    expect(zoomForChoice('200', 1920)).toBe(2);
    expect(zoomForChoice('150', Number.NaN)).toBe(1.5);
  });
});
