import type { BrowserWindow } from 'electron';

/**
 * The console is laid out for a 1280–1920-pixel desk. On a large screen at 100 % (a 2560×1440
 * monitor, a wall display driven at its native width) the same 13-pixel text would be too small to
 * read from the desk or across the room, so the window zooms the whole page, text, canvas and
 * pointer alike (Chromium's page zoom, not CSS zoom). Widths are in device-independent pixels: a 4K
 * screen the OS already scales to 200 % reads as 1920 and is left alone.
 */
export function uiZoomFor(contentWidthDip: number): number {
  if (!Number.isFinite(contentWidthDip) || contentWidthDip < 2200) return 1;
  if (contentWidthDip < 3000) return 1.25;
  if (contentWidthDip < 3600) return 1.5;
  return 2;
}

/** Keep the window's zoom fitted to its width, now and on every resize. */
export function followDeskSize(win: BrowserWindow): void {
  let applied = 0;
  const apply = (): void => {
    if (win.isDestroyed()) return;
    const factor = uiZoomFor(win.getContentSize()[0] ?? 0);
    if (factor === applied) return;
    applied = factor;
    win.webContents.setZoomFactor(factor);
  };
  win.on('resize', apply);
  win.webContents.on('did-finish-load', apply);
  apply();
}
