import { summarise, type GroupAvailability } from '../../../shared/history/availability-groups.js';
import { availability, type EndpointAvailability, type EndpointRef, type MaintenanceWindow } from '../../../shared/history/availability.js';
import { merge, percentile, type Histogram, type RollupMetric } from '../../../shared/history/histogram.js';
import { P95_METRICS, type AvailabilityGrouping, type AvailabilityRow, type AvailabilityView } from '../../../shared/history/history-api.js';
import { rollupCover } from '../../../shared/history/rollup-cover.js';
import { DEFAULT_WORKING_HOURS, validateWorkingHours, type WorkingHoursInput, type WorkingWeek } from '../../../shared/history/working-hours.js';
import type { Inventory } from '../../../shared/inventory.js';
import type { Identity } from '../../../shared/roles.js';
import type { HistoryReader } from './history-reader.js';
import type { MaintenanceRecord } from './history-store.js';
import { viewOf } from './network-tree.js';

const NONE = '\u0000none';
const iso = (t: number): string => new Date(t).toISOString();

/** One group's figures as getAvailability words them (without the group's id and name). */
export type GroupFigures = Omit<AvailabilityRow, 'group' | 'name'>;

export interface FiguresByGroup {
  /** min(to, now): measuring stopped there. */
  readonly until: number;
  /** True when the figures cover the caller's part of the network only. */
  readonly scoped: boolean;
  readonly groups: Map<string, GroupFigures>;
}

/**
 * Availability over what is stored: time-weighted from outage intervals (shared/history's pure
 * functions), maintenance and the time the engine was not running left out, p95 from the rollups.
 */
export class AvailabilityQuery {
  private weekOf: { inv: Inventory; week: WorkingWeek } | null = null;

  constructor(
    private readonly r: HistoryReader,
    /** The working week of `workingHours` reports (default Mon–Fri 07:00–17:00 in the inventory's zone). */
    private readonly workingHours: WorkingHoursInput | undefined,
  ) {}

  /**
   * Availability per group over [from, to), for the caller's part of the network: a scoped
   * caller's groups are computed over the scope's endpoints only (a district row is the scope's
   * part of that district; one outside the scope is not named).
   */
  availability(caller: Identity, q: { from: number; to: number; groupBy: AvailabilityGrouping; workingHours?: boolean }): AvailabilityView {
    const t = this.r.tree();
    const view = viewOf(caller, t.inv);
    const groupOf = (siteId: string): string => {
      const site = t.siteOf.get(siteId)!;
      if (q.groupBy === 'site') return site.id;
      if (q.groupBy === 'tier') return site.tier;
      if (q.groupBy === 'province') return NONE;
      const d = t.districtOf(site.id);
      return d === null || (view && !view.siteIds.has(d)) ? NONE : d;
    };
    const r = this.figuresBy(caller, q, (siteId) => [groupOf(siteId)]);
    if (q.groupBy === 'province' && !r.groups.has(NONE)) r.groups.set(NONE, emptyFigures());
    const row = (g: string, f: GroupFigures): AvailabilityRow => {
      const name = g === NONE ? null : q.groupBy === 'tier' ? g : (t.siteOf.get(g)?.name ?? null);
      return { group: g === NONE ? null : g, name, ...f };
    };
    const order = q.groupBy === 'tier' ? t.inv.tiers : t.inv.sites.map((s) => s.id);
    const rows = [...r.groups].sort(([a], [b]) => rank(order, a) - rank(order, b)).map(([g, f]) => row(g, f));
    return { from: iso(q.from), to: iso(q.to), until: iso(r.until), groupBy: q.groupBy, workingHours: q.workingHours === true, scoped: r.scoped, rows };
  }

  /**
   * The figures of any grouping over [from, to), for the caller's part of the network (reports
   * group by district, by site and over everything at once): each endpoint counts in every group
   * `groupsOf` names for its site, none when it names none. Groups come out in the order first
   * named; a group with no endpoint of the caller's is absent.
   */
  figuresBy(caller: Identity, q: { from: number; to: number; workingHours?: boolean }, groupsOf: (siteId: string) => Iterable<string>): FiguresByGroup {
    this.r.flush();
    const now = this.r.now();
    const t = this.r.tree();
    const view = viewOf(caller, t.inv);
    const endpoints: EndpointRef[] = [];
    for (const s of t.inv.sites) {
      for (const e of s.endpoints) if (!view || view.endpointIds.has(e.id)) endpoints.push({ endpointId: e.id, siteId: s.id, knownSince: this.r.known.get(e.id) ?? now });
    }
    const ids = new Set(endpoints.map((e) => e.endpointId));
    const report = availability({
      from: q.from,
      to: q.to,
      now,
      endpoints,
      outages: this.r.store.outages(q.from, q.to).filter((o) => ids.has(o.endpointId)),
      maintenance: [...this.r.store.maintenance(q.from, q.to), ...this.notRunning(q.from, q.to, t.roots)],
      ancestorsOf: t.ancestorsOf,
      workingHours: q.workingHours ? this.workingWeek(t.inv) : undefined,
    });
    const members = new Map<string, EndpointAvailability[]>();
    for (const r of report.endpoints) {
      for (const g of new Set(groupsOf(r.siteId))) {
        const list = members.get(g);
        if (list) list.push(r);
        else members.set(g, [r]);
      }
    }
    const hist = this.periodHistograms(q.from, q.to, now, ids);
    const groups = new Map([...members].map(([g, list]) => [g, { ...figures(summarise(list)), p95: groupP95(list, hist) }] as const));
    return { until: report.until, scoped: view !== null, groups };
  }

  /**
   * What availability leaves out of [from, to): the maintenance windows recorded (with who set
   * them and why) and the time the engine was not running. Unfiltered: the caller picks the sites.
   */
  exclusions(from: number, to: number): { maintenance: MaintenanceRecord[]; notRunning: { start: number; end: number }[] } {
    this.r.flush();
    return { maintenance: this.r.store.maintenance(from, to), notRunning: this.stopped(from, to) };
  }

  /** Each endpoint's histogram per p95 metric over the period's rollups (closed minutes only), merged by SQLite per run of the cover. */
  private periodHistograms(from: number, to: number, now: number, ids: ReadonlySet<string>): Map<string, Map<RollupMetric, Histogram>> {
    const out = new Map<string, Map<RollupMetric, Histogram>>();
    for (const run of rollupCover(from, to, now, this.r.rollups.openMinute, this.r.store.levels)) {
      for (const r of this.r.store.sums(run.level, run.from, run.to, P95_METRICS)) {
        if (!ids.has(r.endpointId)) continue;
        let byMetric = out.get(r.endpointId);
        if (!byMetric) out.set(r.endpointId, (byMetric = new Map()));
        const had = byMetric.get(r.histogram.metric);
        byMetric.set(r.histogram.metric, had ? merge(had, r.histogram) : r.histogram);
      }
    }
    return out;
  }

  /** The time between runs of the engine inside [from, to), as windows over the whole tree. */
  private notRunning(from: number, to: number, roots: readonly string[]): MaintenanceWindow[] {
    return this.stopped(from, to).flatMap(({ start, end }) => roots.map((siteId) => ({ siteId, subtree: true, start, end })));
  }

  /** The spans between runs of the engine (last known alive → next start) that touch [from, to). */
  private stopped(from: number, to: number): { start: number; end: number }[] {
    const runs = this.r.store.runs();
    const out: { start: number; end: number }[] = [];
    for (let i = 1; i < runs.length; i++) {
      const start = runs[i - 1]!.aliveAt;
      const end = runs[i]!.startedAt;
      if (end > start && start < to && end > from) out.push({ start, end });
    }
    return out;
  }

  private workingWeek(inv: Inventory): WorkingWeek {
    if (this.weekOf?.inv !== inv) {
      const base = this.workingHours ?? DEFAULT_WORKING_HOURS;
      const r = validateWorkingHours({ ...base, timeZone: this.workingHours?.timeZone ?? inv.timezone });
      if (!r.ok) throw new Error(`history: the working hours are not valid (${r.error.params.reason})`);
      this.weekOf = { inv, week: r.value };
    }
    return this.weekOf.week;
  }
}

const rank = (order: readonly string[], g: string): number => {
  const i = order.indexOf(g);
  return i < 0 ? order.length : i;
};

function emptyFigures(): GroupFigures {
  return { ...figures(summarise([])), p95: groupP95([], new Map()) };
}

function figures(a: GroupAvailability): Omit<AvailabilityRow, 'group' | 'name' | 'p95'> {
  return {
    endpoints: a.endpoints,
    measuredMs: a.measuredMs,
    availabilityPct: a.availabilityPct,
    downMs: a.downMs,
    downMsByCause: { ...a.downMsByCause },
    outages: a.outages,
    openOutages: a.openOutages,
    longestMs: a.longestMs,
    mttrMs: a.mttrMs,
    excludedMs: a.excludedMs,
  };
}

function groupP95(list: readonly EndpointAvailability[], hist: Map<string, Map<RollupMetric, Histogram>>): AvailabilityRow['p95'] {
  const out = {} as Record<(typeof P95_METRICS)[number], { value: number; low: number; high: number } | null>;
  for (const m of P95_METRICS) {
    let h: Histogram | null = null;
    for (const r of list) {
      const part = hist.get(r.endpointId)?.get(m);
      if (part) h = h ? merge(h, part) : part;
    }
    const p = h ? percentile(h, 0.95) : null;
    out[m] = p && { value: p.value, low: p.low, high: p.high };
  }
  return out;
}
