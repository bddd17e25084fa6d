import type { Maintenance } from '../../../shared/alarms/alarm-book.js';
import { summarise, type GroupAvailability } from '../../../shared/history/availability-groups.js';
import { availability, type EndpointAvailability, type EndpointRef, type MaintenanceWindow } from '../../../shared/history/availability.js';
import { ROLLUP_METRICS, merge, mean, percentile, type Histogram, type RollupMetric } from '../../../shared/history/histogram.js';
import { MAX_HISTORY_POINTS, P95_METRICS, type AvailabilityGrouping, type AvailabilityRow, type AvailabilityView, type HistoryView } from '../../../shared/history/history-api.js';
import { OutageTracker, type Outage } from '../../../shared/history/outage-tracker.js';
import { rollupCover } from '../../../shared/history/rollup-cover.js';
import { ROLLUP_LEVELS, bucketStart, levelFor, type RollupLevel } from '../../../shared/history/rollup.js';
import { DEFAULT_WORKING_HOURS, validateWorkingHours, type WorkingHoursInput, type WorkingWeek } from '../../../shared/history/working-hours.js';
import { districtResolver, type Inventory } from '../../../shared/inventory.js';
import { isScoped, type Identity } from '../../../shared/roles.js';
import { scopeView, type ScopeView } from '../../../shared/scope.js';
import type { EndpointStatus, Reachability, StatusDelta } from '../../../shared/status.js';
import type { HistoryStore, MaintenanceRecord, OutageWrite, RollupRow } from './history-store.js';
import { RollupAccumulator } from './rollup-accumulator.js';

/**
 * Link-health history (issue 10), fed by the status table: reachability transitions become outage
 * intervals (shared/history/outage-tracker.ts) and quality readings become 1-minute histograms that
 * roll up into 15-minute, hourly and daily ones (rollup-accumulator.ts). Everything is gathered in
 * memory on the status path and written by `flush` (every 10 s and at close) in one transaction;
 * old rows are purged at most every 5 minutes. Reports (availability, one endpoint's history) are
 * computed with shared/history's pure functions over what is stored.
 *
 * Rules this service adds:
 * - A transition's time is the verdict's (`measuredAt.reachability`) when the update carries a
 *   new one, else the time the service sees it; never before the endpoint's last transition, never
 *   after now. `behind` (for unreachable) is the nearest site above whose codecs read down or
 *   unreachable and none up, as the monitoring derives it, read when the transition arrives.
 * - A sample is a metric whose `measuredAt` changed, with a finite value, on a row that is not
 *   stale; it counts in the minute the service receives it (within the status batch, 50 ms).
 * - An endpoint that leaves the inventory ends its open outage then.
 * - Restart: outages (and maintenance no longer in force) left open by the last run, cleanly
 *   stopped or crashed, are CLOSED at the time that run was last known alive (its last flush, at
 *   most 10 s before a crash). Nothing was measured after that; each codec starts `unknown` and
 *   an outage that is still on opens again at its first verdict. The time the engine was not
 *   running is left out of availability (with maintenance, in excludedMs), never counted as up.
 *   Rollups: the minute being filled is written at a clean stop and continued; coarse buckets that
 *   were open when the last run stopped are completed from their finer rows.
 * - Maintenance: the alarm service's windows (a site's subtree, from its `from`, until its planned
 *   `until` or open-ended) recorded here as they are planned, since availability needs past
 *   windows; one ended early (or replaced) ends when it is ended, a planned one never ended before
 *   it began keeps no time at all.
 */

export interface HistorySources {
  readonly inventory: () => Inventory;
  /** The status rows now (the service starts from them). */
  readonly statuses: () => Iterable<EndpointStatus>;
  readonly status: (endpointId: string) => EndpointStatus | undefined;
  readonly onDelta: (listener: (delta: StatusDelta) => void) => () => void;
  /** The sites in maintenance now (the alarm service's list) and a call after each change. */
  readonly maintenance: () => readonly Maintenance[];
  readonly onMaintenanceChange: (listener: () => void) => () => void;
}

export interface HistoryOptions {
  readonly now?: () => number;
  /** Write what was gathered this often (default 10 s); 0: only when `flush` is called (tests). */
  readonly flushEveryMs?: number;
  /** Purge rows past retention at most this often (default 5 minutes). */
  readonly purgeEveryMs?: number;
  /** The working week of `workingHours` reports (default Mon–Fri 07:00–17:00 in the inventory's zone). */
  readonly workingHours?: WorkingHoursInput;
}

export interface HistoryStats {
  samples: number;
  transitions: number;
  flushes: number;
  outagesWritten: number;
  rollupsWritten: number;
  purgedRollups: number;
  failedFlushes: number;
}

/** At most this many closed rollup rows wait for a database that fails to take them. */
const MAX_PENDING_ROWS = 2_000_000;
const NONE = '\u0000none';

interface Tree {
  readonly inv: Inventory;
  readonly siteOf: ReadonlyMap<string, { id: string; name: string; tier: string; parent?: string; endpoints: readonly { id: string }[] }>;
  readonly ancestorsOf: (siteId: string) => string[];
  readonly districtOf: (siteId: string) => string | null;
  readonly roots: readonly string[];
}

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

export class HistoryService {
  readonly now: () => number;
  readonly stats: HistoryStats = { samples: 0, transitions: 0, flushes: 0, outagesWritten: 0, rollupsWritten: 0, purgedRollups: 0, failedFlushes: 0 };
  private readonly tracker = new OutageTracker();
  private readonly rollups: RollupAccumulator;
  private readonly reach = new Map<string, { reachability: Reachability; measuredAt: string | undefined }>();
  private readonly sampled = new Map<string, Partial<Record<RollupMetric, string>>>();
  private readonly known: Map<string, number>;
  private readonly openMaintenance: Map<string, MaintenanceRecord>;
  private pendingOutages = new Map<string, OutageWrite>();
  private pendingRows: RollupRow[] = [];
  private pendingKnown: { endpointId: string; siteId: string; since: number }[] = [];
  private pendingMaintenance = new Map<string, MaintenanceRecord>();
  private readonly flushEveryMs: number;
  private readonly purgeEveryMs: number;
  private lastPurge = -Infinity;
  private failing = false;
  private closed = false;
  private treeOf: Tree | null = null;
  private weekOf: { inv: Inventory; week: WorkingWeek } | null = null;
  private readonly timer: ReturnType<typeof setInterval> | null;
  private readonly offs: (() => void)[];

  constructor(
    private readonly store: HistoryStore,
    private readonly src: HistorySources,
    private readonly options: HistoryOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.flushEveryMs = options.flushEveryMs ?? 10_000;
    this.purgeEveryMs = options.purgeEveryMs ?? 5 * 60_000;
    if (options.workingHours) {
      const r = validateWorkingHours(options.workingHours);
      if (!r.ok) throw new Error(`history: the working hours are not valid (${r.error.params.reason}${r.error.params.day ? `, ${r.error.params.day}` : ''})`);
    }
    const now = this.now();
    const inForce = (siteId: string, start: number) => src.maintenance().some((m) => m.siteId === siteId && m.from === start);
    const lastAlive = store.startRun(now, inForce);
    this.known = store.known();
    this.rollups = new RollupAccumulator(now);
    this.restoreRollups(lastAlive, now);
    this.openMaintenance = new Map(store.openMaintenance().map((m) => [m.siteId, m]));
    this.syncMaintenance(now);
    for (const s of src.statuses()) this.see(s, now);
    this.offs = [src.onDelta((d) => this.onDelta(d)), src.onMaintenanceChange(() => this.syncMaintenance(this.now()))];
    this.timer = this.flushEveryMs > 0 ? setInterval(() => this.flush(), this.flushEveryMs) : null;
    this.timer?.unref?.();
  }

  // ─── Gathering (the status path: memory only) ────────────────────────────────────────────────

  private onDelta(d: StatusDelta): void {
    if (this.closed) return;
    const now = this.now();
    this.advance(now);
    for (const s of d.updates) this.see(s, now);
    for (const id of d.removed) this.forget(id, now);
  }

  private see(s: EndpointStatus, now: number): void {
    const id = s.endpointId;
    if (!this.known.has(id)) {
      this.known.set(id, now);
      this.pendingKnown.push({ endpointId: id, siteId: s.siteId, since: now });
    }
    const prev = this.reach.get(id);
    const measuredAt = s.measuredAt['reachability'];
    if (prev?.reachability !== s.reachability) {
      const verdict = measuredAt !== undefined && measuredAt !== prev?.measuredAt ? Date.parse(measuredAt) : NaN;
      this.transition(id, s.siteId, s.reachability, Number.isFinite(verdict) ? Math.min(verdict, now) : now);
    }
    this.reach.set(id, { reachability: s.reachability, measuredAt });

    let seen = this.sampled.get(id);
    for (const m of ROLLUP_METRICS) {
      const at = s.measuredAt[m];
      if (at === undefined || at === seen?.[m]) continue;
      if (!seen) this.sampled.set(id, (seen = {}));
      // Seen even when stale, so a stale value never counts later either.
      seen[m] = at;
      const v = s[m];
      if (s.stale || typeof v !== 'number' || !Number.isFinite(v)) continue;
      this.rollups.add(id, m, v);
      this.stats.samples++;
    }
  }

  private forget(endpointId: string, now: number): void {
    const prev = this.reach.get(endpointId);
    if (prev) this.transition(endpointId, this.tracker.openOutage(endpointId)?.siteId ?? '', 'unknown', now);
    this.reach.delete(endpointId);
    this.sampled.delete(endpointId);
  }

  private transition(endpointId: string, siteId: string, reachability: Reachability, at: number): void {
    const when = Math.max(at, this.tracker.lastAt(endpointId) ?? -Infinity);
    const before = this.tracker.openOutage(endpointId);
    const behind = reachability === 'unreachable' ? this.behind(siteId) : null;
    const r = this.tracker.apply({ endpointId, siteId, reachability, at: when, behind });
    if (!r.ok) {
      console.error(`bridgepoint: history: transition of ${endpointId} refused (${r.error.code})`);
      return;
    }
    this.stats.transitions++;
    for (const c of r.closed) this.putOutage(c);
    // Replaced at the instant it opened: a piece of no length, not stored.
    if (before && this.tracker.openOutage(endpointId) !== before && !r.closed.some((c) => c.start === before.start)) {
      this.pendingOutages.set(`${endpointId}\u0000${before.start}`, { kind: 'drop', endpointId, start: before.start });
    }
    if (r.opened) this.putOutage(r.opened);
  }

  private putOutage(o: Outage): void {
    this.pendingOutages.set(`${o.endpointId}\u0000${o.start}`, { kind: 'put', outage: o });
  }

  /** The nearest site above whose codecs read down or unreachable, none up (deriveNetworkReachability's rule). */
  private behind(siteId: string): string | null {
    const t = this.tree();
    for (const a of t.ancestorsOf(siteId)) {
      const eps = t.siteOf.get(a)?.endpoints ?? [];
      let out = false;
      let up = false;
      for (const e of eps) {
        const r = this.src.status(e.id)?.reachability;
        out ||= r === 'down' || r === 'unreachable';
        up ||= r === 'up';
      }
      if (out && !up) return a;
    }
    return null;
  }

  private advance(now: number): void {
    const rows = this.rollups.advance(now);
    for (const r of rows) this.pendingRows.push(r);
  }

  /**
   * Record each window the alarm service has (its real from and planned until), end those it no
   * longer has: at now, or at their planned end if that came first (a window that ended by itself).
   */
  private syncMaintenance(now: number): void {
    const list = this.src.maintenance();
    for (const [siteId, w] of this.openMaintenance) {
      if (list.some((m) => m.siteId === siteId && m.from === w.start && m.until === w.end)) continue;
      const endedAt = Math.max(w.start, now);
      const ended = { ...w, end: w.end === null ? endedAt : Math.min(w.end, endedAt) };
      this.pendingMaintenance.set(`${siteId}\u0000${w.start}`, ended);
      this.openMaintenance.delete(siteId);
    }
    for (const m of list) {
      if (this.openMaintenance.has(m.siteId)) continue;
      const w: MaintenanceRecord = { siteId: m.siteId, subtree: true, start: m.from, end: m.until, by: m.by, reason: m.reason };
      this.openMaintenance.set(m.siteId, w);
      this.pendingMaintenance.set(`${m.siteId}\u0000${m.from}`, w);
    }
  }

  // ─── Writing ─────────────────────────────────────────────────────────────────────────────────

  /** Write what was gathered, in one transaction; purge old rows when it is time. */
  flush(): void {
    const now = this.now();
    this.advance(now);
    try {
      const w = this.store.write({
        outages: this.pendingOutages.values(),
        rollups: this.pendingRows,
        known: this.pendingKnown,
        maintenance: this.pendingMaintenance.values(),
        aliveAt: now,
      });
      this.stats.flushes++;
      this.stats.outagesWritten += w.outages;
      this.stats.rollupsWritten += w.rollups;
      this.pendingOutages = new Map();
      this.pendingRows = [];
      this.pendingKnown = [];
      this.pendingMaintenance = new Map();
      if (this.failing) console.error('bridgepoint: history: writing again');
      this.failing = false;
    } catch (e) {
      this.stats.failedFlushes++;
      if (!this.failing) console.error('bridgepoint: history: cannot write (kept in memory, retried at the next flush):', e);
      this.failing = true;
      if (this.pendingRows.length > MAX_PENDING_ROWS) this.pendingRows = this.pendingRows.slice(-MAX_PENDING_ROWS);
      return;
    }
    if (now - this.lastPurge >= this.purgeEveryMs) {
      this.lastPurge = now;
      try {
        this.stats.purgedRollups += this.store.purge(now).rollups;
      } catch (e) {
        console.error('bridgepoint: history: purge failed:', e);
      }
    }
  }

  close(): void {
    if (this.closed) return;
    if (this.timer) clearInterval(this.timer);
    for (const off of this.offs) off();
    this.advance(this.now());
    // The minute being filled, as it stands: the next start continues it.
    for (const r of this.rollups.partialMinute()) this.pendingRows.push(r);
    this.flush();
    // Rollup rows the store still has queued for later slices: written now (nothing lost at a clean stop).
    this.store.drain();
    this.closed = true;
  }

  /**
   * After a restart: the minute being filled (written at a clean stop in this same minute), the
   * coarse buckets that were open when the last run stopped and have closed since (completed from
   * their finer rows and written), and what each coarse bucket open now already holds.
   */
  private restoreRollups(lastAlive: number | null, now: number): void {
    const [m1, ...coarse] = ROLLUP_LEVELS;
    const open = (l: RollupLevel) => bucketStart(l, now);
    this.rollups.restore(m1!.id, this.store.rollups(m1!.id, open(m1!), open(m1!) + 1));
    if (lastAlive !== null) {
      coarse.forEach((l, i) => {
        const finer = ROLLUP_LEVELS[i]!;
        const b = bucketStart(l, lastAlive);
        if (b >= open(l)) return;
        const merged = new Map<string, RollupRow>();
        for (const r of this.store.rollups(finer.id, b, b + l.bucketMs)) {
          const key = `${r.endpointId}\u0000${r.histogram.metric}`;
          const had = merged.get(key);
          merged.set(key, { level: l.id, bucketStart: b, endpointId: r.endpointId, histogram: had ? merge(had.histogram, r.histogram) : r.histogram });
        }
        this.store.write({ outages: [], rollups: merged.values(), known: [], maintenance: [], aliveAt: lastAlive });
      });
    }
    coarse.forEach((l, i) => {
      const finer = ROLLUP_LEVELS[i]!;
      const rows = [...this.store.rollups(finer.id, open(l), open(finer))].map((r) => ({ ...r, level: l.id, bucketStart: open(l) }));
      this.rollups.restore(l.id, rows);
    });
  }

  // ─── Reports ─────────────────────────────────────────────────────────────────────────────────

  /**
   * Availability per group over [from, to), for the caller's part of the network: a scoped
   * caller's groups are computed over the scope's endpoints only (a district row is the scope's
   * part of that district; one outside the scope is not named).
   */
  availability(caller: Identity, q: { from: number; to: number; groupBy: AvailabilityGrouping; workingHours?: boolean }): AvailabilityView {
    const t = this.tree();
    const view = this.viewOf(caller, t.inv);
    const groupOf = (siteId: string): string => {
      const site = t.siteOf.get(siteId)!;
      if (q.groupBy === 'site') return site.id;
      if (q.groupBy === 'tier') return site.tier;
      if (q.groupBy === 'province') return NONE;
      const d = t.districtOf(site.id);
      return d === null || (view && !view.siteIds.has(d)) ? NONE : d;
    };
    const r = this.figuresBy(caller, q, (siteId) => [groupOf(siteId)]);
    if (q.groupBy === 'province' && !r.groups.has(NONE)) r.groups.set(NONE, this.emptyFigures());
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
    this.flush();
    const now = this.now();
    const t = this.tree();
    const view = this.viewOf(caller, t.inv);
    const endpoints: EndpointRef[] = [];
    for (const s of t.inv.sites) {
      for (const e of s.endpoints) if (!view || view.endpointIds.has(e.id)) endpoints.push({ endpointId: e.id, siteId: s.id, knownSince: this.known.get(e.id) ?? now });
    }
    const ids = new Set(endpoints.map((e) => e.endpointId));
    const report = availability({
      from: q.from,
      to: q.to,
      now,
      endpoints,
      outages: this.store.outages(q.from, q.to).filter((o) => ids.has(o.endpointId)),
      maintenance: [...this.store.maintenance(q.from, q.to), ...this.notRunning(q.from, q.to, t.roots)],
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
    this.flush();
    return { maintenance: this.store.maintenance(from, to), notRunning: this.stopped(from, to) };
  }

  private emptyFigures(): GroupFigures {
    return { ...figures(summarise([])), p95: groupP95([], new Map()) };
  }

  /**
   * One endpoint's metric over [from, to) at the finest level kept that gives at most
   * MAX_HISTORY_POINTS buckets, with its outages in the range. Null for an endpoint the caller
   * cannot see (not in the inventory, or outside the scope): the handler answers as for an unknown id.
   */
  history(caller: Identity, q: { endpointId: string; metric: RollupMetric; from: number; to: number }): HistoryView | null {
    const t = this.tree();
    const view = this.viewOf(caller, t.inv);
    const inInventory = t.inv.sites.some((s) => s.endpoints.some((e) => e.id === q.endpointId));
    if (!inInventory || (view && !view.endpointIds.has(q.endpointId))) return null;
    this.flush();
    const now = this.now();
    const level = historyLevel(q.from, q.to, now, this.store.levels);
    const end = Math.min(q.to, this.rollups.openMinute);
    const starts: number[] = [];
    for (let b = bucketStart(level, q.from); b < end; b += level.bucketMs) starts.push(b);
    const rows = this.store.points(level.id, q.endpointId, q.metric, starts).map((r) => ({ at: r.bucketStart, h: r.histogram }));
    const open = this.rollups.open(level.id).bucket;
    const soFar = level.id === '1m' ? null : this.rollups.closedSoFar(level.id, q.endpointId, q.metric);
    if (soFar && open >= bucketStart(level, q.from) && open < end) rows.push({ at: open, h: soFar });
    const points = rows.map(({ at, h }) => ({ at: iso(at), count: h.count, min: h.min, avg: mean(h), max: h.max, p95: percentile(h, 0.95)?.value ?? null }));
    const outages = this.store.outages(q.from, q.to, q.endpointId).map((o) => ({
      start: iso(o.start),
      end: o.end === null ? null : iso(o.end),
      cause: o.cause,
      behind: o.behind !== null && view && !view.siteIds.has(o.behind) ? null : o.behind,
    }));
    return { endpointId: q.endpointId, metric: q.metric, from: iso(q.from), to: iso(q.to), level: level.id, bucketMs: level.bucketMs, points, outages };
  }

  /** Each endpoint's histogram per p95 metric over the period's rollups (closed minutes only), merged by SQLite per run of the cover. */
  private periodHistograms(from: number, to: number, now: number, ids: ReadonlySet<string>): Map<string, Map<RollupMetric, Histogram>> {
    const out = new Map<string, Map<RollupMetric, Histogram>>();
    for (const run of rollupCover(from, to, now, this.rollups.openMinute, this.store.levels)) {
      for (const r of this.store.sums(run.level, run.from, run.to, P95_METRICS)) {
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
    const runs = this.store.runs();
    const out: { start: number; end: number }[] = [];
    for (let i = 1; i < runs.length; i++) {
      const start = runs[i - 1]!.aliveAt;
      const end = runs[i]!.startedAt;
      if (end > start && start < to && end > from) out.push({ start, end });
    }
    return out;
  }

  private viewOf(caller: Identity, inv: Inventory): ScopeView | null {
    return isScoped(caller) ? scopeView(inv.sites, caller.scope ?? []) : null;
  }

  private workingWeek(inv: Inventory): WorkingWeek {
    if (this.weekOf?.inv !== inv) {
      const base = this.options.workingHours ?? DEFAULT_WORKING_HOURS;
      const r = validateWorkingHours({ ...base, timeZone: this.options.workingHours?.timeZone ?? inv.timezone });
      if (!r.ok) throw new Error(`history: the working hours are not valid (${r.error.params.reason})`);
      this.weekOf = { inv, week: r.value };
    }
    return this.weekOf.week;
  }

  private tree(): Tree {
    const inv = this.src.inventory();
    if (this.treeOf?.inv !== inv) {
      const siteOf = new Map(inv.sites.map((s) => [s.id, s]));
      const ancestorsOf = (site: string): string[] => {
        const out: string[] = [];
        for (let p = siteOf.get(site)?.parent; p && out.length < 64; p = siteOf.get(p)?.parent) out.push(p);
        return out;
      };
      const roots = inv.sites.filter((s) => !s.parent || !siteOf.has(s.parent)).map((s) => s.id);
      this.treeOf = { inv, siteOf, ancestorsOf, districtOf: districtResolver(inv), roots };
    }
    return this.treeOf;
  }
}

/** The finest level kept for `from` (under the engine's retention) whose buckets over the range stay within MAX_HISTORY_POINTS. */
export function historyLevel(from: number, to: number, now: number, levels: readonly RollupLevel[] = ROLLUP_LEVELS): RollupLevel {
  const coarsest = levels[levels.length - 1]!;
  const finest = levelFor(from, now, levels) ?? coarsest;
  return levels.slice(levels.indexOf(finest)).find((l) => (to - from) / l.bucketMs <= MAX_HISTORY_POINTS) ?? coarsest;
}

const rank = (order: readonly string[], g: string): number => {
  const i = order.indexOf(g);
  return i < 0 ? order.length : i;
};

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
