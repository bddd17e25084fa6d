import { addCallRing, addMuteSlash, addShape, DIM_ALPHA, marksHalfPx, paintCallRings, paintKind, paintMuteSlashes, type DrawInput } from './map-draw.js';
import { premultiplied, type SpritePixels } from './map-pixels.js';
import { F_IN_CALL, F_MUTED } from './map-status.js';

/**
 * A site's marks pre-rendered, one small canvas per look (kind, in call, muted, faint, radius) at
 * the current device pixel ratio, palette and scale, and copied with drawImage at whole device
 * pixels: one copy a site costs a fraction of stroking thousands of shapes and rings as paths in
 * software, and a mark copied at a whole pixel covers the same pixels wherever it is drawn from,
 * so a layer repainted in part is the same picture as one painted in full (map-node-layer.ts).
 * Each sprite is drawn by the same code as the batched marks (map-draw.ts): the shape, then the
 * call ring, then the mute slash, so the look is defined once.
 */

export interface Sprite extends SpritePixels {
  readonly image: CanvasImageSource;
  /** Device pixels from the sprite's top left corner to the node's centre (both axes); the sprite is twice as wide. */
  readonly centre: number;
}

type Look = Pick<DrawInput, 'palette' | 'hatch' | 'scale' | 'dpr'>;

/** Past this many sprites (zooming makes new radii), the cache starts again. */
const MAX_SPRITES = 512;

export class MarkSprites {
  private readonly cache = new Map<number, Sprite>();
  private look: Look | null = null;

  constructor(private readonly createCanvas: (size: number) => HTMLCanvasElement | OffscreenCanvas | null = domCanvas) {}

  /** The sprite of a node of radius r (CSS px) in a state (kind, F_IN_CALL / F_MUTED flags, faint); null where there is no canvas. */
  get(d: Look, kind: number, flags: number, faint: boolean, r: number): Sprite | null {
    const look = this.look;
    if (!look || look.palette !== d.palette || look.hatch !== d.hatch || look.scale !== d.scale || look.dpr !== d.dpr) {
      this.cache.clear();
      this.look = { palette: d.palette, hatch: d.hatch, scale: d.scale, dpr: d.dpr };
    }
    // Radii come from a few tiers at one camera: a thousandth of a pixel tells them apart.
    const state = kind | ((flags & (F_IN_CALL | F_MUTED)) << 3) | (faint ? 32 : 0);
    const key = Math.round(r * 1000) * 64 + state;
    let sprite = this.cache.get(key);
    if (sprite === undefined) {
      if (this.cache.size >= MAX_SPRITES) this.cache.clear();
      const made = this.make(d, kind, flags, faint, r);
      if (!made) return null;
      this.cache.set(key, (sprite = made));
    }
    return sprite;
  }

  private make(d: Look, kind: number, flags: number, faint: boolean, r: number): Sprite | null {
    const centre = Math.ceil(marksHalfPx(r, d.scale, kind, flags) * d.dpr);
    const canvas = this.createCanvas(2 * centre);
    const g = canvas?.getContext('2d', { willReadFrequently: true }) as CanvasRenderingContext2D | null | undefined;
    if (!canvas || !g) return null;
    g.setTransform(d.dpr, 0, 0, d.dpr, 0, 0);
    // Faint marks carry their alpha (a copy with globalAlpha blends differently inside a clip).
    g.globalAlpha = faint ? DIM_ALPHA : 1;
    const c = centre / d.dpr;
    g.beginPath();
    addShape(g, kind, c, c, r);
    paintKind(g, d, kind);
    if (flags & F_IN_CALL) {
      g.beginPath();
      addCallRing(g, c, c, r, d.scale);
      paintCallRings(g, d);
    }
    if (flags & F_MUTED) {
      g.beginPath();
      addMuteSlash(g, c, c, r, d.scale);
      paintMuteSlashes(g, d);
    }
    const size = 2 * centre;
    return { image: canvas, centre, size, pixels: premultiplied(g.getImageData(0, 0, size, size).data) };
  }
}

function domCanvas(size: number): HTMLCanvasElement | null {
  if (typeof document === 'undefined') return null;
  const canvas = document.createElement('canvas');
  canvas.width = size;
  canvas.height = size;
  return canvas;
}
