import { createHash } from 'node:crypto';
import { GENESIS_HASH } from '../../../shared/audit.js';
import type { Database } from '../db/database.js';

/** An audit row as stored (snake_case columns). */
export interface AuditRow {
  readonly id: number;
  readonly at: string;
  readonly user: string;
  readonly role: string;
  readonly source: string | null;
  readonly client: string | null;
  readonly session_id: string | null;
  readonly action: string;
  readonly target: string;
  readonly target_label: string | null;
  readonly params: string;
  readonly result: string;
  readonly error: string | null;
  readonly prev_hash: string;
  readonly hash: string;
}

export type ChainFields = Omit<AuditRow, 'hash'>;

/**
 * SHA-256 (hex) over the canonical encoding of an entry: a JSON array of its fields in a fixed
 * order, each a string, a number or null. The target's label is covered too: the viewer shows it. JSON.stringify of such an array has exactly one form,
 * so the same entry always hashes the same, on any machine.
 */
export function entryHash(r: ChainFields): string {
  const fields = [r.id, r.at, r.user, r.role, r.source, r.client, r.session_id, r.action, r.target, r.target_label, r.params, r.result, r.error, r.prev_hash];
  return createHash('sha256').update(`bridgepoint-audit-v1\n${JSON.stringify(fields)}`, 'utf8').digest('hex');
}

/** Give every row in the table its prev_hash and hash, in id order (migration 4, before the triggers). */
export function chainExisting(db: Database): number {
  const rows = db.prepare('SELECT * FROM audit ORDER BY id').all() as unknown as AuditRow[];
  const update = db.prepare('UPDATE audit SET prev_hash = ?, hash = ? WHERE id = ?');
  let prev = GENESIS_HASH;
  for (const r of rows) {
    const hash = entryHash({ ...r, prev_hash: prev });
    update.run(prev, hash, r.id);
    prev = hash;
  }
  return rows.length;
}

/** The append-only guard: SQLite refuses to change or remove an entry (verify catches a hand-edited file). */
export const AUDIT_TRIGGERS_SQL = `
  CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: entries cannot be changed'); END;
  CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: entries cannot be deleted'); END;
`;

export interface ChainHead {
  readonly id: number;
  readonly hash: string;
}

export type VerifyResult =
  | { readonly ok: true; readonly entries: number; readonly head: ChainHead | null; readonly checkedHeads: number }
  | { readonly ok: false; readonly entries: number; /** Entries checked and good before the problem. */ readonly intact: number; readonly brokenAt: number | null; readonly problem: 'edited' | 'broken_link' | 'tail_cut' | 'head_mismatch'; readonly message: string };

/**
 * Walk the chain from the first entry: every hash recomputed, every link to the entry before
 * it checked. With exported heads (`id hash`, oldest first), also check that each is still in
 * the chain unchanged, so a tail cut off after the last export is detected too.
 */
export function verifyChain(db: Database, heads: readonly ChainHead[] = []): VerifyResult {
  let prev = GENESIS_HASH;
  let prevId: number | null = null;
  let n = 0;
  const hashes = new Map<number, string>();
  for (const r of db.prepare('SELECT * FROM audit ORDER BY id').iterate() as Iterable<AuditRow>) {
    n++;
    if (r.prev_hash !== prev) {
      const where = prevId === null ? 'the start of the log' : `entry #${prevId}`;
      const gap = prevId !== null && r.id !== prevId + 1 ? ` (entries #${prevId + 1}–#${r.id - 1} are missing)` : '';
      return {
        ok: false,
        entries: n,
        intact: n - 1,
        brokenAt: r.id,
        problem: 'broken_link',
        message: `entry #${r.id} does not follow ${where}: an entry before it was deleted or the entries were reordered${gap}`,
      };
    }
    if (entryHash(r) !== r.hash) {
      return { ok: false, entries: n, intact: n - 1, brokenAt: r.id, problem: 'edited', message: `entry #${r.id} (${r.at}, ${r.action} by ${r.user}) was altered: its contents no longer match its hash` };
    }
    hashes.set(r.id, r.hash);
    prev = r.hash;
    prevId = r.id;
  }
  for (const h of heads) {
    const have = hashes.get(h.id);
    if (have === undefined) {
      const last = prevId === null ? 'the log is empty' : `the log ends at entry #${prevId}`;
      return { ok: false, entries: n, intact: n, brokenAt: h.id, problem: 'tail_cut', message: `${last}, but entry #${h.id} was exported as the chain head: the tail of the log was cut off` };
    }
    if (have !== h.hash) {
      return { ok: false, entries: n, intact: n, brokenAt: h.id, problem: 'head_mismatch', message: `entry #${h.id} differs from the head exported for it: the log was rewritten from there on` };
    }
  }
  return { ok: true, entries: n, head: prevId === null ? null : { id: prevId, hash: prev }, checkedHeads: heads.length };
}

/** Parse exported heads: one `id hash` per line (blank lines and `#` comments skipped). */
export function parseHeads(text: string, file = 'head file'): ChainHead[] {
  const out: ChainHead[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const l = line.trim();
    if (l === '' || l.startsWith('#')) return;
    const m = /^(\d+)\s+([0-9a-f]{64})$/.exec(l);
    if (!m) throw new Error(`${file}:${i + 1}: expected "<id> <sha-256 hex>", got "${l.slice(0, 80)}"`);
    out.push({ id: Number(m[1]), hash: m[2]! });
  });
  return out;
}
