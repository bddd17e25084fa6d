import type { McuState } from '../../../shared/conference.js';
import type { Camera } from './map-camera.js';
import type { MapLayout } from './map-layout.js';
import { F_IN_CALL, F_MUTED, K_DEGRADED, K_DOWN, K_STALE, K_UNKNOWN, K_UNREACHABLE, K_UP, L_BAD, L_CUT, L_NONE, L_OK, L_WARN } from './map-codes.js';
import type { NodeStates } from './map-status.js';
import { LINK_MARKS, type Palette } from './map-style.js';
import { drawHighlights, drawLabels, drawRings, drawRoot, ring, SOLID } from './map-draw-text.js';

/**
 * One frame of the map on a Canvas 2D context, batched: one path per link class and one per
 * node kind (a few dozen draw calls for thousands of sites), screen coordinates into reused
 * typed arrays, nothing off screen, and at most MAX_LABELS names. Everything is drawn in CSS
 * pixels (the context is scaled by devicePixelRatio), so glyphs keep their size as you zoom.
 */
export interface DrawScratch {
  sx: Float32Array;
  sy: Float32Array;
  r: Float32Array;
  visible: Uint8Array;
}

export function createScratch(n: number): DrawScratch {
  return { sx: new Float32Array(n), sy: new Float32Array(n), r: new Float32Array(n), visible: new Uint8Array(n) };
}

/** A 2D context on the page or in a worker (the link layer is drawn in both, see map-link-layer.ts). */
export type Context2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

/** What positions and visibility are computed from (projectNodes). */
export interface ProjectInput {
  readonly layout: Pick<MapLayout, 'count' | 'x' | 'y' | 'tier'>;
  readonly states: Pick<NodeStates, 'kind'>;
  readonly cam: Camera;
  readonly width: number;
  readonly height: number;
  /** Wall mode: everything bigger. */
  readonly scale: number;
  readonly scratch: DrawScratch;
}

/** What the layer under the nodes is drawn from (drawBase): all of it can be sent to a worker. */
export interface BaseInput extends ProjectInput {
  readonly layout: Pick<MapLayout, 'count' | 'x' | 'y' | 'tier' | 'parent' | 'tierCount' | 'ringRadius'> & { readonly ringOrder: readonly { readonly length: number }[] };
  readonly states: Pick<NodeStates, 'kind' | 'link'>;
  /** 1 = shown in full; 0 = drawn faint (does not match the find filter). */
  readonly mask: Uint8Array;
  readonly filterActive: boolean;
  readonly dpr: number;
  readonly palette: Palette;
  readonly tierLabels: readonly string[];
}

/** Everything a frame is drawn from. */
export interface DrawInput extends BaseInput {
  readonly layout: MapLayout;
  readonly states: NodeStates;
  readonly hatch: CanvasPattern | string;
  readonly selected: number;
  readonly cursor: number;
  readonly hover: number;
  readonly mcuState: McuState | null;
  /** "MCU" and its state in words (the tier names for the rings are in BaseInput). */
  readonly mcuLabel: string;
  readonly mcuStateLabel: string;
}

export interface DrawStats {
  readonly nodes: number;
  readonly labels: number;
}

/** World radius of a node by tier, and its size limits on screen. */
const TIER_RADIUS = [9, 7, 5];
const MIN_PX = 2.2;
const MIN_ATTENTION_PX = 4;
const MAX_PX = 11;
export const DIM_ALPHA = 0.18;
/** Below this radius (px) an up dot is drawn as a small square. */
const TINY_PX = 2.6;

const LINK_ORDER = [L_NONE, L_OK, L_CUT, L_WARN, L_BAD];
export const NODE_ORDER = [K_UP, K_UNKNOWN, K_UNREACHABLE, K_STALE, K_DEGRADED, K_DOWN];

export function nodeRadiusPx(tier: number, k: number, kind: number, scale: number): number {
  const base = TIER_RADIUS[Math.min(Math.max(tier, 0), TIER_RADIUS.length - 1)]!;
  const min = kind === K_DOWN || kind === K_DEGRADED || kind === K_STALE ? MIN_ATTENTION_PX : MIN_PX;
  return Math.min(MAX_PX, Math.max(min, base * k)) * scale;
}

export function addShape(ctx: CanvasRenderingContext2D, kind: number, x: number, y: number, r: number): void {
  if (kind === K_DOWN) {
    const s = r * 1.35;
    ctx.moveTo(x, y - s);
    ctx.lineTo(x + s * 0.95, y + s * 0.7);
    ctx.lineTo(x - s * 0.95, y + s * 0.7);
    ctx.closePath();
  } else if (kind === K_DEGRADED) {
    const s = r * 1.3;
    ctx.moveTo(x, y - s);
    ctx.lineTo(x + s, y);
    ctx.lineTo(x, y + s);
    ctx.lineTo(x - s, y);
    ctx.closePath();
  } else if (kind === K_UP && r < TINY_PX) {
    // A dot this small looks the same square or round; squares cost a fraction to rasterise in
    // software (no GPU in the control room's PCs), which matters at 5,000 sites.
    ctx.rect(x - r * 0.9, y - r * 0.9, r * 1.8, r * 1.8);
  } else {
    ctx.moveTo(x + r, y);
    ctx.arc(x, y, r, 0, Math.PI * 2);
  }
}

/** Fill or stroke one kind's batch of nodes, for those with the given mask value. */
function drawKind(ctx: CanvasRenderingContext2D, d: DrawInput, kind: number, maskValue: number): number {
  const { states, mask, scratch } = d;
  const { sx, sy, r, visible } = scratch;
  let count = 0;
  ctx.beginPath();
  for (let i = 1; i < d.layout.count; i++) {
    if (states.kind[i] !== kind || mask[i] !== maskValue || !visible[i]) continue;
    addShape(ctx, kind, sx[i]!, sy[i]!, r[i]!);
    count++;
  }
  if (count > 0) paintKind(ctx, d, kind);
  return count;
}

/** Fill and stroke the current path (one or many nodes' shapes) as a kind is drawn. */
export function paintKind(ctx: CanvasRenderingContext2D, d: Pick<DrawInput, 'palette' | 'hatch' | 'scale'>, kind: number): void {
  const p = d.palette;
  const lw = 1.6 * d.scale;
  switch (kind) {
    case K_UP:
      ctx.fillStyle = p['--bp-st-up'];
      ctx.fill();
      break;
    case K_DOWN:
      ctx.fillStyle = p['--bp-st-down'];
      ctx.fill();
      break;
    case K_DEGRADED:
      ctx.fillStyle = p['--bp-st-degraded'];
      ctx.fill();
      break;
    case K_UNKNOWN:
      ctx.fillStyle = p['--bp-bg'];
      ctx.fill();
      ctx.strokeStyle = p['--bp-st-unknown'];
      ctx.lineWidth = lw;
      ctx.stroke();
      break;
    case K_UNREACHABLE:
      ctx.fillStyle = p['--bp-bg'];
      ctx.fill();
      ctx.strokeStyle = p['--bp-st-unreachable'];
      ctx.lineWidth = lw;
      ctx.setLineDash(DASHED_RING);
      ctx.stroke();
      ctx.setLineDash(SOLID);
      break;
    case K_STALE:
      ctx.fillStyle = d.hatch;
      ctx.fill();
      ctx.strokeStyle = p['--bp-st-stale'];
      ctx.lineWidth = 1.2 * d.scale;
      ctx.stroke();
      break;
  }
}

const DASHED_RING = [2.5, 2];


function drawLinks(ctx: Context2D, d: BaseInput, maskValue: number): void {
  const { layout, states, mask, scratch } = d;
  const { sx, sy, visible } = scratch;
  for (const cls of LINK_ORDER) {
    const mark = LINK_MARKS[cls]!;
    let any = false;
    ctx.beginPath();
    for (let i = 1; i < layout.count; i++) {
      if (states.link[i] !== cls || mask[i] !== maskValue) continue;
      const p = layout.parent[i]!;
      if (!visible[i] && !visible[p]) continue;
      ctx.moveTo(sx[p]!, sy[p]!);
      ctx.lineTo(sx[i]!, sy[i]!);
      any = true;
    }
    if (!any) continue;
    ctx.strokeStyle = d.palette[mark.colour];
    ctx.lineWidth = mark.width * d.scale;
    ctx.setLineDash(mark.dash as number[]);
    ctx.stroke();
  }
  ctx.setLineDash(SOLID);
}

function drawOverlays(ctx: CanvasRenderingContext2D, d: DrawInput, maskValue: number): void {
  const { states, mask, scratch, layout } = d;
  const { sx, sy, r, visible } = scratch;
  // In a call: a quiet outer ring. Muted: a short slash across its upper right.
  ctx.beginPath();
  let calls = 0;
  for (let i = 1; i < layout.count; i++) {
    if (!(states.flags[i]! & F_IN_CALL) || mask[i] !== maskValue || !visible[i]) continue;
    addCallRing(ctx, sx[i]!, sy[i]!, r[i]!, d.scale);
    calls++;
  }
  if (calls > 0) {
    paintCallRings(ctx, d);
    ctx.beginPath();
    let muted = 0;
    for (let i = 1; i < layout.count; i++) {
      if (!(states.flags[i]! & F_MUTED) || mask[i] !== maskValue || !visible[i]) continue;
      addMuteSlash(ctx, sx[i]!, sy[i]!, r[i]!, d.scale);
      muted++;
    }
    if (muted > 0) paintMuteSlashes(ctx, d);
  }
}

/** The in-call ring round a node of radius r (px). */
export function addCallRing(ctx: CanvasRenderingContext2D, x: number, y: number, r: number, scale: number): void {
  const rr = r + 3 * scale;
  // Around a dot drawn as a square (zoomed out), a square ring: the same cue, cheaper to rasterise.
  if (r < TINY_PX) ctx.rect(x - rr, y - rr, rr * 2, rr * 2);
  else ring(ctx, x, y, rr);
}

export function paintCallRings(ctx: CanvasRenderingContext2D, d: Pick<DrawInput, 'palette' | 'scale'>): void {
  ctx.strokeStyle = d.palette['--bp-st-in-call'];
  ctx.lineWidth = 1.5 * d.scale;
  ctx.stroke();
}

/** The mute slash across the upper right of a node of radius r (px). */
export function addMuteSlash(ctx: CanvasRenderingContext2D, x0: number, y0: number, r: number, scale: number): void {
  const o = r + 3 * scale;
  const x = x0 + o * 0.7;
  const y = y0 - o * 0.7;
  const s = 4 * scale;
  ctx.moveTo(x - s, y + s);
  ctx.lineTo(x + s, y - s);
}

export function paintMuteSlashes(ctx: CanvasRenderingContext2D, d: Pick<DrawInput, 'palette' | 'scale'>): void {
  ctx.strokeStyle = d.palette['--bp-text'];
  ctx.lineWidth = 2 * d.scale;
  ctx.stroke();
}

/**
 * Half the side of a square (CSS px, round a node's centre) holding everything a node of radius r
 * draws in this state: its shape (an attention triangle reaches furthest), the call ring with its
 * stroke, the mute slash, and anti-aliasing.
 */
export function marksHalfPx(r: number, scale: number, kind: number, flags: number): number {
  let h = kind === K_DOWN ? r * 1.35 : kind === K_DEGRADED ? r * 1.3 : r + scale;
  const rr = r + 3 * scale;
  if (flags & F_IN_CALL) h = Math.max(h, rr + 0.75 * scale);
  if (flags & F_MUTED) h = Math.max(h, rr * 0.7 + 4.75 * scale);
  return h + 2;
}

/** Screen positions, sizes and visibility of every node into the scratch arrays; returns how many are on screen. */
export function projectNodes(d: ProjectInput): number {
  const { layout, cam, scratch, states } = d;
  const n = layout.count;
  const pad = MAX_PX * 2 * d.scale;
  let shown = 0;
  for (let i = 0; i < n; i++) {
    const x = layout.x[i]! * cam.k + cam.tx;
    const y = layout.y[i]! * cam.k + cam.ty;
    scratch.sx[i] = x;
    scratch.sy[i] = y;
    scratch.r[i] = nodeRadiusPx(layout.tier[i]!, cam.k, states.kind[i]!, d.scale);
    const v = x > -pad && x < d.width + pad && y > -pad && y < d.height + pad ? 1 : 0;
    scratch.visible[i] = v;
    shown += v;
  }
  return shown;
}

/**
 * The layer under the nodes: background, tier rings and links. It changes only with the camera,
 * the filter or a link's health, so the engine keeps it in an offscreen canvas and copies it.
 */
export function drawBase(ctx: Context2D, d: BaseInput): void {
  ctx.setTransform(d.dpr, 0, 0, d.dpr, 0, 0);
  ctx.globalAlpha = 1;
  ctx.fillStyle = d.palette['--bp-bg'];
  ctx.fillRect(0, 0, d.width, d.height);
  drawRings(ctx, d);
  if (d.filterActive) {
    ctx.globalAlpha = DIM_ALPHA;
    drawLinks(ctx, d, 0);
    ctx.globalAlpha = 1;
  }
  drawLinks(ctx, d, 1);
}

/** The sites' marks (shapes, call rings, mute slashes), batched by kind. */
export function drawMarks(ctx: CanvasRenderingContext2D, d: DrawInput): void {
  ctx.setTransform(d.dpr, 0, 0, d.dpr, 0, 0);
  // Faint pass first (what the filter leaves out), then what matches on top.
  if (d.filterActive) {
    ctx.globalAlpha = DIM_ALPHA;
    for (const k of NODE_ORDER) drawKind(ctx, d, k, 0);
    drawOverlays(ctx, d, 0);
    ctx.globalAlpha = 1;
  }
  for (const k of NODE_ORDER) drawKind(ctx, d, k, 1);
  drawOverlays(ctx, d, 1);
}

/** The MCU, the highlights and the names over the marks; returns how many names. */
export function drawTop(ctx: CanvasRenderingContext2D, d: DrawInput): number {
  ctx.setTransform(d.dpr, 0, 0, d.dpr, 0, 0);
  drawRoot(ctx, d);
  drawHighlights(ctx, d);
  return drawLabels(ctx, d);
}

/** Nodes, their call and mute marks, the MCU, the highlights and the names; returns how many names. */
export function drawNodes(ctx: CanvasRenderingContext2D, d: DrawInput): number {
  drawMarks(ctx, d);
  return drawTop(ctx, d);
}

/** One whole frame on one context (the engine splits it into a cached base and the nodes). */
export function drawMap(ctx: CanvasRenderingContext2D, d: DrawInput): DrawStats {
  const nodes = projectNodes(d);
  drawBase(ctx, d);
  const labels = drawNodes(ctx, d);
  return { nodes, labels };
}
