import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createReachabilityTracker } from '../../shared/reachability-tracker.js';
import { deriveNetworkReachability, type NetworkReachability, type PollState, type SiteNode } from '../../shared/status-derivation.js';

/**
 * The incremental tracker against the whole-tree derivation: random trees (parents listed before
 * or after their children, roots, parents missing from the inventory, sites without codecs, several
 * codecs a site), random sequences of poll changes; after every step the tracker's picture equals
 * deriveNetworkReachability's, and the endpoints it reports changed are exactly those that changed.
 */

const T0 = Date.UTC(2025, 0, 1, 8, 0, 0);
const POLLS: readonly (PollState | undefined)[] = [
  undefined,
  { lastAnswerAt: T0, lastTimeoutAt: null, consecutiveTimeouts: 0 },
  { lastAnswerAt: T0, lastTimeoutAt: T0 + 5000, consecutiveTimeouts: 1 },
  { lastAnswerAt: T0, lastTimeoutAt: T0 + 9000, consecutiveTimeouts: 3 },
  { lastAnswerAt: null, lastTimeoutAt: T0 + 7000, consecutiveTimeouts: 2 },
  { lastAnswerAt: T0 + 8000, lastTimeoutAt: T0 + 4000, consecutiveTimeouts: 0 },
];

interface Scenario {
  readonly sites: SiteNode[];
  readonly initial: (number | null)[];
  readonly steps: { endpoint: number; poll: number }[][];
}

const scenario: fc.Arbitrary<Scenario> = fc
  .record({
    shape: fc.array(fc.record({ parentPick: fc.nat(), parentKind: fc.constantFrom('tree', 'tree', 'tree', 'root', 'ghost'), codecs: fc.integer({ min: 0, max: 3 }) }), {
      minLength: 1,
      maxLength: 25,
    }),
    order: fc.array(fc.nat(), { maxLength: 25 }),
  })
  .chain(({ shape, order }) => {
    const sites: SiteNode[] = shape.map((s, i) => ({
      id: `s${i}`,
      parent: s.parentKind === 'root' || i === 0 ? null : s.parentKind === 'ghost' ? 'no-such-site' : `s${s.parentPick % i}`,
      endpoints: Array.from({ length: s.codecs }, (_, k) => ({ id: `s${i}-${k}` })),
    }));
    // Shuffle, so children are often listed before their parents.
    for (let i = sites.length - 1; i > 0; i--) {
      const j = (order[i] ?? 0) % (i + 1);
      [sites[i], sites[j]] = [sites[j]!, sites[i]!];
    }
    const endpointCount = sites.reduce((n, s) => n + s.endpoints.length, 0);
    const change = fc.record({ endpoint: fc.nat({ max: Math.max(0, endpointCount - 1) }), poll: fc.nat({ max: POLLS.length - 1 }) });
    return fc.record({
      sites: fc.constant(sites),
      initial: fc.array(fc.option(fc.nat({ max: POLLS.length - 1 })), { minLength: endpointCount, maxLength: endpointCount }),
      steps: fc.array(fc.array(change, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 30 }),
    });
  });

const sorted = (r: NetworkReachability) => ({
  endpoints: [...r.endpoints].sort(([a], [b]) => a.localeCompare(b)),
  sites: [...r.sites].sort(([a], [b]) => a.localeCompare(b)),
});

function changedBetween(before: NetworkReachability, after: NetworkReachability): string[] {
  return [...after.endpoints]
    .filter(([id, r]) => {
      const was = before.endpoints.get(id)!;
      return was.reachability !== r.reachability || was.behind !== r.behind;
    })
    .map(([id]) => id)
    .sort();
}

function run(sc: Scenario, options: { timeoutsToDown?: number } = {}): void {
  const ids = sc.sites.flatMap((s) => s.endpoints.map((e) => e.id));
  const polls = new Map<string, PollState>();
  const setPoll = (id: string, k: number | null) => {
    const p = k === null ? undefined : POLLS[k];
    if (p) polls.set(id, p);
    else polls.delete(id);
  };
  ids.forEach((id, i) => setPoll(id, sc.initial[i] ?? null));
  const tracker = createReachabilityTracker(sc.sites, polls, options);
  let full = deriveNetworkReachability(sc.sites, polls, options);
  expect(sorted(tracker.snapshot())).toEqual(sorted(full));
  for (const step of sc.steps) {
    if (ids.length === 0) break;
    const touched = step.map(({ endpoint, poll }) => {
      setPoll(ids[endpoint]!, poll);
      return ids[endpoint]!;
    });
    const changed = tracker.update(touched).sort();
    const next = deriveNetworkReachability(sc.sites, polls, options);
    expect(sorted(tracker.snapshot())).toEqual(sorted(next));
    expect(changed).toEqual(changedBetween(full, next));
    for (const [id, r] of next.endpoints) expect(tracker.endpoint(id)).toEqual(r);
    for (const [id, r] of next.sites) expect(tracker.site(id)).toEqual(r);
    full = next;
  }
}

describe('createReachabilityTracker equals deriveNetworkReachability after every change', () => {
  it('random trees, random sequences of poll changes', () => {
    fc.assert(
      fc.property(scenario, (sc) => run(sc)),
      { numRuns: 300 },
    );
  });

  it('the same with timeoutsToDown: 2', () => {
    fc.assert(
      fc.property(scenario, (sc) => run(sc, { timeoutsToDown: 2 })),
      { numRuns: 100 },
    );
  });

  it('random trees with a site id listed twice (the first one counts)', () => {
    fc.assert(
      fc.property(scenario, (sc) => {
        const copy = { ...sc.sites[0]!, endpoints: [] };
        run({ ...sc, sites: [...sc.sites, copy] });
      }),
      { numRuns: 100 },
    );
  });
});
