#!/usr/bin/env -S node --max-semi-space-size=8
// The `bridgepoint` command: checks the runtime, then runs the built CLI (out/main/cli.js).
// The V8 flag in the first line keeps a serving engine's young generation small
// (electron/engine/heap-growth.ts, ENGINE_SEMI_SPACE_MIB).
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  console.error(`bridgepoint: needs Node 22.12 or newer (this is ${process.versions.node}); run it through npm (npm run serve -- --demo), which uses the project's own Node 22`);
  process.exit(1);
}
const cli = fileURLToPath(new URL('../out/main/cli.js', import.meta.url));
if (!existsSync(cli)) {
  console.error('bridgepoint: not built yet; run `npm run build` (or `npm run serve -- --demo`, which builds first)');
  process.exit(1);
}
const { main } = await import(pathToFileURL(cli).href);
process.exitCode = await main(process.argv.slice(2));
