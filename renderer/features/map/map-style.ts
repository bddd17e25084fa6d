import { F_IN_CALL, F_MUTED, KIND_CODES } from './map-codes.js';
import type { StatusKind } from '../../theme/status-kind.js';

/**
 * How each state is drawn on the map: a shape and a palette token, so colour is never the only
 * cue (ISA-101). The same shapes as the glyphs of the tree (theme/status-glyph.tsx): up a calm
 * filled circle, down a red triangle, degraded an amber diamond, unknown a hollow ring,
 * unreachable a dim dashed ring, stale a hatched grey disc. In a call adds an outer ring; muted a
 * slash. Colours come from palette.css, read at run time.
 */
export type Shape = 'circle' | 'triangle' | 'diamond' | 'ring' | 'dashed-ring' | 'hatched';

export interface KindMark {
  readonly shape: Shape;
  /** The palette token the shape is drawn in. */
  readonly colour: PaletteToken;
  /** Drawn bigger than its tier's size, so it is found at a glance at Level 1. */
  readonly attention: boolean;
}

export const KIND_MARKS: Readonly<Record<StatusKind, KindMark>> = {
  up: { shape: 'circle', colour: '--bp-st-up', attention: false },
  unknown: { shape: 'ring', colour: '--bp-st-unknown', attention: false },
  unreachable: { shape: 'dashed-ring', colour: '--bp-st-unreachable', attention: false },
  degraded: { shape: 'diamond', colour: '--bp-st-degraded', attention: true },
  stale: { shape: 'hatched', colour: '--bp-st-stale', attention: true },
  down: { shape: 'triangle', colour: '--bp-st-down', attention: true },
};

export interface LinkMark {
  readonly colour: PaletteToken;
  /** Screen pixels. */
  readonly width: number;
  /** Dash pattern in screen pixels (empty: solid): the second cue besides colour. */
  readonly dash: readonly number[];
}

/** Indexed by link health code (map-status.ts L_*). */
export const LINK_MARKS: readonly LinkMark[] = [
  { colour: '--bp-border', width: 1, dash: [] }, // L_NONE: not measured
  { colour: '--bp-border-strong', width: 1, dash: [] }, // L_OK
  { colour: '--bp-st-degraded', width: 2.5, dash: [] }, // L_WARN: past the degraded thresholds
  { colour: '--bp-st-down', width: 3, dash: [7, 3] }, // L_BAD: far past them
  { colour: '--bp-st-unreachable', width: 1, dash: [2, 4] }, // L_CUT: the site is down or unreachable
];

/** Everything one node shows, as data (tests check this; the renderer draws from the same tables). */
export interface NodeLook {
  readonly kind: StatusKind;
  readonly mark: KindMark;
  readonly inCallRing: boolean;
  readonly muteSlash: boolean;
}

export function nodeLook(kindCode: number, flags: number): NodeLook {
  const kind = KIND_CODES[kindCode] ?? 'unknown';
  return { kind, mark: KIND_MARKS[kind], inCallRing: (flags & F_IN_CALL) !== 0, muteSlash: (flags & F_MUTED) !== 0 };
}

/** Every token the canvas reads from palette.css. */
export const PALETTE_TOKENS = [
  '--bp-bg',
  '--bp-surface',
  '--bp-surface-raised',
  '--bp-border',
  '--bp-border-strong',
  '--bp-text',
  '--bp-text-dim',
  '--bp-text-faint',
  '--bp-focus',
  '--bp-st-up',
  '--bp-st-down',
  '--bp-st-degraded',
  '--bp-st-unknown',
  '--bp-st-unreachable',
  '--bp-st-stale',
  '--bp-st-stale-hatch',
  '--bp-st-in-call',
  '--bp-font',
] as const;
export type PaletteToken = (typeof PALETTE_TOKENS)[number];
export type Palette = Readonly<Record<PaletteToken, string>>;

/** Used only when the stylesheet is missing (tests without CSS): greys, so nothing lies. */
const FALLBACK = '#888888';

/** The palette as the document's stylesheet defines it (the same custom properties the DOM uses). */
export function readPalette(el: Element): Palette {
  const style = getComputedStyle(el);
  const out = {} as Record<PaletteToken, string>;
  for (const token of PALETTE_TOKENS) out[token] = style.getPropertyValue(token).trim() || (token === '--bp-font' ? 'sans-serif' : FALLBACK);
  return out;
}

/** The stale hatch as a fill pattern (a 6 px tile of the two stale tokens); a flat colour where there is no canvas. */
export function createHatch(palette: Palette, ctx: CanvasRenderingContext2D | null): CanvasPattern | string {
  const fallback = palette['--bp-st-stale-hatch'];
  if (!ctx || typeof document === 'undefined') return fallback;
  const tile = document.createElement('canvas');
  tile.width = 6;
  tile.height = 6;
  const c = tile.getContext('2d');
  if (!c) return fallback;
  c.fillStyle = palette['--bp-st-stale-hatch'];
  c.fillRect(0, 0, 6, 6);
  c.strokeStyle = palette['--bp-st-stale'];
  c.lineWidth = 1.2;
  c.beginPath();
  c.moveTo(-1, 7);
  c.lineTo(7, -1);
  c.moveTo(-1, 1);
  c.lineTo(1, -1);
  c.moveTo(5, 7);
  c.lineTo(7, 5);
  c.stroke();
  return ctx.createPattern(tile, 'repeat') ?? fallback;
}
