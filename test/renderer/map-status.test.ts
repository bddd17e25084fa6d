import { describe, expect, it } from 'vitest';
import { countNetwork, ENDPOINT_STATES } from '../../shared/endpoint-state.js';
import type { EndpointStatus } from '../../shared/status.js';
import { layoutNetwork } from '../../renderer/features/map/map-layout.js';
import { createStatusTracker, F_IN_CALL, F_MUTED, K_DEGRADED, K_DOWN, K_UNKNOWN, K_UP, L_WARN } from '../../renderer/features/map/map-status.js';
import { countMap } from '../../renderer/features/map/map-counts.js';
import { NETWORK, status, up } from './fixtures.js';
import { ago } from './dom-setup.js';

const map = (list: EndpointStatus[]): Map<string, EndpointStatus> => new Map(list.map((s) => [s.endpointId, s]));

describe('map status tracker', () => {
  it('sums a site up as the worst of its endpoints, with in-call and muted flags and link health', () => {
    const net = { ...NETWORK, sites: NETWORK.sites.map((s) => (s.id === 'ba-be' ? { ...s, endpoints: [...s.endpoints, { ...s.endpoints[0]!, id: 'ba-be-2' }] } : s)) };
    const layout = layoutNetwork(net);
    const tracker = createStatusTracker(layout);
    const node = (id: string) => layout.indexById.get(id)!;
    expect(tracker.states.kind[node('ba-be')]).toBe(K_UNKNOWN);
    tracker.update(
      map([
        up('ba-be-1', 'ba-be', ago(1), { conferenceId: 'c1', audioMuted: true }),
        up('ba-be-2', 'ba-be', ago(1), { degraded: true, packetLossPct: 2.5 }),
        status('cho-don-1', 'cho-don', { reachability: 'down' }),
        up('ubnd-tinh-1', 'ubnd-tinh', ago(1)),
      ]),
    );
    const s = tracker.states;
    expect(s.kind[node('ba-be')]).toBe(K_DEGRADED);
    expect(s.flags[node('ba-be')]).toBe(F_IN_CALL | F_MUTED);
    expect(s.link[node('ba-be')]).toBe(L_WARN);
    expect(s.kind[node('cho-don')]).toBe(K_DOWN);
    expect(s.kind[node('ubnd-tinh')]).toBe(K_UP);
    expect(s.kind[node('so-tttt')]).toBe(K_UNKNOWN);
  });

  it('looks again only at changed endpoints and reports how many nodes changed', () => {
    const layout = layoutNetwork(NETWORK);
    const tracker = createStatusTracker(layout);
    const a = up('ba-be-1', 'ba-be', ago(1));
    const b = up('cho-don-1', 'cho-don', ago(1));
    expect(tracker.update(map([a, b]))).toBe(2);
    const v = tracker.states.version;
    expect(tracker.update(map([a, b]))).toBe(0); // same objects: nothing to do
    expect(tracker.states.version).toBe(v);
    // A new object with the same look: not a visible change, and the counters stay.
    expect(tracker.update(map([{ ...a }, b]))).toBe(0);
    expect(tracker.states.version).toBe(v);
    expect(tracker.update(map([{ ...a, reachability: 'down' }, b]))).toBe(1);
    expect(tracker.states.version).toBe(v + 1);
    // Removed: back to unknown.
    expect(tracker.update(map([b]))).toBe(1);
    expect(tracker.states.kind[layout.indexById.get('ba-be')!]).toBe(K_UNKNOWN);
  });

  it('counts endpoints per tier and per district, each in one state, adding up to the total, as countNetwork does', () => {
    const layout = layoutNetwork(NETWORK);
    const tracker = createStatusTracker(layout);
    const statuses = map([
      up('ubnd-tinh-1', 'ubnd-tinh', ago(1), { conferenceId: 'c1', inCall: true }),
      up('so-tttt-1', 'so-tttt', ago(1), { stale: true }),
      up('ba-be-1', 'ba-be', ago(1), { conferenceId: 'c1', degraded: true }),
      // The MCU still lists it, but it is down: not in a call. The codec's own flag is not the MCU's word.
      status('cho-don-1', 'cho-don', { reachability: 'down', conferenceId: 'c1', inCall: true }),
      status('ba-be-cho-ra-1', 'ba-be-cho-ra', { reachability: 'unreachable' }),
      up('ba-be-nam-mau-1', 'ba-be-nam-mau', ago(1), { inCall: true }),
    ]);
    tracker.update(statuses);
    const c = countMap(layout, tracker.states);
    expect(c.all).toEqual({ key: 'all', total: 7, inCall: 2, up: 2, degraded: 1, stale: 1, down: 1, unreachable: 1, unknown: 1 });
    expect(c.tiers.map((r) => r.key)).toEqual(['province', 'district', 'commune']);
    expect(c.tiers[0]).toMatchObject({ total: 2, inCall: 1, up: 1, stale: 1 });
    expect(c.tiers[1]).toMatchObject({ total: 2, inCall: 1, degraded: 1, down: 1 });
    expect(c.tiers[2]).toMatchObject({ total: 3, inCall: 0, up: 1, unreachable: 1, unknown: 1 });
    const baBe = c.districts.find((d) => d.key === 'ba-be')!;
    expect(baBe).toMatchObject({ total: 3, inCall: 1, degraded: 1, unreachable: 1, up: 1 });
    const choDon = c.districts.find((d) => d.key === 'cho-don')!;
    expect(choDon).toMatchObject({ total: 2, inCall: 0, down: 1, unknown: 1 });
    for (const row of [c.all, ...c.tiers, ...c.districts]) {
      expect(ENDPOINT_STATES.reduce((n, k) => n + row[k], 0)).toBe(row.total);
    }
    // The map's incremental counters are the shared derivation's numbers.
    expect(c).toEqual(countNetwork(NETWORK, statuses));
    expect(tracker.states.flags[layout.indexById.get('cho-don')!]! & F_IN_CALL).toBe(0);
    expect(tracker.states.flags[layout.indexById.get('ba-be-nam-mau')!]! & F_IN_CALL).toBe(0);
  });
});
