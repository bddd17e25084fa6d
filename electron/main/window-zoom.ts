import type { BrowserWindow } from 'electron';
import { DEFAULT_TEXT_SIZE, parseTextSize, zoomForChoice, type TextSize } from '../../shared/ui-zoom.js';

/**
 * The desktop window zooms the whole page on a large screen (Chromium's page zoom, not CSS zoom:
 * text, canvas and pointer alike), by the rule in shared/ui-zoom.ts on the window's width in
 * device-independent pixels, or by the desk's own text-size choice ("Cỡ chữ") when it made one.
 */

export { uiZoomFor } from '../../shared/ui-zoom.js';

interface DeskZoom {
  choice: TextSize;
  readonly apply: () => void;
}

const followed = new WeakMap<BrowserWindow, DeskZoom>();

/** Keep the window's zoom fitted to its width (or the desk's choice), now and on every resize. */
export function followDeskSize(win: BrowserWindow): void {
  let applied = 0;
  const desk: DeskZoom = {
    choice: DEFAULT_TEXT_SIZE,
    apply: () => {
      if (win.isDestroyed()) return;
      const factor = zoomForChoice(desk.choice, win.getContentSize()[0] ?? 0);
      if (factor === applied) return;
      applied = factor;
      win.webContents.setZoomFactor(factor);
    },
  };
  followed.set(win, desk);
  win.on('resize', desk.apply);
  win.webContents.on('did-finish-load', desk.apply);
  desk.apply();
}

/** The renderer's text-size choice for this window (anything unknown is automatic). */
export function chooseTextSize(win: BrowserWindow, choice: unknown): void {
  const desk = followed.get(win);
  if (!desk) return;
  desk.choice = parseTextSize(choice);
  desk.apply();
}
