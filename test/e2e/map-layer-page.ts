import { unknownStatus, type EndpointStatus } from '../../shared/status.js';
import { createCamera, fitCamera, zoomAt } from '../../renderer/features/map/map-camera.js';
import { createScratch, projectNodes, type DrawInput } from '../../renderer/features/map/map-draw.js';
import { layoutNetwork } from '../../renderer/features/map/map-layout.js';
import { NodeLayer } from '../../renderer/features/map/map-node-layer.js';
import { createStatusTracker } from '../../renderer/features/map/map-status.js';
import { PALETTE_TOKENS, createHatch, type Palette } from '../../renderer/features/map/map-style.js';
import { bigNetwork } from '../renderer/map-fixtures.js';

/**
 * Runs in Chromium (bundled by map-layer.test.ts): the node layer repainted box by box after
 * batches of status changes, against a layer painted in full from the same states, pixel by pixel.
 */
export interface LayerCase {
  readonly seed: number;
  /** Zoom factor from the fitted view (1: the whole province, marks as small squares). */
  readonly zoom: number;
  readonly dpr: number;
  /** Share of the endpoints in calls. */
  readonly inCall: number;
  /** Every third site left out by a filter (drawn faint), and some changing sides in each batch. */
  readonly filter: boolean;
  readonly batches: number;
  readonly perBatch: number;
}

export interface LayerResult {
  readonly partial: number;
  readonly full: number;
  readonly boxes: number;
  /** Sites drawn again in the boxes. */
  readonly redrawn: number;
  /** Pixels that differ between the incremental layer and the full repaint (any channel). */
  readonly differing: number;
  /** The largest difference of one channel. */
  readonly maxDelta: number;
  /** Pixels the batches changed (incremental layer before the first batch vs. after the last). */
  readonly changedByBatches: number;
  /** Pixels that differ from the full repaint when changed boxes are cleared and only their own sites redrawn (the test's control). */
  readonly differingWithoutNeighbours: number;
}

const WIDTH = 1920;
const HEIGHT = 1080;

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomStatus(id: string, site: string, rnd: () => number, inCallShare: number): EndpointStatus | undefined {
  const base = unknownStatus(id, site);
  const x = rnd();
  if (x < 0.03) return undefined;
  if (x < 0.08) return { ...base, reachability: 'down' };
  if (x < 0.12) return { ...base, reachability: 'unreachable' };
  if (x < 0.15) return base;
  const call = rnd() < inCallShare;
  return {
    ...base,
    reachability: 'up',
    stale: x < 0.2,
    degraded: x > 0.9,
    conferenceId: call ? 'c1' : null,
    inCall: call,
    audioMuted: call && rnd() < 0.2,
    packetLossPct: rnd() < 0.1 ? 8 : 0.1,
    jitterMs: 3,
  };
}

const PALETTE: Palette = {
  ...(Object.fromEntries(PALETTE_TOKENS.map((t) => [t, '#888888'])) as Record<string, string>),
  '--bp-bg': '#0f1419',
  '--bp-text': '#e6e6e6',
  '--bp-st-up': '#3fb950',
  '--bp-st-down': '#f85149',
  '--bp-st-degraded': '#d29922',
  '--bp-st-unknown': '#8b949e',
  '--bp-st-unreachable': '#6e7681',
  '--bp-st-stale': '#a0a0a0',
  '--bp-st-stale-hatch': '#404040',
  '--bp-st-in-call': '#58a6ff',
  '--bp-font': 'sans-serif',
} as Palette;

function canvas(dpr: number): CanvasRenderingContext2D {
  const c = document.createElement('canvas');
  c.width = Math.round(WIDTH * dpr);
  c.height = Math.round(HEIGHT * dpr);
  return c.getContext('2d', { willReadFrequently: true })!;
}

function pixels(ctx: CanvasRenderingContext2D): Uint8ClampedArray {
  return ctx.getImageData(0, 0, ctx.canvas.width, ctx.canvas.height).data;
}

function compare(a: Uint8ClampedArray, b: Uint8ClampedArray): { differing: number; maxDelta: number } {
  let differing = 0;
  let maxDelta = 0;
  for (let p = 0; p < a.length; p += 4) {
    let worst = 0;
    for (let c = 0; c < 4; c++) worst = Math.max(worst, Math.abs(a[p + c]! - b[p + c]!));
    if (worst > 0) differing++;
    maxDelta = Math.max(maxDelta, worst);
  }
  return { differing, maxDelta };
}

export function checkLayer(c: LayerCase): LayerResult {
  const rnd = random(c.seed);
  const layout = layoutNetwork(bigNetwork(40, 124));
  const statuses = new Map<string, EndpointStatus>();
  const set = (j: number): void => {
    const id = layout.endpointIds[j]!;
    const s = randomStatus(id, layout.ids[layout.endpointNode[j]!]!, rnd, c.inCall);
    if (s) statuses.set(id, s);
    else statuses.delete(id);
  };
  for (let j = 0; j < layout.endpointIds.length; j++) set(j);
  const tracker = createStatusTracker(layout);
  tracker.update(new Map(statuses));
  const cam = createCamera();
  fitCamera(cam, layout.extent, WIDTH, HEIGHT);
  if (c.zoom !== 1) zoomAt(cam, WIDTH * 0.3, HEIGHT * 0.6, c.zoom);
  const mask = new Uint8Array(layout.count).fill(1);
  if (c.filter) for (let i = 0; i < layout.count; i += 3) mask[i] = 0;
  const incremental = canvas(c.dpr);
  const d: DrawInput = {
    layout,
    states: tracker.states,
    mask,
    filterActive: c.filter,
    cam,
    width: WIDTH,
    height: HEIGHT,
    dpr: c.dpr,
    palette: PALETTE,
    hatch: createHatch(PALETTE, incremental),
    selected: -1,
    cursor: -1,
    hover: -1,
    mcuState: 'ok',
    mcuLabel: 'MCU',
    mcuStateLabel: '',
    tierLabels: [],
    scale: 1,
    scratch: createScratch(layout.count),
  };
  const layer = new NodeLayer(incremental);
  layer.reset(layout.count);
  projectNodes(d);
  layer.paint(d);
  const before = pixels(incremental);
  // The control: the same batches, each changed box cleared and only its own site drawn again.
  const controlLayer = new OwnBoxesOnly(canvas(c.dpr));
  controlLayer.reset(layout.count);
  controlLayer.paint(d);
  for (let b = 0; b < c.batches; b++) {
    for (let n = 0; n < c.perBatch; n++) set(Math.floor(rnd() * layout.endpointIds.length));
    tracker.update(new Map(statuses), (node) => {
      layer.changed(node);
      controlLayer.changed(node);
    });
    // With a filter on statuses, sites also change sides of it (map-layers.ts maskChanged).
    if (c.filter) {
      for (let n = 0; n < c.perBatch / 4; n++) {
        const i = 1 + Math.floor(rnd() * (layout.count - 1));
        mask[i] = mask[i] ? 0 : 1;
        layer.changed(i);
        controlLayer.changed(i);
      }
    }
    projectNodes(d);
    layer.paint(d);
    controlLayer.paint(d);
  }
  const full = canvas(c.dpr);
  const fullLayer = new NodeLayer(full);
  fullLayer.reset(layout.count);
  fullLayer.paint(d);
  const after = pixels(incremental);
  const reference = pixels(full);
  const { differing, maxDelta } = compare(after, reference);
  return {
    partial: layer.stats.partial,
    full: layer.stats.full,
    boxes: layer.stats.boxes,
    redrawn: layer.stats.redrawn,
    differing,
    maxDelta,
    changedByBatches: compare(before, after).differing,
    differingWithoutNeighbours: compare(pixels(controlLayer.context), reference).differing,
  };
}

/** The naive repaint the layer must not be: each changed site's box cleared, and that site alone drawn in it. */
class OwnBoxesOnly extends NodeLayer {
  private readonly own = new Set<number>();

  constructor(readonly context: CanvasRenderingContext2D) {
    super(context);
  }

  override changed(node: number): void {
    super.changed(node);
    this.own.add(node);
  }

  protected override chooseRedrawn(d: DrawInput): number {
    for (let i = 0; i < d.layout.count; i++) this.only[i] = this.own.has(i) ? 1 : 0;
    const n = this.own.size;
    this.own.clear();
    return n;
  }
}
