import { clip, intersect, normalize, subtract, totalMs, type Interval } from './intervals.js';
import { OUTAGE_CAUSES, type Outage, type OutageCause } from './outage-tracker.js';
import { workingIntervals, type WorkingWeek } from './working-hours.js';

/**
 * Time-weighted availability per endpoint over [from, to), from outage intervals. Pure: `now` is
 * an input, so a report on a range still running measures up to now and no further.
 *
 * Per endpoint, the time measured is
 *   [max(from, knownSince), min(to, now))  ∩ working hours (when given)  − maintenance,
 * and its downtime is the outage time inside it. Rules:
 * - Before `knownSince` (inventory added later) nothing is counted, neither up nor excluded.
 * - Outages are matched to endpoints by id; the site an endpoint has in `endpoints` (the inventory
 *   now) decides its maintenance and groups, not the site recorded on each outage.
 * - An open outage runs until `now` (then is cut at the range end like any other).
 * - Maintenance windows apply to their site, and with `subtree` to every site below it; they may
 *   overlap (the union is excluded, once). Excluded time leaves the denominator and is reported as
 *   excludedMs: only the part that would have been measured, so maintenance outside working hours
 *   is not "excluded" in a working-hours report.
 * - An outage is a run of abutting outage pieces of one endpoint (the tracker splits one at each
 *   cause change): it counts once, and only its overlap with measured time counts. One cut by the
 *   range edges, or spread over several working days, is ONE outage in the range; one with no
 *   measured overlap (all in maintenance, at night, zero length) does not count at all.
 * - longestMs is the longest counted overlap. MTTR is the mean counted overlap of the outages that
 *   ended by min(to, now); those still open then are counted in `outages` and `openOutages` but
 *   not in MTTR (their repair time is not known yet).
 */

export interface EndpointRef {
  readonly endpointId: string;
  readonly siteId: string;
  /** When the endpoint was first known (added to the inventory); null or absent: always. */
  readonly knownSince?: number | null;
}

export interface MaintenanceWindow {
  readonly siteId: string;
  /** True: the site and every site below it; false: that site's endpoints only. */
  readonly subtree: boolean;
  readonly start: number;
  /** Null while still in maintenance (runs to `now`). */
  readonly end: number | null;
}

export interface AvailabilityQuery {
  readonly from: number;
  readonly to: number;
  readonly now: number;
  readonly endpoints: readonly EndpointRef[];
  readonly outages: readonly Outage[];
  readonly maintenance?: readonly MaintenanceWindow[];
  /** A site's ancestors (parent first); subtree windows need it. */
  readonly ancestorsOf: (siteId: string) => readonly string[];
  readonly workingHours?: WorkingWeek;
}

/** The additive figures: per endpoint, and summed over a group by availability-groups.ts. */
export interface AvailabilityTotals {
  /** Endpoint-time measured: the denominator. */
  readonly measuredMs: number;
  readonly downMs: number;
  readonly downMsByCause: Readonly<Record<OutageCause, number>>;
  readonly excludedMs: number;
  /** Outages with measured overlap in the range. */
  readonly outages: number;
  /** Of those, still open at min(to, now). */
  readonly openOutages: number;
  /** Of those, ended by min(to, now), and their counted time summed (for MTTR). */
  readonly restored: number;
  readonly restoredMs: number;
  readonly longestMs: number;
}

export interface Availability extends AvailabilityTotals {
  /** 100 × (measured − down) / measured; null when nothing was measured. */
  readonly availabilityPct: number | null;
  /** restoredMs / restored; null when no outage ended. */
  readonly mttrMs: number | null;
}

export interface EndpointAvailability extends Availability {
  readonly endpointId: string;
  readonly siteId: string;
}

export interface AvailabilityReport {
  readonly from: number;
  readonly to: number;
  /** min(to, now): measuring stops here. */
  readonly until: number;
  readonly endpoints: readonly EndpointAvailability[];
  /** Endpoints that have outages but are not in `endpoints` (sorted); their outages are ignored. */
  readonly unknownEndpointIds: readonly string[];
}

export function withRatios(t: AvailabilityTotals): Availability {
  return {
    ...t,
    availabilityPct: t.measuredMs > 0 ? (100 * (t.measuredMs - t.downMs)) / t.measuredMs : null,
    mttrMs: t.restored > 0 ? t.restoredMs / t.restored : null,
  };
}

const finite = (...xs: number[]) => xs.every(Number.isFinite);

export function availability(q: AvailabilityQuery): AvailabilityReport {
  const { from, to, now } = q;
  if (!finite(from, to, now) || from > to) throw new RangeError(`availability: bad range [${from}, ${to}) at now=${now}`);
  const until = Math.max(from, Math.min(to, now));
  const range: Interval[] = until > from ? [{ start: from, end: until }] : [];
  const window = q.workingHours && range.length ? workingIntervals(q.workingHours, from, until) : range;

  const byEndpoint = new Map<string, Outage[]>();
  for (const ep of q.endpoints) {
    if (byEndpoint.has(ep.endpointId)) throw new RangeError(`availability: endpoint ${ep.endpointId} listed twice`);
    byEndpoint.set(ep.endpointId, []);
  }
  const unknown = new Set<string>();
  for (const o of q.outages) {
    if (!finite(o.start) || (o.end !== null && !(o.end >= o.start))) throw new RangeError(`availability: bad outage of ${o.endpointId} [${o.start}, ${o.end})`);
    const list = byEndpoint.get(o.endpointId);
    if (list) list.push(o);
    else unknown.add(o.endpointId);
  }
  for (const w of q.maintenance ?? []) {
    if (!finite(w.start) || (w.end !== null && !(w.end >= w.start))) throw new RangeError(`availability: bad maintenance window of ${w.siteId} [${w.start}, ${w.end})`);
  }

  const endpoints = q.endpoints.map((ep) => {
    const since = ep.knownSince ?? -Infinity;
    const known = clip(window, Math.max(from, since), until);
    const windows = (q.maintenance ?? []).filter((w) => w.siteId === ep.siteId || (w.subtree && q.ancestorsOf(ep.siteId).includes(w.siteId)));
    const excluded = intersect(known, normalize(windows.map((w) => ({ start: w.start, end: w.end ?? now }))));
    const measured = subtract(known, excluded);
    return { endpointId: ep.endpointId, siteId: ep.siteId, ...withRatios({ ...outageTotals(byEndpoint.get(ep.endpointId)!, measured, now, until), measuredMs: totalMs(measured), excludedMs: totalMs(excluded) }) };
  });
  return { from, to, until, endpoints, unknownEndpointIds: [...unknown].sort() };
}

type OutageFigures = Omit<AvailabilityTotals, 'measuredMs' | 'excludedMs'>;

/** The outage figures of one endpoint against its measured time. */
function outageTotals(outages: readonly Outage[], measured: readonly Interval[], now: number, until: number): OutageFigures {
  const byCause = Object.fromEntries(OUTAGE_CAUSES.map((c) => [c, 0])) as Record<OutageCause, number>;
  const totals = { downMs: 0, outages: 0, openOutages: 0, restored: 0, restoredMs: 0, longestMs: 0 };
  const sorted = [...outages].sort((a, b) => a.start - b.start);
  let runEnd = -Infinity;
  let run = { counted: 0, end: -Infinity };
  const closeRun = () => {
    if (run.counted <= 0) return;
    totals.outages++;
    totals.longestMs = Math.max(totals.longestMs, run.counted);
    if (run.end <= until) {
      totals.restored++;
      totals.restoredMs += run.counted;
    } else totals.openOutages++;
  };
  for (const o of sorted) {
    // Pieces of one endpoint are disjoint when they come from the tracker; overlap is cut off anyway.
    const start = Math.max(o.start, runEnd);
    const end = o.end ?? Math.max(now, start);
    // An open outage has no end yet: it counts as open whatever `now` is.
    const effectiveEnd = o.end === null ? Infinity : end;
    if (o.start > runEnd) {
      closeRun();
      run = { counted: 0, end: -Infinity };
    }
    const counted = totalMs(clip(measured, start, end));
    byCause[o.cause] += counted;
    totals.downMs += counted;
    run = { counted: run.counted + counted, end: Math.max(run.end, effectiveEnd) };
    runEnd = Math.max(runEnd, end);
  }
  closeRun();
  return { ...totals, downMsByCause: byCause };
}
