import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { build } from 'vite';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './browser.js';
import type { LayerCase, LayerResult } from './map-layer-page.js';

/**
 * The map's node layer (renderer/features/map/map-node-layer.ts) in Chromium's own canvas: after
 * batches of status changes repainted box by box, the layer must be the very picture a full
 * repaint of the same states gives — at the fitted view (marks as small squares) and zoomed in
 * (round marks, rings, slashes), at device pixel ratio 1 and 2, with a filter drawing some faint.
 */
let browser: Browser;
let page: Page;

beforeAll(async () => {
  const out = await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      minify: false,
      lib: { entry: resolve(import.meta.dirname, 'map-layer-page.ts'), formats: ['iife'], name: 'mapLayerPage' },
    },
  });
  const outputs = (Array.isArray(out) ? out : [out]) as { output: { type: string; code?: string }[] }[];
  const code = outputs[0]!.output.find((o) => o.type === 'chunk')!.code!;
  browser = await launchChromium();
  page = await browser.newPage();
  await page.setContent('<!doctype html><meta charset="utf-8"><body></body>');
  await page.addScriptTag({ content: code });
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

async function check(c: LayerCase): Promise<LayerResult> {
  return page.evaluate((arg) => (window as unknown as { mapLayerPage: { checkLayer(c: LayerCase): LayerResult } }).mapLayerPage.checkLayer(arg), c);
}

const CASES: [string, LayerCase][] = [
  ['the whole province, 90 % in calls', { seed: 1, zoom: 1, dpr: 1, inCall: 0.9, filter: false, batches: 6, perBatch: 40 }],
  ['the whole province with a filter', { seed: 4, zoom: 1, dpr: 1, inCall: 0.5, filter: true, batches: 5, perBatch: 40 }],
  ['zoomed in, 20 % in calls, device pixel ratio 2', { seed: 2, zoom: 4, dpr: 2, inCall: 0.2, filter: false, batches: 6, perBatch: 300 }],
  ['zoomed in a little, with a filter, ratio 1.5', { seed: 3, zoom: 2.5, dpr: 1.5, inCall: 0.5, filter: true, batches: 5, perBatch: 80 }],
];

describe('the node layer repainted box by box', () => {
  for (const [name, c] of CASES) {
    it(`gives the same pixels as a full repaint: ${name}`, async () => {
      const r = await check(c);
      // The batches were repainted in part (a batch may change no site in view), and changed what the layer shows.
      expect(r.full).toBe(1);
      expect(r.partial).toBeGreaterThanOrEqual(c.batches - 1);
      expect(r.boxes).toBeGreaterThanOrEqual(r.partial);
      expect(r.changedByBatches).toBeGreaterThan(100);
      // The control (boxes repainted without their neighbours) shows the comparison can fail.
      expect(r.differingWithoutNeighbours).toBeGreaterThan(1000);
      expect({ differing: r.differing, maxDelta: r.maxDelta }).toEqual({ differing: 0, maxDelta: 0 });
    }, 60_000);
  }
});
