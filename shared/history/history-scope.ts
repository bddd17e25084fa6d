import type { ScopeView } from '../scope.js';
import type { AvailabilityView, HistoryView } from './history-api.js';

/**
 * Link-health history as a scoped supervisor gets it. The engine already computes a scoped
 * caller's figures over the scope's endpoints only (a "province" or "district" row is then the
 * scope's part of it, and says so with `scoped: true`); these filters are the second line: a row
 * naming a site outside the scope is dropped, and a reference to one (the dark site an outage was
 * behind) reads null, as a parent outside the scope does in the scoped network.
 */
export function scopeAvailability(v: AvailabilityView, view: ScopeView): AvailabilityView {
  const bySite = v.groupBy === 'site' || v.groupBy === 'district';
  return { ...v, scoped: true, rows: v.rows.filter((r) => !bySite || r.group === null || view.siteIds.has(r.group)) };
}

export function scopeHistory(h: HistoryView, view: ScopeView): HistoryView {
  if (!view.endpointIds.has(h.endpointId)) return { ...h, points: [], outages: [] };
  return { ...h, outages: h.outages.map((o) => (o.behind === null || view.siteIds.has(o.behind) ? o : { ...o, behind: null })) };
}
