import { join } from 'node:path';
import { app, dialog } from 'electron';
import type { BrowserWindow } from 'electron';
import Store from 'electron-store';
import { describeCreatedAccount, type CreatedAccount } from '../engine/accounts/first-run.js';
import type { EngineApi } from '../engine/engine-api.js';
import { DEFAULT_DEMO, DEMO_NAMES, isDemoName, type DemoName } from '../engine/paths.js';
import { limitHeapGrowth } from '../engine/heap-growth.js';
import { startConsole } from '../server/console-runtime.js';
import { serveConsoleApi } from './ipc.js';
import { RemoteEngine, remoteTarget, type RemoteSetting } from './remote/remote-engine.js';
import { safeStorageKeySource } from './secret-key.js';
import { bringToFront, createMainWindow, installWebContentsGuards } from './window.js';
import { checkSessionIdleMinutes, SESSION_IDLE_MINUTES } from '../engine/accounts/session-idle.js';
import { describeReadProblem, readRetention, type RollupRetention } from '../../shared/history/retention.js';

/**
 * Desktop entry: one instance per desktop, the engine in this process, one console window on it.
 * The logic lives in window.ts / window-state.ts / ipc.ts; this file only wires the lifecycle.
 */

/** How long quitting waits for the engine to close its sockets and files. */
const ENGINE_CLOSE_TIMEOUT_MS = 5_000;

/** The embedded engine, or a remote `bridgepoint serve` behind the same interface. */
type Backend = EngineApi & { close(): Promise<void> };

let win: BrowserWindow | null = null;
let engine: Backend | null = null;
let engineClosing: Promise<void> | null = null;
let engineClosed = false;

/** BRIDGEPOINT_DEMO names the embedded demo shown without an inventory (default bac-kan). */
function demoName(): DemoName {
  const name = process.env['BRIDGEPOINT_DEMO'];
  if (!name) return DEFAULT_DEMO;
  if (!isDemoName(name)) throw new Error(`BRIDGEPOINT_DEMO must name an embedded demo (${DEMO_NAMES.join(', ')}), not "${name}"`);
  return name;
}

/** BRIDGEPOINT_INVENTORY, else the `inventoryPath` setting, else null (the simulated Bắc Kạn demo). */
function inventoryPath(): string | null {
  const fromEnv = process.env['BRIDGEPOINT_INVENTORY'];
  if (fromEnv) return fromEnv;
  const fromSettings = new Store<{ inventoryPath?: unknown }>({ name: 'settings' }).get('inventoryPath');
  return typeof fromSettings === 'string' && fromSettings !== '' ? fromSettings : null;
}

/**
 * The `historyRetention` setting ({ "1m": "48h", "15m": "35d", "1h": "396d", "1d": "1827d", any of
 * them): how long link-health history keeps each rollup level, as serve's --keep-* flags. Nonsense
 * stops start-up with the reason.
 */
function historyRetention(): Partial<RollupRetention> | undefined {
  const saved = new Store<{ historyRetention?: unknown }>({ name: 'settings' }).get('historyRetention');
  if (saved === undefined) return undefined;
  if (!saved || typeof saved !== 'object') throw new Error('the historyRetention setting must be an object such as { "1m": "48h", "15m": "35d" }');
  const r = readRetention(saved as Record<string, unknown>);
  if (!r.ok) throw new Error(`the historyRetention setting: ${describeReadProblem(r.problem).replace(/--keep-/g, '')}`);
  return r.retention;
}

/**
 * The control centre's server to use instead of the embedded engine: BRIDGEPOINT_REMOTE_URL with
 * BRIDGEPOINT_REMOTE_CERT_SHA256, else the `remote` setting ({ url, certSha256 }); null when
 * neither is set. A URL without a usable fingerprint stops start-up (remote-engine.ts says why).
 */
function remoteSetting(): RemoteSetting | null {
  const url = process.env['BRIDGEPOINT_REMOTE_URL'];
  if (url) return { url, certSha256: process.env['BRIDGEPOINT_REMOTE_CERT_SHA256'] ?? '' };
  const saved = new Store<{ remote?: unknown }>({ name: 'settings' }).get('remote') as Partial<RemoteSetting> | undefined;
  if (!saved || typeof saved !== 'object' || typeof saved.url !== 'string' || saved.url === '') return null;
  return { url: saved.url, certSha256: typeof saved.certSha256 === 'string' ? saved.certSha256 : '' };
}

/** The `sessionIdleMinutes` setting (a wall display wants more than the default 30); a bad value is logged and ignored. */
function sessionIdleMinutes(): number | undefined {
  const saved = new Store<{ sessionIdleMinutes?: unknown }>({ name: 'settings' }).get('sessionIdleMinutes');
  if (saved === undefined) return undefined;
  const checked = checkSessionIdleMinutes(saved);
  if (checked.ok) return checked.minutes;
  console.error(`bridgepoint: setting sessionIdleMinutes ${checked.why}; using ${SESSION_IDLE_MINUTES.default}`);
  return undefined;
}

function openWindow(running: EngineApi): void {
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

/**
 * The first run's accounts and their passwords, shown once (the demo's database is in memory, so
 * each demo start is a first run). Without BRIDGEPOINT_ADMIN_PASSWORD this is the only place the
 * administrator's one-time password appears.
 */
function showCreatedAccounts(accounts: readonly CreatedAccount[], parent: BrowserWindow | null): void {
  if (accounts.length === 0) return;
  const options = {
    type: 'info' as const,
    title: 'Bridgepoint',
    message: 'Tài khoản mới (chỉ hiện một lần, hãy ghi lại) / New accounts (shown only once: write them down)',
    detail: accounts.map(describeCreatedAccount).join('\n'),
    buttons: ['OK'],
  };
  const shown = parent ? dialog.showMessageBox(parent, options) : dialog.showMessageBox(options);
  shown.catch((err: unknown) => console.error('bridgepoint: could not show the new accounts:', err));
}

async function boot(): Promise<void> {
  const remote = remoteSetting();
  if (remote) {
    // Accounts, schedule and audit live at the control centre; the window logs in there.
    engine = new RemoteEngine(remoteTarget(remote));
    openWindow(engine);
    return;
  }
  const path = inventoryPath();
  // A real network keeps its schedule and audit log in the user's data folder; the demo starts fresh.
  const databasePath = path === null ? undefined : join(app.getPath('userData'), 'bridgepoint.db');
  // The inventory's enc:v1: secrets: a key taken in from BRIDGEPOINT_KEY_FILE, kept by safeStorage.
  const adminPassword = process.env['BRIDGEPOINT_ADMIN_PASSWORD'] || undefined;
  const secretKey = safeStorageKeySource({ storeFile: join(app.getPath('userData'), 'secret-key.bin'), importFrom: process.env['BRIDGEPOINT_KEY_FILE'] || null });
  const embedded = await startConsole({ inventoryPath: path, demo: path === null, demoName: demoName(), databasePath, secretKey, adminPassword, sessionIdleMinutes: sessionIdleMinutes(), historyRetention: historyRetention() });
  engine = embedded;
  openWindow(embedded);
  showCreatedAccounts(embedded.createdAccounts, win);
}

function closeEngine(running: Backend): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, ENGINE_CLOSE_TIMEOUT_MS)));
  return Promise.race([running.close(), timeout])
    .catch((err: unknown) => console.error('bridgepoint: engine did not close cleanly:', err))
    .finally(() => clearTimeout(timer));
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  // Every renderer sandboxed, whatever a window's webPreferences say (must run before 'ready').
  app.enableSandbox();
  // The engine lives in this process for hours: keep its heap near what it uses.
  limitHeapGrowth();
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
