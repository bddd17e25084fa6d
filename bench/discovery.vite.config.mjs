// Builds bench/discovery-entry.ts into out/bench-discovery/entry.js for bench/discovery.mjs (see its header).
// An SSR build: Node built-ins and every package in node_modules stay external.
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

const root = resolve(import.meta.dirname, '..');

export default defineConfig({
  root,
  logLevel: 'warn',
  build: {
    ssr: resolve(root, 'bench/discovery-entry.ts'),
    outDir: resolve(root, 'out/bench-discovery'),
    emptyOutDir: true,
    target: 'node22',
    minify: false,
    sourcemap: true,
    rollupOptions: { output: { format: 'es', entryFileNames: 'entry.js' } },
  },
});
