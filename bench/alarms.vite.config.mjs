// Builds bench/alarms-entry.ts into out/bench-alarms/entry.js for bench/alarms.mjs (see its header).
// An SSR build: Node built-ins and every package in node_modules stay external.
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

const root = resolve(import.meta.dirname, '..');

export default defineConfig({
  root,
  logLevel: 'warn',
  build: {
    ssr: resolve(root, 'bench/alarms-entry.ts'),
    outDir: resolve(root, 'out/bench-alarms'),
    emptyOutDir: true,
    target: 'node22',
    minify: false,
    sourcemap: true,
    rollupOptions: { output: { format: 'es', entryFileNames: 'entry.js' } },
  },
});
