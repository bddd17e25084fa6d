import { emptyCounts, sameStateCounts, tallyMany, type CountRow, type EndpointState } from '../../../shared/endpoint-state.js';
import type { MapLayout } from './map-layout.js';
import { KIND_CODES, type NodeStates } from './map-status.js';

/**
 * Counters per tier and per district, by endpoint, from the tracker's typed arrays (each endpoint's
 * state and in-call flag come from shared/endpoint-state.ts, the derivation every counter reads),
 * tallied into the shared counts (`tallyMany`) as countNetwork tallies: each endpoint in exactly one state, so the states
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
const KINDS = KIND_CODES.length;

export function countMap(layout: MapLayout, states: NodeStates): MapCounts {
  const tierCount = layout.network.tiers.length;
  const groups = 1 + tierCount + layout.districts.length;
  // Per group: one slot per kind code, then in call (typed arrays: this runs a few times a second
  // at 5,000 endpoints; the rows are then read out through the shared tally).
  const width = KINDS + 1;
  const acc = new Int32Array(groups * width);
  for (let j = 0; j < layout.endpointIds.length; j++) {
    const node = layout.endpointNode[j]!;
    const kind = states.epKind[j]!;
    const inCall = states.epInCall[j]!;
    acc[kind]! += 1;
    acc[KINDS]! += inCall;
    const t = layout.tier[node]!;
    if (t >= 0 && t < tierCount) {
      const o = (1 + t) * width;
      acc[o + kind]! += 1;
      acc[o + KINDS]! += inCall;
    }
    const d = layout.district[node]!;
    if (d >= 0) {
      const o = (1 + tierCount + d) * width;
      acc[o + kind]! += 1;
      acc[o + KINDS]! += inCall;
    }
  }
  const row = (g: number, key: string): CounterRow => {
    const o = g * width;
    const into = emptyCounts();
    for (let k = 0; k < KINDS; k++) tallyMany(into, STATE_OF_CODE[k]!, acc[o + k]!);
    into.inCall = acc[o + KINDS]!;
    return { key, ...into };
  };
  return {
    all: row(0, 'all'),
    tiers: layout.network.tiers.map((t, i) => row(1 + i, t)),
    districts: layout.districts.map((d, i) => row(1 + tierCount + i, d.id)),
  };
}

/** Whether two counts differ (to publish to React only when something a person can see changed). */
export function sameCounts(a: MapCounts | null, b: MapCounts): boolean {
  if (!a || a.tiers.length !== b.tiers.length || a.districts.length !== b.districts.length) return false;
  const same = (x: CounterRow, y: CounterRow): boolean => x.key === y.key && sameStateCounts(x, y);
  return same(a.all, b.all) && a.tiers.every((r, i) => same(r, b.tiers[i]!)) && a.districts.every((r, i) => same(r, b.districts[i]!));
}
