import { cssZoomOf } from '../shell/desk-zoom.js';
import { panBy, zoomAt, type Camera } from './map-camera.js';

/**
 * Pointer and wheel on the map's canvas: drag pans, the wheel zooms about the pointer, a double
 * click zooms in, a click (no drag) picks the node under it, and moving hovers.
 */
export interface PointerTarget {
  readonly canvas: HTMLCanvasElement;
  readonly cam: Camera;
  /** The node under a point of the canvas (CSS px), or -1. */
  pick(x: number, y: number): number;
  hover(node: number, x: number, y: number): void;
  picked(node: number): void;
  /** The operator moved the camera. */
  moved(): void;
}

/** A press that moves less than this (px) is a click, not a drag. */
const CLICK_SLOP_PX = 4;

export function bindPointer(t: PointerTarget): () => void {
  const c = t.canvas;
  let drag: { id: number; x: number; y: number; moved: boolean } | null = null;
  // The pointer and the canvas's rectangle are in the viewport's pixels; the map's are the canvas's
  // own CSS pixels, which a zoomed page (desk-zoom.ts, CSS zoom) draws larger.
  const local = (e: MouseEvent): [number, number] => {
    const rect = c.getBoundingClientRect();
    const z = cssZoomOf(c);
    return [(e.clientX - rect.left) / z, (e.clientY - rect.top) / z];
  };
  const onDown = (e: PointerEvent): void => {
    if (e.button !== 0) return;
    const [x, y] = local(e);
    drag = { id: e.pointerId, x, y, moved: false };
    c.setPointerCapture?.(e.pointerId);
  };
  const onMove = (e: PointerEvent): void => {
    const [x, y] = local(e);
    const d = drag;
    if (d && d.id === e.pointerId) {
      if (!d.moved && Math.hypot(x - d.x, y - d.y) < CLICK_SLOP_PX) return;
      d.moved = true;
      panBy(t.cam, x - d.x, y - d.y);
      d.x = x;
      d.y = y;
      t.hover(-1, x, y);
      t.moved();
      return;
    }
    t.hover(t.pick(x, y), x, y);
  };
  const onUp = (e: PointerEvent): void => {
    const d = drag;
    drag = null;
    if (!d || d.id !== e.pointerId) return;
    c.releasePointerCapture?.(e.pointerId);
    if (!d.moved) {
      const [x, y] = local(e);
      t.picked(t.pick(x, y));
    }
  };
  const onLeave = (): void => {
    if (!drag) t.hover(-1, 0, 0);
  };
  const onWheel = (e: WheelEvent): void => {
    e.preventDefault();
    const [x, y] = local(e);
    const unit = e.deltaMode === 1 ? 0.05 : e.deltaMode === 2 ? 1 : 0.0015;
    zoomAt(t.cam, x, y, Math.exp(-e.deltaY * unit));
    t.hover(-1, x, y);
    t.moved();
  };
  const onDouble = (e: MouseEvent): void => {
    const [x, y] = local(e);
    zoomAt(t.cam, x, y, 2);
    t.moved();
  };
  c.addEventListener('pointerdown', onDown);
  c.addEventListener('pointermove', onMove);
  c.addEventListener('pointerup', onUp);
  c.addEventListener('pointercancel', onUp);
  c.addEventListener('pointerleave', onLeave);
  c.addEventListener('wheel', onWheel, { passive: false });
  c.addEventListener('dblclick', onDouble);
  return () => {
    c.removeEventListener('pointerdown', onDown);
    c.removeEventListener('pointermove', onMove);
    c.removeEventListener('pointerup', onUp);
    c.removeEventListener('pointercancel', onUp);
    c.removeEventListener('pointerleave', onLeave);
    c.removeEventListener('wheel', onWheel);
    c.removeEventListener('dblclick', onDouble);
  };
}
