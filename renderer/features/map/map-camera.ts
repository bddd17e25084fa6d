/**
 * The map's camera: screen = world × k + (tx, ty), in CSS pixels. Plain functions on a small
 * mutable object, so panning and zooming allocate nothing.
 */
export interface Camera {
  k: number;
  tx: number;
  ty: number;
}

export const MIN_SCALE = 0.01;
export const MAX_SCALE = 8;

export function createCamera(): Camera {
  return { k: 1, tx: 0, ty: 0 };
}

const clampScale = (k: number): number => Math.min(MAX_SCALE, Math.max(MIN_SCALE, k));

/** Fit a square of half-side `extent` around the origin into a w × h view with a margin. */
export function fitCamera(cam: Camera, extent: number, width: number, height: number, margin = 16): void {
  const side = Math.max(1, Math.min(width, height) - 2 * margin);
  cam.k = clampScale(side / (2 * Math.max(extent, 1)));
  cam.tx = width / 2;
  cam.ty = height / 2;
}

/** Zoom by `factor` keeping the world point under (sx, sy) where it is. */
export function zoomAt(cam: Camera, sx: number, sy: number, factor: number): void {
  const k = clampScale(cam.k * factor);
  const wx = (sx - cam.tx) / cam.k;
  const wy = (sy - cam.ty) / cam.k;
  cam.k = k;
  cam.tx = sx - wx * k;
  cam.ty = sy - wy * k;
}

export function panBy(cam: Camera, dx: number, dy: number): void {
  cam.tx += dx;
  cam.ty += dy;
}

export function toWorldX(cam: Camera, sx: number): number {
  return (sx - cam.tx) / cam.k;
}
export function toWorldY(cam: Camera, sy: number): number {
  return (sy - cam.ty) / cam.k;
}

/** Bring a world point into view (with a margin), zooming in to at least `minScale`; true when it moved. */
export function reveal(cam: Camera, wx: number, wy: number, width: number, height: number, minScale: number, margin = 60): boolean {
  let moved = false;
  if (cam.k < minScale) {
    cam.k = clampScale(minScale);
    cam.tx = width / 2 - wx * cam.k;
    cam.ty = height / 2 - wy * cam.k;
    return true;
  }
  const sx = wx * cam.k + cam.tx;
  const sy = wy * cam.k + cam.ty;
  const m = Math.min(margin, width / 4, height / 4);
  if (sx < m || sx > width - m || sy < m || sy > height - m) {
    cam.tx = width / 2 - wx * cam.k;
    cam.ty = height / 2 - wy * cam.k;
    moved = true;
  }
  return moved;
}
