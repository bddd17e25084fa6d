import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fake, FakeWebContents, resetFake, type FakeBrowserWindow } from './fake-electron.js';

vi.mock('electron', async () => (await import('./fake-electron.js')).electronModule());
vi.mock('electron-store', async () => (await import('./fake-electron.js')).electronStoreModule());

const {
  BACKGROUND_COLOR,
  CONTENT_SECURITY_POLICY,
  PRELOAD_PATH,
  RENDERER_DIR,
  bringToFront,
  createMainWindow,
  installWebContentsGuards,
  isAppUrl,
} = await import('../../electron/main/window.js');

const memoryStore = (initial?: unknown) => {
  let value = initial;
  return { load: () => value, save: vi.fn((s: unknown) => (value = s)) };
};

function open(env: Record<string, string | undefined> = {}): FakeBrowserWindow {
  createMainWindow({ stateStore: memoryStore(), env });
  const win = fake.BrowserWindow.instances.at(-1);
  if (!win) throw new Error('no window created');
  return win;
}

const navigation = (url: string, isSameDocument = false) => ({ url, isSameDocument, isMainFrame: true, preventDefault: vi.fn() });

beforeEach(() => {
  resetFake();
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});
afterEach(() => vi.restoreAllMocks());

describe('createMainWindow', () => {
  it('creates a sandboxed, context-isolated window without Node and with our preload', () => {
    const win = open();
    const prefs = win.options.webPreferences ?? {};
    expect(prefs['contextIsolation']).toBe(true);
    expect(prefs['sandbox']).toBe(true);
    expect(prefs['nodeIntegration']).toBe(false);
    expect(prefs['webSecurity']).toBe(true);
    expect(prefs['webviewTag']).toBe(false);
    expect(prefs['preload']).toBe(PRELOAD_PATH);
    expect(PRELOAD_PATH).toMatch(/[\\/]preload[\\/]index\.cjs$/);
  });

  it('zooms the page on a large desk and follows the window when it is resized', () => {
    const win = open();
    expect(win.webContents.zoomFactor).toBe(1);
    win.normalBounds = { ...win.normalBounds, width: 2560, height: 1440 };
    win.emit('resize');
    expect(win.webContents.zoomFactor).toBe(1.25);
    win.normalBounds = { ...win.normalBounds, width: 1280, height: 720 };
    win.emit('resize');
    expect(win.webContents.zoomFactor).toBe(1);
  });

  it('stays hidden on a dark background until the first paint', () => {
    const win = open();
    expect(win.options['show']).toBe(false);
    expect(win.options['backgroundColor']).toBe(BACKGROUND_COLOR);
    expect(BACKGROUND_COLOR).toBe('#1f2326');
    expect(win.show).not.toHaveBeenCalled();
    win.emit('ready-to-show');
    expect(win.show).toHaveBeenCalledTimes(1);
  });

  it('loads the built renderer from a file, or the dev server URL when electron-vite gives one', () => {
    const prod = open({});
    expect(prod.loadFile).toHaveBeenCalledWith(join(RENDERER_DIR, 'index.html'));
    expect(prod.loadURL).not.toHaveBeenCalled();

    const dev = open({ ELECTRON_RENDERER_URL: 'http://localhost:5173' });
    expect(dev.loadURL).toHaveBeenCalledWith('http://localhost:5173');
    expect(dev.loadFile).not.toHaveBeenCalled();
  });
});

describe('content security policy', () => {
  it('is strict: nothing by default, scripts and styles only from the app, no inline or eval', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
  });

  it('is set on every response, replacing any policy the server sent', () => {
    const win = open();
    const listener = win.webContents.session.headersListener;
    expect(listener).toBeTypeOf('function');
    const callback = vi.fn();
    listener?.(
      { responseHeaders: { 'content-type': ['text/html'], 'content-security-policy': ["default-src *; script-src 'unsafe-inline'"] } },
      callback,
    );
    expect(callback).toHaveBeenCalledTimes(1);
    const headers = (callback.mock.calls[0]?.[0] as { responseHeaders: Record<string, string[]> }).responseHeaders;
    const cspKeys = Object.keys(headers).filter((k) => k.toLowerCase() === 'content-security-policy');
    expect(cspKeys).toEqual(['Content-Security-Policy']);
    expect(headers['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    expect(headers['content-type']).toEqual(['text/html']);
    expect(JSON.stringify(headers)).not.toMatch(/unsafe-inline|unsafe-eval/);
  });
});

describe('navigation and pop-ups', () => {
  it('prevents will-navigate and will-redirect away from the page', () => {
    const { webContents } = open();
    const nav = navigation('https://example.com/');
    webContents.emit('will-navigate', nav);
    expect(nav.preventDefault).toHaveBeenCalled();
    const redirect = navigation('https://example.com/elsewhere');
    webContents.emit('will-redirect', redirect);
    expect(redirect.preventDefault).toHaveBeenCalled();
    const sameDoc = navigation('file:///app/index.html#/health', true);
    webContents.emit('will-redirect', sameDoc);
    expect(sameDoc.preventDefault).not.toHaveBeenCalled();
  });

  it('denies window.open', () => {
    const { webContents } = open();
    expect(webContents.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
  });

  it('guards every webContents the app creates, not only the main window', () => {
    installWebContentsGuards();
    const other = new FakeWebContents();
    fake.app.emit('web-contents-created', {}, other);
    expect(other.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    const nav = navigation('https://example.com/');
    other.emit('will-navigate', nav);
    expect(nav.preventDefault).toHaveBeenCalled();
    const attach = { preventDefault: vi.fn() };
    other.emit('will-attach-webview', attach, {}, {});
    expect(attach.preventDefault).toHaveBeenCalled();
  });
});

describe('permissions', () => {
  it('answers every permission request with false', () => {
    const { webContents } = open();
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read']) {
      const callback = vi.fn();
      webContents.session.permissionRequestHandler?.(webContents, permission, callback, {});
      expect(callback).toHaveBeenCalledWith(false);
    }
  });

  it('answers every permission check with false', () => {
    const { webContents } = open();
    const check = webContents.session.permissionCheckHandler;
    expect(check).toBeTypeOf('function');
    expect(check?.(webContents, 'media', 'file://', {})).toBe(false);
    expect(check?.(null, 'notifications', 'file://', {})).toBe(false);
  });
});

describe('isAppUrl', () => {
  it('accepts files under out/renderer only', () => {
    expect(isAppUrl(pathToFileURL(join(RENDERER_DIR, 'index.html')).href, {})).toBe(true);
    expect(isAppUrl(`${pathToFileURL(join(RENDERER_DIR, 'index.html')).href}#/schedule`, {})).toBe(true);
    expect(isAppUrl(pathToFileURL(join(RENDERER_DIR, '..', 'main', 'index.js')).href, {})).toBe(false);
    expect(isAppUrl(pathToFileURL('/etc/passwd').href, {})).toBe(false);
    expect(isAppUrl('https://example.com/index.html', {})).toBe(false);
    expect(isAppUrl('not a url', {})).toBe(false);
  });

  it('accepts only the dev server origin in dev', () => {
    const env = { ELECTRON_RENDERER_URL: 'http://localhost:5173' };
    expect(isAppUrl('http://localhost:5173/', env)).toBe(true);
    expect(isAppUrl('http://localhost:5174/', env)).toBe(false);
    expect(isAppUrl(pathToFileURL(join(RENDERER_DIR, 'index.html')).href, env)).toBe(false);
  });
});

describe('bringToFront', () => {
  it('restores a minimised window, shows and focuses it', () => {
    const win = open();
    win.minimized = true;
    bringToFront(win as never);
    expect(win.restore).toHaveBeenCalled();
    expect(win.show).toHaveBeenCalled();
    expect(win.focus).toHaveBeenCalled();
  });
});
