import { describe, expect, it } from 'vitest';
import type { EndpointStatus } from '../../shared/status.js';
import { createCamera, fitCamera } from '../../renderer/features/map/map-camera.js';
import { createScratch, drawMap, type DrawInput } from '../../renderer/features/map/map-draw.js';
import { layoutNetwork, type MapLayout } from '../../renderer/features/map/map-layout.js';
import { labelScale, MAX_LABELS } from '../../renderer/features/map/map-lod.js';
import { createStatusTracker } from '../../renderer/features/map/map-status.js';
import { PALETTE_TOKENS, type Palette } from '../../renderer/features/map/map-style.js';
import { status, up } from './fixtures.js';
import { ago } from './dom-setup.js';
import { bigNetwork } from './map-fixtures.js';

/** A 2D context that counts what is asked of it (no pixels). */
function recordingContext() {
  const calls = { fill: 0, stroke: 0, fillText: 0, arc: 0, nonFinite: 0, fillStyles: new Set<string>(), texts: [] as { text: string; x: number; y: number; align: string }[] };
  const check = (...n: number[]) => {
    for (const v of n) if (!Number.isFinite(v)) calls.nonFinite++;
  };
  const ctx = {
    canvas: {},
    set fillStyle(v: string) {
      calls.fillStyles.add(String(v));
    },
    strokeStyle: '',
    lineWidth: 1,
    lineJoin: 'miter',
    globalAlpha: 1,
    font: '',
    textAlign: 'left',
    textBaseline: 'alphabetic',
    setTransform: () => undefined,
    fillRect: () => undefined,
    beginPath: () => undefined,
    closePath: () => undefined,
    moveTo: (x: number, y: number) => check(x, y),
    lineTo: (x: number, y: number) => check(x, y),
    arc: (x: number, y: number, r: number) => {
      check(x, y, r);
      calls.arc++;
    },
    rect: (x: number, y: number) => check(x, y),
    fill: () => void calls.fill++,
    stroke: () => void calls.stroke++,
    setLineDash: () => undefined,
    fillText: (t: string, x: number, y: number) => {
      check(x, y);
      calls.fillText++;
      calls.texts.push({ text: t, x, y, align: ctx.textAlign });
    },
    strokeText: () => undefined,
    // About 6 px a character at 12 px.
    measureText: (t: string) => ({ width: t.length * 6 }),
    save: () => undefined,
    restore: () => undefined,
    translate: (x: number, y: number) => check(x, y),
    rotate: () => undefined,
  };
  return { ctx: ctx as unknown as CanvasRenderingContext2D, calls };
}

const palette = Object.fromEntries(PALETTE_TOKENS.map((t) => [t, `c${t}`])) as Palette;

function frame(layout: MapLayout, statuses: EndpointStatus[], k?: number): DrawInput {
  const tracker = createStatusTracker(layout);
  tracker.update(new Map(statuses.map((s) => [s.endpointId, s])));
  const cam = createCamera();
  fitCamera(cam, layout.extent, 1600, 900);
  if (k !== undefined) cam.k = k;
  return {
    layout,
    states: tracker.states,
    mask: new Uint8Array(layout.count).fill(1),
    filterActive: false,
    cam,
    width: 1600,
    height: 900,
    dpr: 2,
    palette,
    hatch: 'hatch',
    selected: 5,
    cursor: 7,
    hover: 9,
    mcuState: 'ok',
    mcuLabel: 'MCU',
    mcuStateLabel: 'Đã kết nối',
    tierLabels: ['Cấp tỉnh', 'Cấp huyện', 'Cấp xã'],
    scale: 1,
    scratch: createScratch(layout.count),
  };
}

/** Every kind of status across a big network, round robin. */
function mixed(layout: MapLayout): EndpointStatus[] {
  return layout.endpointIds.map((id, j) => {
    const site = layout.ids[layout.endpointNode[j]!]!;
    switch (j % 7) {
      case 0:
        return status(id, site, { reachability: 'down' });
      case 1:
        return up(id, site, ago(1), { degraded: true, packetLossPct: 3 });
      case 2:
        return up(id, site, ago(1), { stale: true });
      case 3:
        return status(id, site, { reachability: 'unreachable' });
      case 4:
        return up(id, site, ago(1), { conferenceId: 'c1', inCall: true, audioMuted: true, packetLossPct: 0.1 });
      default:
        return up(id, site, ago(1), { packetLossPct: 0.2, jitterMs: 4 });
    }
  });
}

describe('drawing the map', () => {
  it('draws 5,000 sites in a few dozen batched calls, with no NaN', () => {
    const layout = layoutNetwork(bigNetwork(50, 100));
    const { ctx, calls } = recordingContext();
    const stats = drawMap(ctx, frame(layout, mixed(layout)));
    expect(stats.nodes).toBe(layout.count);
    expect(calls.nonFinite).toBe(0);
    // One fill/stroke per link class and node kind, not one per site.
    expect(calls.fill + calls.stroke).toBeLessThan(40);
    expect(calls.arc).toBeGreaterThan(1000); // up dots this small are squares; the rest are round
    // Every status colour used comes from the palette.
    for (const c of ['c--bp-st-up', 'c--bp-st-down', 'c--bp-st-degraded', 'c--bp-bg', 'hatch']) expect(calls.fillStyles).toContain(c);
  });

  it('never draws more than MAX_LABELS names, however far in', () => {
    const layout = layoutNetwork(bigNetwork(50, 100));
    const k = labelScale(layout.tierSpacing[layout.outerTier]!, true) * 1.2;
    const input = frame(layout, mixed(layout), k);
    // Put the whole network on screen at that scale (a very large wall).
    const big = { ...input, width: 1e6, height: 1e6, cam: { k, tx: 5e5, ty: 5e5 } };
    const { ctx, calls } = recordingContext();
    const stats = drawMap(ctx, big);
    // MAX_LABELS by the level-of-detail rule, plus the selected, cursor and hovered sites.
    expect(stats.labels).toBeGreaterThanOrEqual(MAX_LABELS);
    expect(stats.labels).toBeLessThanOrEqual(MAX_LABELS + 3);
    expect(calls.fillText).toBeLessThanOrEqual(MAX_LABELS + 3 + 8); // plus the MCU, ring names and the sites being looked at
  });

  it('names no commune at the fitted scale of a large network, but still the selected one', () => {
    const layout = layoutNetwork(bigNetwork(50, 100));
    const { ctx } = recordingContext();
    const stats = drawMap(ctx, frame(layout, mixed(layout)));
    expect(stats.labels).toBeLessThan(60);
  });

  it('names every province and district site of a provincial network at the fitted scale, without overlaps and inside the canvas', () => {
    const layout = layoutNetwork(bigNetwork(8, 13));
    const { ctx, calls } = recordingContext();
    const input = { ...frame(layout, mixed(layout)), selected: -1, cursor: -1, hover: -1 };
    drawMap(ctx, input);
    const inner = calls.texts.filter((t) => t.align === 'center' && (t.text.startsWith('huyện') || t.text.startsWith('Sở') || t.text.startsWith('Văn phòng')));
    // The organ's prefix is left off; every district is named.
    expect(inner.filter((t) => t.text.startsWith('huyện')).map((t) => t.text).sort()).toEqual(Array.from({ length: 8 }, (_, d) => `huyện ${d}`).sort());
    expect(inner.filter((t) => !t.text.startsWith('huyện')).length).toBeGreaterThanOrEqual(3);
    const boxes = inner.map((t) => ({ x0: t.x - (t.text.length * 6) / 2, x1: t.x + (t.text.length * 6) / 2, y0: t.y - 7, y1: t.y + 7 }));
    for (const b of boxes) expect(b.x0 >= 0 && b.x1 <= 1600 && b.y0 >= 0 && b.y1 <= 900).toBe(true);
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]!;
        const b = boxes[j]!;
        expect(a.x0 < b.x1 && a.x1 > b.x0 && a.y0 < b.y1 && a.y1 > b.y0, `${inner[i]!.text} / ${inner[j]!.text}`).toBe(false);
      }
  });

  it('skips what is off screen', () => {
    const layout = layoutNetwork(bigNetwork(10, 20));
    const input = frame(layout, mixed(layout));
    const off = { ...input, cam: { k: input.cam.k, tx: -1e6, ty: -1e6 } };
    const { ctx, calls } = recordingContext();
    const stats = drawMap(ctx, off);
    expect(stats.nodes).toBe(0);
    expect(calls.arc).toBeLessThan(10);
  });
});
