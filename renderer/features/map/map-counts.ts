import { emptyCounts, sameStateCounts, tally, type CountRow, type EndpointState } from '../../../shared/endpoint-state.js';
import type { MapLayout } from './map-layout.js';
import { KIND_CODES, type NodeStates } from './map-status.js';

/**
 * Counters per tier and per district, by endpoint, from the tracker's typed arrays (each endpoint's
 * state and in-call flag come from shared/endpoint-state.ts, the derivation every counter reads),
 * tallied with the same `tally` as countNetwork: each endpoint in exactly one state, so the states
 * add up to the total, and in call counted beside them.
 */
export type CounterRow = CountRow;

export interface MapCounts {
  readonly all: CounterRow;
  readonly tiers: readonly CounterRow[];
  readonly districts: readonly CounterRow[];
}

/** The shared state of each map kind code. */
const STATE_OF_CODE: readonly EndpointState[] = KIND_CODES;

export function countMap(layout: MapLayout, states: NodeStates): MapCounts {
  const tierCount = layout.network.tiers.length;
  const all = emptyCounts();
  const tiers = layout.network.tiers.map(() => emptyCounts());
  const districts = layout.districts.map(() => emptyCounts());
  for (let j = 0; j < layout.endpointIds.length; j++) {
    const node = layout.endpointNode[j]!;
    const state = STATE_OF_CODE[states.epKind[j]!] ?? 'unknown';
    const inCall = states.epInCall[j] === 1;
    tally(all, state, inCall);
    const t = layout.tier[node]!;
    if (t >= 0 && t < tierCount) tally(tiers[t]!, state, inCall);
    const d = layout.district[node]!;
    if (d >= 0) tally(districts[d]!, state, inCall);
  }
  return {
    all: { key: 'all', ...all },
    tiers: layout.network.tiers.map((t, i) => ({ key: t, ...tiers[i]! })),
    districts: layout.districts.map((d, i) => ({ key: d.id, ...districts[i]! })),
  };
}

/** Whether two counts differ (to publish to React only when something a person can see changed). */
export function sameCounts(a: MapCounts | null, b: MapCounts): boolean {
  if (!a || a.tiers.length !== b.tiers.length || a.districts.length !== b.districts.length) return false;
  const same = (x: CounterRow, y: CounterRow): boolean => x.key === y.key && sameStateCounts(x, y);
  return same(a.all, b.all) && a.tiers.every((r, i) => same(r, b.tiers[i]!)) && a.districts.every((r, i) => same(r, b.districts[i]!));
}
