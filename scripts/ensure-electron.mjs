#!/usr/bin/env node
// `npm start`'s prestart: make sure Electron's binary is there before electron-vite tries to run it.
// The npm package ships without the binary (its postinstall downloads it); on a machine that
// installed offline or with scripts disabled it is missing, and electron-vite would fail with a
// long stack. Here we try the download once and otherwise point at the headless console.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const ELECTRON_DIR = join(ROOT, 'node_modules', 'electron');
const NO_BINARY =
  "Electron's binary could not be downloaded (no internet?). Use the headless console: npm run serve -- --demo";

/** What node_modules/electron/index.js itself checks: path.txt names the executable under dist/. */
function binaryPresent() {
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) return true;
  try {
    const executable = readFileSync(join(ELECTRON_DIR, 'path.txt'), 'utf8').trim();
    return executable !== '' && existsSync(join(ELECTRON_DIR, 'dist', executable));
  } catch {
    return false;
  }
}

if (!existsSync(join(ELECTRON_DIR, 'install.js'))) {
  console.error('The electron package is not installed: run npm install first.');
  process.exit(1);
}

if (!binaryPresent()) {
  console.log("Electron's binary is missing; downloading it…");
  const result = spawnSync(process.execPath, [join(ELECTRON_DIR, 'install.js')], {
    cwd: ELECTRON_DIR,
    // The installer's own failure is a stack trace; keep it for BRIDGEPOINT_DEBUG only.
    stdio: ['ignore', 'inherit', process.env.BRIDGEPOINT_DEBUG ? 'inherit' : 'pipe'],
    timeout: 10 * 60_000,
  });
  if (result.status !== 0 || !binaryPresent()) {
    console.error(NO_BINARY);
    process.exit(1);
  }
}
