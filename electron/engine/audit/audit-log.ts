import { GENESIS_HASH, type AuditEntry, type AuditError, type AuditQuery } from '../../../shared/audit.js';
import { withoutSecrets } from '../../../shared/audit-actions.js';
import type { Identity } from '../../../shared/roles.js';
import type { Database } from '../db/database.js';
import { entryHash, type AuditRow, type ChainHead } from './audit-chain.js';

/** Who a failed login claimed to be when no such account exists: the name tried, role '-'. */
export type UnknownCaller = Omit<Identity, 'role'> & { readonly role: '-' };

export interface AuditRecord {
  readonly caller: Identity | UnknownCaller;
  readonly action: string;
  readonly target: string;
  /** The target in words (the meeting's title, the site's name), kept as it was at the time. */
  readonly targetLabel?: string | null;
  readonly params: unknown;
  /** Null for success; a message alone is kept as `{ code: 'failed', params: { message } }`. */
  readonly error: AuditError | string | null;
}

const toError = (e: AuditError | string | null): AuditError | null => (e === null ? null : typeof e === 'string' ? { code: 'failed', params: { message: e } } : e);

function parseError(text: string | null): AuditError | null {
  if (text === null) return null;
  try {
    const v = JSON.parse(text) as unknown;
    if (v && typeof v === 'object' && typeof (v as AuditError).code === 'string') return v as AuditError;
  } catch {
    // an entry from before the chain: the message as it was written
  }
  return { code: 'failed', params: { message: text } };
}

export function toEntry(r: AuditRow): AuditEntry {
  return {
    id: r.id,
    at: r.at,
    user: r.user,
    role: r.role,
    source: r.source,
    client: r.client,
    session: r.session_id,
    action: r.action,
    target: r.target,
    targetLabel: r.target_label,
    params: r.params,
    result: r.result === 'ok' ? 'ok' : 'failed',
    error: parseError(r.error),
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

/**
 * The audit log in SQLite: append-only (triggers refuse UPDATE and DELETE) and hash-chained, each
 * entry's hash covering its fields and the hash of the entry before it. Listeners hear each new
 * head, to send it off the machine.
 */
export class AuditLog {
  private readonly insert;
  private readonly last;
  private readonly listeners = new Set<(head: ChainHead) => void>();

  constructor(
    private readonly db: Database,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.insert = db.prepare(
      `INSERT INTO audit (id, at, user, role, source, client, session_id, action, target, target_label, params, result, error, prev_hash, hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.last = db.prepare('SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1');
  }

  record(r: AuditRecord): AuditEntry {
    const error = toError(r.error);
    const c = r.caller;
    let row: AuditRow;
    // Read the head and append in one write transaction, so two writers on one file (the desktop
    // app and a script) cannot both chain onto the same entry. Inside a caller's transaction, a savepoint.
    const outer = !this.db.isTransaction;
    this.db.exec(outer ? 'BEGIN IMMEDIATE' : 'SAVEPOINT audit_record');
    try {
      const last = this.last.get() as { id: number; hash: string } | undefined;
      const fields = {
        id: (last?.id ?? 0) + 1,
        at: this.now().toISOString(),
        user: c.user,
        role: c.role,
        source: c.source ?? null,
        client: c.client ?? null,
        session_id: c.sessionId ?? null,
        action: r.action,
        target: r.target,
        target_label: r.targetLabel ?? null,
        params: JSON.stringify(withoutSecrets(r.params ?? {}) ?? {}),
        result: error === null ? 'ok' : 'failed',
        error: error === null ? null : JSON.stringify(error),
        prev_hash: last?.hash ?? GENESIS_HASH,
      };
      row = { ...fields, hash: entryHash(fields) };
      this.insert.run(row.id, row.at, row.user, row.role, row.source, row.client, row.session_id, row.action, row.target, row.target_label, row.params, row.result, row.error, row.prev_hash, row.hash);
      this.db.exec(outer ? 'COMMIT' : 'RELEASE audit_record');
    } catch (e) {
      this.db.exec(outer ? 'ROLLBACK' : 'ROLLBACK TO audit_record; RELEASE audit_record');
      throw e;
    }
    for (const l of this.listeners) {
      try {
        l({ id: row.id, hash: row.hash });
      } catch (e) {
        console.error('bridgepoint: audit head listener failed:', e);
      }
    }
    return toEntry(row);
  }

  /** The newest entry's id and hash, or null for an empty log. */
  head(): ChainHead | null {
    return (this.last.get() as ChainHead | undefined) ?? null;
  }

  /** Hear each new head (id and hash) as it is written. */
  onRecord(listener: (head: ChainHead) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Newest first, filtered; page back with `beforeId`. */
  list(q: AuditQuery = {}): AuditEntry[] {
    const where: string[] = ['id < ?'];
    const args: (string | number)[] = [q.beforeId ?? Number.MAX_SAFE_INTEGER];
    if (q.user) {
      where.push('user = ?');
      args.push(q.user);
    }
    if (q.action) {
      where.push('action = ?');
      args.push(q.action);
    }
    if (q.result) {
      where.push('result = ?');
      args.push(q.result);
    }
    if (q.from) {
      where.push('at >= ?');
      args.push(new Date(q.from).toISOString());
    }
    if (q.to) {
      where.push('at < ?');
      args.push(new Date(q.to).toISOString());
    }
    if (q.target) {
      where.push("(target = ? OR instr(lower(coalesce(target_label, '')), lower(?)) > 0)");
      args.push(q.target, q.target);
    }
    const sql = `SELECT * FROM audit WHERE ${where.join(' AND ')} ORDER BY id DESC LIMIT ?`;
    const rows = this.db.prepare(sql).all(...args, q.limit ?? 100) as unknown as AuditRow[];
    return rows.map(toEntry);
  }
}
