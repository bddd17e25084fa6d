import { describe, expect, it } from 'vitest';
import type { NetworkView } from '../../shared/inventory.js';
import { childrenOf, layoutFor, layoutNetwork, ROOT_ID, type MapLayout } from '../../renderer/features/map/map-layout.js';
import { NETWORK, TWO_TIER } from './fixtures.js';
import { bigNetwork } from './map-fixtures.js';

function expectSound(layout: MapLayout, network: NetworkView): void {
  // Every site placed once, the MCU at the centre.
  expect(layout.count).toBe(network.sites.length + 1);
  expect(layout.ids[0]).toBe(ROOT_ID);
  expect(layout.x[0]).toBe(0);
  expect(layout.y[0]).toBe(0);
  expect(new Set(layout.ids).size).toBe(layout.count);
  for (const s of network.sites) expect(layout.indexById.has(s.id), s.id).toBe(true);
  for (let i = 0; i < layout.count; i++) {
    expect(Number.isFinite(layout.x[i]!), `x of ${layout.ids[i]}`).toBe(true);
    expect(Number.isFinite(layout.y[i]!), `y of ${layout.ids[i]}`).toBe(true);
    // Parents before children.
    if (i > 0) expect(layout.parent[i]!).toBeLessThan(i);
  }
  // The tree as the inventory says.
  for (const s of network.sites) {
    const i = layout.indexById.get(s.id)!;
    const p = layout.parent[i]!;
    expect(layout.ids[p]).toBe(s.parent ?? ROOT_ID);
  }
}

const radius = (l: MapLayout, id: string): number => {
  const i = l.indexById.get(id)!;
  return Math.hypot(l.x[i]!, l.y[i]!);
};

describe('map layout', () => {
  it('lays out a three-tier province: one ring per tier, outward', () => {
    const l = layoutNetwork(NETWORK);
    expectSound(l, NETWORK);
    expect(l.tierCount).toBe(3);
    expect(l.outerTier).toBe(2);
    expect(radius(l, 'ubnd-tinh')).toBeCloseTo(radius(l, 'so-tttt'), 3);
    expect(radius(l, 'ba-be')).toBeGreaterThan(radius(l, 'ubnd-tinh'));
    expect(radius(l, 'ba-be-cho-ra')).toBeGreaterThan(radius(l, 'ba-be'));
    expect(l.districts.map((d) => d.id)).toEqual(['ba-be', 'cho-don']);
    expect(l.districts[0]!.name).toBe('UBND huyện Ba Bể');
    expect(l.district[l.indexById.get('ba-be-cho-ra')!]).toBe(0);
    expect([...childrenOf(l, l.indexById.get('ba-be')!)].map((i) => l.ids[i])).toEqual(['ba-be-cho-ra', 'ba-be-nam-mau']);
    expect(l.endpointIds).toHaveLength(7);
    expect(l.endpointNode[l.endpointIds.indexOf('ba-be-cho-ra-1')]).toBe(l.indexById.get('ba-be-cho-ra'));
  });

  it('lays out a two-tier network (tiers are data)', () => {
    const l = layoutNetwork(TWO_TIER);
    expectSound(l, TWO_TIER);
    expect(l.tierCount).toBe(2);
    expect(l.outerTier).toBe(1);
    expect(radius(l, 'b1')).toBeGreaterThan(radius(l, 'hq'));
    expect(l.districts).toEqual([]);
  });

  it('lays out four tiers', () => {
    const net: NetworkView = {
      ...NETWORK,
      tiers: ['province', 'district', 'commune', 'village'],
      sites: [...NETWORK.sites, { id: 'thon-1', name: 'Thôn 1', tier: 'village', parent: 'ba-be-cho-ra', district: 'ba-be', endpoints: [] }],
    };
    const l = layoutNetwork(net);
    expectSound(l, net);
    expect(l.outerTier).toBe(3);
    expect(radius(l, 'thon-1')).toBeGreaterThan(radius(l, 'ba-be-cho-ra'));
  });

  it('hangs sites with a missing parent, or a cycle, under the MCU instead of failing', () => {
    const net: NetworkView = {
      ...TWO_TIER,
      sites: [
        ...TWO_TIER.sites,
        { id: 'lost', name: 'Lạc', tier: 'branch', parent: 'nowhere', district: null, endpoints: [] },
        { id: 'c1', name: 'C1', tier: 'branch', parent: 'c2', district: null, endpoints: [] },
        { id: 'c2', name: 'C2', tier: 'branch', parent: 'c1', district: null, endpoints: [] },
        { id: 'odd', name: 'Lạ', tier: 'no-such-tier', parent: 'hq', district: null, endpoints: [] },
      ],
    };
    const l = layoutNetwork(net);
    expect(l.count).toBe(net.sites.length + 1);
    expect(l.parent[l.indexById.get('lost')!]).toBe(0);
    for (let i = 0; i < l.count; i++) {
      expect(Number.isFinite(l.x[i]!)).toBe(true);
      if (i > 0) expect(l.parent[i]!).toBeLessThan(i);
    }
    // An unknown tier gets a ring past the last.
    expect(l.tier[l.indexById.get('odd')!]).toBe(2);
    expect(l.tierCount).toBe(3);
  });

  it('keeps neighbours on a ring apart, and lays out 5,000 sites', () => {
    const net = bigNetwork(50, 100);
    const l = layoutNetwork(net);
    expectSound(l, net);
    expect(l.count).toBe(5056);
    // Staggered lanes keep the outer ring from growing without end, and nodes apart.
    let minDist = Infinity;
    const ring = l.ringOrder[2]!;
    for (let k = 0; k < ring.length; k++) {
      const a = ring[k]!;
      const b = ring[(k + 1) % ring.length]!;
      minDist = Math.min(minDist, Math.hypot(l.x[a]! - l.x[b]!, l.y[a]! - l.y[b]!));
    }
    expect(minDist).toBeGreaterThan(10);
    expect(l.extent).toBeLessThan(30_000);
  });

  it('computes a layout once per network object', () => {
    expect(layoutFor(NETWORK)).toBe(layoutFor(NETWORK));
    expect(layoutFor({ ...NETWORK })).not.toBe(layoutFor(NETWORK));
  });
});
