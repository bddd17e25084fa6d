import type { AuditEntry } from '../../../shared/audit.js';
import type { Identity } from '../../../shared/roles.js';
import type { Database } from '../db/database.js';

export interface AuditRecord {
  readonly caller: Identity;
  readonly action: string;
  readonly target: string;
  readonly params: unknown;
  readonly error: string | null;
}

/** Every control action, who did it and how it ended, kept in SQLite. */
export class AuditLog {
  private readonly insert;
  private readonly page;

  constructor(
    db: Database,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.insert = db.prepare('INSERT INTO audit (at, user, role, action, target, params, result, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    this.page = db.prepare('SELECT * FROM audit WHERE id < ? ORDER BY id DESC LIMIT ?');
  }

  record(r: AuditRecord): AuditEntry {
    const at = this.now().toISOString();
    const params = JSON.stringify(r.params ?? {});
    const result = r.error === null ? 'ok' : 'failed';
    const { lastInsertRowid } = this.insert.run(at, r.caller.user, r.caller.role, r.action, r.target, params, result, r.error);
    return { id: Number(lastInsertRowid), at, user: r.caller.user, role: r.caller.role, action: r.action, target: r.target, params, result, error: r.error };
  }

  /** Newest first; page back with `beforeId`. */
  list(options: { limit?: number; beforeId?: number } = {}): AuditEntry[] {
    return this.page.all(options.beforeId ?? Number.MAX_SAFE_INTEGER, options.limit ?? 100) as unknown as AuditEntry[];
  }
}
