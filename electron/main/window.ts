import { isAbsolute, join, relative, resolve } from 'node:path';
import { followDeskSize } from './window-zoom.js';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, screen } from 'electron';
import type { Session, WebContents } from 'electron';
import { MIN_WINDOW_SIZE, openWindowStateStore, resolveWindowState, trackWindowState, type WindowStateStore } from './window-state.js';

/**
 * The console window and the browser-side hardening around it: the renderer gets the preload's
 * ConsoleApi and nothing else: no Node, no navigation away, no pop-ups, no permissions, a strict CSP.
 */

/**
 * Sent as a response header (covers the dev server over http) and repeated as a meta tag in
 * renderer/index.html (covers file://, where webRequest sees no responses). Keep the two equal.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  // The map's link layer is drawn in a worker (renderer/features/map/map-link-layer.ts).
  "worker-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "media-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export const BACKGROUND_COLOR = '#1f2326';

/** Main builds to out/main/, so its siblings are out/preload/ and out/renderer/. */
export const PRELOAD_PATH = join(import.meta.dirname, '../preload/index.cjs');
export const RENDERER_DIR = resolve(import.meta.dirname, '../renderer');
const ICON_PATH = join(import.meta.dirname, '../../assets/icon.png');

type Env = Readonly<Record<string, string | undefined>>;

/** electron-vite sets ELECTRON_RENDERER_URL in dev; otherwise the built files are loaded. */
export function rendererEntry(env: Env = process.env): { readonly url: string } | { readonly file: string } {
  const url = env['ELECTRON_RENDERER_URL'];
  return url ? { url } : { file: join(RENDERER_DIR, 'index.html') };
}

/** True for a URL of our own renderer: the dev server's origin in dev, else a file under out/renderer. */
export function isAppUrl(url: string, env: Env = process.env): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  const devUrl = env['ELECTRON_RENDERER_URL'];
  if (devUrl) {
    try {
      return parsed.protocol.startsWith('http') && parsed.origin === new URL(devUrl).origin;
    } catch {
      return false;
    }
  }
  if (parsed.protocol !== 'file:' || parsed.host !== '') return false;
  const rel = relative(RENDERER_DIR, fileURLToPath(parsed));
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

const hardenedContents = new WeakSet<WebContents>();

/** No navigation away from the loaded document, no new windows, no <webview>. */
export function hardenWebContents(contents: WebContents): void {
  if (hardenedContents.has(contents)) return;
  hardenedContents.add(contents);
  const blockNavigation = (event: { preventDefault(): void; isSameDocument?: boolean; url?: string }): void => {
    if (event.isSameDocument) return;
    event.preventDefault();
    console.warn(`bridgepoint: blocked navigation to ${event.url ?? 'an unknown URL'}`);
  };
  contents.on('will-navigate', blockNavigation);
  contents.on('will-redirect', blockNavigation);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** Installs hardenWebContents on every webContents the app ever creates. Call once, before any window. */
export function installWebContentsGuards(): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
}

/** Deny every permission (camera, notifications, geolocation, ...) and set the CSP on all responses. */
export function hardenSession(ses: Session): void {
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.webRequest.onHeadersReceived((details, callback) => {
    const responseHeaders: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(details.responseHeaders ?? {})) {
      if (name.toLowerCase() !== 'content-security-policy') responseHeaders[name] = value;
    }
    responseHeaders['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
    callback({ responseHeaders });
  });
}

/** Un-minimise, show and focus (a second launch lands here). */
export function bringToFront(win: BrowserWindow | null): void {
  if (!win || win.isDestroyed()) return;
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}

export interface MainWindowOptions {
  /** Where the window's bounds are kept; electron-store's window-state.json by default. */
  readonly stateStore?: WindowStateStore;
  readonly env?: Env;
}

export function createMainWindow(options: MainWindowOptions = {}): BrowserWindow {
  const stateStore = options.stateStore ?? openWindowStateStore();
  const state = resolveWindowState(stateStore.load(), screen.getAllDisplays());
  const win = new BrowserWindow({
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
    width: state.width,
    height: state.height,
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    title: 'Bridgepoint',
    show: false,
    backgroundColor: BACKGROUND_COLOR,
    ...(process.platform === 'linux' ? { icon: ICON_PATH } : {}),
    webPreferences: {
      preload: PRELOAD_PATH,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  });

  hardenSession(win.webContents.session);
  hardenWebContents(win.webContents);
  trackWindowState(win, stateStore);
  followDeskSize(win);
  // Shown once painted, so the operator never sees a white flash in a dark control room.
  win.once('ready-to-show', () => {
    if (state.maximized) win.maximize();
    win.show();
  });

  const entry = rendererEntry(options.env);
  const loading = 'url' in entry ? win.loadURL(entry.url) : win.loadFile(entry.file);
  loading.catch((err: unknown) => console.error('bridgepoint: could not load the console UI:', err));
  return win;
}
