import { labelledTiers, MAX_LABELS } from './map-lod.js';
import { K_DEGRADED, K_DOWN, K_STALE } from './map-codes.js';
import type { BaseInput, Context2D, DrawInput } from './map-draw.js';
import { fitText, LabelBoxes, mapLabelText, placeBeside } from './map-label-place.js';

/** The map's words and rings around the nodes: the MCU box, tier rings, names, highlights. */

export const SOLID: number[] = [];
export const CURSOR_DASH = [4, 3];

export function ring(ctx: Context2D, x: number, y: number, r: number): void {
  ctx.moveTo(x + r, y);
  ctx.arc(x, y, r, 0, Math.PI * 2);
}


export function drawRoot(ctx: CanvasRenderingContext2D, d: DrawInput): void {
  const x = d.scratch.sx[0]!;
  const y = d.scratch.sy[0]!;
  const s = 12 * d.scale;
  const p = d.palette;
  const ok = d.mcuState === 'ok';
  const none = d.mcuState === null || d.mcuState === 'none' || d.mcuState === 'connecting';
  ctx.beginPath();
  ctx.rect(x - s, y - s, 2 * s, 2 * s);
  ctx.fillStyle = p['--bp-surface-raised'];
  ctx.fill();
  ctx.lineWidth = (ok || none ? 1.5 : 3) * d.scale;
  ctx.strokeStyle = ok ? p['--bp-st-up'] : none ? p['--bp-st-unknown'] : p['--bp-st-down'];
  if (!ok && !none) ctx.setLineDash(CURSOR_DASH);
  ctx.stroke();
  ctx.setLineDash(SOLID);
  ctx.fillStyle = p['--bp-text'];
  ctx.font = `600 ${Math.round(10 * d.scale)}px ${p['--bp-font']}`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText(d.mcuLabel, x, y);
  // The state in words under it, always (the word is the second cue for the border's colour).
  ctx.font = `${Math.round(11 * d.scale)}px ${p['--bp-font']}`;
  ctx.textBaseline = 'top';
  haloText(ctx, d, d.mcuStateLabel, x, y + s + 4 * d.scale, ok ? p['--bp-text-dim'] : p['--bp-text']);
}

function haloText(ctx: Context2D, d: Pick<DrawInput, 'palette' | 'scale'>, text: string, x: number, y: number, colour: string): void {
  ctx.strokeStyle = d.palette['--bp-bg'];
  ctx.lineWidth = 3 * d.scale;
  ctx.lineJoin = 'round';
  ctx.strokeText(text, x, y);
  ctx.fillStyle = colour;
  ctx.fillText(text, x, y);
}

/** The tier rings' names' font. */
export function ringFont(d: Pick<BaseInput, 'scale' | 'palette'>): string {
  return `${Math.round(11 * d.scale)}px ${d.palette['--bp-font']}`;
}

export function drawRings(ctx: Context2D, d: BaseInput): void {
  const { layout, cam } = d;
  const cx = cam.tx;
  const cy = cam.ty;
  ctx.beginPath();
  for (let t = 0; t < layout.tierCount; t++) {
    if (!layout.ringOrder[t]?.length) continue;
    ring(ctx, cx, cy, layout.ringRadius[t]! * cam.k);
  }
  ctx.strokeStyle = d.palette['--bp-surface-raised'];
  ctx.lineWidth = 1;
  ctx.stroke();
  ctx.font = ringFont(d);
  ctx.textAlign = 'center';
  ctx.textBaseline = 'bottom';
  for (let t = 0; t < layout.tierCount; t++) {
    if (!layout.ringOrder[t]?.length) continue;
    const label = d.tierLabels[t];
    if (!label) continue;
    const rr = layout.ringRadius[t]! * cam.k;
    const ry = cy - rr - 3;
    if (rr < 40 || ry < 10 || ry > d.height) continue;
    haloText(ctx, d, label, cx, ry, d.palette['--bp-text-faint']);
  }
}

/** Inner-ring names as drawn (shortened to fit), per font and name: measured once, not every frame. */
const FITTED = new Map<string, { readonly text: string; readonly w: number }>();

/** Above this many inner-ring sites on screen, their names follow the spacing rule only. */
const MAX_PLACED_INNER = 200;

export function drawLabels(ctx: CanvasRenderingContext2D, d: DrawInput): number {
  const { layout, cam, scratch, mask, states } = d;
  const { sx, sy, r, visible } = scratch;
  const tiers = labelledTiers(layout.tierSpacing, layout.outerTier, cam.k / d.scale);
  const p = d.palette;
  const fontPx = Math.round(12 * d.scale);
  ctx.font = `${fontPx}px ${p['--bp-font']}`;
  ctx.textBaseline = 'middle';
  const boxes = new LabelBoxes(d.width, d.height);
  // The MCU box and its state word stay readable.
  const rootS = 12 * d.scale;
  boxes.reserve(sx[0]! - 4 * rootS, sy[0]! - rootS, sx[0]! + 4 * rootS, sy[0]! + rootS + 18 * d.scale);
  // The ring titles ("Cấp huyện") stay readable too.
  for (let t = 0; t < layout.tierCount; t++) {
    const rr = layout.ringRadius[t]! * cam.k;
    if (layout.ringOrder[t]?.length && d.tierLabels[t]) boxes.reserve(cam.tx - 40 * d.scale, cam.ty - rr - 3 - 14 * d.scale, cam.tx + 40 * d.scale, cam.ty - rr - 3);
  }
  const maxW = 150 * d.scale;
  const fitted = (name: string): { readonly text: string; readonly w: number } => {
    const key = `${ctx.font}|${maxW}|${name}`;
    let f = FITTED.get(key);
    if (f === undefined) {
      if (FITTED.size > 5000) FITTED.clear();
      const text = fitText(mapLabelText(name), maxW, (x) => ctx.measureText(x).width);
      FITTED.set(key, (f = { text, w: ctx.measureText(text).width }));
    }
    return f;
  };
  const inner = (t: number) => t !== layout.outerTier || layout.outerTier === 0;
  let innerShown = 0;
  for (let i = 1; i < layout.count; i++) if (visible[i] && inner(layout.tier[i]!)) innerShown++;
  const placing = innerShown <= MAX_PLACED_INNER;
  // A name never covers another inner-ring site's node.
  if (placing) for (let i = 1; i < layout.count; i++) if (visible[i] && inner(layout.tier[i]!)) boxes.reserve(sx[i]! - r[i]!, sy[i]! - r[i]!, sx[i]! + r[i]!, sy[i]! + r[i]!);
  let drawn = 0;
  const label = (i: number, force: boolean): void => {
    const site = layout.sites[i];
    if (!site || !visible[i]) return;
    const t = layout.tier[i]!;
    const spaced = (tiers & (1 << t)) !== 0;
    if (!force && (mask[i] !== 1 || (!spaced && !(placing && inner(t))))) return;
    const attention = states.kind[i] === K_DOWN || states.kind[i] === K_DEGRADED || states.kind[i] === K_STALE;
    const colour = attention || force ? p['--bp-text'] : p['--bp-text-dim'];
    const gap = r[i]! + 6 * d.scale;
    if (!inner(t)) {
      // Along the radius, outward, turned so it never reads upside down.
      const a = layout.angle[i]!;
      const flip = Math.cos(a) < 0;
      ctx.save();
      ctx.translate(sx[i]!, sy[i]!);
      ctx.rotate(flip ? a + Math.PI : a);
      ctx.textAlign = flip ? 'right' : 'left';
      haloText(ctx, d, site.name, flip ? -gap : gap, 0, colour);
      ctx.restore();
    } else {
      const { text, w } = fitted(site.name);
      const at = placeBeside(boxes, sx[i]!, sy[i]!, r[i]!, w, fontPx, 4 * d.scale);
      if (at === null && !force) return;
      ctx.textAlign = at === null || at.side === 'below' || at.side === 'above' ? 'center' : at.side === 'right' ? 'left' : 'right';
      haloText(ctx, d, text, at?.x ?? sx[i]!, at?.y ?? sy[i]! + gap + 4 * d.scale, colour);
    }
    drawn++;
  };
  // The upper rings first (they claim their room), then the outer ring's radial names.
  for (let t = 0; t < layout.tierCount; t++) {
    if (!inner(t)) continue;
    for (let i = 1; i < layout.count && drawn < MAX_LABELS; i++) if (layout.tier[i] === t) label(i, false);
  }
  for (let i = 1; i < layout.count && drawn < MAX_LABELS; i++) if (!inner(layout.tier[i]!)) label(i, false);
  // The sites the operator is looking at are always named.
  if (d.selected > 0) label(d.selected, true);
  if (d.cursor > 0) label(d.cursor, true);
  if (d.hover > 0) label(d.hover, true);
  return drawn;
}

export function drawHighlights(ctx: CanvasRenderingContext2D, d: DrawInput): void {
  const { sx, sy, r } = d.scratch;
  const p = d.palette;
  const rootR = 12 * d.scale * Math.SQRT2;
  const radiusOf = (i: number): number => (i === 0 ? rootR : r[i]!);
  if (d.hover >= 0 && d.hover !== d.selected) {
    ctx.beginPath();
    ring(ctx, sx[d.hover]!, sy[d.hover]!, radiusOf(d.hover) + 5 * d.scale);
    ctx.strokeStyle = p['--bp-text-dim'];
    ctx.lineWidth = 1.5;
    ctx.stroke();
  }
  if (d.selected >= 0) {
    ctx.beginPath();
    ring(ctx, sx[d.selected]!, sy[d.selected]!, radiusOf(d.selected) + 6 * d.scale);
    ctx.strokeStyle = p['--bp-focus'];
    ctx.lineWidth = 2.5 * d.scale;
    ctx.stroke();
  }
  if (d.cursor >= 0 && d.cursor !== d.selected) {
    ctx.beginPath();
    ring(ctx, sx[d.cursor]!, sy[d.cursor]!, radiusOf(d.cursor) + 8 * d.scale);
    ctx.strokeStyle = p['--bp-focus'];
    ctx.lineWidth = 2 * d.scale;
    ctx.setLineDash(CURSOR_DASH);
    ctx.stroke();
    ctx.setLineDash(SOLID);
  }
}
