import { fitCamera, reveal, toWorldX, toWorldY, type Camera } from './map-camera.js';
import { HIT_RADIUS_PX, type HitIndex } from './map-hit.js';
import type { MapLayout } from './map-layout.js';
import { labelScale, showsLabels } from './map-lod.js';

/**
 * Where the map's camera goes for a layout (the engine's fit, focus and pick): plain functions
 * on the camera, the layout and the view's size in CSS pixels; `scale` is the wall's. And what
 * the view shows, written on the canvas element.
 */

/** Room kept around the fitted map for the outer ring's names (CSS px). */
const OUTER_LABEL_PX = 150;

/** The whole layout in view, with room for the outer ring's names when they will be drawn at that scale. */
export function fitLayout(cam: Camera, layout: MapLayout, width: number, height: number, scale: number): void {
  fitCamera(cam, layout.extent, width, height, 16 + OUTER_LABEL_PX * scale);
  if (!showsLabels(layout.tierSpacing[layout.outerTier]!, cam.k / scale, layout.outerTier > 0)) fitCamera(cam, layout.extent, width, height);
}

/** Bring a node into view; with `zoom`, also close enough that its name is drawn. Returns whether the camera moved. */
export function focusNode(cam: Camera, layout: MapLayout, node: number, zoom: boolean, width: number, height: number, scale: number): boolean {
  let minScale = 0;
  if (zoom && node > 0) {
    const t = layout.tier[node]!;
    minScale = Math.min(4, labelScale(layout.tierSpacing[t]!, t === layout.outerTier && t > 0) * 1.1 * scale);
  }
  return reveal(cam, layout.x[node]!, layout.y[node]!, width, height, minScale);
}

/** The node under a point of the view (CSS px), or -1; the MCU's box is bigger than a site. */
export function pickNode(hit: HitIndex, layout: MapLayout, cam: Camera, x: number, y: number, scale: number): number {
  const wx = toWorldX(cam, x);
  const wy = toWorldY(cam, y);
  const rootR = (16 * scale) / cam.k;
  if (Math.hypot(layout.x[0]! - wx, layout.y[0]! - wy) <= rootR) return 0;
  return hit.find(wx, wy, (HIT_RADIUS_PX * scale) / cam.k);
}

/** A few facts on the canvas element for tests and the benchmark; written only when they change. */
export function describeView(canvas: HTMLCanvasElement, nodes: number, labels: number, k: number, selected: { x: number; y: number } | null): void {
  const set = (key: string, value: string): void => {
    if (canvas.dataset[key] !== value) canvas.dataset[key] = value;
  };
  set('nodes', String(nodes));
  set('labels', String(labels));
  set('scale', k.toFixed(3));
  set('selectedX', selected ? String(Math.round(selected.x)) : '');
  set('selectedY', selected ? String(Math.round(selected.y)) : '');
}
