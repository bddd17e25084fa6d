import Store from 'electron-store';
import { z } from 'zod';
import type { BrowserWindow, Rectangle } from 'electron';

/**
 * Where the operator left the console window: normal bounds plus the maximised flag, kept in
 * `window-state.json` (electron-store). The file is hand-editable and may outlive a monitor, so
 * what comes back is validated and bounds that no display can show are dropped.
 */
export interface WindowState {
  readonly x?: number;
  readonly y?: number;
  readonly width: number;
  readonly height: number;
  readonly maximized: boolean;
}

/** Storage seam: electron-store in the app, a plain object in tests. */
export interface WindowStateStore {
  load(): unknown;
  save(state: WindowState): void;
}

export const DEFAULT_WINDOW_SIZE = { width: 1440, height: 900 } as const;
export const MIN_WINDOW_SIZE = { width: 960, height: 600 } as const;
export const SAVE_DEBOUNCE_MS = 400;
/** How much of the window (title bar height, a grab-able width) must lie on some display. */
const MIN_VISIBLE = { width: 120, height: 40 } as const;

const StoredStateSchema = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  maximized: z.boolean().default(false),
});

type StoreShape = { window?: WindowState };

export function openWindowStateStore(): WindowStateStore {
  const store = new Store<StoreShape>({ name: 'window-state', clearInvalidConfig: true });
  return {
    load: () => store.get('window'),
    save: (state) => store.set('window', state),
  };
}

function overlap(a: Rectangle, b: Rectangle): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

/** True when enough of `bounds` lies on one display's work area to grab and move it. */
export function isOnSomeDisplay(bounds: Rectangle, displays: readonly { readonly workArea: Rectangle }[]): boolean {
  return displays.some(({ workArea }) => {
    const o = overlap(bounds, workArea);
    return o.width >= Math.min(MIN_VISIBLE.width, bounds.width) && o.height >= Math.min(MIN_VISIBLE.height, bounds.height);
  });
}

/**
 * The state to open with: the stored one when valid, its size alone (centred by Electron) when its
 * position is off every display, else the default size.
 */
export function resolveWindowState(stored: unknown, displays: readonly { readonly workArea: Rectangle }[]): WindowState {
  const parsed = StoredStateSchema.safeParse(stored);
  if (!parsed.success) return { ...DEFAULT_WINDOW_SIZE, maximized: false };
  const { x, y, maximized } = parsed.data;
  const width = Math.max(parsed.data.width, MIN_WINDOW_SIZE.width);
  const height = Math.max(parsed.data.height, MIN_WINDOW_SIZE.height);
  if (x === undefined || y === undefined || !isOnSomeDisplay({ x, y, width, height }, displays)) {
    return { width, height, maximized };
  }
  return { x, y, width, height, maximized };
}

/**
 * Saves the window's normal bounds (not the maximised ones, so un-maximising after a restart
 * returns to where it was) and the maximised flag: debounced while it moves, at once on close.
 * Returns a function that stops tracking.
 */
export function trackWindowState(win: BrowserWindow, store: WindowStateStore, debounceMs = SAVE_DEBOUNCE_MS): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;

  const save = (): void => {
    clearTimeout(timer);
    timer = undefined;
    if (win.isDestroyed() || win.isMinimized() || win.isFullScreen()) return;
    const { x, y, width, height } = win.getNormalBounds();
    try {
      store.save({ x, y, width, height, maximized: win.isMaximized() });
    } catch (err) {
      // A read-only profile directory must not take the console down.
      console.error('bridgepoint: could not save the window state:', err);
    }
  };
  const saveSoon = (): void => {
    clearTimeout(timer);
    timer = setTimeout(save, debounceMs);
  };

  const moving = ['resize', 'move', 'maximize', 'unmaximize'] as const;
  for (const e of moving) win.on(e as 'resize', saveSoon);
  win.on('close', save);

  return () => {
    clearTimeout(timer);
    for (const e of moving) win.removeListener(e as 'resize', saveSoon);
    win.removeListener('close', save);
  };
}
