import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateInventory, type Inventory } from '../../shared/inventory.js';
import { createReachabilityTracker } from '../../shared/reachability-tracker.js';
import { deriveNetworkReachability, type PollState, type SiteNode } from '../../shared/status-derivation.js';

const T0 = Date.UTC(2025, 0, 1, 8, 0, 0);
const UP: PollState = { lastAnswerAt: T0, lastTimeoutAt: null, consecutiveTimeouts: 0 };
const DOWN: PollState = { lastAnswerAt: T0, lastTimeoutAt: T0 + 10_000, consecutiveTimeouts: 2 };

const site = (id: string, parent: string | null, endpoints = [`${id}-1`]): SiteNode => ({ id, parent, endpoints: endpoints.map((e) => ({ id: e })) });

function bacKan(): Inventory {
  const v = validateInventory(JSON.parse(readFileSync(new URL('../../assets/inventory/bac-kan.json', import.meta.url), 'utf8')));
  if (!v.ok) throw new Error('inventory invalid');
  return v.inventory;
}

/** Sites at and below one site, and their endpoints. */
function subtree(sites: readonly SiteNode[], rootId: string): { sites: Set<string>; endpoints: Set<string> } {
  const inside = new Set([rootId]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const s of sites) {
      if (!s.parent || !inside.has(s.parent) || inside.has(s.id)) continue;
      inside.add(s.id);
      grew = true;
    }
  }
  return { sites: inside, endpoints: new Set(sites.filter((s) => inside.has(s.id)).flatMap((s) => s.endpoints.map((e) => e.id))) };
}

/** Every codec of the province answering, and a tracker counting what each update looks at. */
function allUp(sites: readonly SiteNode[]) {
  const polls = new Map<string, PollState>(sites.flatMap((s) => s.endpoints.map((e) => [e.id, UP] as const)));
  const visits: { kind: 'site' | 'endpoint'; id: string }[] = [];
  const tracker = createReachabilityTracker(sites, polls, { onVisit: (kind, id) => visits.push({ kind, id }) });
  return { polls, visits, tracker };
}

describe('createReachabilityTracker: only the changed subtree is touched', () => {
  const inv = bacKan();
  const districts = inv.sites.filter((s) => s.tier === 'district' && inv.sites.some((c) => c.parent === s.id));

  it('the first derivation looks at every site and endpoint once, and equals the whole-tree derivation', () => {
    const { polls, visits, tracker } = allUp(inv.sites);
    const endpointCount = inv.sites.reduce((n, s) => n + s.endpoints.length, 0);
    expect(visits.filter((v) => v.kind === 'site')).toHaveLength(inv.sites.length);
    expect(visits.filter((v) => v.kind === 'endpoint')).toHaveLength(endpointCount);
    expect(tracker.snapshot()).toEqual(deriveNetworkReachability(inv.sites, polls));
  });

  it('a district going dark touches only that district and its communes, in the Bắc Kạn inventory', () => {
    expect(districts.length).toBeGreaterThan(2);
    for (const district of districts) {
      const { polls, visits, tracker } = allUp(inv.sites);
      const inside = subtree(inv.sites, district.id);
      for (const id of inside.endpoints) polls.set(id, DOWN);
      visits.length = 0;
      const changed = tracker.update(inside.endpoints);

      expect(visits.length).toBeGreaterThan(0);
      const outside = visits.filter((v) => (v.kind === 'site' ? !inside.sites.has(v.id) : !inside.endpoints.has(v.id)));
      expect(outside, district.id).toEqual([]);
      // Each node at most twice (its own site's re-derivation, then the walk down from the district).
      expect(visits.length).toBeLessThanOrEqual(2 * (inside.sites.size + inside.endpoints.size));
      expect(new Set(changed)).toEqual(inside.endpoints);
      for (const { id } of district.endpoints) expect(tracker.endpoint(id)).toMatchObject({ reachability: 'down', behind: null });
      const communeCodecs = [...inside.endpoints].filter((id) => !district.endpoints.some((e) => e.id === id));
      expect(communeCodecs.length).toBeGreaterThan(0);
      for (const id of communeCodecs) expect(tracker.endpoint(id)).toMatchObject({ reachability: 'unreachable', behind: district.id });
      expect(tracker.snapshot()).toEqual(deriveNetworkReachability(inv.sites, polls));
    }
  });

  it('the district coming back touches only that district again, and brings its communes up', () => {
    const district = districts[0]!;
    const { polls, visits, tracker } = allUp(inv.sites);
    const inside = subtree(inv.sites, district.id);
    for (const id of inside.endpoints) polls.set(id, DOWN);
    tracker.update(inside.endpoints);
    visits.length = 0;
    for (const id of inside.endpoints) polls.set(id, UP);
    expect(new Set(tracker.update(inside.endpoints))).toEqual(inside.endpoints);
    expect(visits.every((v) => (v.kind === 'site' ? inside.sites : inside.endpoints).has(v.id))).toBe(true);
    for (const id of inside.endpoints) expect(tracker.endpoint(id)?.reachability).toBe('up');
  });

  it('one commune codec flipping touches its own site and endpoints only', () => {
    const commune = inv.sites.find((s) => s.tier === 'commune' && s.endpoints.length > 0)!;
    const { polls, visits, tracker } = allUp(inv.sites);
    visits.length = 0;
    polls.set(commune.endpoints[0]!.id, DOWN);
    expect(tracker.update([commune.endpoints[0]!.id])).toEqual([commune.endpoints[0]!.id]);
    expect(visits).toEqual([{ kind: 'site', id: commune.id }, ...commune.endpoints.map((e) => ({ kind: 'endpoint', id: e.id }))]);
  });

  it('a poll that leaves the answer state as it was touches nothing and changes nothing', () => {
    const { polls, visits, tracker } = allUp(inv.sites);
    visits.length = 0;
    const id = inv.sites[0]!.endpoints[0]!.id;
    polls.set(id, { ...UP, lastAnswerAt: T0 + 5000 });
    expect(tracker.update([id, 'no-such-codec'])).toEqual([]);
    expect(visits).toEqual([]);
    expect(tracker.endpoint(id)?.measuredAt).toBe(T0 + 5000);
  });

  it('a commune already down when its district goes dark becomes unreachable; the district coming back shows it down again', () => {
    const tree = [site('tinh', null), site('huyen', 'tinh'), site('xa', 'huyen'), site('xa-2', 'huyen')];
    const polls = new Map<string, PollState>([
      ['tinh-1', UP],
      ['huyen-1', UP],
      ['xa-1', DOWN],
      ['xa-2-1', UP],
    ]);
    const t = createReachabilityTracker(tree, polls);
    expect(t.endpoint('xa-1')?.reachability).toBe('down');
    polls.set('huyen-1', DOWN);
    expect(t.update(['huyen-1']).sort()).toEqual(['huyen-1', 'xa-1']);
    expect(t.endpoint('xa-1')).toMatchObject({ reachability: 'unreachable', behind: 'huyen' });
    expect(t.endpoint('xa-2-1')?.reachability).toBe('up');
    expect(t.site('xa')).toEqual({ reachability: 'unreachable', behind: 'huyen' });
    polls.set('tinh-1', DOWN);
    // The district is now behind the province; the commune stays behind its district (the nearest down site).
    expect(t.update(['tinh-1']).sort()).toEqual(['huyen-1', 'tinh-1']);
    expect(t.endpoint('huyen-1')).toMatchObject({ reachability: 'unreachable', behind: 'tinh' });
    expect(t.endpoint('xa-1')).toMatchObject({ reachability: 'unreachable', behind: 'huyen' });
    expect(t.site('huyen')).toEqual({ reachability: 'unreachable', behind: 'tinh' });
    polls.set('huyen-1', UP);
    expect(t.update(['huyen-1']).sort()).toEqual(['huyen-1', 'xa-1']);
    expect(t.endpoint('xa-1')).toMatchObject({ reachability: 'unreachable', behind: 'tinh' });
    polls.set('tinh-1', UP);
    expect(t.update(['tinh-1']).sort()).toEqual(['tinh-1', 'xa-1']);
    expect(t.endpoint('xa-1')).toMatchObject({ reachability: 'down', behind: null });
  });
});

describe('createReachabilityTracker: trees the validator refuses still get the right answer', () => {
  it('a parent cycle: the whole tree each time, equal to deriveNetworkReachability', () => {
    const tree = [site('a', 'c'), site('b', 'a'), site('c', 'b'), site('d', 'a')];
    const polls = new Map<string, PollState>([['c-1', DOWN]]);
    const t = createReachabilityTracker(tree, polls);
    expect(t.snapshot()).toEqual(deriveNetworkReachability(tree, polls));
    polls.set('a-1', DOWN);
    polls.set('d-1', DOWN);
    const full = deriveNetworkReachability(tree, polls);
    expect(t.update(['a-1']).sort()).toEqual(['a-1', 'c-1', 'd-1']);
    expect(t.snapshot()).toEqual(full);
    expect(t.endpoint('d-1')).toEqual(full.endpoints.get('d-1'));
  });

  it('an endpoint id at two sites: the whole tree each time, equal to deriveNetworkReachability', () => {
    const tree = [site('a', null, ['x']), site('b', 'a', ['x', 'y'])];
    const polls = new Map<string, PollState>([['x', DOWN]]);
    const t = createReachabilityTracker(tree, polls);
    expect(t.snapshot()).toEqual(deriveNetworkReachability(tree, polls));
    polls.set('y', DOWN);
    t.update(['y']);
    expect(t.snapshot()).toEqual(deriveNetworkReachability(tree, polls));
  });

  it('a chain 20 000 sites deep is built and walked without recursion', () => {
    const tree: SiteNode[] = [];
    for (let i = 0; i < 20_000; i++) tree.push(site(`s${i}`, i === 0 ? null : `s${i - 1}`));
    const polls = new Map<string, PollState>(tree.map((s) => [`${s.id}-1`, DOWN]));
    const t = createReachabilityTracker(tree.toReversed(), polls);
    expect(t.endpoint('s19999-1')).toMatchObject({ reachability: 'unreachable', behind: 's19998' });
    polls.set('s0-1', UP);
    expect(t.update(['s0-1']).sort()).toEqual(['s0-1', 's1-1']);
    expect(t.endpoint('s1-1')).toMatchObject({ reachability: 'down', behind: null });
  });
});
