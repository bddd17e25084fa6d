import { foldQuery } from '../../../shared/text.js';
import type { MapLayout } from './map-layout.js';
import { F_IN_CALL, isProblem, KIND_CODES, type NodeStates } from './map-status.js';
import type { StatusKind } from '../../theme/status-kind.js';

/**
 * Find on the map: a name, each word matching the start of a word (diacritics folded: "cho ra"
 * finds "Chợ Rã" and not every "thị trấn"; a site id works too),
 * a status, a tier, a district, and "only problems". Sites that do not match are drawn faint,
 * not hidden, so the shape of the network stays where the operator knows it.
 */
export const STATUS_FILTERS = ['all', 'up', 'inCall', 'degraded', 'stale', 'down', 'unreachable', 'unknown'] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];

export interface MapFilter {
  readonly query: string;
  readonly status: StatusFilter;
  /** Tier name, or null for every tier. */
  readonly tier: string | null;
  /** District id, or null for every district. */
  readonly district: string | null;
  readonly onlyProblems: boolean;
}

export const NO_FILTER: MapFilter = { query: '', status: 'all', tier: null, district: null, onlyProblems: false };

export function filterActive(f: MapFilter): boolean {
  return foldQuery(f.query).length > 0 || f.status !== 'all' || f.tier !== null || f.district !== null || f.onlyProblems;
}

/** Whether the result depends on live status (and so must be worked out again as it changes). */
export function filterUsesStatus(f: MapFilter): boolean {
  return f.status !== 'all' || f.onlyProblems;
}

export interface FilterResult {
  readonly active: boolean;
  /** 1 for each node shown in full (the root always is). */
  readonly mask: Uint8Array;
  /** Matching nodes, centre first (breadth first), at most `limit`. */
  readonly matches: readonly number[];
  readonly total: number;
}

const kindIndex = (k: StatusKind): number => (KIND_CODES as readonly string[]).indexOf(k);

export function applyFilter(layout: MapLayout, states: NodeStates, f: MapFilter, limit = 50, into?: Uint8Array): FilterResult {
  const n = layout.count;
  const mask = into && into.length === n ? into : new Uint8Array(n);
  const active = filterActive(f);
  if (!active) {
    mask.fill(1);
    return { active, mask, matches: [], total: 0 };
  }
  const words = foldQuery(f.query);
  const needles = words.map((w) => ` ${w}`);
  const tier = f.tier === null ? -2 : layout.network.tiers.indexOf(f.tier);
  const district = f.district === null ? -2 : layout.districts.findIndex((d) => d.id === f.district);
  const wantKind = f.status === 'all' || f.status === 'inCall' ? -1 : kindIndex(f.status);
  const matches: number[] = [];
  let total = 0;
  mask[0] = 1;
  for (let i = 1; i < n; i++) {
    let ok = true;
    if (tier !== -2 && layout.tier[i] !== tier) ok = false;
    // A district's own site belongs to it too.
    else if (district !== -2 && layout.district[i] !== district) ok = false;
    else if (wantKind >= 0 && states.kind[i] !== wantKind) ok = false;
    else if (f.status === 'inCall' && (states.flags[i]! & F_IN_CALL) === 0) ok = false;
    else if (f.onlyProblems && !isProblem(states.kind[i]!)) ok = false;
    else if (needles.length > 0) {
      const hay = layout.folded[i]!;
      for (const w of needles) {
        // Each word must start a word of the name (or of the id): "cho ra" is Chợ Rã, not "thị trấn".
        if (!hay.includes(w)) {
          ok = false;
          break;
        }
      }
    }
    mask[i] = ok ? 1 : 0;
    if (ok) {
      total++;
      if (matches.length < limit) matches.push(i);
    }
  }
  return { active, mask, matches, total };
}
