import { join } from 'node:path';
import { app, dialog } from 'electron';
import type { BrowserWindow } from 'electron';
import Store from 'electron-store';
import type { Engine } from '../engine/engine.js';
import { startConsole } from '../server/console-runtime.js';
import { serveConsoleApi } from './ipc.js';
import { bringToFront, createMainWindow, installWebContentsGuards } from './window.js';

/**
 * Desktop entry: one instance per desktop, the engine in this process, one console window on it.
 * The logic lives in window.ts / window-state.ts / ipc.ts; this file only wires the lifecycle.
 */

/** How long quitting waits for the engine to close its sockets and files. */
const ENGINE_CLOSE_TIMEOUT_MS = 5_000;

let win: BrowserWindow | null = null;
let engine: Engine | null = null;
let engineClosing: Promise<void> | null = null;
let engineClosed = false;

/** BRIDGEPOINT_INVENTORY, else the `inventoryPath` setting, else null (the simulated Bắc Kạn demo). */
function inventoryPath(): string | null {
  const fromEnv = process.env['BRIDGEPOINT_INVENTORY'];
  if (fromEnv) return fromEnv;
  const fromSettings = new Store<{ inventoryPath?: unknown }>({ name: 'settings' }).get('inventoryPath');
  return typeof fromSettings === 'string' && fromSettings !== '' ? fromSettings : null;
}

function openWindow(running: Engine): void {
  const w = createMainWindow();
  const disposeIpc = serveConsoleApi(running, w);
  w.on('closed', () => {
    disposeIpc();
    if (win === w) win = null;
  });
  win = w;
}

/** Anything that stops the console from starting (an invalid inventory, mostly) ends here. */
function failStart(err: unknown): void {
  const details = (err as { details?: unknown } | null)?.details;
  const message = [err instanceof Error ? err.message : String(err), ...(Array.isArray(details) ? details : [])].join('\n');
  dialog.showErrorBox('Bridgepoint could not start', message);
  app.quit();
}

async function boot(): Promise<void> {
  const path = inventoryPath();
  // A real network keeps its schedule and audit log in the user's data folder; the demo starts fresh.
  const databasePath = path === null ? undefined : join(app.getPath('userData'), 'bridgepoint.db');
  engine = await startConsole({ inventoryPath: path, demo: path === null, databasePath });
  openWindow(engine);
}

function closeEngine(running: Engine): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, ENGINE_CLOSE_TIMEOUT_MS)));
  return Promise.race([running.close(), timeout])
    .catch((err: unknown) => console.error('bridgepoint: engine did not close cleanly:', err))
    .finally(() => clearTimeout(timer));
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => bringToFront(win));
  installWebContentsGuards();
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (engine && !win) openWindow(engine);
  });
  // Hold the quit until the engine has closed (SNMP sockets, database), then quit for real.
  app.on('will-quit', (event) => {
    if (!engine || engineClosed) return;
    event.preventDefault();
    engineClosing ??= closeEngine(engine).then(() => {
      engineClosed = true;
      app.quit();
    });
  });
  app.whenReady().then(boot).catch(failStart);
}
