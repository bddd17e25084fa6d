import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { MaintenanceWindow } from '../../../shared/history/availability.js';
import type { RollupMetric } from '../../../shared/history/histogram.js';
import type { Outage } from '../../../shared/history/outage-tracker.js';
import { levelsOrThrow, type RollupRetention } from '../../../shared/history/retention.js';
import type { RollupLevel, RollupLevelId } from '../../../shared/history/rollup.js';
import { MINUTE, type RollupRow, type SeriesSum } from './histogram-rows.js';
import { RollupTable } from './rollup-table.js';
import { SlicedWriter, type SliceOptions } from './sliced-writer.js';

export type { RollupRow, SeriesSum } from './histogram-rows.js';

/**
 * Link-health history in SQLite (migrations 6, 7 and 9): outage intervals, metric rollups (one
 * row per level, bucket and endpoint with a histogram of each metric; endpoints by a series
 * number), when each endpoint was first known, maintenance windows with an end, and the engine's
 * runs. The service (history-service.ts) gathers changes in memory and hands them here as one
 * batch per flush. Outages, maintenance and the heartbeat go in one transaction with the first
 * slice of the rollup rows; the rest follow in slices of their own (sliced-writer.ts), so a
 * minute's close at 5,000 codecs is not one long task (the rollups' table: rollup-table.ts).
 * Every read of rollups first writes what is still queued (`drain`), so it sees every row handed
 * over; nothing here runs on the status path.
 */

export interface HistoryStoreOptions extends SliceOptions {
  /** How long each level is kept (retention.ts; the figures where not given). Checked: RangeError. */
  readonly retention?: Partial<RollupRetention>;
}

export interface MaintenanceRecord extends MaintenanceWindow {
  readonly by: string;
  readonly reason: string;
}

/** An outage piece to store (by endpoint and start), or a key whose row is to go (a piece of no length). */
export type OutageWrite = { readonly kind: 'put'; readonly outage: Outage } | { readonly kind: 'drop'; readonly endpointId: string; readonly start: number };

export interface HistoryBatch {
  readonly outages: Iterable<OutageWrite>;
  readonly rollups: Iterable<RollupRow>;
  readonly known: Iterable<{ readonly endpointId: string; readonly siteId: string; readonly since: number }>;
  readonly maintenance: Iterable<MaintenanceRecord>;
  /** The engine was alive at this time (the current run's heartbeat). */
  readonly aliveAt: number;
}


export interface EngineRun {
  readonly startedAt: number;
  readonly aliveAt: number;
}

export interface PurgeResult {
  readonly rollups: number;
  readonly outages: number;
  readonly maintenance: number;
}


interface OutageDbRow {
  endpoint_id: string;
  site_id: string;
  start_ms: number;
  end_ms: number | null;
  cause: Outage['cause'];
  behind: string | null;
}

const toOutage = (r: OutageDbRow): Outage => ({ endpointId: r.endpoint_id, siteId: r.site_id, start: r.start_ms, end: r.end_ms, cause: r.cause, behind: r.behind });

export class HistoryStore {
  private readonly putOutage: StatementSync;
  private readonly dropOutage: StatementSync;
  private readonly table: RollupTable;
  private readonly putKnown: StatementSync;
  private readonly putMaintenance: StatementSync;
  private readonly heartbeat: StatementSync;
  private readonly slices: SlicedWriter<RollupRow>;
  private runId: number | null = null;
  private drainFailing = false;
  /** The rollup levels with this engine's retention. */
  readonly levels: readonly RollupLevel[];

  constructor(
    private readonly db: DatabaseSync,
    options: HistoryStoreOptions = {},
  ) {
    this.levels = levelsOrThrow(options.retention);
    this.table = new RollupTable(db);
    this.slices = new SlicedWriter<RollupRow>((items, extra) => {
      this.tx(() => {
        extra?.();
        this.table.put(items);
      });
    }, options);
    this.putOutage = db.prepare(
      `INSERT INTO history_outages (endpoint_id, start_ms, end_ms, site_id, cause, behind) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (endpoint_id, start_ms) DO UPDATE SET end_ms = excluded.end_ms, site_id = excluded.site_id, cause = excluded.cause, behind = excluded.behind`,
    );
    this.dropOutage = db.prepare('DELETE FROM history_outages WHERE endpoint_id = ? AND start_ms = ?');
    this.putKnown = db.prepare('INSERT INTO history_known (endpoint_id, site_id, since_ms) VALUES (?, ?, ?) ON CONFLICT (endpoint_id) DO NOTHING');
    this.putMaintenance = db.prepare(
      `INSERT INTO history_maintenance (site_id, start_ms, end_ms, subtree, by, reason) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (site_id, start_ms) DO UPDATE SET end_ms = excluded.end_ms, subtree = excluded.subtree, by = excluded.by, reason = excluded.reason`,
    );
    this.heartbeat = db.prepare('UPDATE history_runs SET alive_ms = MAX(alive_ms, ?) WHERE id = ?');
  }

  /** Every run before this one, oldest first. */
  runs(): EngineRun[] {
    return (this.db.prepare('SELECT started_ms AS startedAt, alive_ms AS aliveAt FROM history_runs ORDER BY id').all() as unknown as EngineRun[]).map((r) => ({ ...r }));
  }

  /**
   * Begin this run. Whatever the last run left open (an outage, a maintenance the alarm service
   * no longer has) ended when that run was last known alive: closed there, in one transaction with
   * the new run's row. Returns that time (null on the first run).
   */
  startRun(now: number, stillInMaintenance: (siteId: string, start: number) => boolean): number | null {
    const last = this.db.prepare('SELECT alive_ms AS aliveAt FROM history_runs ORDER BY id DESC LIMIT 1').get() as { aliveAt: number } | undefined;
    const lastAlive = last?.aliveAt ?? null;
    this.tx(() => {
      if (lastAlive !== null) {
        this.db.prepare('UPDATE history_outages SET end_ms = MAX(start_ms + 1, ?) WHERE end_ms IS NULL').run(lastAlive);
        for (const m of this.openMaintenance()) {
          if (!stillInMaintenance(m.siteId, m.start)) this.db.prepare('UPDATE history_maintenance SET end_ms = MAX(start_ms, ?) WHERE site_id = ? AND start_ms = ?').run(lastAlive, m.siteId, m.start);
        }
      }
      this.runId = Number(this.db.prepare('INSERT INTO history_runs (started_ms, alive_ms) VALUES (?, ?)').run(now, now).lastInsertRowid);
    });
    return lastAlive;
  }

  /**
   * One flush: outages, first-seen times, maintenance, the heartbeat and the first slice of the
   * rollup rows in one transaction (all or nothing: on a throw nothing of the batch is taken); the
   * other rollup rows in later slices. Returns the outage writes and the metric rollups taken.
   */
  write(batch: HistoryBatch): { outages: number; rollups: number } {
    let outages = 0;
    const rows: RollupRow[] = [];
    for (const r of batch.rollups) {
      const h = r.histogram;
      if (h.count === 0 || h.min === null || h.max === null) continue;
      if (r.bucketStart % MINUTE !== 0) throw new RangeError(`history: a ${r.level} bucket starts at ${r.bucketStart}, not on a minute`);
      rows.push(r);
    }
    this.slices.push(rows, () => {
      for (const w of batch.outages) {
        if (w.kind === 'drop') this.dropOutage.run(w.endpointId, w.start);
        else {
          const o = w.outage;
          this.putOutage.run(o.endpointId, o.start, o.end, o.siteId, o.cause, o.behind);
        }
        outages++;
      }
      for (const k of batch.known) this.putKnown.run(k.endpointId, k.siteId, k.since);
      for (const m of batch.maintenance) this.putMaintenance.run(m.siteId, m.start, m.end, m.subtree ? 1 : 0, m.by, m.reason);
      if (this.runId !== null) this.heartbeat.run(batch.aliveAt, this.runId);
    });
    return { outages, rollups: rows.length };
  }

  /** Rollup rows handed over and not yet written (in slices to come). */
  get queuedRollups(): number {
    return this.slices.queued;
  }

  /**
   * Write every queued rollup row now, in one transaction: before each read, and at shutdown
   * (HistoryService.close). A failure is logged once and the rows stay queued; reads go on with
   * what the file holds.
   */
  drain(): void {
    try {
      this.slices.drain();
      this.drainFailing = false;
    } catch (e) {
      if (!this.drainFailing) console.error('bridgepoint: history: cannot write the queued rollup rows (kept, retried):', e);
      this.drainFailing = true;
    }
  }

  /** Rollup rows past their level's retention, and outages and maintenance ended longer ago than the daily rows are kept. */
  purge(now: number): PurgeResult {
    let rollups = 0;
    let outages = 0;
    let maintenance = 0;
    const keepMs = this.levels[this.levels.length - 1]!.retentionMs;
    // Rows still queued are left to their slices (recent rows: a purge reaches only old ones).
    this.tx(() => {
      rollups = this.table.purge(this.levels, now);
      outages = Number(this.db.prepare('DELETE FROM history_outages WHERE end_ms < ?').run(now - keepMs).changes);
      maintenance = Number(this.db.prepare('DELETE FROM history_maintenance WHERE end_ms < ?').run(now - keepMs).changes);
    });
    return { rollups, outages, maintenance };
  }

  /** Outage pieces overlapping [from, to) (open ones included), of one endpoint or all. */
  outages(from: number, to: number, endpointId?: string): Outage[] {
    const rows =
      endpointId === undefined
        ? this.db.prepare('SELECT * FROM history_outages WHERE start_ms < ? AND (end_ms IS NULL OR end_ms > ?) ORDER BY start_ms, endpoint_id').all(to, from)
        : this.db.prepare('SELECT * FROM history_outages WHERE endpoint_id = ? AND start_ms < ? AND (end_ms IS NULL OR end_ms > ?) ORDER BY start_ms').all(endpointId, to, from);
    return (rows as unknown as OutageDbRow[]).map(toOutage);
  }

  openOutages(): Outage[] {
    return (this.db.prepare('SELECT * FROM history_outages WHERE end_ms IS NULL ORDER BY endpoint_id').all() as unknown as OutageDbRow[]).map(toOutage);
  }

  /** Rows of one level with bucket start in [from, to), of some metrics (all when omitted), by bucket, endpoint number and metric. */
  *rollups(level: RollupLevelId, from: number, to: number, metrics?: readonly RollupMetric[]): Generator<RollupRow> {
    this.drain();
    yield* this.table.rollups(level, from, to, metrics);
  }

  /**
   * Per endpoint and metric, the merge of its rows of one level with bucket start in [from, to):
   * summed by SQLite, so a month of an endpoint's rows comes back as one histogram per metric.
   */
  sums(level: RollupLevelId, from: number, to: number, metrics: readonly RollupMetric[]): readonly SeriesSum[] {
    this.drain();
    return this.table.sums(level, from, to, metrics);
  }

  /** One endpoint's rows of one metric at these bucket starts (a key lookup each). */
  points(level: RollupLevelId, endpointId: string, metric: RollupMetric, starts: Iterable<number>): RollupRow[] {
    this.drain();
    return this.table.points(level, endpointId, metric, starts);
  }

  /** Rows skipped because they no longer decode. */
  get skipped(): number {
    return this.table.skipped;
  }

  known(): Map<string, number> {
    const rows = this.db.prepare('SELECT endpoint_id AS id, since_ms AS since FROM history_known').all() as { id: string; since: number }[];
    return new Map(rows.map((r) => [r.id, r.since]));
  }

  /** Maintenance windows overlapping [from, to) (open ones included). */
  maintenance(from: number, to: number): MaintenanceRecord[] {
    const rows = this.db
      .prepare('SELECT site_id, start_ms, end_ms, subtree, by, reason FROM history_maintenance WHERE start_ms < ? AND (end_ms IS NULL OR end_ms > ?) ORDER BY start_ms')
      .all(to, from) as { site_id: string; start_ms: number; end_ms: number | null; subtree: number; by: string; reason: string }[];
    return rows.map((r) => ({ siteId: r.site_id, start: r.start_ms, end: r.end_ms, subtree: r.subtree === 1, by: r.by, reason: r.reason }));
  }

  openMaintenance(): MaintenanceRecord[] {
    return this.maintenance(-Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER).filter((m) => m.end === null);
  }

  private tx(work: () => void): void {
    this.db.exec('BEGIN');
    try {
      work();
      this.db.exec('COMMIT');
    } catch (e) {
      this.db.exec('ROLLBACK');
      // Series numbers given inside the rolled-back transaction are gone with it.
      this.table.forgetSeries();
      throw e;
    }
  }
}
