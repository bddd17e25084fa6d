import type { EngineEvent } from '../../../shared/events.js';
import type { SiteView } from '../../../shared/inventory.js';
import type { EndpointStatus } from '../../../shared/status.js';
import { latestUnreachable } from '../../stores/events-store.js';

/**
 * Behind which site an unreachable endpoint is. The engine says it in the text of the latest
 * `unreachable` event (the down ancestor's site id); when that event is not among the events the
 * console holds, the nearest ancestor whose endpoints are all down is the same answer, derived.
 */
export interface Behind {
  readonly siteId: string;
  /** The site's name, or its id when the inventory does not know it. */
  readonly name: string;
  readonly from: 'event' | 'tree';
}

/** The nearest ancestor of `siteId` whose endpoints are all down; null if none. */
export function downAncestor(siteId: string, sitesById: ReadonlyMap<string, SiteView>, statuses: ReadonlyMap<string, EndpointStatus>): string | null {
  const seen = new Set<string>();
  let cur = sitesById.get(siteId)?.parent ?? null;
  while (cur !== null && !seen.has(cur)) {
    seen.add(cur);
    const site = sitesById.get(cur);
    if (!site) return null;
    if (site.endpoints.length > 0 && site.endpoints.every((e) => statuses.get(e.id)?.reachability === 'down')) return cur;
    cur = site.parent;
  }
  return null;
}

export function unreachableBehind(
  endpointId: string,
  eventLists: readonly (readonly EngineEvent[])[],
  sitesById: ReadonlyMap<string, SiteView>,
  derived: string | null,
): Behind | null {
  const e = latestUnreachable(endpointId, ...eventLists);
  const fromEvent = e?.text.trim() || null;
  const siteId = fromEvent ?? derived;
  if (!siteId) return null;
  return { siteId, name: sitesById.get(siteId)?.name ?? siteId, from: fromEvent ? 'event' : 'tree' };
}
