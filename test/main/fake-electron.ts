import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

/**
 * A small stand-in for the `electron` module (the binary is not installed on CI), recording what
 * the main process asks of it. Tests mock 'electron' with `electronModule()` and reach the state
 * through `fake`; it lives on globalThis so it survives vi.resetModules().
 */

export interface FakeFrame {
  processId: number;
  routingId: number;
  parent: FakeFrame | null;
  url: string;
}

export class FakeSession {
  permissionRequestHandler: ((wc: unknown, permission: string, callback: (granted: boolean) => void, details: unknown) => void) | null = null;
  permissionCheckHandler: ((wc: unknown, permission: string, origin: string, details: unknown) => boolean) | null = null;
  headersListener: ((details: { responseHeaders?: Record<string, string[]> }, callback: (r: unknown) => void) => void) | null = null;
  setPermissionRequestHandler(h: FakeSession['permissionRequestHandler']): void {
    this.permissionRequestHandler = h;
  }
  setPermissionCheckHandler(h: FakeSession['permissionCheckHandler']): void {
    this.permissionCheckHandler = h;
  }
  readonly webRequest = {
    onHeadersReceived: (listener: FakeSession['headersListener']): void => {
      this.headersListener = listener;
    },
  };
}

let nextId = 1;

export class FakeWebContents extends EventEmitter {
  readonly id = nextId++;
  readonly session = new FakeSession();
  readonly mainFrame: FakeFrame;
  readonly send = vi.fn();
  windowOpenHandler: ((details: unknown) => unknown) | null = null;
  destroyed = false;
  constructor(url = 'about:blank') {
    super();
    this.mainFrame = { processId: this.id, routingId: 1, parent: null, url };
  }
  zoomFactor = 1;
  setZoomFactor(f: number): void {
    this.zoomFactor = f;
  }
  setWindowOpenHandler(h: (details: unknown) => unknown): void {
    this.windowOpenHandler = h;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    this.destroyed = true;
    this.emit('destroyed');
  }
}

export interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

export class FakeBrowserWindow extends EventEmitter {
  static instances: FakeBrowserWindow[] = [];
  readonly options: Record<string, unknown> & { webPreferences?: Record<string, unknown> };
  readonly webContents = new FakeWebContents();
  normalBounds: Bounds;
  maximized = false;
  minimized = false;
  visible = false;
  destroyed = false;
  readonly show = vi.fn(() => {
    this.visible = true;
  });
  readonly focus = vi.fn();
  readonly restore = vi.fn(() => {
    this.minimized = false;
  });
  readonly maximize = vi.fn(() => {
    this.maximized = true;
    this.visible = true;
  });
  readonly loadURL = vi.fn((url: string) => {
    this.webContents.mainFrame.url = url;
    return Promise.resolve();
  });
  readonly loadFile = vi.fn((file: string) => {
    this.webContents.mainFrame.url = `file://${file}`;
    return Promise.resolve();
  });
  constructor(options: Record<string, unknown>) {
    super();
    this.options = options;
    const n = (k: string, d: number): number => (typeof options[k] === 'number' ? (options[k] as number) : d);
    this.normalBounds = { x: n('x', 0), y: n('y', 0), width: n('width', 800), height: n('height', 600) };
    FakeBrowserWindow.instances.push(this);
  }
  getContentSize(): [number, number] {
    return [this.normalBounds.width, this.normalBounds.height];
  }
  getNormalBounds(): Bounds {
    return { ...this.normalBounds };
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  isFullScreen(): boolean {
    return false;
  }
  focused = true;
  isFocused(): boolean {
    return this.focused;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

/** Electron's Notification: records what was shown; `click()` as if the person clicked it. */
export class FakeNotification extends EventEmitter {
  static supported = true;
  static shown: FakeNotification[] = [];
  static isSupported(): boolean {
    return FakeNotification.supported;
  }
  constructor(readonly options: { title: string; body: string; silent?: boolean }) {
    super();
  }
  show(): void {
    FakeNotification.shown.push(this);
  }
  click(): void {
    this.emit('click');
  }
}

/** ipcMain as far as the wrapper uses it, plus helpers to deliver messages as the renderer would. */
export class FakeIpcMain extends EventEmitter {
  readonly handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  handle(channel: string, fn: (event: unknown, ...args: unknown[]) => unknown): void {
    // Like Electron: a second handler for one channel is an error.
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, fn);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  async invoke(channel: string, event: unknown, ...args: unknown[]): Promise<unknown> {
    const h = this.handlers.get(channel);
    if (!h) throw new Error(`No handler registered for '${channel}'`);
    return h(event, ...args);
  }
}

export class FakeStore {
  static files = new Map<string, Record<string, unknown>>();
  static instances: FakeStore[] = [];
  readonly name: string;
  readonly options: Record<string, unknown>;
  constructor(options: { name?: string } & Record<string, unknown> = {}) {
    this.options = options;
    this.name = options.name ?? 'config';
    FakeStore.instances.push(this);
  }
  private get data(): Record<string, unknown> {
    let d = FakeStore.files.get(this.name);
    if (!d) FakeStore.files.set(this.name, (d = {}));
    return d;
  }
  get(key: string): unknown {
    return this.data[key];
  }
  set(key: string, value: unknown): void {
    this.data[key] = structuredClone(value);
  }
}

function createFake() {
  const app = Object.assign(new EventEmitter(), {
    getPath: vi.fn((name: string) => `/home/user/.config/Bridgepoint-${name}`),
    requestSingleInstanceLock: vi.fn(() => true),
    quit: vi.fn(),
    whenReady: vi.fn(() => Promise.resolve()),
    enableSandbox: vi.fn(),
  });
  const ipcRenderer = Object.assign(new EventEmitter(), {
    invoke: vi.fn<(channel: string, ...args: unknown[]) => Promise<unknown>>(),
    send: vi.fn(),
  });
  const exposed: Record<string, unknown> = {};
  return {
    app,
    BrowserWindow: FakeBrowserWindow,
    Store: FakeStore,
    ipcMain: new FakeIpcMain(),
    ipcRenderer,
    exposed,
    contextBridge: {
      exposeInMainWorld: vi.fn((key: string, api: unknown) => {
        exposed[key] = api;
      }),
    },
    screen: {
      getAllDisplays: vi.fn(() => [{ id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1040 }, bounds: { x: 0, y: 0, width: 1920, height: 1080 } }]),
    },
    dialog: { showErrorBox: vi.fn(), showMessageBox: vi.fn(async () => ({ response: 0 })) },
    Notification: FakeNotification,
  };
}

type Fake = ReturnType<typeof createFake>;
const holder = globalThis as { __bridgepointFakeElectron?: Fake };

/** The one fake (classes included), shared by every module instance of this file. */
export const fake: Fake = (holder.__bridgepointFakeElectron ??= createFake());

/** Clears recorded calls, listeners, windows and store files, keeping the same objects. */
export function resetFake(): void {
  const f = fake;
  f.app.removeAllListeners();
  f.app.requestSingleInstanceLock.mockReset().mockReturnValue(true);
  f.app.quit.mockReset();
  f.app.whenReady.mockReset().mockResolvedValue(undefined);
  f.app.enableSandbox.mockReset();
  f.ipcMain.removeAllListeners();
  f.ipcMain.handlers.clear();
  f.ipcRenderer.removeAllListeners();
  f.ipcRenderer.invoke.mockReset();
  f.ipcRenderer.send.mockReset();
  for (const k of Object.keys(f.exposed)) delete f.exposed[k];
  f.contextBridge.exposeInMainWorld.mockClear();
  f.screen.getAllDisplays.mockClear();
  f.dialog.showErrorBox.mockReset();
  f.dialog.showMessageBox.mockClear();
  f.BrowserWindow.instances = [];
  f.Store.files.clear();
  f.Store.instances = [];
  f.Notification.shown = [];
  f.Notification.supported = true;
}

/** The module object `vi.mock('electron', ...)` should return. */
export function electronModule(): Record<string, unknown> {
  const f = fake;
  return {
    app: f.app,
    BrowserWindow: f.BrowserWindow,
    ipcMain: f.ipcMain,
    ipcRenderer: f.ipcRenderer,
    contextBridge: f.contextBridge,
    screen: f.screen,
    dialog: f.dialog,
    Notification: f.Notification,
  };
}

export function electronStoreModule(): Record<string, unknown> {
  return { default: fake.Store };
}

/** An IPC event as Electron would build it for a message from `contents`' main frame. */
export function ipcEventFrom(contents: FakeWebContents, frame: FakeFrame | null = contents.mainFrame): { sender: FakeWebContents; senderFrame: FakeFrame | null } {
  return { sender: contents, senderFrame: frame };
}
