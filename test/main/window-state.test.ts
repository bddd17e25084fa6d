import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fake, resetFake, type FakeBrowserWindow } from './fake-electron.js';

vi.mock('electron', async () => (await import('./fake-electron.js')).electronModule());
vi.mock('electron-store', async () => (await import('./fake-electron.js')).electronStoreModule());

const { createMainWindow } = await import('../../electron/main/window.js');
const { DEFAULT_WINDOW_SIZE, SAVE_DEBOUNCE_MS, openWindowStateStore, resolveWindowState } = await import('../../electron/main/window-state.js');

const memoryStore = (initial?: unknown) => {
  let value = initial;
  return { load: vi.fn(() => value), save: vi.fn((s: unknown) => void (value = s)) };
};

function openWith(store: ReturnType<typeof memoryStore>): FakeBrowserWindow {
  createMainWindow({ stateStore: store, env: {} });
  const win = fake.BrowserWindow.instances.at(-1);
  if (!win) throw new Error('no window created');
  return win;
}

const display = (x: number, y: number, width: number, height: number) => ({ id: x, workArea: { x, y, width, height }, bounds: { x, y, width, height } });

beforeEach(() => resetFake());
afterEach(() => vi.useRealTimers());

describe('restoring the window', () => {
  it('opens with the stored bounds', () => {
    const win = openWith(memoryStore({ x: 100, y: 60, width: 1280, height: 800, maximized: false }));
    expect(win.options).toMatchObject({ x: 100, y: 60, width: 1280, height: 800 });
    win.emit('ready-to-show');
    expect(win.maximize).not.toHaveBeenCalled();
  });

  it('opens maximised when it was closed maximised', () => {
    const win = openWith(memoryStore({ x: 100, y: 60, width: 1280, height: 800, maximized: true }));
    expect(win.maximize).not.toHaveBeenCalled();
    win.emit('ready-to-show');
    expect(win.maximize).toHaveBeenCalledTimes(1);
  });

  it('keeps the size but drops a position that no display shows (a monitor was unplugged)', () => {
    fake.screen.getAllDisplays.mockReturnValueOnce([display(0, 0, 1920, 1040)]);
    const win = openWith(memoryStore({ x: 2500, y: 100, width: 1280, height: 800, maximized: false }));
    expect(win.options).toMatchObject({ width: 1280, height: 800 });
    expect(win.options).not.toHaveProperty('x');
    expect(win.options).not.toHaveProperty('y');
  });

  it('uses a position on a second display', () => {
    fake.screen.getAllDisplays.mockReturnValueOnce([display(0, 0, 1920, 1040), display(1920, 0, 1920, 1040)]);
    const win = openWith(memoryStore({ x: 2500, y: 100, width: 1280, height: 800, maximized: false }));
    expect(win.options).toMatchObject({ x: 2500, y: 100 });
  });

  it('falls back to the default size when the stored state is missing or garbage', () => {
    for (const stored of [undefined, 'nonsense', { width: 'wide' }, { x: 1, y: 2 }]) {
      const s = resolveWindowState(stored, [display(0, 0, 1920, 1040)]);
      expect(s).toEqual({ ...DEFAULT_WINDOW_SIZE, maximized: false });
    }
  });

  it('treats a sliver on screen as off screen', () => {
    // Only 10 px of the window would reach the display: not enough to grab the title bar.
    const s = resolveWindowState({ x: 1910, y: 10, width: 1200, height: 800, maximized: false }, [display(0, 0, 1920, 1040)]);
    expect(s).not.toHaveProperty('x');
  });
});

describe('saving the window state', () => {
  it('saves normal bounds and the maximised flag on close', () => {
    const store = memoryStore();
    const win = openWith(store);
    win.normalBounds = { x: 40, y: 30, width: 1500, height: 950 };
    win.maximized = true;
    win.emit('close');
    expect(store.save).toHaveBeenCalledWith({ x: 40, y: 30, width: 1500, height: 950, maximized: true });
  });

  it('saves once after a burst of moves and resizes, not on each one', () => {
    vi.useFakeTimers();
    const store = memoryStore();
    const win = openWith(store);
    for (let i = 0; i < 10; i++) {
      win.normalBounds = { x: 10 * i, y: 20, width: 1200, height: 800 };
      win.emit(i % 2 ? 'move' : 'resize');
    }
    expect(store.save).not.toHaveBeenCalled();
    vi.advanceTimersByTime(SAVE_DEBOUNCE_MS + 1);
    expect(store.save).toHaveBeenCalledTimes(1);
    expect(store.save).toHaveBeenLastCalledWith({ x: 90, y: 20, width: 1200, height: 800, maximized: false });
  });

  it('does not overwrite the last good state with a minimised window', () => {
    const store = memoryStore({ x: 1, y: 2, width: 1200, height: 800, maximized: false });
    const win = openWith(store);
    win.minimized = true;
    win.emit('close');
    expect(store.save).not.toHaveBeenCalled();
  });

  it('round-trips through electron-store under the name window-state', () => {
    const first = openWindowStateStore();
    first.save({ x: 5, y: 6, width: 1300, height: 820, maximized: true });
    expect(fake.Store.instances.at(-1)?.name).toBe('window-state');
    expect(fake.Store.files.get('window-state')).toEqual({ window: { x: 5, y: 6, width: 1300, height: 820, maximized: true } });

    // The default store is what createMainWindow uses when none is given.
    createMainWindow({ env: {} });
    expect(fake.BrowserWindow.instances.at(-1)?.options).toMatchObject({ x: 5, y: 6, width: 1300, height: 820 });
  });
});
