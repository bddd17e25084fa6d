import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'vite';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './browser.js';
import type { LinksCase, LinksResult } from './map-links-page.js';

/**
 * The map's link layer (renderer/features/map/map-link-layer.ts) in Chromium: redrawn for link
 * health by its worker (map-link-worker.ts) on an OffscreenCanvas, the frame must show the very
 * picture drawBase gives on the page for the same scene — fitted and zoomed in, at device pixel
 * ratio 1 and 2, with a filter, the ring names in the map's web font — and the new links, not
 * the old ones; a picture asked for before a pan is dropped. Without a worker, or with one that
 * fails, the page draws.
 */
let browser: Browser;
let page: Page;

async function bundle(entry: string, name: string): Promise<string> {
  const out = await build({
    configFile: false,
    logLevel: 'silent',
    build: { write: false, minify: false, lib: { entry, formats: ['iife'], name } },
  });
  const outputs = (Array.isArray(out) ? out : [out]) as { output: { type: string; code?: string }[] }[];
  return outputs[0]!.output.find((o) => o.type === 'chunk')!.code!;
}

/** The 400 weight's @font-face rules as the app ships them, the files inlined (the page has no server). */
function fontCss(): string {
  const dir = resolve(import.meta.dirname, '../../node_modules/@fontsource/be-vietnam-pro');
  return readFileSync(join(dir, '400.css'), 'utf8').replace(/src: url\(\.\/files\/([^)]+\.woff2)\)[^;]*;/g, (_all, file: string) => {
    const data = readFileSync(join(dir, 'files', file)).toString('base64');
    return `src: url(data:font/woff2;base64,${data}) format('woff2');`;
  });
}

beforeAll(async () => {
  const page_ = await bundle(resolve(import.meta.dirname, 'map-links-page.ts'), 'mapLinksPage');
  const worker = await bundle(resolve(import.meta.dirname, '../../renderer/features/map/map-link-worker.ts'), 'mapLinkWorker');
  browser = await launchChromium();
  page = await browser.newPage();
  await page.setContent('<!doctype html><meta charset="utf-8"><body></body>');
  await page.addScriptTag({ content: page_ });
  await page.evaluate(([w, css]) => (window as unknown as { mapLinksPage: { setUp(w: string, css: string): Promise<void> } }).mapLinksPage.setUp(w!, css!), [worker, fontCss()]);
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

async function check(c: LinksCase): Promise<LinksResult> {
  return page.evaluate((arg) => (window as unknown as { mapLinksPage: { checkLinks(c: LinksCase): Promise<LinksResult> } }).mapLinksPage.checkLinks(arg), c);
}

const CASES: [string, LinksCase, { readonly names: boolean }][] = [
  ['the whole province', { seed: 1, zoom: 1, dpr: 1, filter: false, worker: 'real' }, { names: true }],
  ['the whole province with a filter, device pixel ratio 2', { seed: 2, zoom: 1, dpr: 2, filter: true, worker: 'real' }, { names: true }],
  ['zoomed in, with a filter', { seed: 3, zoom: 4, dpr: 1, filter: true, worker: 'real' }, { names: false }],
  ['zoomed in a little, device pixel ratio 2', { seed: 4, zoom: 2.5, dpr: 2, filter: false, worker: 'real' }, { names: false }],
];

describe('the link layer drawn by its worker', () => {
  for (const [name, c, { names }] of CASES) {
    it(`gives the page's pixels, with the new links, and drops a picture older than a pan: ${name}`, async () => {
      const r = await check(c);
      expect(r.off).toBe('');
      // The first redraw is the page's too (the worker's first picture is not there yet); later ones the worker's alone.
      expect(r.mainRedraws).toBe(1);
      expect(r.workerPictures).toBeGreaterThanOrEqual(2);
      // The links changed: the frame before the new picture shows the old ones (the comparison can fail)…
      expect(r.differingBefore).toBeGreaterThan(100);
      // …and after it, exactly what the page draws from the new ones.
      expect({ differing: r.differing, maxDelta: r.maxDelta }).toEqual({ differing: 0, maxDelta: 0 });
      if (names) expect(r.fontMatters).toBeGreaterThan(50);
      if (c.filter) {
        // Sites changed sides of the filter: redrawn by the worker like a change of the links' health.
        expect(r.maskDifferingBefore).toBeGreaterThan(100);
        expect({ differing: r.maskDiffering, maxDelta: r.maskMaxDelta }).toEqual({ differing: 0, maxDelta: 0 });
      }
      // The picture asked for before the pan came back and was not shown.
      expect(r.stale).toBeGreaterThanOrEqual(1);
      expect(r.differingAfterPan).toBe(0);
    }, 60_000);
  }

  for (const [worker, off] of [
    ['none', /no worker/],
    ['broken', /failed to load/],
  ] as const) {
    it(`is drawn on the page where there is ${worker === 'none' ? 'no worker' : 'a worker that fails to load'}, with the same pixels`, async () => {
      const r = await check({ seed: 5, zoom: 1, dpr: 1, filter: true, worker });
      expect(r.off).toMatch(off);
      expect(r.workerPictures).toBe(0);
      expect(r.mainRedraws).toBeGreaterThanOrEqual(3);
      expect(r.differingBefore).toBeGreaterThan(100);
      expect({ differing: r.differing, maxDelta: r.maxDelta }).toEqual({ differing: 0, maxDelta: 0 });
      expect(r.differingAfterPan).toBe(0);
      expect({ differing: r.maskDiffering, maxDelta: r.maskMaxDelta }).toEqual({ differing: 0, maxDelta: 0 });
    }, 60_000);
  }
});
