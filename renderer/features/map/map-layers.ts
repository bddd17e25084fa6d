import { drawNodes, drawTop, type DrawInput } from './map-draw.js';
import { LinkLayer } from './map-link-layer.js';
import { NodeLayer } from './map-node-layer.js';

/**
 * A frame of the map as layers: the link layer (background, rings, links: map-link-layer.ts),
 * the sites' marks kept between frames and repainted only where sites changed
 * (map-node-layer.ts), then the MCU, the highlights and the names drawn every frame on top.
 * Without offscreen canvases (tests), everything is drawn straight onto the frame.
 */
export class MapLayers {
  private readonly links: LinkLayer;
  private readonly marks: HTMLCanvasElement | null;
  private readonly nodes: NodeLayer | null;
  /** Frames drawn, and how long the last and the slowest took (ms); the layers' repaints: for the benchmark. */
  readonly stats;

  /** `current` gives what the layers are drawn from now; `changed` asks for a frame. */
  constructor(withCanvas: boolean, current: () => DrawInput | null, changed: () => void) {
    this.links = new LinkLayer(withCanvas, current, changed);
    this.marks = withCanvas && typeof document !== 'undefined' ? document.createElement('canvas') : null;
    const marksCtx = this.marks ? this.marks.getContext('2d') : null;
    this.nodes = marksCtx ? new NodeLayer(marksCtx) : null;
    const layer = this.nodes?.stats ?? { full: 0, partial: 0, boxes: 0, redrawn: 0 };
    this.stats = { frames: 0, lastDrawMs: 0, maxDrawMs: 0, totalDrawMs: 0, layer, links: this.links.stats };
  }

  /** The frame's size in device pixels. */
  resize(width: number, height: number): void {
    this.links.resize(width, height);
    if (!this.marks) return;
    this.marks.width = width;
    this.marks.height = height;
  }

  /** A new layout of `count` nodes. */
  reset(count: number): void {
    this.nodes?.reset(count);
  }

  /** A node's marks changed (its box is repainted at the next frame). */
  changed(node: number): void {
    this.nodes?.changed(node);
  }

  /**
   * A filter following the statuses moved some sites to its other side (`before` → `after`): their
   * marks are repainted in their boxes and the links redrawn as for a health change, instead of
   * everything drawn anew. Returns how many sites changed sides.
   */
  maskChanged(before: Uint8Array, after: Uint8Array): number {
    let flipped = 0;
    for (let i = 0; i < after.length; i++) {
      if (before[i] === after[i]) continue;
      this.nodes?.changed(i);
      flipped++;
    }
    if (flipped > 0) this.links.maskChanged();
    return flipped;
  }

  /** The camera, the size, the filter, the words or the palette changed: every layer is drawn anew. */
  invalidate(): void {
    this.links.invalidate();
    this.nodes?.invalidate();
  }

  /** One frame (nodes already projected); returns how many names were drawn. */
  draw(ctx: CanvasRenderingContext2D, input: DrawInput, started: number): number {
    const kept = this.links.paint(ctx, input, started);
    let labels: number;
    if (this.nodes && this.marks && kept) {
      this.nodes.paint(input);
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.drawImage(this.marks, 0, 0);
      labels = drawTop(ctx, input);
    } else labels = drawNodes(ctx, input);
    const ms = performance.now() - started;
    this.stats.frames++;
    this.stats.lastDrawMs = ms;
    this.stats.totalDrawMs += ms;
    if (ms > this.stats.maxDrawMs) this.stats.maxDrawMs = ms;
    return labels;
  }

  destroy(): void {
    this.links.destroy();
  }
}
