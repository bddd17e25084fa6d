import { withRatios, type Availability, type AvailabilityTotals, type EndpointAvailability } from './availability.js';
import { OUTAGE_CAUSES, type OutageCause } from './outage-tracker.js';

/**
 * Availability of a group of endpoints (a site, a district with its communes, a tier, the
 * province), time-weighted over endpoint-time: the sums of the endpoints' measured and down time,
 * never a mean of their percentages. So a site with two codecs weighs twice one with one, and an
 * endpoint known for a day weighs a day, not the whole range. MTTR is the mean over every restored
 * outage in the group; longest is the group's longest.
 */

export interface GroupAvailability extends Availability {
  /** How many endpoints the group holds (measured or not). */
  readonly endpoints: number;
}

const zeroByCause = (): Record<OutageCause, number> => Object.fromEntries(OUTAGE_CAUSES.map((c) => [c, 0])) as Record<OutageCause, number>;

/** One group's figures from its endpoints' rows. An empty group has null percentages. */
export function summarise(rows: Iterable<EndpointAvailability>): GroupAvailability {
  const byCause = zeroByCause();
  const t = { measuredMs: 0, downMs: 0, excludedMs: 0, outages: 0, openOutages: 0, restored: 0, restoredMs: 0, longestMs: 0 };
  let endpoints = 0;
  for (const r of rows) {
    endpoints++;
    t.measuredMs += r.measuredMs;
    t.downMs += r.downMs;
    t.excludedMs += r.excludedMs;
    t.outages += r.outages;
    t.openOutages += r.openOutages;
    t.restored += r.restored;
    t.restoredMs += r.restoredMs;
    t.longestMs = Math.max(t.longestMs, r.longestMs);
    for (const c of OUTAGE_CAUSES) byCause[c] += r.downMsByCause[c];
  }
  const totals: AvailabilityTotals = { ...t, downMsByCause: byCause };
  return { endpoints, ...withRatios(totals) };
}

/**
 * Figures for every group an endpoint belongs to. `groupsOf` names them: its site and the site's
 * ancestors for the tree, or a tier ('district', 'commune') — an endpoint may be in many. Groups
 * come out in the order first named.
 */
export function availabilityByGroup(rows: readonly EndpointAvailability[], groupsOf: (row: EndpointAvailability) => Iterable<string>): Map<string, GroupAvailability> {
  const members = new Map<string, EndpointAvailability[]>();
  for (const r of rows) {
    for (const g of new Set(groupsOf(r))) {
      const list = members.get(g);
      if (list) list.push(r);
      else members.set(g, [r]);
    }
  }
  return new Map([...members].map(([g, list]) => [g, summarise(list)]));
}
