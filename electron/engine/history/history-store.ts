import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { MaintenanceWindow } from '../../../shared/history/availability.js';
import { BUCKET_BOUNDS, ROLLUP_METRICS, type Histogram, type RollupMetric } from '../../../shared/history/histogram.js';
import type { Outage } from '../../../shared/history/outage-tracker.js';
import { ROLLUP_LEVELS, type RollupLevelId } from '../../../shared/history/rollup.js';

/**
 * Link-health history in SQLite (migration 6): outage intervals, metric rollups, when each
 * endpoint was first known, maintenance windows with an end, and the engine's runs. The service
 * (history-service.ts) gathers changes in memory and hands them here as one batch per flush, one
 * transaction each; nothing here runs on the status path.
 */

export interface RollupRow {
  readonly level: RollupLevelId;
  readonly bucketStart: number;
  readonly endpointId: string;
  readonly histogram: Histogram;
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

/** Outages and maintenance are kept as long as the daily rollups (five years): the longest report. */
export const HISTORY_KEEP_MS = ROLLUP_LEVELS[ROLLUP_LEVELS.length - 1]!.retentionMs;

/** Bucket counts as unsigned LEB128 varints: 16 small counts in about 16 bytes. */
export function encodeCounts(counts: readonly number[]): Uint8Array {
  const out: number[] = [];
  for (const c of counts) {
    if (!Number.isSafeInteger(c) || c < 0) throw new RangeError(`encodeCounts: ${c} is not a count`);
    let v = c;
    while (v >= 0x80) {
      out.push((v % 0x80) | 0x80);
      v = Math.floor(v / 0x80);
    }
    out.push(v);
  }
  return Uint8Array.from(out);
}

/** The counts back, or null when the bytes are not `n` whole varints. */
export function decodeCounts(bytes: Uint8Array, n: number): number[] | null {
  const out: number[] = [];
  let v = 0;
  let scale = 1;
  for (const b of bytes) {
    v += (b & 0x7f) * scale;
    if (b & 0x80) {
      scale *= 0x80;
      if (scale > 2 ** 49) return null;
      continue;
    }
    out.push(v);
    v = 0;
    scale = 1;
  }
  return scale === 1 && out.length === n ? out : null;
}

interface RollupDbRow {
  level: string;
  bucket_start: number;
  endpoint_id: string;
  metric: string;
  count: number;
  min: number;
  max: number;
  sum: number;
  counts: Uint8Array;
}

function toRollup(r: RollupDbRow): RollupRow | null {
  if (!(ROLLUP_METRICS as readonly string[]).includes(r.metric)) return null;
  const metric = r.metric as RollupMetric;
  const counts = decodeCounts(r.counts, BUCKET_BOUNDS[metric].length + 1);
  if (!counts || counts.reduce((s, c) => s + c, 0) !== r.count) return null;
  return { level: r.level as RollupLevelId, bucketStart: r.bucket_start, endpointId: r.endpoint_id, histogram: { metric, counts, count: r.count, min: r.min, max: r.max, sum: r.sum } };
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
  private readonly putRollup: StatementSync;
  private readonly putKnown: StatementSync;
  private readonly putMaintenance: StatementSync;
  private readonly heartbeat: StatementSync;
  private readonly point: StatementSync;
  private runId: number | null = null;
  /** Rows skipped because they no longer decode (reported once per read by the caller's log). */
  skipped = 0;

  constructor(private readonly db: DatabaseSync) {
    this.putOutage = db.prepare(
      `INSERT INTO history_outages (endpoint_id, start_ms, end_ms, site_id, cause, behind) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (endpoint_id, start_ms) DO UPDATE SET end_ms = excluded.end_ms, site_id = excluded.site_id, cause = excluded.cause, behind = excluded.behind`,
    );
    this.dropOutage = db.prepare('DELETE FROM history_outages WHERE endpoint_id = ? AND start_ms = ?');
    this.putRollup = db.prepare(
      `INSERT INTO history_rollups (level, bucket_start, endpoint_id, metric, count, min, max, sum, counts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (level, bucket_start, endpoint_id, metric) DO UPDATE SET count = excluded.count, min = excluded.min, max = excluded.max, sum = excluded.sum, counts = excluded.counts`,
    );
    this.putKnown = db.prepare('INSERT INTO history_known (endpoint_id, site_id, since_ms) VALUES (?, ?, ?) ON CONFLICT (endpoint_id) DO NOTHING');
    this.putMaintenance = db.prepare(
      `INSERT INTO history_maintenance (site_id, start_ms, end_ms, subtree, by, reason) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (site_id, start_ms) DO UPDATE SET end_ms = excluded.end_ms, subtree = excluded.subtree, by = excluded.by, reason = excluded.reason`,
    );
    this.heartbeat = db.prepare('UPDATE history_runs SET alive_ms = MAX(alive_ms, ?) WHERE id = ?');
    this.point = db.prepare('SELECT * FROM history_rollups WHERE level = ? AND bucket_start = ? AND endpoint_id = ? AND metric = ?');
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

  /** One flush: everything in one transaction (all or nothing). */
  write(batch: HistoryBatch): { outages: number; rollups: number } {
    let outages = 0;
    let rollups = 0;
    this.tx(() => {
      for (const w of batch.outages) {
        if (w.kind === 'drop') this.dropOutage.run(w.endpointId, w.start);
        else {
          const o = w.outage;
          this.putOutage.run(o.endpointId, o.start, o.end, o.siteId, o.cause, o.behind);
        }
        outages++;
      }
      for (const r of batch.rollups) {
        const h = r.histogram;
        if (h.count === 0 || h.min === null || h.max === null) continue;
        this.putRollup.run(r.level, r.bucketStart, r.endpointId, h.metric, h.count, h.min, h.max, h.sum, encodeCounts(h.counts));
        rollups++;
      }
      for (const k of batch.known) this.putKnown.run(k.endpointId, k.siteId, k.since);
      for (const m of batch.maintenance) this.putMaintenance.run(m.siteId, m.start, m.end, m.subtree ? 1 : 0, m.by, m.reason);
      if (this.runId !== null) this.heartbeat.run(batch.aliveAt, this.runId);
    });
    return { outages, rollups };
  }

  /** Rollup rows past their level's retention, and outages and maintenance ended more than five years ago. */
  purge(now: number): PurgeResult {
    let rollups = 0;
    let outages = 0;
    let maintenance = 0;
    this.tx(() => {
      for (const l of ROLLUP_LEVELS) rollups += Number(this.db.prepare('DELETE FROM history_rollups WHERE level = ? AND bucket_start < ?').run(l.id, now - l.retentionMs).changes);
      outages = Number(this.db.prepare('DELETE FROM history_outages WHERE end_ms < ?').run(now - HISTORY_KEEP_MS).changes);
      maintenance = Number(this.db.prepare('DELETE FROM history_maintenance WHERE end_ms < ?').run(now - HISTORY_KEEP_MS).changes);
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

  /** Rows of one level with bucket start in [from, to), of some metrics (all when omitted). */
  *rollups(level: RollupLevelId, from: number, to: number, metrics?: readonly RollupMetric[]): Generator<RollupRow> {
    const stmt = this.db.prepare('SELECT * FROM history_rollups WHERE level = ? AND bucket_start >= ? AND bucket_start < ?');
    for (const raw of stmt.iterate(level, from, to) as Iterable<RollupDbRow>) {
      if (metrics && !(metrics as readonly string[]).includes(raw.metric)) continue;
      const r = toRollup(raw);
      if (r) yield r;
      else this.skipped++;
    }
  }

  /** One endpoint's rows of one metric at these bucket starts (a key lookup each). */
  points(level: RollupLevelId, endpointId: string, metric: RollupMetric, starts: Iterable<number>): RollupRow[] {
    const out: RollupRow[] = [];
    for (const start of starts) {
      const raw = this.point.get(level, start, endpointId, metric) as RollupDbRow | undefined;
      if (!raw) continue;
      const r = toRollup(raw);
      if (r) out.push(r);
      else this.skipped++;
    }
    return out;
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
      throw e;
    }
  }
}
