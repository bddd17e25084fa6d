import { describe, expect, it, vi } from 'vitest';
import { fake, resetFake } from './fake-electron.js';

vi.mock('electron', async () => (await import('./fake-electron.js')).electronModule());

const { chooseTextSize, followDeskSize, uiZoomFor } = await import('../../electron/main/window-zoom.js');

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

  it('follows the window as it is resized, and the desk\'s text-size choice over the width', () => {
    resetFake();
    const win = new fake.BrowserWindow({ width: 1920, height: 1080 });
    followDeskSize(win as never);
    expect(win.webContents.zoomFactor).toBe(1);
    win.normalBounds.width = 3840;
    win.emit('resize');
    expect(win.webContents.zoomFactor).toBe(2);
    chooseTextSize(win as never, '125');
    expect(win.webContents.zoomFactor).toBe(1.25);
    win.normalBounds.width = 1280;
    win.emit('resize');
    expect(win.webContents.zoomFactor).toBe(1.25); // a fixed choice ignores the width
    chooseTextSize(win as never, { not: 'a choice' });
    expect(win.webContents.zoomFactor).toBe(1); // automatic again, at 1280
  });

  it('ignores a choice for a window it does not follow', () => {
    resetFake();
    const win = new fake.BrowserWindow({ width: 2560, height: 1440 });
    expect(() => chooseTextSize(win as never, '200')).not.toThrow();
    expect(win.webContents.zoomFactor).toBe(1);
  });
});
