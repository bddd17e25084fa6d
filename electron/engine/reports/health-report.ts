import { ApiError } from '../../../shared/api/errors.js';
import type { P95_METRICS } from '../../../shared/history/history-api.js';
import { OUTAGE_CAUSES } from '../../../shared/history/outage-tracker.js';
import { districtResolver, type Inventory } from '../../../shared/inventory.js';
import { AVAILABILITY_TARGET_PCT, PROVINCE_SCOPE, WORST_SITES, type ReportLanguage, type ReportPeriod } from '../../../shared/reports/health-report-api.js';
import { reportPeriod, type ReportSpan } from '../../../shared/reports/report-period.js';
import { isScoped, type Identity } from '../../../shared/roles.js';
import { expandOccurrences, meetingSiteIds, siteDirectoryFromInventory } from '../../../shared/schedule/index.js';
import { REDACTED, scopeView, type ScopeView } from '../../../shared/scope.js';
import type { GroupFigures, HistoryService } from '../history/history-service.js';
import type { ScheduleContext } from '../schedule/context.js';

/**
 * The link-health report's figures (issue 10 item 4), before any wording: built once, then written
 * as CSV or PDF (report-csv.ts, report-pdf.ts) in the caller's language.
 *
 * Rows: per district for the province (the province's own sites as one "province level" row),
 * per site for a district (its hall and its communes), per site for a two-tier network. A scoped
 * supervisor's report is computed over their endpoints only: a district outside their part is
 * refused exactly as one that does not exist, their "province" report covers their part and says
 * so, and a site above their part that is named nowhere else (a maintenance window on the
 * province) reads "…". Each row has its figures now and in the previous period of the same kind.
 */

export type Figures = GroupFigures;
export type P95Metric = (typeof P95_METRICS)[number];

export interface MeetingCounts {
  /** Occurrences starting in the period, of meetings not cancelled. */
  booked: number;
  /** Of those, started on the MCU (a run exists). */
  held: number;
  /** Of those held, with a site (of the row, in scope) that dropped out while it went on. */
  disrupted: number;
}

export interface ReportRow {
  /** A site id: the district, or the site; null for the province-level row and the total. */
  readonly id: string | null;
  /** The site's name; null for the province-level row and the total (the writer words them). */
  readonly name: string | null;
  readonly current: Figures;
  readonly previous: Figures;
  readonly meetings: MeetingCounts;
}

export interface WorstSite {
  readonly id: string;
  readonly name: string;
  /** The row it is counted in (its district's name, or null for the province level). */
  readonly groupName: string | null;
  readonly figures: Figures;
}

export interface Exclusion {
  readonly kind: 'maintenance' | 'stopped';
  /** The site in maintenance (null for an engine stop); REDACTED when above the caller's part. */
  readonly siteId: string | null;
  readonly siteName: string | null;
  readonly start: number;
  /** Null while in maintenance with no planned end; the planned end of a window still in force. */
  readonly end: number | null;
  /** `end` is a plan: the window is in force when the report is made and ends then, if no one ends it first. */
  readonly endPlanned: boolean;
  /** Wall-clock time of the window inside the measured part of the period. */
  readonly minutesInPeriod: number;
  readonly by: string | null;
  readonly reason: string | null;
}

export interface HealthReport {
  readonly province: string;
  readonly timeZone: string;
  readonly language: ReportLanguage;
  readonly period: ReportPeriod;
  readonly current: ReportSpan & { readonly until: number };
  readonly previous: ReportSpan & { readonly until: number };
  /** The period is still running (it ends after now): measured up to `current.until`. */
  readonly partial: boolean;
  readonly scope: { readonly kind: 'province' } | { readonly kind: 'district'; readonly id: string; readonly name: string };
  /** For a scoped caller: the names of the subtrees the report is limited to. */
  readonly scopedTo: readonly string[] | null;
  /** What a row is: a district (province report of a network with districts) or a site. */
  readonly rowsAre: 'district' | 'site';
  readonly workingHours: boolean;
  readonly targetPct: number;
  readonly rows: readonly ReportRow[];
  readonly total: ReportRow;
  readonly worst: readonly WorstSite[];
  readonly meetings: MeetingCounts & { readonly notHeld: number; readonly cancelled: number };
  readonly exclusions: readonly Exclusion[];
  /** Something was measured in the period (else the report says there is no data). */
  readonly hasData: boolean;
  readonly generatedAt: number;
}

export interface HealthReportDeps {
  readonly history: HistoryService;
  readonly schedule: ScheduleContext;
  readonly inventory: () => Inventory;
  readonly now: () => number;
}

export interface HealthReportQuery {
  readonly period: ReportPeriod;
  readonly end?: string;
  readonly scope: string;
  readonly language: ReportLanguage;
  readonly workingHours?: boolean;
}

const PROVINCE_LEVEL = '\u0000province';
const TOTAL = '\u0000total';
const group = (g: string) => `g:${g}`;
const site = (s: string) => `s:${s}`;

/** What a district the caller may not see answers: exactly what an unknown id does, not echoed. */
export function unknownDistrict(): ApiError {
  return new ApiError('not_found', 'no district with the given scope', undefined, { field: 'scope', reason: 'unknown_district' });
}

export function buildHealthReport(d: HealthReportDeps, caller: Identity, q: HealthReportQuery): HealthReport {
  const inv = d.inventory();
  const tz = inv.timezone;
  const now = d.now();
  const p = reportPeriod(q.period, q.end, now, tz);
  if (!p.ok) throw new ApiError('bad_request', p.message, undefined, { field: 'end', reason: p.reason, value: (q.end ?? '').slice(0, 32) });
  const view = isScoped(caller) ? scopeView(inv.sites, caller.scope ?? []) : null;
  const visible = (id: string) => !view || view.siteIds.has(id);
  const byId = new Map(inv.sites.map((s) => [s.id, s]));
  const districtOf = districtResolver(inv);
  const hasDistricts = inv.tiers.length >= 3;

  let scope: HealthReport['scope'] = { kind: 'province' };
  if (q.scope !== PROVINCE_SCOPE) {
    const s = byId.get(q.scope);
    if (!s || !visible(s.id) || !hasDistricts || s.tier !== inv.tiers[1]) throw unknownDistrict();
    scope = { kind: 'district', id: s.id, name: s.name };
  }
  const rowsAre = scope.kind === 'province' && hasDistricts ? 'district' : 'site';
  const inReport = (siteId: string): boolean => visible(siteId) && (scope.kind === 'province' || districtOf(siteId) === scope.id);
  /** The row a site is counted in; a district the caller cannot see never names a row. */
  const rowOf = (siteId: string): string => {
    if (rowsAre === 'site') return siteId;
    const dist = districtOf(siteId);
    if (dist === null) return PROVINCE_LEVEL;
    return visible(dist) ? dist : siteId;
  };
  const groupsOf = (siteId: string): string[] => (inReport(siteId) ? [TOTAL, group(rowOf(siteId)), site(siteId)] : []);

  const { current, previous } = p.value;
  const wh = q.workingHours === true;
  const cur = d.history.figuresBy(caller, { from: current.from, to: current.to, workingHours: wh }, groupsOf);
  const prev = d.history.figuresBy(caller, { from: previous.from, to: previous.to, workingHours: wh }, groupsOf);
  const empty = emptyFigures();

  // Rows in inventory order (the province level first), each once.
  const rowIds: string[] = [];
  for (const s of inv.sites) {
    if (!inReport(s.id) || s.endpoints.length === 0) continue;
    const r = rowOf(s.id);
    if (!rowIds.includes(r)) rowIds.push(r);
  }
  rowIds.sort((a, b) => (a === PROVINCE_LEVEL ? -1 : b === PROVINCE_LEVEL ? 1 : 0));

  const meetings = countMeetings(d.schedule, inv, current.from, current.to, now, inReport, rowOf);
  const row = (key: string, id: string | null): ReportRow => ({
    id,
    name: id === null ? null : (byId.get(id)?.name ?? id),
    current: cur.groups.get(key) ?? empty,
    previous: prev.groups.get(key) ?? empty,
    meetings: meetings.perRow.get(id ?? PROVINCE_LEVEL) ?? { booked: 0, held: 0, disrupted: 0 },
  });
  const rows = rowIds.map((r) => row(group(r), r === PROVINCE_LEVEL ? null : r));
  const total: ReportRow = { ...row(TOTAL, null), meetings: meetings.total };

  const worst = inv.sites
    .filter((s) => inReport(s.id))
    .flatMap((s) => {
      const f = cur.groups.get(site(s.id));
      if (!f || f.availabilityPct === null || f.downMs <= 0) return [];
      const r = rowOf(s.id);
      return [{ id: s.id, name: s.name, groupName: r === PROVINCE_LEVEL ? null : (byId.get(r)?.name ?? null), figures: f }];
    })
    .sort((a, b) => a.figures.availabilityPct! - b.figures.availabilityPct! || b.figures.downMs - a.figures.downMs)
    .slice(0, WORST_SITES);

  const exclusions = listExclusions(d.history, inv, view, current.from, cur.until, inReport, now);
  return {
    province: inv.name,
    timeZone: tz,
    language: q.language,
    period: q.period,
    current: { ...current, until: cur.until },
    previous: { ...previous, until: prev.until },
    partial: cur.until < current.to,
    scope,
    scopedTo: view ? (caller.scope ?? []).filter((id) => byId.has(id)).map((id) => byId.get(id)!.name) : null,
    rowsAre,
    workingHours: wh,
    targetPct: AVAILABILITY_TARGET_PCT,
    rows,
    total,
    worst,
    meetings: { ...meetings.total, notHeld: meetings.notHeld, cancelled: meetings.cancelled },
    exclusions,
    hasData: total.current.measuredMs > 0,
    generatedAt: now,
  };
}

function emptyFigures(): Figures {
  return {
    endpoints: 0,
    measuredMs: 0,
    availabilityPct: null,
    downMs: 0,
    downMsByCause: Object.fromEntries(OUTAGE_CAUSES.map((c) => [c, 0])) as Figures['downMsByCause'],
    outages: 0,
    openOutages: 0,
    longestMs: 0,
    mttrMs: null,
    excludedMs: 0,
    p95: { packetLossPct: null, jitterMs: null, latencyMs: null },
  };
}

/**
 * Meetings with an occurrence starting in [from, to) and a site in the report: booked (not
 * cancelled), held (a run on the MCU), disrupted (held, and a site of the report left while it went
 * on), not held (its end has passed without a run), cancelled. Per row, an occurrence counts once
 * in each row one of its sites is in.
 */
function countMeetings(
  ctx: ScheduleContext,
  inv: Inventory,
  from: number,
  to: number,
  now: number,
  inReport: (siteId: string) => boolean,
  rowOf: (siteId: string) => string,
): { total: MeetingCounts; perRow: Map<string, MeetingCounts>; notHeld: number; cancelled: number } {
  const dir = siteDirectoryFromInventory(inv);
  const total: MeetingCounts = { booked: 0, held: 0, disrupted: 0 };
  const perRow = new Map<string, MeetingCounts>();
  let notHeld = 0;
  let cancelled = 0;
  for (const m of ctx.store.overlapping(from, to)) {
    const sites = [...meetingSiteIds(m, dir)].filter(inReport);
    if (sites.length === 0) continue;
    for (const o of expandOccurrences(m, inv.timezone).occurrences) {
      if (o.start < from || o.start >= to) continue;
      if (m.status === 'cancelled') {
        cancelled++;
        continue;
      }
      const run = ctx.runs.forOccurrence(m.id, o.start);
      const dropped = new Set(run ? ctx.runs.events(run.id).flatMap((e) => (e.event === 'leave' ? [e.siteId] : [])) : []);
      total.booked++;
      if (run) total.held++;
      else if (o.end <= now) notHeld++;
      if (run && sites.some((s) => dropped.has(s))) total.disrupted++;
      for (const r of new Set(sites.map(rowOf))) {
        let c = perRow.get(r);
        if (!c) perRow.set(r, (c = { booked: 0, held: 0, disrupted: 0 }));
        c.booked++;
        if (run) c.held++;
        if (run && sites.some((s) => rowOf(s) === r && dropped.has(s))) c.disrupted++;
      }
    }
  }
  return { total, perRow, notHeld, cancelled };
}

/**
 * Maintenance windows that apply to a site of the report (its own, or a subtree window of a site
 * above it) and the engine's stops, inside [from, until). A window on a site the caller cannot see
 * keeps its times but not its site, and its reason loses any hidden site's name.
 */
function listExclusions(history: HistoryService, inv: Inventory, view: ScopeView | null, from: number, until: number, inReport: (siteId: string) => boolean, now: number): Exclusion[] {
  const byId = new Map(inv.sites.map((s) => [s.id, s]));
  const ancestors = (id: string): string[] => {
    const out: string[] = [];
    for (let p = byId.get(id)?.parent; p && out.length < 64; p = byId.get(p)?.parent) out.push(p);
    return out;
  };
  const reportSites = inv.sites.filter((s) => inReport(s.id)).map((s) => s.id);
  const minutes = (start: number, end: number | null) => Math.max(0, Math.min(end ?? until, until) - Math.max(start, from)) / 60_000;
  const { maintenance, notRunning } = history.exclusions(from, until);
  const out: Exclusion[] = [];
  for (const w of maintenance) {
    const applies = reportSites.some((s) => s === w.siteId || (w.subtree && ancestors(s).includes(w.siteId)));
    if (!applies) continue;
    const shown = !view || view.siteIds.has(w.siteId);
    out.push({
      kind: 'maintenance',
      siteId: shown ? w.siteId : REDACTED,
      siteName: shown ? (byId.get(w.siteId)?.name ?? w.siteId) : null,
      start: w.start,
      end: w.end,
      endPlanned: w.end !== null && w.end > now,
      minutesInPeriod: minutes(w.start, w.end),
      by: w.by,
      reason: view ? view.redact(w.reason) : w.reason,
    });
  }
  for (const s of notRunning) out.push({ kind: 'stopped', siteId: null, siteName: null, start: s.start, end: s.end, endPlanned: false, minutesInPeriod: minutes(s.start, s.end), by: null, reason: null });
  return out.sort((a, b) => a.start - b.start);
}
