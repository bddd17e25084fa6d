import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

/**
 * Runs the real prestart script against a throw-away project whose node_modules/electron has a
 * stand-in install.js, so no download is ever attempted.
 */
const SCRIPT = resolve(import.meta.dirname, '../../scripts/ensure-electron.mjs');
let root: string;

function project(installJs: string): string {
  const electronDir = join(root, 'node_modules', 'electron');
  mkdirSync(join(root, 'scripts'), { recursive: true });
  mkdirSync(electronDir, { recursive: true });
  copyFileSync(SCRIPT, join(root, 'scripts', 'ensure-electron.mjs'));
  writeFileSync(join(electronDir, 'install.js'), installJs);
  return electronDir;
}

function run() {
  const env = { ...process.env };
  delete env['ELECTRON_OVERRIDE_DIST_PATH'];
  delete env['BRIDGEPOINT_DEBUG'];
  return spawnSync(process.execPath, [join(root, 'scripts', 'ensure-electron.mjs')], { cwd: root, env, encoding: 'utf8' });
}

const MARKER = 'install.js ran';
const FAILING_INSTALL = `console.log(${JSON.stringify(MARKER)}); console.error(new Error('getaddrinfo ENOTFOUND github.com').stack); process.exit(1);`;
const WORKING_INSTALL = `
  const fs = require('fs');
  console.log(${JSON.stringify(MARKER)});
  fs.mkdirSync(__dirname + '/dist', { recursive: true });
  fs.writeFileSync(__dirname + '/dist/electron', '');
  fs.writeFileSync(__dirname + '/path.txt', 'electron');
`;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'bp-ensure-electron-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('scripts/ensure-electron.mjs', () => {
  it('does nothing when the binary is already there', () => {
    const dir = project(FAILING_INSTALL);
    mkdirSync(join(dir, 'dist'));
    writeFileSync(join(dir, 'dist', 'electron'), '');
    writeFileSync(join(dir, 'path.txt'), 'electron');
    const r = run();
    expect(r.status).toBe(0);
    expect(r.stdout).not.toContain(MARKER);
  });

  it('runs the installer when the binary is missing, and succeeds when it fetched it', () => {
    const dir = project(WORKING_INSTALL);
    const r = run();
    expect(r.stdout).toContain(MARKER);
    expect(r.status).toBe(0);
    expect(existsSync(join(dir, 'dist', 'electron'))).toBe(true);
  });

  it('fails with one clear line pointing to the headless console when the download fails', () => {
    const dir = project(FAILING_INSTALL);
    writeFileSync(join(dir, 'path.txt'), 'electron'); // path.txt without dist/ still counts as missing
    const r = run();
    expect(r.stdout).toContain(MARKER);
    expect(r.status).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toEqual([
      "Electron's binary could not be downloaded (no internet?). Use the headless console: npm run serve -- --demo",
    ]);
  });
});
