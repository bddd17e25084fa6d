import { quadtree, type Quadtree } from 'd3-quadtree';
import type { MapLayout } from './map-layout.js';

/** Hit-testing: a quadtree over the node indices (built once per layout), searched in world units. */
export interface HitIndex {
  /** The node nearest to the world point within `radius` (world units), or -1. */
  find(wx: number, wy: number, radius: number): number;
}

export function createHitIndex(layout: MapLayout): HitIndex {
  const nodes = new Array<number>(layout.count);
  for (let i = 0; i < layout.count; i++) nodes[i] = i;
  const tree: Quadtree<number> = quadtree<number>(
    nodes,
    (i) => layout.x[i]!,
    (i) => layout.y[i]!,
  );
  return {
    find(wx, wy, radius) {
      return tree.find(wx, wy, radius) ?? -1;
    },
  };
}

/** Screen pixels around a node that still count as on it. */
export const HIT_RADIUS_PX = 10;
