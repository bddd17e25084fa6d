import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConsoleTransport } from '../../shared/api/transport.js';
import { IPC_CHANNELS, PRELOAD_GLOBAL } from '../../shared/api/ipc-channels.js';
import { fake, resetFake } from './fake-electron.js';

vi.mock('electron', async () => (await import('./fake-electron.js')).electronModule());

type PreloadTransport = ConsoleTransport & {
  subscribe(stream: string, listener: (payload: unknown) => void, onError?: (e: unknown) => void): () => void;
};

let api: PreloadTransport;

/** What main sends on the event channel. */
const fromMain = (message: unknown) => fake.ipcRenderer.emit(IPC_CHANNELS.event, {}, message);

beforeEach(async () => {
  resetFake();
  vi.resetModules();
  await import('../../electron/preload/index.js');
  api = fake.exposed[PRELOAD_GLOBAL] as PreloadTransport;
});

describe('the exposed API', () => {
  it('exposes exactly request, subscribe, notify and setTextSize under "bridgepoint", and nothing else', () => {
    expect(PRELOAD_GLOBAL).toBe('bridgepoint');
    expect(fake.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    expect(Object.keys(fake.exposed)).toEqual(['bridgepoint']);
    expect(Object.keys(api).sort()).toEqual(['notify', 'request', 'setTextSize', 'subscribe']);
    expect(typeof api.request).toBe('function');
    expect(typeof api.subscribe).toBe('function');
    // No way back to the raw IPC object.
    expect(Object.values(api)).not.toContain(fake.ipcRenderer);
  });
});

describe('notify', () => {
  it('sends the worded alarm to main on the notify channel, as strings only', () => {
    (api as unknown as { notify(title: unknown, body: unknown): void }).notify('Khẩn cấp: Ngừng hoạt động', { toString: () => 'UBND huyện Ba Bể' });
    expect(fake.ipcRenderer.send).toHaveBeenCalledWith(IPC_CHANNELS.notify, { title: 'Khẩn cấp: Ngừng hoạt động', body: 'UBND huyện Ba Bể' });
  });
});

describe('setTextSize', () => {
  it('sends the desk\'s text-size choice to main on its channel, as a string only', () => {
    (api as unknown as { setTextSize(choice: unknown): void }).setTextSize('150');
    expect(fake.ipcRenderer.send).toHaveBeenCalledWith(IPC_CHANNELS.textSize, '150');
    (api as unknown as { setTextSize(choice: unknown): void }).setTextSize({ toString: () => 'auto' });
    expect(fake.ipcRenderer.send).toHaveBeenLastCalledWith(IPC_CHANNELS.textSize, 'auto');
  });
});

describe('request', () => {
  it('invokes the request channel with { method, input } and returns the reply', async () => {
    fake.ipcRenderer.invoke.mockResolvedValueOnce({ ok: true, result: { user: 'local', role: 'technician' } });
    const reply = await api.request('whoami', {});
    expect(fake.ipcRenderer.invoke).toHaveBeenCalledWith(IPC_CHANNELS.request, { method: 'whoami', input: {} });
    expect(reply).toEqual({ ok: true, result: { user: 'local', role: 'technician' } });
  });

  it('turns a failed invoke into an unavailable reply', async () => {
    fake.ipcRenderer.invoke.mockRejectedValueOnce(new Error("No handler registered for 'bp:request'"));
    const reply = await api.request('whoami', {});
    expect(reply).toEqual({ ok: false, error: { code: 'unavailable', message: "No handler registered for 'bp:request'" } });
  });
});

describe('subscribe', () => {
  it('subscribes over IPC and delivers only its own stream to the listener', () => {
    const listener = vi.fn();
    api.subscribe('status', listener);
    expect(fake.ipcRenderer.send).toHaveBeenCalledWith(IPC_CHANNELS.subscribe, 'status');
    fromMain({ stream: 'status', payload: { kind: 'delta', seq: 5 } });
    fromMain({ stream: 'alarms', payload: { x: 1 } });
    fromMain('garbage');
    expect(listener).toHaveBeenCalledTimes(1);
    expect(listener).toHaveBeenCalledWith({ kind: 'delta', seq: 5 });
  });

  it('sends unsubscribe when the last listener of a stream leaves, and stops delivering', () => {
    const a = vi.fn();
    const b = vi.fn();
    const offA = api.subscribe('status', a);
    const offB = api.subscribe('status', b);
    offA();
    offA();
    expect(fake.ipcRenderer.send).not.toHaveBeenCalledWith(IPC_CHANNELS.unsubscribe, 'status');
    fromMain({ stream: 'status', payload: 1 });
    expect(a).not.toHaveBeenCalled();
    expect(b).toHaveBeenCalledWith(1);
    offB();
    expect(fake.ipcRenderer.send).toHaveBeenCalledWith(IPC_CHANNELS.unsubscribe, 'status');
    fromMain({ stream: 'status', payload: 2 });
    expect(b).toHaveBeenCalledTimes(1);
  });

  it('keeps delivering to other listeners when one throws', () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    const good = vi.fn();
    api.subscribe('status', () => {
      throw new Error('bad listener');
    });
    api.subscribe('status', good);
    fromMain({ stream: 'status', payload: 1 });
    expect(good).toHaveBeenCalledWith(1);
    expect(spy).toHaveBeenCalled();
    spy.mockRestore();
  });

  it('surfaces a refused subscription through onError', () => {
    const listener = vi.fn();
    const onError = vi.fn();
    api.subscribe('gossip', listener, onError);
    fromMain({ stream: 'gossip', error: { code: 'unknown_method', message: 'no stream "gossip"' } });
    expect(onError).toHaveBeenCalledWith({ code: 'unknown_method', message: 'no stream "gossip"' });
    expect(listener).not.toHaveBeenCalled();
  });
});
