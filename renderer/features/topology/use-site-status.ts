import { useShallow } from 'zustand/react/shallow';
import type { SiteView } from '../../../shared/inventory.js';
import type { EndpointStatus } from '../../../shared/status.js';
import { useStatusStore } from '../../stores/status-store.js';

/** The statuses of one site's endpoints; re-renders only when one of them changes. */
export function useSiteStatuses(site: SiteView): readonly (EndpointStatus | undefined)[] {
  return useStatusStore(useShallow((s) => site.endpoints.map((e) => s.statuses.get(e.id))));
}

/** The oldest `updatedAt` among the statuses (the most cautious age to show); null if none. */
export function oldestUpdate(statuses: readonly (EndpointStatus | undefined)[]): string | null {
  let oldest: string | null = null;
  let oldestMs = Infinity;
  for (const s of statuses) {
    const ms = s?.updatedAt ? Date.parse(s.updatedAt) : NaN;
    if (!Number.isNaN(ms) && ms < oldestMs) {
      oldestMs = ms;
      oldest = s!.updatedAt;
    }
  }
  return oldest;
}
