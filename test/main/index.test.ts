import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_CHANNELS } from '../../shared/api/ipc-channels.js';
import { fake, resetFake } from './fake-electron.js';

vi.mock('electron', async () => (await import('./fake-electron.js')).electronModule());
vi.mock('electron-store', async () => (await import('./fake-electron.js')).electronStoreModule());

const engine = vi.hoisted(() => ({
  startEngine: vi.fn(),
  close: vi.fn(),
}));
vi.mock('../../electron/server/console-runtime.js', () => ({ startConsole: engine.startEngine }));

const created = vi.hoisted(() => ({ accounts: [] as unknown[] }));
const fakeEngine = () => ({ call: vi.fn(), subscribe: vi.fn(() => () => {}), onSessionEnded: vi.fn(() => () => {}), createdAccounts: created.accounts, close: engine.close });

/** Loads the entry module as Electron would, and lets app.whenReady() and the engine start settle. */
async function launch(): Promise<void> {
  vi.resetModules();
  await import('../../electron/main/index.js');
  await vi.waitFor(() => {
    const settled = fake.app.quit.mock.calls.length > 0 || fake.BrowserWindow.instances.length > 0;
    if (!settled) throw new Error('still starting');
  });
}

const savedInventoryEnv = process.env['BRIDGEPOINT_INVENTORY'];

beforeEach(() => {
  resetFake();
  delete process.env['BRIDGEPOINT_INVENTORY'];
  engine.startEngine.mockReset().mockImplementation(async () => fakeEngine());
  engine.close.mockReset().mockResolvedValue(undefined);
  created.accounts = [];
});

afterEach(() => {
  if (savedInventoryEnv === undefined) delete process.env['BRIDGEPOINT_INVENTORY'];
  else process.env['BRIDGEPOINT_INVENTORY'] = savedInventoryEnv;
});

describe('single instance', () => {
  it('quits a second instance before starting anything', async () => {
    fake.app.requestSingleInstanceLock.mockReturnValue(false);
    await launch();
    expect(fake.app.quit).toHaveBeenCalledTimes(1);
    expect(fake.app.whenReady).not.toHaveBeenCalled();
    expect(engine.startEngine).not.toHaveBeenCalled();
    expect(fake.BrowserWindow.instances).toHaveLength(0);
  });

  it('brings the first instance’s window to the front when a second one starts', async () => {
    await launch();
    expect(fake.app.quit).not.toHaveBeenCalled();
    const win = fake.BrowserWindow.instances[0];
    expect(win).toBeDefined();
    win!.minimized = true;
    fake.app.emit('second-instance', {}, ['bridgepoint'], '/', {});
    expect(win!.restore).toHaveBeenCalled();
    expect(win!.show).toHaveBeenCalled();
    expect(win!.focus).toHaveBeenCalled();
  });
});

describe('starting the engine', () => {
  it('uses the embedded demo when no inventory is configured', async () => {
    await launch();
    expect(engine.startEngine).toHaveBeenCalledWith({ inventoryPath: null, demo: true, demoName: 'bac-kan', databasePath: undefined, secretKey: expect.objectContaining({ description: expect.stringMatching(/secret-key\.bin$/) }) });
  });

  it('takes the inventory from BRIDGEPOINT_INVENTORY first', async () => {
    process.env['BRIDGEPOINT_INVENTORY'] = '/srv/bridgepoint/env.json';
    fake.Store.files.set('settings', { inventoryPath: '/srv/bridgepoint/settings.json' });
    await launch();
    expect(engine.startEngine).toHaveBeenCalledWith({ inventoryPath: '/srv/bridgepoint/env.json', demo: false, demoName: 'bac-kan', databasePath: expect.stringMatching(/bridgepoint\.db$/), secretKey: expect.anything() });
  });

  it('then from the inventoryPath setting', async () => {
    fake.Store.files.set('settings', { inventoryPath: '/srv/bridgepoint/settings.json' });
    await launch();
    expect(engine.startEngine).toHaveBeenCalledWith({ inventoryPath: '/srv/bridgepoint/settings.json', demo: false, demoName: 'bac-kan', databasePath: expect.stringMatching(/bridgepoint\.db$/), secretKey: expect.anything() });
  });

  it('takes the session idle time from the sessionIdleMinutes setting, and ignores a bad one', async () => {
    fake.Store.files.set('settings', { sessionIdleMinutes: 480 });
    await launch();
    expect(engine.startEngine).toHaveBeenLastCalledWith(expect.objectContaining({ sessionIdleMinutes: 480 }));
  });

  it('starts with the default idle time when the setting is not whole minutes within a day', async () => {
    fake.Store.files.set('settings', { sessionIdleMinutes: '8 giờ' });
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await launch();
    expect(engine.startEngine).toHaveBeenLastCalledWith(expect.objectContaining({ sessionIdleMinutes: undefined }));
    expect(logged.mock.calls.flat().join(' ')).toMatch(/sessionIdleMinutes must be whole minutes/);
    logged.mockRestore();
  });

  it('shows the first run\'s accounts once in a dialog, and passes BRIDGEPOINT_ADMIN_PASSWORD', async () => {
    created.accounts = [{ user: 'admin', displayName: 'Quản trị', role: 'technician', scope: [], password: 'abcd-efgh-jkmn-pqrs', mustChange: true }];
    process.env['BRIDGEPOINT_ADMIN_PASSWORD'] = 'mat-khau-tu-bien';
    try {
      await launch();
    } finally {
      delete process.env['BRIDGEPOINT_ADMIN_PASSWORD'];
    }
    expect(engine.startEngine).toHaveBeenCalledWith(expect.objectContaining({ adminPassword: 'mat-khau-tu-bien' }));
    expect(fake.dialog.showMessageBox).toHaveBeenCalledTimes(1);
    expect(fake.dialog.showMessageBox).toHaveBeenCalledWith(
      fake.BrowserWindow.instances[0],
      expect.objectContaining({ detail: 'account admin (technician): password abcd-efgh-jkmn-pqrs' }),
    );
  });

  it('shows no dialog when no account was created', async () => {
    await launch();
    expect(fake.dialog.showMessageBox).not.toHaveBeenCalled();
  });

  it('serves the console API on the window once the engine runs', async () => {
    await launch();
    expect(fake.ipcMain.handlers.has(IPC_CHANNELS.request)).toBe(true);
    expect(fake.ipcMain.listenerCount(IPC_CHANNELS.subscribe)).toBe(1);
  });

  it('shows the error and quits when the engine cannot start', async () => {
    engine.startEngine.mockRejectedValueOnce(new Error('/srv/x.json: sites.0.id: Required'));
    await launch();
    expect(fake.dialog.showErrorBox).toHaveBeenCalledWith(expect.any(String), expect.stringContaining('/srv/x.json: sites.0.id: Required'));
    expect(fake.app.quit).toHaveBeenCalled();
    expect(fake.BrowserWindow.instances).toHaveLength(0);
  });
});

describe('connecting to the control centre instead', () => {
  const PIN = 'AB:'.repeat(31) + 'AB';

  it('starts no embedded engine and serves the window from the remote setting', async () => {
    fake.Store.files.set('settings', { inventoryPath: '/srv/x.json', remote: { url: 'https://console.lan:8740', certSha256: PIN } });
    await launch();
    expect(engine.startEngine).not.toHaveBeenCalled();
    expect(fake.BrowserWindow.instances).toHaveLength(1);
    expect(fake.ipcMain.handlers.has(IPC_CHANNELS.request)).toBe(true);
  });

  it('refuses to start on a remote URL without a usable certificate fingerprint', async () => {
    process.env['BRIDGEPOINT_REMOTE_URL'] = 'https://console.lan:8740';
    try {
      await launch();
    } finally {
      delete process.env['BRIDGEPOINT_REMOTE_URL'];
    }
    expect(engine.startEngine).not.toHaveBeenCalled();
    expect(fake.dialog.showErrorBox).toHaveBeenCalledWith(expect.any(String), expect.stringContaining('fingerprint is missing or malformed'));
    expect(fake.app.quit).toHaveBeenCalled();
  });
});

describe('quitting', () => {
  it('quits when the window is closed (except on macOS) and stops serving IPC', async () => {
    await launch();
    const win = fake.BrowserWindow.instances[0]!;
    win.emit('closed');
    expect(fake.ipcMain.handlers.size).toBe(0);
    fake.app.emit('window-all-closed');
    if (process.platform === 'darwin') expect(fake.app.quit).not.toHaveBeenCalled();
    else expect(fake.app.quit).toHaveBeenCalledTimes(1);
  });

  it('holds the quit until the engine has closed, then quits', async () => {
    let finishClose: () => void = () => {};
    engine.close.mockReturnValueOnce(new Promise<void>((resolve) => (finishClose = resolve)));
    await launch();

    const first = { preventDefault: vi.fn() };
    fake.app.emit('will-quit', first);
    expect(first.preventDefault).toHaveBeenCalled();
    expect(engine.close).toHaveBeenCalledTimes(1);
    // Asking again while it closes does not close twice and does not let the quit through.
    const again = { preventDefault: vi.fn() };
    fake.app.emit('will-quit', again);
    expect(again.preventDefault).toHaveBeenCalled();
    expect(fake.app.quit).not.toHaveBeenCalled();

    finishClose();
    await vi.waitFor(() => expect(fake.app.quit).toHaveBeenCalledTimes(1));
    const last = { preventDefault: vi.fn() };
    fake.app.emit('will-quit', last);
    expect(last.preventDefault).not.toHaveBeenCalled();
    expect(engine.close).toHaveBeenCalledTimes(1);
  });
});
