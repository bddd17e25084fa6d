/**
 * The node layer's pixels in JavaScript: premultiplied RGBA, sprites blended in source-over
 * integer arithmetic and only the changed boxes handed to the canvas with putImageData. Copying a
 * sprite with the canvas's drawImage costs a fixed overhead per call, and where thousands of sites
 * crowd (the whole province in view) that overhead, not the pixels, was the cost of a repaint.
 * Integer blending is the same for a pixel whoever asks, so a box repainted in part is exactly a
 * full repaint's pixels.
 */
export interface SpritePixels {
  /** Premultiplied RGBA, size × size. */
  readonly pixels: Uint8ClampedArray;
  readonly size: number;
}

export class LayerPixels {
  width = 0;
  height = 0;
  private buffer = new Uint8ClampedArray(0);
  /** 1 where a partial repaint may write (inside a changed box). */
  private mask = new Uint8Array(0);
  private out: ImageData | null = null;

  resize(width: number, height: number): void {
    if (width === this.width && height === this.height) return;
    this.width = width;
    this.height = height;
    this.buffer = new Uint8ClampedArray(width * height * 4);
    this.mask = new Uint8Array(width * height);
    this.out = typeof ImageData === 'function' && width > 0 && height > 0 ? new ImageData(width, height) : null;
  }

  clearAll(): void {
    this.buffer.fill(0);
  }

  /** Open a box for a partial repaint: cleared, and writable by masked blits. */
  openBox(x0: number, y0: number, x1: number, y1: number): void {
    for (let y = y0; y < y1; y++) {
      const row = y * this.width;
      this.mask.fill(1, row + x0, row + x1);
      this.buffer.fill(0, (row + x0) * 4, (row + x1) * 4);
    }
  }

  closeBox(x0: number, y0: number, x1: number, y1: number): void {
    for (let y = y0; y < y1; y++) this.mask.fill(0, y * this.width + x0, y * this.width + x1);
  }

  /** Blend a sprite with its top left corner at (dx, dy); `masked`: only inside open boxes. */
  blit(sprite: SpritePixels, dx: number, dy: number, masked: boolean): void {
    const { pixels, size } = sprite;
    const buf = this.buffer;
    const mask = this.mask;
    const w = this.width;
    const x0 = Math.max(0, dx);
    const y0 = Math.max(0, dy);
    const x1 = Math.min(w, dx + size);
    const y1 = Math.min(this.height, dy + size);
    for (let y = y0; y < y1; y++) {
      let s = ((y - dy) * size + (x0 - dx)) * 4;
      let p = y * w + x0;
      for (let x = x0; x < x1; x++, s += 4, p++) {
        const a = pixels[s + 3]!;
        if (a === 0 || (masked && !mask[p])) continue;
        const d = p * 4;
        if (a === 255) {
          buf[d] = pixels[s]!;
          buf[d + 1] = pixels[s + 1]!;
          buf[d + 2] = pixels[s + 2]!;
          buf[d + 3] = 255;
        } else {
          const inv = 255 - a;
          buf[d] = pixels[s]! + (((buf[d]! * inv + 127) / 255) | 0);
          buf[d + 1] = pixels[s + 1]! + (((buf[d + 1]! * inv + 127) / 255) | 0);
          buf[d + 2] = pixels[s + 2]! + (((buf[d + 2]! * inv + 127) / 255) | 0);
          buf[d + 3] = a + (((buf[d + 3]! * inv + 127) / 255) | 0);
        }
      }
    }
  }

  /** Hand a region to the canvas (straight alpha, as putImageData wants). */
  put(ctx: CanvasRenderingContext2D, x0: number, y0: number, x1: number, y1: number): void {
    const out = this.out;
    if (!out || x1 <= x0 || y1 <= y0) return;
    const buf = this.buffer;
    const o = out.data;
    for (let y = y0; y < y1; y++) {
      for (let d = (y * this.width + x0) * 4, end = (y * this.width + x1) * 4; d < end; d += 4) {
        const a = buf[d + 3]!;
        if (a === 255 || a === 0) {
          o[d] = buf[d]!;
          o[d + 1] = buf[d + 1]!;
          o[d + 2] = buf[d + 2]!;
        } else {
          o[d] = (buf[d]! * 255 + (a >> 1)) / a;
          o[d + 1] = (buf[d + 1]! * 255 + (a >> 1)) / a;
          o[d + 2] = (buf[d + 2]! * 255 + (a >> 1)) / a;
        }
        o[d + 3] = a;
      }
    }
    ctx.putImageData(out, 0, 0, x0, y0, x1 - x0, y1 - y0);
  }
}

/** A sprite canvas's pixels, premultiplied. */
export function premultiplied(data: Uint8ClampedArray): Uint8ClampedArray {
  const out = new Uint8ClampedArray(data.length);
  for (let i = 0; i < data.length; i += 4) {
    const a = data[i + 3]!;
    out[i] = (data[i]! * a + 127) / 255;
    out[i + 1] = (data[i + 1]! * a + 127) / 255;
    out[i + 2] = (data[i + 2]! * a + 127) / 255;
    out[i + 3] = a;
  }
  return out;
}
