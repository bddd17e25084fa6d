import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { AlarmJournalEntry } from '../../../shared/alarms/alarm-api.js';
import type { Maintenance } from '../../../shared/alarms/alarm-book.js';
import type { Activation } from '../../../shared/alarms/alarm-kpis.js';
import { ALARM_STATES, type Alarm } from '../../../shared/alarms/alarm-machine.js';

/** What the journal records, before it has a number. */
export type JournalRecord = Omit<AlarmJournalEntry, 'seq'>;

/** How long the journal is kept (the KPI panel and the history look back at most a year). */
const JOURNAL_KEEP_DAYS = 400;

/**
 * Alarms in SQLite (migration 5): the current record of every alarm, so acknowledgements,
 * shelves and latched alarms survive a restart; the journal of what happened to them; and the
 * sites in maintenance.
 */
export class AlarmStore {
  private readonly upsert: StatementSync;
  private readonly append: StatementSync;

  constructor(private readonly db: DatabaseSync) {
    this.upsert = db.prepare('INSERT INTO alarms (id, data) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET data = excluded.data');
    this.append = db.prepare('INSERT INTO alarm_journal (at, kind, alarm_id, priority, site_id, user, detail) VALUES (?, ?, ?, ?, ?, ?, ?)');
    db.prepare('DELETE FROM alarm_journal WHERE at < ?').run(new Date(Date.now() - JOURNAL_KEEP_DAYS * 86_400_000).toISOString());
  }

  /** Every stored alarm; a row that no longer reads as an alarm is skipped and named. */
  load(onBad: (id: string) => void = () => {}): Alarm[] {
    const out: Alarm[] = [];
    for (const row of this.db.prepare('SELECT id, data FROM alarms').all() as { id: string; data: string }[]) {
      try {
        const a = JSON.parse(row.data) as Alarm;
        if (a.id !== row.id || !ALARM_STATES.includes(a.state) || typeof a.conditionSince !== 'number') throw new Error('not an alarm');
        out.push(a);
      } catch {
        onBad(row.id);
      }
    }
    return out;
  }

  /** Alarms and journal entries of one evaluation, in one transaction (all or nothing). */
  save(alarms: readonly Alarm[], journal: readonly JournalRecord[]): void {
    if (alarms.length === 0 && journal.length === 0) return;
    this.db.exec('BEGIN');
    try {
      for (const a of alarms) this.upsert.run(a.id, JSON.stringify(a));
      for (const j of journal) this.append.run(j.at, j.kind, j.alarmId, j.priority, j.siteId, j.user, j.detail);
      this.db.exec('COMMIT');
    } catch (e) {
      this.db.exec('ROLLBACK');
      throw e;
    }
  }

  journal(q: { limit?: number; beforeSeq?: number; alarmId?: string }): AlarmJournalEntry[] {
    const rows = this.db
      .prepare(
        `SELECT seq, at, kind, alarm_id AS alarmId, priority, site_id AS siteId, user, detail FROM alarm_journal
         WHERE (? IS NULL OR seq < ?) AND (? IS NULL OR alarm_id = ?) ORDER BY seq DESC LIMIT ?`,
      )
      .all(q.beforeSeq ?? null, q.beforeSeq ?? null, q.alarmId ?? null, q.alarmId ?? null, q.limit ?? 100);
    return rows as unknown as AlarmJournalEntry[];
  }

  activations(from: number, to: number): Activation[] {
    const rows = this.db
      .prepare("SELECT alarm_id AS alarmId, at FROM alarm_journal WHERE kind = 'activated' AND at >= ? AND at < ? ORDER BY seq")
      .all(new Date(from).toISOString(), new Date(to).toISOString()) as { alarmId: string; at: string }[];
    return rows.map((r) => ({ alarmId: r.alarmId, at: Date.parse(r.at) }));
  }

  maintenance(): Maintenance[] {
    const rows = this.db.prepare('SELECT site_id AS siteId, by, at, reason, from_ms AS fromMs, until_ms AS untilMs FROM maintenance ORDER BY site_id').all() as {
      siteId: string;
      by: string;
      at: string;
      reason: string;
      fromMs: number | null;
      untilMs: number | null;
    }[];
    // A window set before windows were planned: from its setting, open-ended.
    return rows.map(({ fromMs, untilMs, ...r }) => ({ ...r, at: Date.parse(r.at), from: fromMs ?? Date.parse(r.at), until: untilMs }));
  }

  setMaintenance(m: Maintenance): void {
    this.db
      .prepare(
        `INSERT INTO maintenance (site_id, by, at, reason, from_ms, until_ms) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (site_id) DO UPDATE SET by = excluded.by, at = excluded.at, reason = excluded.reason, from_ms = excluded.from_ms, until_ms = excluded.until_ms`,
      )
      .run(m.siteId, m.by, new Date(m.at).toISOString(), m.reason, m.from, m.until);
  }

  /**
   * Windows that ended by themselves, removed with their journal entries in one transaction: both
   * or neither (a failure leaves the windows as they were, to be ended at the next try).
   */
  endMaintenance(siteIds: readonly string[], journal: readonly JournalRecord[]): void {
    const remove = this.db.prepare('DELETE FROM maintenance WHERE site_id = ?');
    this.db.exec('BEGIN');
    try {
      for (const id of siteIds) remove.run(id);
      for (const j of journal) this.append.run(j.at, j.kind, j.alarmId, j.priority, j.siteId, j.user, j.detail);
      this.db.exec('COMMIT');
    } catch (e) {
      this.db.exec('ROLLBACK');
      throw e;
    }
  }

  clearMaintenance(siteId: string): boolean {
    return Number(this.db.prepare('DELETE FROM maintenance WHERE site_id = ?').run(siteId).changes) > 0;
  }
}
