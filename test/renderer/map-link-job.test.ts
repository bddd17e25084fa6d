import { describe, expect, it } from 'vitest';
import type { EndpointStatus } from '../../shared/status.js';
import { createCamera, fitCamera, zoomAt } from '../../renderer/features/map/map-camera.js';
import { createScratch, drawBase, projectNodes, type BaseInput } from '../../renderer/features/map/map-draw.js';
import { layoutNetwork, type MapLayout } from '../../renderer/features/map/map-layout.js';
import { absoluteSrc, acceptsPicture, baseInputFrom, drawMessage, firstFamily, fontFacesOf, geometryMessage, workerGeometry } from '../../renderer/features/map/map-link-job.js';
import { createStatusTracker } from '../../renderer/features/map/map-status.js';
import { PALETTE_TOKENS, type Palette } from '../../renderer/features/map/map-style.js';
import { status, up } from './fixtures.js';
import { ago } from './dom-setup.js';
import { bigNetwork } from './map-fixtures.js';

/** A 2D context that writes down every call and every property set, in order, with its arguments. */
function journalContext(): { ctx: CanvasRenderingContext2D; log: string[] } {
  const log: string[] = [];
  const target: Record<string, unknown> = {};
  const ctx = new Proxy(target, {
    get: (_t, key) => (typeof key === 'string' && key in target ? target[key] : (...args: unknown[]) => void log.push(`${String(key)}(${args.map((a) => JSON.stringify(a)).join(',')})`)),
    set: (_t, key, value) => {
      log.push(`${String(key)}=${JSON.stringify(value)}`);
      return true;
    },
  });
  return { ctx: ctx as unknown as CanvasRenderingContext2D, log };
}

const palette = Object.fromEntries(PALETTE_TOKENS.map((t) => [t, `c${t}`])) as Palette;

function scene(layout: MapLayout, filter: boolean): BaseInput & { states: { linkVersion: number } } {
  const tracker = createStatusTracker(layout);
  const statuses: EndpointStatus[] = layout.endpointIds.map((id, j) => {
    const site = layout.ids[layout.endpointNode[j]!]!;
    switch (j % 5) {
      case 0:
        return status(id, site, { reachability: 'down' });
      case 1:
        return up(id, site, ago(1), { packetLossPct: 3 });
      case 2:
        return up(id, site, ago(1), { packetLossPct: 40 });
      default:
        return up(id, site, ago(1), { packetLossPct: 0.1, jitterMs: 2 });
    }
  });
  tracker.update(new Map(statuses.map((s) => [s.endpointId, s])));
  const cam = createCamera();
  fitCamera(cam, layout.extent, 1600, 900);
  zoomAt(cam, 500, 400, 2.5);
  const mask = new Uint8Array(layout.count).fill(1);
  if (filter) for (let i = 0; i < layout.count; i += 3) mask[i] = 0;
  return {
    layout,
    states: tracker.states,
    mask,
    filterActive: filter,
    cam,
    width: 1600,
    height: 900,
    dpr: 2,
    palette,
    tierLabels: ['Cấp tỉnh', 'Cấp huyện', 'Cấp xã'],
    scale: 1.5,
    scratch: createScratch(layout.count),
  };
}

describe('the link worker’s messages', () => {
  const layout = layoutNetwork(bigNetwork(12, 30));

  for (const filter of [false, true]) {
    it(`rebuild on the worker's side the very drawing the page makes${filter ? ', with a filter' : ''}`, () => {
      const d = scene(layout, filter);
      const page = journalContext();
      projectNodes(d);
      drawBase(page.ctx, d);
      // Through structured clone, as postMessage sends them.
      const g = workerGeometry(structuredClone(geometryMessage(7, d.layout)));
      const m = structuredClone(drawMessage(d, 7, { gen: 3, linkVersion: d.states.linkVersion }));
      const input = baseInputFrom(g, m);
      projectNodes(input);
      const worker = journalContext();
      drawBase(worker.ctx, input);
      expect(page.log.filter((l) => l.startsWith('stroke(')).length).toBeGreaterThanOrEqual(4);
      expect(page.log.some((l) => l.startsWith('strokeText("Cấp huyện"'))).toBe(true);
      expect(worker.log).toEqual(page.log);
    });
  }

  it('carry copies: what the page changes in place afterwards is not in a message already built', () => {
    const d = scene(layout, true);
    const m = drawMessage(d, 1, { gen: 1, linkVersion: 1 });
    const link = m.link[5];
    d.states.link[5] = link === 0 ? 1 : 0;
    d.mask[5] = d.mask[5] ? 0 : 1;
    d.cam.k *= 2;
    expect(m.link[5]).toBe(link);
    expect(m.mask[5]).not.toBe(d.mask[5]);
    expect(m.cam.k).toBe(d.cam.k / 2);
    expect(m.link.length).toBe(layout.count);
    expect(geometryMessage(1, layout).ringSizes).toEqual(layout.ringOrder.map((r) => r.length));
  });
});

describe('which picture of the link layer is shown', () => {
  it('takes a picture of the scene as it is, with links no older than those shown', () => {
    expect(acceptsPicture({ gen: 4, linkVersion: 10 }, { gen: 4, linkVersion: 12 })).toBe(true);
    expect(acceptsPicture({ gen: 4, linkVersion: 12 }, { gen: 4, linkVersion: 12 })).toBe(true);
  });

  it('drops a picture asked for before a pan, a zoom, a resize, a filter or a palette change', () => {
    expect(acceptsPicture({ gen: 5, linkVersion: 10 }, { gen: 4, linkVersion: 12 })).toBe(false);
    expect(acceptsPicture({ gen: 4, linkVersion: 10 }, { gen: 5, linkVersion: 12 })).toBe(false);
  });

  it('drops a picture with older links than the frame shows (the page’s and the worker’s can cross)', () => {
    expect(acceptsPicture({ gen: 4, linkVersion: 12 }, { gen: 4, linkVersion: 11 })).toBe(false);
  });
});

describe('the map font for the worker', () => {
  it('takes the first family of a font-family list, unquoted', () => {
    expect(firstFamily("'Be Vietnam Pro', system-ui, sans-serif")).toBe('Be Vietnam Pro');
    expect(firstFamily('"Be Vietnam Pro"')).toBe('Be Vietnam Pro');
    expect(firstFamily('sans-serif')).toBe('sans-serif');
  });

  it('makes every url() of a src absolute against the stylesheet', () => {
    expect(absoluteSrc(`url(./a-400.woff2) format('woff2'), url("b.woff") format('woff')`, 'http://127.0.0.1:8080/assets/index.css')).toBe(
      `url("http://127.0.0.1:8080/assets/a-400.woff2") format('woff2'), url("http://127.0.0.1:8080/assets/b.woff") format('woff')`,
    );
    expect(absoluteSrc(`url('/x.woff2')`, 'file:///opt/bp/out/renderer/assets/i.css')).toBe('url("file:///x.woff2")');
  });

  it('reads the family’s @font-face rules from the page’s stylesheets, skipping those it may not read', () => {
    const face = (family: string, weight: string, range: string) => ({
      cssText: `@font-face { font-family: ${family}; }`,
      style: {
        getPropertyValue: (p: string) => ({ 'font-family': family, src: 'url(./f.woff2)', 'font-weight': weight, 'font-style': 'normal', 'unicode-range': range })[p] ?? '',
      },
    });
    const sheets = [
      {
        href: 'http://h/assets/index.css',
        cssRules: [face('"Be Vietnam Pro"', '400', 'U+0102-0103'), { cssText: '.map { color: red }', style: {} }, face('Other', '400', '')] as unknown as CSSRuleList,
      },
      {
        href: 'http://elsewhere/x.css',
        get cssRules(): CSSRuleList {
          throw new Error('SecurityError');
        },
      },
      { href: null, cssRules: [face("'Be Vietnam Pro'", '', '')] as unknown as CSSRuleList },
    ];
    expect(fontFacesOf('Be Vietnam Pro', sheets, 'http://h/index.html')).toEqual([
      { family: 'Be Vietnam Pro', src: 'url("http://h/assets/f.woff2")', weight: '400', style: 'normal', unicodeRange: 'U+0102-0103' },
      { family: 'Be Vietnam Pro', src: 'url("http://h/f.woff2")', weight: 'normal', style: 'normal', unicodeRange: 'U+0-10FFFF' },
    ]);
  });
});
