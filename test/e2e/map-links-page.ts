import { unknownStatus, type EndpointStatus } from '../../shared/status.js';
import { createCamera, fitCamera, zoomAt } from '../../renderer/features/map/map-camera.js';
import { createScratch, drawBase, projectNodes } from '../../renderer/features/map/map-draw.js';
import { layoutNetwork } from '../../renderer/features/map/map-layout.js';
import type { FromLinkWorker, ToLinkWorker } from '../../renderer/features/map/map-link-job.js';
import { LinkLayer, type LinkInput, type LinkWorkerPort } from '../../renderer/features/map/map-link-layer.js';
import { createStatusTracker } from '../../renderer/features/map/map-status.js';
import { PALETTE_TOKENS, type Palette } from '../../renderer/features/map/map-style.js';
import { bigNetwork } from '../renderer/map-fixtures.js';

/**
 * Runs in Chromium (bundled by map-links.test.ts): the map's link layer (map-link-layer.ts) with
 * its real worker (map-link-worker.ts, bundled apart and started from a blob), against the layer
 * drawn on the page by drawBase from the same scene, pixel by pixel; then a picture asked for
 * before a pan, which must be dropped.
 */
export interface LinksCase {
  readonly seed: number;
  /** Zoom factor from the fitted view (1: the whole province). */
  readonly zoom: number;
  readonly dpr: number;
  /** Every third site left out by a filter (its link drawn faint). */
  readonly filter: boolean;
  /** 'none': no worker (an old browser); 'broken': one that fails to load. The page draws every picture then. */
  readonly worker: 'real' | 'none' | 'broken';
}

export interface LinksResult {
  readonly workerPictures: number;
  readonly mainRedraws: number;
  readonly stale: number;
  readonly off: string;
  /** Frame after the second link change's picture arrived vs. drawBase of the new links on the page. */
  readonly differing: number;
  readonly maxDelta: number;
  /** The same frame before that picture arrived (the old links): must differ, or the test proves nothing. */
  readonly differingBefore: number;
  /** Frame after a pan, once the picture asked for before it has arrived, vs. drawBase at the new camera. */
  readonly differingAfterPan: number;
  /** The reference drawn with the web font vs. with sans-serif: the ring names are really in the map font. */
  readonly fontMatters: number;
  /** With a filter, after sites changed sides of it (maskChanged), once the redraw arrived: vs. drawBase (-1: no filter). */
  readonly maskDiffering: number;
  readonly maskMaxDelta: number;
  /** The same before the redraw arrived: must differ. */
  readonly maskDifferingBefore: number;
}

const WIDTH = 1920;
const HEIGHT = 1080;
const FONT = "'Be Vietnam Pro', sans-serif";
const TIERS = ['Cấp tỉnh', 'Cấp huyện', 'Cấp xã — Thị trấn'];

let workerUrl = '';
const brokenUrl = URL.createObjectURL(new Blob(['throw new Error("this worker does not load")'], { type: 'text/javascript' }));

/** The worker's bundle, and the map font's @font-face rules (as the app's stylesheet has them). */
export async function setUp(workerCode: string, fontCss: string): Promise<void> {
  workerUrl = URL.createObjectURL(new Blob([workerCode], { type: 'text/javascript' }));
  const style = document.createElement('style');
  style.textContent = fontCss;
  document.head.append(style);
  await document.fonts.load(`11px ${FONT}`, TIERS.join(''));
  await document.fonts.load(`16px ${FONT}`, TIERS.join(''));
}

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

/** Link health spread over every class: cut, not measured, fine, past the thresholds, far past them. */
function randomStatus(id: string, site: string, rnd: () => number): EndpointStatus {
  const base = unknownStatus(id, site);
  const x = rnd();
  if (x < 0.08) return { ...base, reachability: 'down' };
  if (x < 0.12) return base;
  const loss = rnd();
  return { ...base, reachability: 'up', packetLossPct: loss < 0.1 ? 30 : loss < 0.25 ? 3 : 0.1, jitterMs: 3 };
}

const PALETTE: Palette = {
  ...(Object.fromEntries(PALETTE_TOKENS.map((t) => [t, '#888888'])) as Record<string, string>),
  '--bp-bg': '#0f1419',
  '--bp-surface-raised': '#2a3038',
  '--bp-border': '#3a424c',
  '--bp-border-strong': '#5a6470',
  '--bp-text-faint': '#9aa4ae',
  '--bp-st-down': '#f85149',
  '--bp-st-degraded': '#d29922',
  '--bp-st-unreachable': '#6e7681',
  '--bp-font': FONT,
} as Palette;

/** A canvas like the engine's (opaque). */
function opaque(dpr: number): CanvasRenderingContext2D {
  const c = document.createElement('canvas');
  c.width = Math.round(WIDTH * dpr);
  c.height = Math.round(HEIGHT * dpr);
  return c.getContext('2d', { alpha: false })!;
}

function pixels(ctx: CanvasRenderingContext2D): Uint8ClampedArray {
  const read = document.createElement('canvas');
  read.width = ctx.canvas.width;
  read.height = ctx.canvas.height;
  const r = read.getContext('2d', { willReadFrequently: true })!;
  r.drawImage(ctx.canvas, 0, 0);
  return r.getImageData(0, 0, read.width, read.height).data;
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

/** The real worker, with its answers held back on demand (to answer after a pan). */
class HeldWorker implements LinkWorkerPort {
  onmessage: ((event: MessageEvent<FromLinkWorker>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  draws = 0;
  hold = false;
  private readonly held: MessageEvent<FromLinkWorker>[] = [];
  private readonly worker: Worker;

  constructor(url: string) {
    this.worker = new Worker(url);
    this.worker.onmessage = (e: MessageEvent<FromLinkWorker>) => (this.hold ? this.held.push(e) : this.onmessage?.(e));
    this.worker.onerror = (e) => this.onerror?.(e);
  }

  postMessage(message: ToLinkWorker): void {
    if (message.type === 'draw') this.draws++;
    this.worker.postMessage(message);
  }

  terminate(): void {
    this.worker.terminate();
  }

  get heldCount(): number {
    return this.held.length;
  }

  release(): void {
    this.hold = false;
    for (const e of this.held.splice(0)) this.onmessage?.(e);
  }
}

async function until(what: string, ok: () => boolean, ms = 10_000): Promise<void> {
  const end = performance.now() + ms;
  while (!ok()) {
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

export async function checkLinks(c: LinksCase): Promise<LinksResult> {
  const rnd = random(c.seed);
  const layout = layoutNetwork(bigNetwork(40, 124));
  const statuses = new Map<string, EndpointStatus>();
  const set = (j: number): void => {
    const id = layout.endpointIds[j]!;
    statuses.set(id, randomStatus(id, layout.ids[layout.endpointNode[j]!]!, rnd));
  };
  for (let j = 0; j < layout.endpointIds.length; j++) set(j);
  const tracker = createStatusTracker(layout);
  tracker.update(new Map(statuses));
  const cam = createCamera();
  fitCamera(cam, layout.extent, WIDTH, HEIGHT);
  if (c.zoom !== 1) zoomAt(cam, WIDTH * 0.45, HEIGHT * 0.4, c.zoom);
  const mask = new Uint8Array(layout.count).fill(1);
  if (c.filter) for (let i = 0; i < layout.count; i += 3) mask[i] = 0;
  let palette = PALETTE;
  const d = (): LinkInput => ({
    layout,
    states: tracker.states,
    mask,
    filterActive: c.filter,
    cam,
    width: WIDTH,
    height: HEIGHT,
    dpr: c.dpr,
    palette,
    tierLabels: TIERS,
    scale: 1,
    scratch,
  });
  const scratch = createScratch(layout.count);
  let port: HeldWorker | null = null;
  let changes = 0;
  const layer = new LinkLayer(true, d, () => void changes++, () => (c.worker === 'none' ? null : (port = new HeldWorker(c.worker === 'real' ? workerUrl : brokenUrl))));
  layer.resize(Math.round(WIDTH * c.dpr), Math.round(HEIGHT * c.dpr));
  const frame = opaque(c.dpr);
  const paint = (): void => {
    const input = d();
    projectNodes(input);
    layer.paint(frame, input, performance.now());
  };
  const reference = (): Uint8ClampedArray => {
    const ref = opaque(c.dpr);
    const input = d();
    projectNodes(input);
    drawBase(ref, input);
    return pixels(ref);
  };
  const changeLinks = (): void => {
    const before = tracker.states.linkVersion;
    while (tracker.states.linkVersion === before) {
      for (let n = 0; n < 400; n++) set(Math.floor(rnd() * layout.endpointIds.length));
      tracker.update(new Map(statuses));
    }
  };
  try {
    paint(); // the whole layer, on the page
    // First link change: while the worker has not answered yet the page draws too.
    changeLinks();
    paint();
    await until('the first redraw', () => layer.stats.worker + layer.stats.main >= 1 && (c.worker !== 'real' || layer.stats.worker >= 1));
    paint();
    // Second link change: the worker's alone.
    changeLinks();
    paint();
    const before = pixels(frame);
    const asked = changes;
    // The picture is here when the layer asks for a frame (the page's own is taken a task after its drawing).
    await until('the second redraw', () => (c.worker === 'real' ? layer.stats.worker >= 2 : layer.stats.main >= 2) && changes > asked);
    paint();
    const after = pixels(frame);
    const current = reference();
    const { differing, maxDelta } = compare(after, current);
    palette = { ...PALETTE, '--bp-font': 'sans-serif' };
    const fontMatters = compare(current, reference()).differing;
    palette = PALETTE;
    // With a filter: sites change sides of it (a filter on statuses following them), the links' health does not.
    let mask_ = { differing: -1, maxDelta: -1, before: -1 };
    const held = c.worker === 'real' ? (port as HeldWorker | null) : null;
    if (c.filter) {
      for (let n = 0; n < 600; n++) {
        const i = 1 + Math.floor(rnd() * (layout.count - 1));
        mask[i] = mask[i] ? 0 : 1;
      }
      layer.maskChanged();
      paint();
      const beforeMask = pixels(frame);
      const pictures = layer.stats.worker + layer.stats.main;
      const askedMask = changes;
      await until('the redraw for the mask', () => layer.stats.worker + layer.stats.main > pictures && changes > askedMask);
      paint();
      const ref = reference();
      mask_ = { ...compare(pixels(frame), ref), before: compare(beforeMask, ref).differing };
    }
    // Third link change, answered only after a pan: that picture must not be shown.
    changeLinks();
    if (held) held.hold = true;
    const asks = held ? held.draws : layer.stats.main;
    paint();
    await until('the third redraw asked for', () => (held ? held.draws : layer.stats.main) > asks);
    if (held) await until('its answer', () => held.heldCount >= 1);
    zoomAt(cam, WIDTH / 2, HEIGHT / 2, 1.2);
    layer.invalidate();
    paint();
    held?.release();
    await new Promise((r) => setTimeout(r, 20));
    paint();
    const differingAfterPan = compare(pixels(frame), reference()).differing;
    return {
      workerPictures: layer.stats.worker,
      mainRedraws: layer.stats.main,
      stale: layer.stats.stale,
      off: layer.stats.off,
      differing,
      maxDelta,
      differingBefore: compare(before, current).differing,
      differingAfterPan,
      fontMatters,
      maskDiffering: mask_.differing,
      maskMaxDelta: mask_.maxDelta,
      maskDifferingBefore: mask_.before,
    };
  } finally {
    layer.destroy();
  }
}
