import { NODE_ORDER, type DrawInput } from './map-draw.js';
import { LayerPixels } from './map-pixels.js';
import { MarkSprites } from './map-sprites.js';

/**
 * The sites' marks (shapes, call rings, mute slashes) kept in a transparent canvas of their own
 * between frames, so that a batch of status changes repaints only the changed sites' boxes instead
 * of every site (with the whole province in a meeting, rasterising 4,500 call rings took ≈ 35 ms of
 * software raster per batch; ≈ 50 sites change per batch at 1,000 changes a second).
 *
 * Marks are blended from pre-rendered sprites at whole device pixels (map-sprites.ts) into the
 * layer's own pixels (map-pixels.ts, handed to the canvas box by box with putImageData), in the
 * order of kinds (worst last; each site's sprite is its shape, call ring and mute slash), the
 * filter's faint pass first. A partial repaint clears each changed site's box (its sprite's square as painted
 * and as it will be: a state can change a mark's size), and blends again, inside the boxes only and
 * in the same order, every site whose painted square overlaps them (marks overlap): each pixel in
 * a box gets the same blends in the same order as in a full repaint, so the layer is the very
 * picture a full repaint makes (test/e2e/map-layer.test.ts checks it pixel by pixel). The camera,
 * the filter, the palette, the words, the size or a new network make the engine ask for a full
 * repaint.
 */

/** Side of the grid cells that find the sites near the changed boxes (device px). */
const CELL = 32;
/** Past this share of the sites changed, one full repaint costs less than the boxes. */
const FULL_SHARE = 0.25;
/**
 * Past this share of the painted sites to blend again (where sites crowd, as in the whole-province
 * view, each box holds dozens of neighbours), a full repaint costs no more.
 */
const FULL_REDRAWN_SHARE = 0.9;

export interface NodeLayerStats {
  full: number;
  partial: number;
  /** Boxes repainted by partial repaints, and sites drawn in them. */
  boxes: number;
  redrawn: number;
}

export class NodeLayer {
  private valid = false;
  private count = 0;
  private pending = new Uint8Array(0);
  private pendingList = new Int32Array(0);
  private pendingCount = 0;
  protected only = new Uint8Array(0);
  /** Half the side of each site's marks as last painted (device px; 0: not painted). */
  private half = new Int32Array(0);
  /** The changed boxes of a partial repaint: x0, y0, x1, y1 each (device px). */
  private boxes = new Int32Array(0);
  private cells = new Uint8Array(0);
  private readonly sprites = new MarkSprites();
  private readonly pixels = new LayerPixels();
  /** While a partial repaint blends: only inside its boxes. */
  private masked = false;
  readonly stats: NodeLayerStats = { full: 0, partial: 0, boxes: 0, redrawn: 0 };

  constructor(private readonly ctx: CanvasRenderingContext2D) {}

  /** A new network (node count): the next paint is a full one. */
  reset(count: number): void {
    this.count = count;
    this.pending = new Uint8Array(count);
    this.pendingList = new Int32Array(count);
    this.only = new Uint8Array(count);
    this.half = new Int32Array(count);
    this.boxes = new Int32Array(count * 4);
    this.pendingCount = 0;
    this.valid = false;
  }

  /** Everything changes (camera, filter, palette, size): repaint it all next time. */
  invalidate(): void {
    this.valid = false;
  }

  /** A site's drawn state changed. */
  changed(node: number): void {
    if (node <= 0 || node >= this.count || this.pending[node]) return;
    this.pending[node] = 1;
    this.pendingList[this.pendingCount++] = node;
  }

  /** Whether the next paint has anything to do. */
  get due(): boolean {
    return !this.valid || this.pendingCount > 0;
  }

  /**
   * Bring the layer up to date with `d` (its scratch already projected for this frame): in full,
   * or only the changed sites' boxes. Returns what it did.
   */
  paint(d: DrawInput): 'full' | 'partial' | 'none' {
    const ctx = this.ctx;
    const { sx, sy, visible } = d.scratch;
    const dpr = d.dpr;
    if (!this.valid || this.pendingCount > this.count * FULL_SHARE) return this.paintFull(d);
    if (this.pendingCount === 0) return 'none';
    const width = ctx.canvas.width;
    const height = ctx.canvas.height;
    const cols = Math.ceil(width / CELL);
    const rows = Math.ceil(height / CELL);
    if (this.cells.length < cols * rows) this.cells = new Uint8Array(cols * rows);
    const cells = this.cells;
    cells.fill(0, 0, cols * rows);
    const box = this.boxes;
    let boxes = 0;
    for (let k = 0; k < this.pendingCount; k++) {
      const i = this.pendingList[k]!;
      // The box holds the marks as they were painted and as they will be.
      const now = visible[i] ? (this.spriteOf(d, i, d.mask[i] === 0)?.centre ?? 0) : 0;
      const h = Math.max(this.half[i]!, now);
      this.half[i] = now;
      if (h === 0) continue;
      const x = Math.round(sx[i]! * dpr);
      const y = Math.round(sy[i]! * dpr);
      const x0 = Math.max(0, x - h);
      const y0 = Math.max(0, y - h);
      const x1 = Math.min(width, x + h);
      const y1 = Math.min(height, y + h);
      if (x1 <= x0 || y1 <= y0) continue;
      box[boxes * 4] = x0;
      box[boxes * 4 + 1] = y0;
      box[boxes * 4 + 2] = x1;
      box[boxes * 4 + 3] = y1;
      for (let cy = Math.floor(y0 / CELL); cy <= Math.floor((y1 - 1) / CELL); cy++) {
        for (let cx = Math.floor(x0 / CELL); cx <= Math.floor((x1 - 1) / CELL); cx++) cells[cy * cols + cx] = 1;
      }
      boxes++;
    }
    this.clearPending();
    if (boxes === 0) return 'none';
    const redrawn = this.chooseRedrawn(d, boxes, cols);
    let painted = 0;
    for (let i = 1; i < this.count; i++) if (this.half[i]) painted++;
    if (redrawn > painted * FULL_REDRAWN_SHARE) return this.paintFull(d);
    const px = this.pixels;
    for (let b = 0; b < boxes * 4; b += 4) px.openBox(box[b]!, box[b + 1]!, box[b + 2]!, box[b + 3]!);
    this.masked = true;
    this.drawSprites(d, this.only);
    this.masked = false;
    for (let b = 0; b < boxes * 4; b += 4) {
      px.put(ctx, box[b]!, box[b + 1]!, box[b + 2]!, box[b + 3]!);
      px.closeBox(box[b]!, box[b + 1]!, box[b + 2]!, box[b + 3]!);
    }
    this.stats.partial++;
    this.stats.boxes += boxes;
    this.stats.redrawn += redrawn;
    return 'partial';
  }

  private paintFull(d: DrawInput): 'full' {
    const ctx = this.ctx;
    this.clearPending();
    this.half.fill(0);
    const { width, height } = ctx.canvas;
    this.pixels.resize(width, height);
    this.pixels.clearAll();
    this.drawSprites(d, null);
    this.pixels.put(ctx, 0, 0, width, height);
    this.valid = true;
    this.stats.full++;
    return 'full';
  }

  /** Mark in `only` every site whose painted marks overlap one of the first `boxes` changed boxes; returns how many. */
  protected chooseRedrawn(d: DrawInput, boxes: number, cols: number): number {
    const { sx, sy } = d.scratch;
    const { cells, only, half, boxes: box } = this;
    const width = this.ctx.canvas.width;
    const height = this.ctx.canvas.height;
    let redrawn = 0;
    for (let i = 1; i < this.count; i++) {
      only[i] = 0;
      const h = half[i]!;
      if (h === 0) continue;
      const x = Math.round(sx[i]! * d.dpr);
      const y = Math.round(sy[i]! * d.dpr);
      const x0 = Math.max(0, x - h);
      const y0 = Math.max(0, y - h);
      const x1 = Math.min(width, x + h);
      const y1 = Math.min(height, y + h);
      if (x1 <= x0 || y1 <= y0) continue;
      // First the grid (most sites are far from every change), then the boxes themselves.
      let near = 0;
      for (let cy = Math.floor(y0 / CELL); cy <= Math.floor((y1 - 1) / CELL) && !near; cy++) {
        for (let cx = Math.floor(x0 / CELL); cx <= Math.floor((x1 - 1) / CELL) && !near; cx++) near = cells[cy * cols + cx]!;
      }
      if (!near) continue;
      for (let b = 0; b < boxes * 4; b += 4) {
        if (x0 < box[b + 2]! && box[b]! < x1 && y0 < box[b + 3]! && box[b + 1]! < y1) {
          only[i] = 1;
          redrawn++;
          break;
        }
      }
    }
    return redrawn;
  }

  /** Every visible site's marks (or those marked in `only`), from sprites, kinds worst last. */
  private drawSprites(d: DrawInput, only: Uint8Array | null): void {
    if (d.filterActive) this.drawPass(d, only, 0);
    this.drawPass(d, only, 1);
  }

  /** The sites with this mask value, kind by kind (worst last), each as one sprite. */
  private drawPass(d: DrawInput, only: Uint8Array | null, maskValue: number): void {
    const { states, mask, scratch } = d;
    const { sx, sy, visible } = scratch;
    const n = d.layout.count;
    const px = this.pixels;
    const dpr = d.dpr;
    for (const kind of NODE_ORDER) {
      for (let i = 1; i < n; i++) {
        if (states.kind[i] !== kind || mask[i] !== maskValue || !visible[i] || (only && !only[i])) continue;
        const sprite = this.spriteOf(d, i, maskValue === 0);
        if (!sprite) continue;
        this.half[i] = sprite.centre;
        px.blit(sprite, Math.round(sx[i]! * dpr) - sprite.centre, Math.round(sy[i]! * dpr) - sprite.centre, this.masked);
      }
    }
  }

  private spriteOf(d: DrawInput, i: number, faint: boolean) {
    return this.sprites.get(d, d.states.kind[i]!, d.states.flags[i]!, faint, d.scratch.r[i]!);
  }

  private clearPending(): void {
    for (let k = 0; k < this.pendingCount; k++) this.pending[this.pendingList[k]!] = 0;
    this.pendingCount = 0;
  }
}
