// Builds bench/map-entry.ts into out/bench-map/entry.js for bench/map.mjs (see its header).
// An SSR build: Node built-ins and every package in node_modules stay external. Own outDir, so it
// does not race the other benches' builds.
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

const root = resolve(import.meta.dirname, '..');

export default defineConfig({
  root,
  logLevel: 'warn',
  build: {
    ssr: resolve(root, 'bench/map-entry.ts'),
    outDir: resolve(root, 'out/bench-map'),
    emptyOutDir: true,
    target: 'node22',
    minify: false,
    sourcemap: true,
    rollupOptions: { output: { format: 'es', entryFileNames: 'entry.js' } },
  },
});
