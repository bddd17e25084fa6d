import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The project root (where package.json and assets/ live), found by walking up from this module.
 * Works from the sources (vitest), the built bundles in out/main (CLI, Electron) and an asar.
 */
function findRoot(): string {
  let dir = import.meta.dirname;
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && existsSync(join(dir, 'assets'))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error(`bridgepoint: cannot find the project root above ${import.meta.dirname}`);
    dir = up;
  }
}

export const PROJECT_ROOT = findRoot();
export const ASSETS_DIR = join(PROJECT_ROOT, 'assets');
export const DEMO_INVENTORY_PATH = join(ASSETS_DIR, 'inventory', 'bac-kan.json');
export const RENDERER_DIR = join(PROJECT_ROOT, 'out', 'renderer');

export const VERSION: string = (JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
