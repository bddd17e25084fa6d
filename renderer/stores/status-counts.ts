import type { EndpointStatus, Reachability } from '../../shared/status.js';

/** How many endpoints are in each state; an endpoint with no status yet counts as unknown. */
export interface StatusCounts {
  readonly total: number;
  readonly up: number;
  readonly down: number;
  readonly unknown: number;
  readonly unreachable: number;
  readonly inCall: number;
  readonly stale: number;
  readonly degraded: number;
}

export function countStatuses(endpointIds: readonly string[], statuses: ReadonlyMap<string, EndpointStatus>): StatusCounts {
  const by: Record<Reachability, number> = { up: 0, down: 0, unknown: 0, unreachable: 0 };
  let inCall = 0;
  let stale = 0;
  let degraded = 0;
  for (const id of endpointIds) {
    const s = statuses.get(id);
    by[s?.reachability ?? 'unknown'] += 1;
    if (s?.inCall) inCall += 1;
    if (s?.stale) stale += 1;
    if (s?.degraded) degraded += 1;
  }
  return { total: endpointIds.length, ...by, inCall, stale, degraded };
}
