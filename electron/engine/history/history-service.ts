import type { Maintenance } from '../../../shared/alarms/alarm-book.js';
import type { McuStatus } from '../../../shared/conference.js';
import { ROLLUP_METRICS, type RollupMetric } from '../../../shared/history/histogram.js';
import type { AvailabilityGrouping, AvailabilityView, HistoryView } from '../../../shared/history/history-api.js';
import { MCU_UNSEEN, nextMcuReach, type McuReach } from '../../../shared/history/mcu-reachability.js';
import { validateWorkingHours, type WorkingHoursInput } from '../../../shared/history/working-hours.js';
import type { Inventory } from '../../../shared/inventory.js';
import type { Identity } from '../../../shared/roles.js';
import type { EndpointStatus, Reachability, StatusDelta } from '../../../shared/status.js';
import { AvailabilityQuery, type FiguresByGroup } from './availability-query.js';
import { endpointHistory } from './endpoint-history.js';
import type { HistoryReader } from './history-reader.js';
import type { HistoryStore, MaintenanceRecord, RollupRow } from './history-store.js';
import { MaintenanceJournal } from './maintenance-journal.js';
import { networkTree } from './network-tree.js';
import { OutageRecorder } from './outage-recorder.js';
import { RollupAccumulator } from './rollup-accumulator.js';
import { restoreRollups } from './rollup-restore.js';

export type { FiguresByGroup, GroupFigures } from './availability-query.js';

/**
 * Link-health history (issue 10), fed by the status table: reachability transitions become outage
 * intervals (outage-recorder.ts) and quality readings become 1-minute histograms that roll up into
 * 15-minute, hourly and daily ones (rollup-accumulator.ts). Everything is gathered in memory on the
 * status path and written by `flush` (every 10 s and at close) in one transaction; old rows are
 * purged at most every 5 minutes. Reports (availability-query.ts, endpoint-history.ts) are computed
 * with shared/history's pure functions over what is stored.
 *
 * Rules this service adds:
 * - A transition's time is the verdict's (`measuredAt.reachability`) when the update carries a
 *   new one, else the time the service sees it; never before the endpoint's last transition, never
 *   after now.
 * - A sample is a metric whose `measuredAt` changed, with a finite value, on a row that is not
 *   stale; it counts in the minute the service receives it (within the status batch, 50 ms).
 * - An endpoint that leaves the inventory ends its open outage then.
 * - Restart: outages (and maintenance no longer in force) left open by the last run, cleanly
 *   stopped or crashed, are CLOSED at the time that run was last known alive (its last flush, at
 *   most 10 s before a crash). Nothing was measured after that; each codec starts `unknown` and
 *   an outage that is still on opens again at its first verdict. The time the engine was not
 *   running is left out of availability (with maintenance, in excludedMs), never counted as up.
 *   Rollups: the minute being filled is written at a clean stop and continued; coarse buckets that
 *   were open when the last run stopped are completed from their finer rows (rollup-restore.ts).
 * - Maintenance: the alarm service's windows, recorded as they are planned (maintenance-journal.ts).
 * - The MCU (shared/history/mcu-reachability.ts): while it is out of reach no site can meet, so
 *   every codec that reads up is in an outage of cause 'mcu', from the time the MCU was lost
 *   (exact to the driver's `since`) until it is back; a codec that is down or unreachable keeps its
 *   own cause, one that is unknown claims nothing. Without an MCU in the inventory: no such cause.
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
  /** The MCU's connection (null or absent: no MCU configured) and a call after each change. */
  readonly mcu?: { readonly status: () => McuStatus | null; readonly onChange: (listener: () => void) => () => void };
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

export class HistoryService {
  readonly now: () => number;
  readonly stats: HistoryStats = { samples: 0, transitions: 0, flushes: 0, outagesWritten: 0, rollupsWritten: 0, purgedRollups: 0, failedFlushes: 0 };
  private readonly outages: OutageRecorder;
  private readonly rollups: RollupAccumulator;
  private readonly journal: MaintenanceJournal;
  private readonly query: AvailabilityQuery;
  private readonly reader: HistoryReader;
  private readonly reach = new Map<string, { siteId: string; reachability: Reachability; measuredAt: string | undefined }>();
  private mcu: McuReach = MCU_UNSEEN;
  private readonly sampled = new Map<string, Partial<Record<RollupMetric, string>>>();
  private readonly known: Map<string, number>;
  private pendingRows: RollupRow[] = [];
  private pendingKnown: { endpointId: string; siteId: string; since: number }[] = [];
  private readonly flushEveryMs: number;
  private readonly purgeEveryMs: number;
  private lastPurge = -Infinity;
  private failing = false;
  private closed = false;
  private readonly timer: ReturnType<typeof setInterval> | null;
  private readonly offs: (() => void)[];

  constructor(
    private readonly store: HistoryStore,
    private readonly src: HistorySources,
    options: HistoryOptions = {},
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
    restoreRollups(store, this.rollups, lastAlive, now);
    const tree = networkTree(src.inventory);
    this.outages = new OutageRecorder(tree, src.status);
    this.reader = { store, now: this.now, flush: () => this.flush(), tree, known: this.known, rollups: this.rollups };
    this.query = new AvailabilityQuery(this.reader, options.workingHours);
    this.journal = new MaintenanceJournal(store.openMaintenance());
    this.journal.sync(src.maintenance(), now);
    this.onMcu(now);
    for (const s of src.statuses()) this.see(s, now);
    this.offs = [src.onDelta((d) => this.onDelta(d)), src.onMaintenanceChange(() => this.journal.sync(src.maintenance(), this.now()))];
    if (src.mcu) this.offs.push(src.mcu.onChange(() => !this.closed && this.onMcu(this.now())));
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
    this.reach.set(id, { siteId: s.siteId, reachability: s.reachability, measuredAt });

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
    if (prev) this.transition(endpointId, this.outages.openSite(endpointId) ?? '', 'unknown', now);
    this.reach.delete(endpointId);
    this.sampled.delete(endpointId);
  }

  private transition(endpointId: string, siteId: string, reachability: Reachability, at: number): void {
    if (this.outages.transition(endpointId, siteId, reachability, at, this.mcu.verdict === 'out')) this.stats.transitions++;
  }

  /** The MCU's status now: when its verdict changes, every codec's outage follows at that time. */
  private onMcu(now: number): void {
    const status = this.src.mcu?.status() ?? null;
    if (!status) return;
    const { next, changed } = nextMcuReach(this.mcu, status, now);
    this.mcu = next;
    if (!changed) return;
    const out = next.verdict === 'out';
    for (const [id, r] of this.reach) this.outages.transition(id, r.siteId, r.reachability, next.at, out);
  }

  private advance(now: number): void {
    const rows = this.rollups.advance(now);
    for (const r of rows) this.pendingRows.push(r);
  }

  // ─── Writing ─────────────────────────────────────────────────────────────────────────────────

  /** Write what was gathered, in one transaction; purge old rows when it is time. */
  flush(): void {
    const now = this.now();
    this.advance(now);
    try {
      const w = this.store.write({
        outages: this.outages.writes(),
        rollups: this.pendingRows,
        known: this.pendingKnown,
        maintenance: this.journal.writes(),
        aliveAt: now,
      });
      this.stats.flushes++;
      this.stats.outagesWritten += w.outages;
      this.stats.rollupsWritten += w.rollups;
      this.outages.taken();
      this.pendingRows = [];
      this.pendingKnown = [];
      this.journal.taken();
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

  // ─── Reports ─────────────────────────────────────────────────────────────────────────────────

  /** Availability per group over [from, to) for the caller's part of the network (availability-query.ts). */
  availability(caller: Identity, q: { from: number; to: number; groupBy: AvailabilityGrouping; workingHours?: boolean }): AvailabilityView {
    return this.query.availability(caller, q);
  }

  /** The figures of any grouping over [from, to) for the caller's part of the network (availability-query.ts). */
  figuresBy(caller: Identity, q: { from: number; to: number; workingHours?: boolean }, groupsOf: (siteId: string) => Iterable<string>): FiguresByGroup {
    return this.query.figuresBy(caller, q, groupsOf);
  }

  /** What availability leaves out of [from, to): maintenance recorded and the time the engine was not running. */
  exclusions(from: number, to: number): { maintenance: MaintenanceRecord[]; notRunning: { start: number; end: number }[] } {
    return this.query.exclusions(from, to);
  }

  /** One endpoint's metric and outages over [from, to); null for one the caller cannot see (endpoint-history.ts). */
  history(caller: Identity, q: { endpointId: string; metric: RollupMetric; from: number; to: number }): HistoryView | null {
    return endpointHistory(this.reader, caller, q);
  }
}
