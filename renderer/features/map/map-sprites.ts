import { addCallRing, addMuteSlash, addShape, DIM_ALPHA, marksHalfPx, paintCallRings, paintKind, paintMuteSlashes, type DrawInput } from './map-draw.js';

/**
 * The sites' marks pre-rendered, one small canvas per (mark, radius) at the current device pixel
 * ratio, palette and scale, and copied with drawImage at whole device pixels: copying 4,500 call
 * rings costs a fraction of stroking them as one path in software, and a mark copied at a whole
 * pixel covers the same pixels wherever it is drawn from, so a layer repainted in part is the same
 * picture as one painted in full (map-node-layer.ts). Each sprite is drawn by the same code as the
 * batched marks (map-draw.ts), so the look is defined once.
 */

/** Marks besides the kinds (K_UP … K_DOWN, 0–5). */
export const MARK_CALL = 16;
export const MARK_MUTE = 17;
/** Added to a mark: drawn faint (left out by the filter), the alpha baked into the sprite. */
export const MARK_FAINT = 8;

export interface Sprite {
  readonly image: CanvasImageSource;
  /** Device pixels from the sprite's top left corner to the node's centre (both axes). */
  readonly centre: number;
}

type Look = Pick<DrawInput, 'palette' | 'hatch' | 'scale' | 'dpr'>;

/** Past this many sprites (zooming makes new radii), the cache starts again. */
const MAX_SPRITES = 512;

export class MarkSprites {
  private readonly cache = new Map<number, Sprite>();
  private look: Look | null = null;

  constructor(private readonly createCanvas: (size: number) => HTMLCanvasElement | OffscreenCanvas | null = domCanvas) {}

  /** The sprite of a mark for a node of radius r (CSS px); null where there is no canvas. */
  get(d: Look, mark: number, r: number): Sprite | null {
    const look = this.look;
    if (!look || look.palette !== d.palette || look.hatch !== d.hatch || look.scale !== d.scale || look.dpr !== d.dpr) {
      this.cache.clear();
      this.look = { palette: d.palette, hatch: d.hatch, scale: d.scale, dpr: d.dpr };
    }
    // Radii come from a few tiers at one camera: a thousandth of a pixel tells them apart.
    const key = Math.round(r * 1000) * 32 + mark;
    let sprite = this.cache.get(key);
    if (sprite === undefined) {
      if (this.cache.size >= MAX_SPRITES) this.cache.clear();
      const made = this.make(d, mark, r);
      if (!made) return null;
      this.cache.set(key, (sprite = made));
    }
    return sprite;
  }

  private make(d: Look, mark: number, r: number): Sprite | null {
    const centre = Math.ceil(marksHalfPx(r, d.scale) * d.dpr);
    const canvas = this.createCanvas(2 * centre);
    const g = canvas?.getContext('2d') as CanvasRenderingContext2D | null | undefined;
    if (!canvas || !g) return null;
    g.setTransform(d.dpr, 0, 0, d.dpr, 0, 0);
    // Faint marks carry their alpha (a copy with globalAlpha blends differently inside a clip).
    g.globalAlpha = mark & MARK_FAINT ? DIM_ALPHA : 1;
    mark &= ~MARK_FAINT;
    const c = centre / d.dpr;
    g.beginPath();
    if (mark === MARK_CALL) {
      addCallRing(g, c, c, r, d.scale);
      paintCallRings(g, d);
    } else if (mark === MARK_MUTE) {
      addMuteSlash(g, c, c, r, d.scale);
      paintMuteSlashes(g, d);
    } else {
      addShape(g, mark, c, c, r);
      paintKind(g, d, mark);
    }
    return { image: canvas, centre };
  }
}

function domCanvas(size: number): HTMLCanvasElement | null {
  if (typeof document === 'undefined') return null;
  const canvas = document.createElement('canvas');
  canvas.width = size;
  canvas.height = size;
  return canvas;
}
