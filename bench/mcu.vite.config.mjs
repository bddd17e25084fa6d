// Builds bench/mcu-entry.ts into out/bench-mcu/entry.js for bench/mcu.mjs (see its header).
// An SSR build: Node built-ins and every package in node_modules stay external. Own outDir, so it
// does not race bench:poll's build (bench/poll.vite.config.mjs builds into out/bench-poll).
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

const root = resolve(import.meta.dirname, '..');

export default defineConfig({
  root,
  logLevel: 'warn',
  build: {
    ssr: resolve(root, 'bench/mcu-entry.ts'),
    outDir: resolve(root, 'out/bench-mcu'),
    emptyOutDir: true,
    target: 'node22',
    minify: false,
    sourcemap: true,
    rollupOptions: { output: { format: 'es', entryFileNames: 'entry.js' } },
  },
});
