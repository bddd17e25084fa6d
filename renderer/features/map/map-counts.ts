import type { MapLayout } from './map-layout.js';
import { KIND_CODES, type NodeStates } from './map-status.js';
import type { StatusKind } from '../../theme/status-kind.js';

/**
 * Counters per tier and per district, by endpoint, in the kinds the map draws (each endpoint in
 * exactly one: a degraded codec is counted as degraded, not also as up), plus how many are in a
 * call. They add up to the total, so nothing is counted twice or lost.
 */
export const COUNTED_KINDS = ['up', 'degraded', 'stale', 'down', 'unreachable', 'unknown'] as const satisfies readonly StatusKind[];
export type CountedKind = (typeof COUNTED_KINDS)[number];
export type CounterKey = CountedKind | 'inCall';

export interface CounterRow {
  /** Tier name, district id, or "all". */
  readonly key: string;
  readonly total: number;
  readonly inCall: number;
  readonly kinds: Readonly<Record<CountedKind, number>>;
}

export interface MapCounts {
  readonly all: CounterRow;
  readonly tiers: readonly CounterRow[];
  readonly districts: readonly CounterRow[];
}

const KINDS = KIND_CODES.length;

export function countMap(layout: MapLayout, states: NodeStates): MapCounts {
  const tiers = layout.network.tiers.length;
  const groups = 1 + tiers + layout.districts.length;
  // Per group: one slot per kind code, then in-call, then total.
  const width = KINDS + 2;
  const acc = new Int32Array(groups * width);
  const add = (g: number, kind: number, inCall: number): void => {
    const o = g * width;
    acc[o + kind]! += 1;
    acc[o + KINDS]! += inCall;
    acc[o + KINDS + 1]! += 1;
  };
  for (let j = 0; j < layout.endpointIds.length; j++) {
    const node = layout.endpointNode[j]!;
    const kind = states.epKind[j]!;
    const inCall = states.epInCall[j]!;
    add(0, kind, inCall);
    const t = layout.tier[node]!;
    if (t >= 0 && t < tiers) add(1 + t, kind, inCall);
    const d = layout.district[node]!;
    if (d >= 0) add(1 + tiers + d, kind, inCall);
  }
  const row = (g: number, key: string): CounterRow => {
    const o = g * width;
    const kinds = {} as Record<CountedKind, number>;
    for (const k of COUNTED_KINDS) kinds[k] = acc[o + (KIND_CODES as readonly string[]).indexOf(k)]!;
    return { key, total: acc[o + KINDS + 1]!, inCall: acc[o + KINDS]!, kinds };
  };
  return {
    all: row(0, 'all'),
    tiers: layout.network.tiers.map((t, i) => row(1 + i, t)),
    districts: layout.districts.map((d, i) => row(1 + tiers + i, d.id)),
  };
}

/** Whether two counts differ (to publish to React only when something a person can see changed). */
export function sameCounts(a: MapCounts | null, b: MapCounts): boolean {
  if (!a || a.tiers.length !== b.tiers.length || a.districts.length !== b.districts.length) return false;
  const same = (x: CounterRow, y: CounterRow): boolean =>
    x.key === y.key && x.total === y.total && x.inCall === y.inCall && COUNTED_KINDS.every((k) => x.kinds[k] === y.kinds[k]);
  return same(a.all, b.all) && a.tiers.every((r, i) => same(r, b.tiers[i]!)) && a.districts.every((r, i) => same(r, b.districts[i]!));
}
