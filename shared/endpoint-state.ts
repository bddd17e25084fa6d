import type { EndpointStatus } from './status.js';

/**
 * One truth per number: the single derivation every counter on screen (the top bar, the map's
 * legend and tier/district table, the site list, the Live view's summary) reads, so no two of them
 * can disagree.
 *
 * Two dimensions, each endpoint counted exactly once in each:
 *
 * 1. Its state, the first of these that holds (precedence, worst first):
 *      down > unreachable > unknown > stale > degraded > up
 *    down, unreachable and unknown are the reachability verdict itself (a fresh verdict, even for
 *    a codec whose last values are old); stale and degraded only refine `up`: values past their
 *    freshness budget say nothing current, so stale wins over degraded; up is what is left. The
 *    states of a group add up to its number of codecs.
 *
 * 2. Whether it is in a call: in a conference on the MCU right now (the MCU's roster, carried as
 *    `conferenceId`, set for every participant not disconnected), never the codec's own SNMP
 *    "in call" flag when the two disagree, and never when the codec is down or unreachable (the
 *    console does not reach it, whatever the MCU still lists). So in call counts among up,
 *    degraded, stale and unknown only, and in call ≤ number of codecs.
 */
export const ENDPOINT_STATES = ['down', 'unreachable', 'unknown', 'stale', 'degraded', 'up'] as const;
export type EndpointState = (typeof ENDPOINT_STATES)[number];

/** The fields the derivation reads; EndpointStatus fits. */
export type CountedStatus = Pick<EndpointStatus, 'reachability' | 'stale' | 'degraded' | 'conferenceId'>;

/** The endpoint's one state (see the precedence above); no status yet is unknown. */
export function endpointState(s: CountedStatus | undefined): EndpointState {
  if (!s) return 'unknown';
  if (s.reachability !== 'up') return s.reachability;
  if (s.stale) return 'stale';
  if (s.degraded) return 'degraded';
  return 'up';
}

/** In a conference on the MCU right now, and not down or unreachable. */
export function inCallNow(s: CountedStatus | undefined): boolean {
  return !!s && s.conferenceId !== null && s.reachability !== 'down' && s.reachability !== 'unreachable';
}

/** How many codecs are in each state, how many of them are in a call, and how many in all. */
export type StateCounts = { readonly [K in EndpointState]: number } & { readonly total: number; readonly inCall: number };
type Tally = { -readonly [K in keyof StateCounts]: number };

export function emptyCounts(): Tally {
  return { total: 0, inCall: 0, down: 0, unreachable: 0, unknown: 0, stale: 0, degraded: 0, up: 0 };
}

/** Counts one endpoint into a tally. */
export function tally(into: Tally, state: EndpointState, inCall: boolean): void {
  into.total += 1;
  into[state] += 1;
  if (inCall) into.inCall += 1;
}

/** Counts `n` endpoints of one state, none of them in a call (in call is added by the caller's own count). */
export function tallyMany(into: Tally, state: EndpointState, n: number): void {
  into.total += n;
  into[state] += n;
}

/** The counts of some endpoints; an id with no status counts as unknown. */
export function countEndpoints(endpointIds: Iterable<string>, statuses: ReadonlyMap<string, CountedStatus>): StateCounts {
  const acc = emptyCounts();
  for (const id of endpointIds) {
    const s = statuses.get(id);
    tally(acc, endpointState(s), inCallNow(s));
  }
  return acc;
}

/** The part of the network view the grouped counts need. */
export interface CountedNetwork {
  readonly tiers: readonly string[];
  readonly sites: readonly { readonly id: string; readonly tier: string; readonly district: string | null; readonly endpoints: readonly { readonly id: string }[] }[];
}

export interface CountRow extends StateCounts {
  /** The tier, the district (its site id), or "all". */
  readonly key: string;
}

export interface NetworkCounts {
  readonly all: CountRow;
  /** One row per tier of the network, in its order (a tier a site names but the list forgot comes last). */
  readonly tiers: readonly CountRow[];
  /** One row per district, in order of first appearance: the district's own site and every site naming it. */
  readonly districts: readonly CountRow[];
}

/** Counts of the whole network, per tier and per district, in one pass over the endpoints. */
export function countNetwork(network: CountedNetwork, statuses: ReadonlyMap<string, CountedStatus>): NetworkCounts {
  const all = emptyCounts();
  const tiers = new Map<string, Tally>(network.tiers.map((t) => [t, emptyCounts()]));
  const districts = new Map<string, Tally>();
  for (const site of network.sites) {
    let tier = tiers.get(site.tier);
    if (!tier) tiers.set(site.tier, (tier = emptyCounts()));
    let district: Tally | undefined;
    if (site.district !== null) {
      district = districts.get(site.district);
      if (!district) districts.set(site.district, (district = emptyCounts()));
    }
    for (const ep of site.endpoints) {
      const s = statuses.get(ep.id);
      const state = endpointState(s);
      const call = inCallNow(s);
      tally(all, state, call);
      tally(tier, state, call);
      if (district) tally(district, state, call);
    }
  }
  const rows = (m: Map<string, Tally>): CountRow[] => [...m].map(([key, c]) => ({ key, ...c }));
  return { all: { key: 'all', ...all }, tiers: rows(tiers), districts: rows(districts) };
}

/** Whether two counts show the same numbers. */
export function sameStateCounts(a: StateCounts, b: StateCounts): boolean {
  return a.total === b.total && a.inCall === b.inCall && ENDPOINT_STATES.every((k) => a[k] === b[k]);
}
