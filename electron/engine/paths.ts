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
/**
 * The embedded demos, by the name `--demo NAME` takes: Bắc Kạn as it was until 30 June 2025
 * (three tiers), and the same network after the 2025 reform (two tiers, in Thái Nguyên).
 */
export const DEMO_INVENTORIES = {
  'bac-kan': join(ASSETS_DIR, 'inventory', 'bac-kan.json'),
  'thai-nguyen-2025': join(ASSETS_DIR, 'inventory', 'thai-nguyen-2025.json'),
} as const;
export type DemoName = keyof typeof DEMO_INVENTORIES;
export const DEMO_NAMES = Object.keys(DEMO_INVENTORIES) as DemoName[];
export const DEFAULT_DEMO: DemoName = 'bac-kan';
export const isDemoName = (name: string): name is DemoName => Object.hasOwn(DEMO_INVENTORIES, name);
export const DEMO_INVENTORY_PATH = DEMO_INVENTORIES[DEFAULT_DEMO];
export const RENDERER_DIR = join(PROJECT_ROOT, 'out', 'renderer');

export const VERSION: string = (JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
