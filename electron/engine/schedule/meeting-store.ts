import { DAY_MS, MeetingSchema, expandOccurrences, type Meeting, type MeetingStatus } from '../../../shared/schedule/index.js';
import { ApiError } from '../../../shared/api/errors.js';
import type { Database } from '../db/database.js';

/**
 * Meetings in SQLite: one row per meeting (a weekly series too, expanded on read), the whole
 * Meeting as JSON beside copies of what queries need: the version, the status and the span from
 * the first occurrence's start to the last one's end (UTC epoch ms).
 *
 * Writes are optimistic: an update names the version it was based on and changes nothing when
 * the row has moved on (`UPDATE … WHERE id = ? AND version = ?`). Rows are never deleted; a
 * cancelled meeting stays, with its reason.
 */

export type WriteResult =
  | { readonly ok: true; readonly meeting: Meeting }
  | { readonly ok: false; readonly reason: 'not-found' }
  | { readonly ok: false; readonly reason: 'version'; readonly current: Meeting };

interface Row {
  id: string;
  version: number;
  data: string;
  status: string;
  cancel_reason: string | null;
}

/** Ranges are computed in the zone of the day; a later change of zone moves them by under a day. */
const RANGE_MARGIN_MS = DAY_MS;

export class MeetingStore {
  private readonly byId;
  private readonly insertRow;
  private readonly updateRow;
  private readonly inRange;
  private readonly byStatus;
  private readonly countAll;

  constructor(
    private readonly db: Database,
    private readonly now: () => number = Date.now,
  ) {
    this.byId = db.prepare('SELECT id, version, data, status, cancel_reason FROM meetings WHERE id = ?');
    this.insertRow = db.prepare(
      'INSERT INTO meetings (id, version, data, start_ms, end_ms, status, cancel_reason, created_at, updated_at) VALUES (?, 1, ?, ?, ?, ?, NULL, ?, ?)',
    );
    this.updateRow = db.prepare(
      'UPDATE meetings SET version = version + 1, data = ?, start_ms = ?, end_ms = ?, status = ?, cancel_reason = COALESCE(?, cancel_reason), updated_at = ? WHERE id = ? AND version = ?',
    );
    this.inRange = db.prepare('SELECT id, version, data, status, cancel_reason FROM meetings WHERE start_ms < ? AND end_ms > ? ORDER BY start_ms, id');
    this.byStatus = db.prepare('SELECT id, version, data, status, cancel_reason FROM meetings WHERE status = ? ORDER BY start_ms, id');
    this.countAll = db.prepare('SELECT COUNT(*) AS n FROM meetings');
  }

  get(id: string): Meeting | null {
    const row = this.byId.get(id) as Row | undefined;
    return row ? this.parse(row) : null;
  }

  /** Why it was cancelled, when it was. */
  cancelReason(id: string): string | null {
    return (this.byId.get(id) as Row | undefined)?.cancel_reason ?? null;
  }

  count(): number {
    return (this.countAll.get() as { n: number }).n;
  }

  /** A new meeting at version 1. Throws if the id is taken (ids are generated, so that is a bug). */
  insert(meeting: Meeting, timeZone: string): Meeting {
    const stored: Meeting = { ...meeting, version: 1 };
    const [start, end] = span(stored, timeZone);
    const at = new Date(this.now()).toISOString();
    this.insertRow.run(stored.id, JSON.stringify(stored), start, end, stored.status, at, at);
    return stored;
  }

  /**
   * Replace a meeting if it is still at `expectedVersion`; the stored version becomes
   * expectedVersion + 1. Otherwise nothing changes and the current row comes back.
   */
  update(next: Meeting, expectedVersion: number, timeZone: string, cancelReason: string | null = null): WriteResult {
    const stored: Meeting = { ...next, version: expectedVersion + 1 };
    const [start, end] = span(stored, timeZone);
    const at = new Date(this.now()).toISOString();
    const { changes } = this.updateRow.run(JSON.stringify(stored), start, end, stored.status, cancelReason, at, stored.id, expectedVersion);
    if (Number(changes) === 1) return { ok: true, meeting: stored };
    const current = this.get(next.id);
    return current ? { ok: false, reason: 'version', current } : { ok: false, reason: 'not-found' };
  }

  /** Status only (the rest as stored), still guarded by the version. */
  setStatus(meeting: Meeting, status: MeetingStatus, timeZone: string, cancelReason: string | null = null): WriteResult {
    return this.update({ ...meeting, status }, meeting.version, timeZone, cancelReason);
  }

  /** Meetings with any occurrence touching [from, to) (epoch ms), in every status, by first start. */
  overlapping(from: number, to: number): Meeting[] {
    const rows = this.inRange.all(to + RANGE_MARGIN_MS, from - RANGE_MARGIN_MS) as unknown as Row[];
    return rows.flatMap((r) => this.parseOrSkip(r));
  }

  withStatus(status: MeetingStatus): Meeting[] {
    return (this.byStatus.all(status) as unknown as Row[]).flatMap((r) => this.parseOrSkip(r));
  }

  /** Run `fn` in one write transaction (a check and the write it leads to). */
  transaction<T>(fn: () => T): T {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const result = fn();
      this.db.exec('COMMIT');
      return result;
    } catch (e) {
      this.db.exec('ROLLBACK');
      throw e;
    }
  }

  private parse(row: Row): Meeting {
    // The columns are authoritative for what they copy.
    let data: unknown;
    try {
      data = JSON.parse(row.data);
    } catch {
      throw unreadable(row.id, 'data', 'not valid JSON');
    }
    const parsed = MeetingSchema.safeParse({ ...(data !== null && typeof data === 'object' ? data : {}), id: row.id, version: row.version, status: row.status });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw unreadable(row.id, issue?.path.join('.') || '(root)', issue?.message ?? 'invalid');
    }
    return parsed.data;
  }

  /** A row that no longer reads is reported and left alone, never deleted or overwritten. */
  private parseOrSkip(row: Row): Meeting[] {
    try {
      return [this.parse(row)];
    } catch (e) {
      console.error(`bridgepoint: ${(e as Error).message}`);
      return [];
    }
  }
}

/** A stored meeting that no longer validates: 422 naming the meeting and the field, never a 500. */
function unreadable(id: string, field: string, why: string): ApiError {
  return new ApiError('unprocessable', `meeting ${id} in the database is unreadable: ${field}: ${why}`, undefined, { meetingId: id, field, reason: why });
}

/** First start and last end of a meeting's occurrences. */
export function span(m: Meeting, timeZone: string): [number, number] {
  const { occurrences } = expandOccurrences(m, timeZone);
  return [occurrences[0]!.start, Math.max(...occurrences.map((o) => o.end))];
}
