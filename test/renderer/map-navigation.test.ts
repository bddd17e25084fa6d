import { describe, expect, it } from 'vitest';
import { createCamera, fitCamera, panBy, reveal, toWorldX, toWorldY, zoomAt } from '../../renderer/features/map/map-camera.js';
import { createHitIndex } from '../../renderer/features/map/map-hit.js';
import { isNavKey, navigate } from '../../renderer/features/map/map-keys.js';
import { layoutNetwork } from '../../renderer/features/map/map-layout.js';
import { labelledTiers, labelScale, showsLabels, MAX_LABELS } from '../../renderer/features/map/map-lod.js';
import { NETWORK } from './fixtures.js';
import { bigNetwork } from './map-fixtures.js';

const layout = layoutNetwork(NETWORK);
const at = (id: string) => layout.indexById.get(id)!;
const id = (i: number) => layout.ids[i];

describe('keyboard navigation model', () => {
  it('goes up to the parent and out to a child', () => {
    expect(id(navigate(layout, -1, 'ArrowDown'))).toBe('@mcu'); // nothing yet: start at the centre
    expect(id(navigate(layout, at('ba-be-cho-ra'), 'ArrowUp'))).toBe('ba-be');
    expect(id(navigate(layout, at('ba-be'), 'ArrowUp'))).toBe('ubnd-tinh');
    expect(id(navigate(layout, at('ubnd-tinh'), 'ArrowUp'))).toBe('@mcu');
    expect(id(navigate(layout, 0, 'ArrowUp'))).toBe('@mcu');
    expect(['ubnd-tinh', 'so-tttt']).toContain(id(navigate(layout, 0, 'ArrowDown')));
    expect(['ba-be-cho-ra', 'ba-be-nam-mau']).toContain(id(navigate(layout, at('ba-be'), 'ArrowDown')));
    expect(id(navigate(layout, at('ba-be-cho-ra'), 'ArrowDown'))).toBe('ba-be-cho-ra'); // a leaf stays
    expect(id(navigate(layout, at('ba-be-cho-ra'), 'Home'))).toBe('@mcu');
  });

  it('steps round a ring with left and right, wrapping, and comes back', () => {
    const ring = layout.ringOrder[2]!;
    let cur = ring[0]!;
    const seen: string[] = [];
    for (let k = 0; k < ring.length; k++) {
      seen.push(id(cur)!);
      cur = navigate(layout, cur, 'ArrowRight');
    }
    expect(cur).toBe(ring[0]);
    expect(new Set(seen)).toEqual(new Set(['ba-be-cho-ra', 'ba-be-nam-mau', 'cho-don-bang-lung']));
    const right = navigate(layout, at('ba-be'), 'ArrowRight');
    expect(id(right)).toBe('cho-don');
    expect(navigate(layout, right, 'ArrowLeft')).toBe(at('ba-be'));
    expect(navigate(layout, 0, 'ArrowLeft')).toBe(0);
    expect(isNavKey('ArrowLeft')).toBe(true);
    expect(isNavKey('m')).toBe(false);
  });
});

describe('camera and hit-testing', () => {
  it('fits the network into the view and maps screen to world and back', () => {
    const cam = createCamera();
    fitCamera(cam, layout.extent, 800, 600);
    expect(cam.tx).toBe(400);
    expect(cam.ty).toBe(300);
    expect(layout.extent * cam.k).toBeLessThanOrEqual(300);
    zoomAt(cam, 100, 100, 2);
    // The point under the pointer stays put.
    const wx = toWorldX(cam, 100);
    zoomAt(cam, 100, 100, 1.5);
    expect(toWorldX(cam, 100)).toBeCloseTo(wx, 6);
    panBy(cam, 10, -5);
    expect(toWorldY(cam, cam.ty)).toBeCloseTo(0, 6);
  });

  it('brings an off-screen node into view, zooming in when asked', () => {
    const cam = createCamera();
    fitCamera(cam, layout.extent, 800, 600);
    const i = at('ba-be-cho-ra');
    cam.tx = -5000;
    expect(reveal(cam, layout.x[i]!, layout.y[i]!, 800, 600, 0)).toBe(true);
    expect(layout.x[i]! * cam.k + cam.tx).toBeCloseTo(400, 3);
    const k = cam.k;
    expect(reveal(cam, layout.x[i]!, layout.y[i]!, 800, 600, 0)).toBe(false); // already in view
    expect(reveal(cam, layout.x[i]!, layout.y[i]!, 800, 600, k * 3)).toBe(true);
    expect(cam.k).toBeCloseTo(k * 3, 6);
  });

  it('finds the node under the pointer, and nothing in empty space', () => {
    const hit = createHitIndex(layout);
    for (const site of ['ba-be', 'ba-be-cho-ra', 'so-tttt']) {
      const i = at(site);
      expect(id(hit.find(layout.x[i]! + 2, layout.y[i]! - 2, 8))).toBe(site);
    }
    expect(hit.find(layout.extent * 3, layout.extent * 3, 8)).toBe(-1);
    const big = layoutNetwork(bigNetwork(50, 100));
    const bigHit = createHitIndex(big);
    // Its speed is bench:map's to measure (a timed unit test only measures the machine's load).
    for (let k = 1; k < big.count; k += 7) expect(bigHit.find(big.x[k]!, big.y[k]!, 1)).toBe(k);
  });
});

describe('level of detail for names', () => {
  it('names a ring only when its neighbours are far enough apart on screen', () => {
    // Along the radius a line's height is enough; across, a short name's width.
    expect(showsLabels(20, 0.5, true)).toBe(false);
    expect(showsLabels(20, 0.7, true)).toBe(true);
    expect(showsLabels(100, 0.5, false)).toBe(false);
    expect(showsLabels(100, 0.8, false)).toBe(true);
    expect(showsLabels(20, labelScale(20, true), true)).toBe(true);
    expect(showsLabels(100, labelScale(100, false) * 0.99, false)).toBe(false);
  });

  it('never names 5,000 sites at the fitted scale, and names the outer ring when zoomed in', () => {
    const big = layoutNetwork(bigNetwork(50, 100));
    const cam = createCamera();
    fitCamera(cam, big.extent, 1920, 1080);
    const mask = labelledTiers(big.tierSpacing, big.outerTier, cam.k);
    expect(mask & (1 << big.outerTier)).toBe(0);
    const close = labelledTiers(big.tierSpacing, big.outerTier, labelScale(big.tierSpacing[big.outerTier]!, true));
    expect(close & (1 << big.outerTier)).not.toBe(0);
    expect(MAX_LABELS).toBeLessThanOrEqual(300);
  });
});
