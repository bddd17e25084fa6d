import { endpointState, type EndpointState } from '../../shared/endpoint-state.js';
import type { EndpointStatus, Reachability } from '../../shared/status.js';

/**
 * What a status looks like on screen: the endpoint's one state from shared/endpoint-state.ts (the
 * derivation every counter reads too). A down or unreachable verdict is itself current (the
 * timeouts are fresh), so it wins; an endpoint believed up whose values are past their freshness
 * budget is drawn stale, never as current; up but degraded is drawn degraded.
 */
export type StatusKind = EndpointState;

export function statusKind(status: EndpointStatus | undefined): StatusKind {
  return endpointState(status);
}

/** Kinds that call for the operator's attention (report by exception). */
export function needsAttention(kind: StatusKind): boolean {
  return kind === 'down' || kind === 'degraded' || kind === 'stale';
}

/** Worst first: the order a site's several endpoints are summed up in. */
const SEVERITY: Readonly<Record<Reachability, number>> = { down: 3, unreachable: 2, unknown: 1, up: 0 };

export function worstReachability(list: readonly Reachability[]): Reachability {
  let worst: Reachability = list.length ? 'up' : 'unknown';
  for (const r of list) if (SEVERITY[r] > SEVERITY[worst]) worst = r;
  return worst;
}

/** Worst first for the drawn kind (stale and degraded rank just below down). */
const KIND_SEVERITY: Readonly<Record<StatusKind, number>> = { down: 5, stale: 4, degraded: 3, unreachable: 2, unknown: 1, up: 0 };

/** Sorts worst first (for lists by severity): positive when `a` is less severe than `b`. */
export function bySeverity(a: StatusKind, b: StatusKind): number {
  return KIND_SEVERITY[b] - KIND_SEVERITY[a];
}

export function worstKind(list: readonly StatusKind[]): StatusKind {
  let worst: StatusKind = list.length ? 'up' : 'unknown';
  for (const k of list) if (KIND_SEVERITY[k] > KIND_SEVERITY[worst]) worst = k;
  return worst;
}
