import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { fake, FakeWebContents, ipcEventFrom, resetFake } from './fake-electron.js';

// The Electron security checklist (issue 11, item 7), each point asserted here against the mocked
// `electron`, the shipped renderer/index.html and electron-builder.yml.

vi.mock('electron', async () => (await import('./fake-electron.js')).electronModule());
vi.mock('electron-store', async () => (await import('./fake-electron.js')).electronStoreModule());
vi.mock('../../electron/server/console-runtime.js', () => ({
  startConsole: vi.fn(async () => ({ call: vi.fn(), subscribe: vi.fn(() => () => {}), close: vi.fn(async () => {}) })),
}));

const ROOT = join(import.meta.dirname, '../..');
const { CONTENT_SECURITY_POLICY, RENDERER_DIR, createMainWindow } = await import('../../electron/main/window.js');
const { isTrustedSender } = await import('../../electron/main/ipc.js');

/** CSP text → directive name → sources. */
function directives(policy: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) map.set(name.toLowerCase(), sources);
  }
  return map;
}

function metaPolicy(): string {
  const html = readFileSync(join(ROOT, 'renderer/index.html'), 'utf8');
  const metas = [...html.matchAll(/<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/gi)];
  expect(metas).toHaveLength(1);
  return metas[0]![1]!;
}

beforeEach(() => {
  resetFake();
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});
afterEach(() => {
  vi.restoreAllMocks();
  delete process.env['ELECTRON_RENDERER_URL'];
});

describe('the app', () => {
  it('enables the sandbox for every renderer before the app is ready', async () => {
    vi.resetModules();
    await import('../../electron/main/index.js');
    await vi.waitFor(() => expect(fake.BrowserWindow.instances).toHaveLength(1));
    expect(fake.app.enableSandbox).toHaveBeenCalledTimes(1);
    expect(fake.app.enableSandbox.mock.invocationCallOrder[0]).toBeLessThan(fake.app.whenReady.mock.invocationCallOrder[0]!);
  });

  it('opens its window isolated, sandboxed and without Node', () => {
    createMainWindow({ stateStore: { load: () => undefined, save: vi.fn() }, env: {} });
    const prefs = fake.BrowserWindow.instances[0]!.options.webPreferences!;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, nodeIntegrationInWorker: false, nodeIntegrationInSubFrames: false, webviewTag: false, webSecurity: true });
  });

  it('blocks navigation and new windows, and denies permissions', () => {
    createMainWindow({ stateStore: { load: () => undefined, save: vi.fn() }, env: {} });
    const contents = fake.BrowserWindow.instances[0]!.webContents;
    const nav = { url: 'https://evil.example/', isSameDocument: false, preventDefault: vi.fn() };
    contents.emit('will-navigate', nav);
    expect(nav.preventDefault).toHaveBeenCalled();
    expect(contents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    const granted = vi.fn();
    contents.session.permissionRequestHandler?.(contents, 'media', granted, {});
    expect(granted).toHaveBeenCalledWith(false);
  });
});

describe('content security policy of renderer/index.html', () => {
  it('allows no eval, no inline script and no remote script', () => {
    const policy = directives(metaPolicy());
    expect(policy.get('default-src')).toEqual(["'none'"]);
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('object-src') ?? policy.get('default-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
    for (const [name, sources] of policy) {
      for (const source of sources) {
        expect(source, `${name} ${source}`).not.toMatch(/unsafe-eval|unsafe-inline|wasm-unsafe-eval|^\*$|^https?:|^ws/);
      }
    }
  });

  it('says what the header says (frame-ancestors is header-only: browsers ignore it in a meta tag)', () => {
    const header = directives(CONTENT_SECURITY_POLICY);
    header.delete('frame-ancestors');
    expect(directives(metaPolicy())).toEqual(header);
  });
});

describe('IPC senders', () => {
  const window = (url: string) => {
    const win = new fake.BrowserWindow({});
    win.webContents.mainFrame.url = url;
    return win;
  };

  it('accepts our own file:// page and refuses any other file or origin', () => {
    const ours = window(pathToFileURL(join(RENDERER_DIR, 'index.html')).href);
    expect(isTrustedSender(ipcEventFrom(ours.webContents) as never, ours as never)).toBe(true);
    const elsewhere = window(pathToFileURL('/tmp/evil/index.html').href);
    expect(isTrustedSender(ipcEventFrom(elsewhere.webContents) as never, elsewhere as never)).toBe(false);
    const remote = window('https://evil.example/');
    expect(isTrustedSender(ipcEventFrom(remote.webContents) as never, remote as never)).toBe(false);
    // Another webContents, even one showing our page, is not our window.
    const other = new FakeWebContents(pathToFileURL(join(RENDERER_DIR, 'index.html')).href);
    expect(isTrustedSender(ipcEventFrom(other) as never, ours as never)).toBe(false);
  });

  it('in dev, accepts the dev server origin only', () => {
    process.env['ELECTRON_RENDERER_URL'] = 'http://localhost:5173';
    const dev = window('http://localhost:5173/index.html');
    expect(isTrustedSender(ipcEventFrom(dev.webContents) as never, dev as never)).toBe(true);
    const sibling = window('http://localhost:5174/index.html');
    expect(isTrustedSender(ipcEventFrom(sibling.webContents) as never, sibling as never)).toBe(false);
  });
});

describe('Electron fuses in electron-builder.yml', () => {
  it('turn off RunAsNode, NODE_OPTIONS and inspect arguments, and load the app only from its ASAR', () => {
    const config = parseYaml(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as { electronFuses?: Record<string, unknown>; asar?: unknown };
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
    });
    expect(config.asar).not.toBe(false);
  });
});
