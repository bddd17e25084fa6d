import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../shared/api/errors.js';
import type { RpcReply } from '../../shared/api/transport.js';
import { IPC_CHANNELS } from '../../shared/api/ipc-channels.js';
import type { Identity } from '../../shared/roles.js';
import { fake, FakeWebContents, ipcEventFrom, resetFake, type FakeBrowserWindow } from './fake-electron.js';

vi.mock('electron', async () => (await import('./fake-electron.js')).electronModule());
vi.mock('electron-store', async () => (await import('./fake-electron.js')).electronStoreModule());

const { serveConsoleApi } = await import('../../electron/main/ipc.js');
const { RENDERER_DIR } = await import('../../electron/main/window.js');
const { followDeskSize } = await import('../../electron/main/window-zoom.js');

const APP_URL = pathToFileURL(join(RENDERER_DIR, 'index.html')).href;

const OPERATOR: Identity = { user: 'dieuhanh', role: 'operator', scope: [], sessionId: 's1', source: 'desktop', client: 'desktop' };
const PASSWORD = 'mat-khau-dieu-hanh';

/** An engine with one account (dieuhanh) and at most one live session, s1 with token tok-1. */
function fakeEngine() {
  const listeners: ((payload: unknown) => void)[] = [];
  const unsubscribers: ReturnType<typeof vi.fn>[] = [];
  const ended: ((id: string) => void)[] = [];
  const state = { live: false };
  const endSession = (): void => {
    state.live = false;
    for (const l of ended) l('s1');
  };
  return {
    listeners,
    unsubscribers,
    endSession,
    callAnonymous: vi.fn(async (_origin: unknown, method: string, input: unknown): Promise<RpcReply> => {
      if (method === 'login' && (input as { password?: string }).password === PASSWORD) {
        state.live = true;
        return { ok: true, result: { token: 'tok-1', identity: { user: 'dieuhanh', role: 'operator', sessionId: 's1' } } };
      }
      return { ok: false, error: { code: 'unauthenticated', message: 'wrong user name or password' } };
    }),
    authenticate: vi.fn((token: string) => (token === 'tok-1' && state.live ? OPERATOR : null)),
    onSessionEnded: vi.fn((listener: (id: string) => void) => {
      ended.push(listener);
      return () => ended.splice(ended.indexOf(listener), 1);
    }),
    call: vi.fn(async (_caller: Identity, method: string): Promise<RpcReply> => {
      if (method === 'logout') endSession();
      return { ok: true, result: { echoed: method } };
    }),
    subscribe: vi.fn((_caller: Identity, stream: string, listener: (payload: unknown) => void) => {
      if (stream !== 'status') throw new ApiError('unknown_method', `no stream "${stream}"`);
      listeners.push(listener);
      const unsubscribe = vi.fn();
      unsubscribers.push(unsubscribe);
      return unsubscribe;
    }),
  };
}

/** A window showing our renderer, as createMainWindow would leave it. */
function appWindow(): FakeBrowserWindow {
  const win = new fake.BrowserWindow({});
  win.webContents.mainFrame.url = APP_URL;
  return win;
}

let engine: ReturnType<typeof fakeEngine>;
let win: FakeBrowserWindow;
let dispose: () => void;

beforeEach(() => {
  resetFake();
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  engine = fakeEngine();
  win = appWindow();
  dispose = serveConsoleApi(engine, win as never);
});

afterEach(() => vi.restoreAllMocks());

const request = (event: unknown, payload: unknown) => fake.ipcMain.invoke(IPC_CHANNELS.request, event, payload) as Promise<RpcReply>;
const subscribe = (event: unknown, stream: unknown) => fake.ipcMain.emit(IPC_CHANNELS.subscribe, event, stream);
const errorCode = (reply: RpcReply) => (reply.ok ? null : (reply.error as { code: string }).code);
const logIn = () => request(ipcEventFrom(win.webContents), { method: 'login', input: { user: 'dieuhanh', password: PASSWORD } });

describe('requests', () => {
  it('passes a well-formed request from our window to the engine as the logged-in user', async () => {
    await logIn();
    const reply = await request(ipcEventFrom(win.webContents), { method: 'whoami', input: {} });
    expect(engine.call).toHaveBeenCalledTimes(1);
    expect(engine.call).toHaveBeenCalledWith(OPERATOR, 'whoami', {});
    expect(reply).toEqual({ ok: true, result: { echoed: 'whoami' } });
  });

  it('refuses a request from another webContents with forbidden, without reaching the engine', async () => {
    const stranger = new FakeWebContents(APP_URL);
    // Same frame ids and URL as our window: only the sender itself tells them apart.
    const lookalike = { ...win.webContents.mainFrame };
    const reply = await request(ipcEventFrom(stranger, lookalike), { method: 'reloadInventory', input: {} });
    expect(errorCode(reply)).toBe('forbidden');
    expect(engine.call).not.toHaveBeenCalled();
  });

  it('refuses a request from a sub-frame of our window', async () => {
    const child = { processId: 99, routingId: 7, parent: win.webContents.mainFrame, url: APP_URL };
    const reply = await request(ipcEventFrom(win.webContents, child), { method: 'whoami', input: {} });
    expect(errorCode(reply)).toBe('forbidden');
    expect(engine.call).not.toHaveBeenCalled();
  });

  it('refuses a request when our window shows a foreign page, or the frame is gone', async () => {
    win.webContents.mainFrame.url = 'https://example.com/';
    expect(errorCode(await request(ipcEventFrom(win.webContents), { method: 'whoami', input: {} }))).toBe('forbidden');
    win.webContents.mainFrame.url = APP_URL;
    expect(errorCode(await request(ipcEventFrom(win.webContents, null), { method: 'whoami', input: {} }))).toBe('forbidden');
    expect(engine.call).not.toHaveBeenCalled();
  });

  it('answers a malformed payload with bad_request, without reaching the engine', async () => {
    for (const payload of [undefined, null, 'whoami', { method: 42, input: {} }, { method: '', input: {} }, { input: {} }]) {
      const reply = await request(ipcEventFrom(win.webContents), payload);
      expect(errorCode(reply)).toBe('bad_request');
    }
    expect(engine.call).not.toHaveBeenCalled();
  });

  it('turns an engine that throws into an error reply instead of a rejected invoke', async () => {
    await logIn();
    engine.call.mockRejectedValueOnce(new Error('boom'));
    const reply = await request(ipcEventFrom(win.webContents), { method: 'whoami', input: {} });
    expect(reply).toEqual({ ok: false, error: { code: 'internal', message: 'boom' } });
  });

});

describe('login over IPC', () => {
  it('answers unauthenticated before login, without reaching the engine', async () => {
    expect(errorCode(await request(ipcEventFrom(win.webContents), { method: 'getNetwork', input: {} }))).toBe('unauthenticated');
    expect(engine.call).not.toHaveBeenCalled();
  });

  it('logs in anonymously from the desktop origin and keeps the token in main', async () => {
    const reply = await request(ipcEventFrom(win.webContents), { method: 'login', input: { user: 'dieuhanh', password: PASSWORD } });
    expect(reply.ok).toBe(true);
    expect(engine.callAnonymous).toHaveBeenCalledWith({ source: 'desktop', client: 'desktop' }, 'login', { user: 'dieuhanh', password: PASSWORD });
    // Later requests carry no token: main adds the identity behind the window's session.
    await request(ipcEventFrom(win.webContents), { method: 'getNetwork', input: {} });
    expect(engine.authenticate).toHaveBeenLastCalledWith('tok-1', { source: 'desktop', client: 'desktop' }, { userIdleMs: undefined });
    expect(engine.call).toHaveBeenCalledWith(OPERATOR, 'getNetwork', {});
    // The window states how long its user has been away; the engine's idle expiry counts from then.
    await request(ipcEventFrom(win.webContents), { method: 'getNetwork', input: {}, idleMs: 65_000 });
    expect(engine.authenticate).toHaveBeenLastCalledWith('tok-1', { source: 'desktop', client: 'desktop' }, { userIdleMs: 65_000 });
    expect(errorCode(await request(ipcEventFrom(win.webContents), { method: 'getNetwork', input: {}, idleMs: -1 }))).toBe('bad_request');
  });

  it('passes a refused login back and stays logged out', async () => {
    const reply = await request(ipcEventFrom(win.webContents), { method: 'login', input: { user: 'dieuhanh', password: 'sai' } });
    expect(errorCode(reply)).toBe('unauthenticated');
    expect(errorCode(await request(ipcEventFrom(win.webContents), { method: 'whoami', input: {} }))).toBe('unauthenticated');
  });

  it('refuses a login from a foreign sender', async () => {
    const stranger = new FakeWebContents(APP_URL);
    expect(errorCode(await request(ipcEventFrom(stranger), { method: 'login', input: { user: 'dieuhanh', password: PASSWORD } }))).toBe('forbidden');
    expect(engine.callAnonymous).not.toHaveBeenCalled();
  });

  it('tells the window on the session stream when its session ends, and ends its engine streams', async () => {
    await logIn();
    subscribe(ipcEventFrom(win.webContents), 'session');
    subscribe(ipcEventFrom(win.webContents), 'status');
    expect(engine.subscribe).toHaveBeenCalledTimes(1); // 'session' is main's own stream
    await request(ipcEventFrom(win.webContents), { method: 'logout', input: {} });
    expect(win.webContents.send).toHaveBeenCalledWith(IPC_CHANNELS.event, { stream: 'session', payload: { ended: true } });
    expect(engine.unsubscribers[0]).toHaveBeenCalledTimes(1);
    expect(errorCode(await request(ipcEventFrom(win.webContents), { method: 'whoami', input: {} }))).toBe('unauthenticated');
  });

  it('ends the session in the engine when the window goes away', async () => {
    await logIn();
    win.webContents.destroy();
    await Promise.resolve();
    expect(engine.call).toHaveBeenCalledWith(OPERATOR, 'logout', {});
  });
});

describe('subscriptions', () => {
  beforeEach(async () => {
    await logIn();
  });

  it('refuses a stream before login', async () => {
    engine.endSession();
    subscribe(ipcEventFrom(win.webContents), 'status');
    expect(engine.subscribe).not.toHaveBeenCalled();
    expect(win.webContents.send).toHaveBeenCalledWith(IPC_CHANNELS.event, expect.objectContaining({ stream: 'status', error: expect.objectContaining({ code: 'unauthenticated' }) }));
  });

  it('forwards engine events to the subscribing webContents', () => {
    subscribe(ipcEventFrom(win.webContents), 'status');
    expect(engine.subscribe).toHaveBeenCalledWith(OPERATOR, 'status', expect.any(Function));
    engine.listeners[0]?.({ kind: 'delta', seq: 2 });
    expect(win.webContents.send).toHaveBeenCalledWith(IPC_CHANNELS.event, { stream: 'status', payload: { kind: 'delta', seq: 2 } });
  });

  it('unsubscribes from the engine when the webContents is destroyed', () => {
    subscribe(ipcEventFrom(win.webContents), 'status');
    expect(engine.unsubscribers[0]).not.toHaveBeenCalled();
    win.webContents.destroy();
    expect(engine.unsubscribers[0]).toHaveBeenCalledTimes(1);
    // Nothing is sent to a destroyed webContents.
    engine.listeners[0]?.({ kind: 'delta', seq: 3 });
    expect(win.webContents.send).not.toHaveBeenCalled();
  });

  it('unsubscribes on the unsubscribe channel', () => {
    subscribe(ipcEventFrom(win.webContents), 'status');
    fake.ipcMain.emit(IPC_CHANNELS.unsubscribe, ipcEventFrom(win.webContents), 'status');
    expect(engine.unsubscribers[0]).toHaveBeenCalledTimes(1);
  });

  it('restarts the stream on a repeated subscribe, keeping one engine subscription', () => {
    subscribe(ipcEventFrom(win.webContents), 'status');
    subscribe(ipcEventFrom(win.webContents), 'status');
    expect(engine.subscribe).toHaveBeenCalledTimes(2);
    expect(engine.unsubscribers[0]).toHaveBeenCalledTimes(1);
    expect(engine.unsubscribers[1]).not.toHaveBeenCalled();
  });

  it('sends a refused subscription back as an error event', () => {
    subscribe(ipcEventFrom(win.webContents), 'gossip');
    expect(win.webContents.send).toHaveBeenCalledWith(IPC_CHANNELS.event, {
      stream: 'gossip',
      error: { code: 'unknown_method', message: 'no stream "gossip"' },
    });
  });

  it('ignores a subscription from a foreign sender', () => {
    const stranger = new FakeWebContents(APP_URL);
    subscribe(ipcEventFrom(stranger), 'status');
    expect(engine.subscribe).not.toHaveBeenCalled();
    expect(stranger.send).not.toHaveBeenCalled();
  });

  it('rejects a stream name that is not a string', () => {
    subscribe(ipcEventFrom(win.webContents), { evil: true });
    expect(engine.subscribe).not.toHaveBeenCalled();
    expect(win.webContents.send).toHaveBeenCalledWith(IPC_CHANNELS.event, expect.objectContaining({ error: expect.objectContaining({ code: 'bad_request' }) }));
  });
});

describe('dispose', () => {
  it('removes the handlers, ends the subscriptions and the window sessions', async () => {
    await logIn();
    subscribe(ipcEventFrom(win.webContents), 'status');
    dispose();
    expect(engine.unsubscribers[0]).toHaveBeenCalledTimes(1);
    expect(engine.call).toHaveBeenCalledWith(OPERATOR, 'logout', {});
    expect(fake.ipcMain.handlers.size).toBe(0);
    expect(fake.ipcMain.listenerCount(IPC_CHANNELS.subscribe)).toBe(0);
    expect(fake.ipcMain.listenerCount(IPC_CHANNELS.unsubscribe)).toBe(0);
    expect(win.webContents.listenerCount('destroyed')).toBe(0);
    await expect(request(ipcEventFrom(win.webContents), { method: 'whoami', input: {} })).rejects.toThrow(/No handler/);
    // A new window can be served again (ipcMain.handle refuses a second handler per channel).
    expect(() => serveConsoleApi(engine, appWindow() as never)).not.toThrow();
  });
});

describe('desktop notifications', () => {
  const notify = (payload: unknown, event = ipcEventFrom(win.webContents)) => fake.ipcMain.emit(IPC_CHANNELS.notify, event, payload);
  const alarm = { title: 'Khẩn cấp: Ngừng hoạt động', body: 'UBND huyện Ba Bể' };

  it('shows a new alarm, silently, only while the window is not focused and only to a logged-in page', async () => {
    win.focused = false;
    notify(alarm);
    expect(fake.Notification.shown).toHaveLength(0); // not logged in yet
    await logIn();
    win.focused = true;
    notify(alarm);
    expect(fake.Notification.shown).toHaveLength(0); // the operator is looking at the console
    win.focused = false;
    notify(alarm);
    expect(fake.Notification.shown.map((n) => n.options)).toEqual([{ ...alarm, silent: true }]);
  });

  it('brings the window forward on a click', async () => {
    await logIn();
    win.focused = false;
    win.minimized = true;
    notify(alarm);
    fake.Notification.shown[0]!.click();
    expect(win.restore).toHaveBeenCalled();
    expect(win.show).toHaveBeenCalled();
    expect(win.focus).toHaveBeenCalled();
  });

  it('refuses other senders, malformed payloads and a flood (one per 2 s)', async () => {
    await logIn();
    win.focused = false;
    const stranger = new FakeWebContents(APP_URL);
    notify(alarm, ipcEventFrom(stranger));
    notify({ title: '', body: 'x' });
    notify({ ...alarm, extra: 1 });
    notify('not an object');
    expect(fake.Notification.shown).toHaveLength(0);
    for (let i = 0; i < 50; i++) notify(alarm);
    expect(fake.Notification.shown).toHaveLength(1);
  });
});

describe('the text-size choice', () => {
  const choose = (choice: unknown, event = ipcEventFrom(win.webContents)) => fake.ipcMain.emit(IPC_CHANNELS.textSize, event, choice);

  it('zooms our window by the desk\'s choice, even before login, and back to its width on automatic', () => {
    const desk = appWindow();
    desk.normalBounds.width = 2560;
    followDeskSize(desk as never);
    dispose();
    dispose = serveConsoleApi(engine, desk as never);
    expect(desk.webContents.zoomFactor).toBe(1.25);
    choose('150', ipcEventFrom(desk.webContents));
    expect(desk.webContents.zoomFactor).toBe(1.5);
    choose('100', ipcEventFrom(desk.webContents));
    expect(desk.webContents.zoomFactor).toBe(1);
    choose('auto', ipcEventFrom(desk.webContents));
    expect(desk.webContents.zoomFactor).toBe(1.25);
    choose('300 %', ipcEventFrom(desk.webContents)); // unknown: automatic
    expect(desk.webContents.zoomFactor).toBe(1.25);
  });

  it('ignores another sender', () => {
    const desk = appWindow();
    desk.normalBounds.width = 2560;
    followDeskSize(desk as never);
    dispose();
    dispose = serveConsoleApi(engine, desk as never);
    choose('200', ipcEventFrom(new FakeWebContents(APP_URL)));
    expect(desk.webContents.zoomFactor).toBe(1.25);
    dispose();
    expect(fake.ipcMain.listenerCount(IPC_CHANNELS.textSize)).toBe(0);
  });
});
