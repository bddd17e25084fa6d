import { describe, expect, it } from 'vitest';
import { uiZoomFor } from '../../electron/main/window-zoom.js';

describe('the window zooms to the desk', () => {
  it('leaves a 1280–1920 desk (and an OS-scaled 4K screen) at 100 %, and zooms a large one', () => {
    expect(uiZoomFor(1280)).toBe(1);
    expect(uiZoomFor(1920)).toBe(1);
    expect(uiZoomFor(2199)).toBe(1);
    expect(uiZoomFor(2560)).toBe(1.25);
    expect(uiZoomFor(3440)).toBe(1.5);
    expect(uiZoomFor(3840)).toBe(2);
    expect(uiZoomFor(Number.NaN)).toBe(1);
  });
});
