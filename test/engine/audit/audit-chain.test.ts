import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { entryHash, verifyChain, type AuditRow } from '../../../electron/engine/audit/audit-chain.js';
import { AuditLog } from '../../../electron/engine/audit/audit-log.js';
import { auditCommand } from '../../../electron/engine/audit/audit-verify.js';
import { openDatabase, type Database } from '../../../electron/engine/db/database.js';
import { MIGRATIONS } from '../../../electron/engine/db/migrations.js';
import { GENESIS_HASH } from '../../../shared/audit.js';

const op = { user: 'minh', role: 'operator' as const, source: '10.0.0.5', client: 'browser' as const, sessionId: 's-1' };
let dir: string;
let file: string;

/** A database file with `n` entries, closed, so a test can tamper with a copy as an attacker would. */
function logWith(n: number): string {
  const db = openDatabase(file);
  const log = new AuditLog(db);
  for (let i = 1; i <= n; i++) log.record({ caller: op, action: 'muteParticipant', target: `endpoint:e-${i}`, targetLabel: `Xã ${i}`, params: { audio: true }, error: null });
  db.close();
  return file;
}

/** Open a copy as the attacker does: drop the triggers, then run `sql`. */
function tampered(sql: string): string {
  const copy = join(dir, `copy-${Math.random().toString(36).slice(2)}.db`);
  copyFileSync(file, copy);
  const db = new DatabaseSync(copy);
  db.exec(`DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete; ${sql}`);
  db.close();
  return copy;
}

function verify(db: string, headFile?: string): { code: number; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const code = auditCommand(['verify', '--db', db, ...(headFile ? ['--head-file', headFile] : [])], (s) => out.push(s), (s) => err.push(s));
  return { code, out, err };
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bp-audit-'));
  file = join(dir, 'bp.db');
});

describe('the hash chain', () => {
  let db: Database;
  afterEach(() => db?.close());

  it('links each entry to the one before, from the genesis hash, over its canonical fields', () => {
    db = openDatabase(':memory:');
    const log = new AuditLog(db);
    const a = log.record({ caller: op, action: 'endConference', target: 'conference:c-1', params: {}, error: null });
    const b = log.record({ caller: op, action: 'dialOut', target: 'uri:sip:x@y', params: {}, error: { code: 'mcu_refused', params: { message: 'busy' } } });
    expect(a.prevHash).toBe(GENESIS_HASH);
    expect(b.prevHash).toBe(a.hash);
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
    const row = db.prepare('SELECT * FROM audit WHERE id = ?').get(b.id) as unknown as AuditRow;
    expect(entryHash(row)).toBe(b.hash);
    expect(entryHash({ ...row, params: '{"audio":false}' })).not.toBe(b.hash);
    expect(log.head()).toEqual({ id: b.id, hash: b.hash });
    expect(verifyChain(db)).toMatchObject({ ok: true, entries: 2 });
  });

  it('is append-only: SQLite refuses UPDATE and DELETE', () => {
    db = openDatabase(':memory:');
    new AuditLog(db).record({ caller: op, action: 'endConference', target: 'conference:c-1', params: {}, error: null });
    expect(() => db.exec("UPDATE audit SET user = 'someone'")).toThrow(/append-only: entries cannot be changed/);
    expect(() => db.exec('DELETE FROM audit')).toThrow(/append-only: entries cannot be deleted/);
    expect(db.prepare('SELECT user FROM audit').all()).toEqual([{ user: 'minh' }]);
  });

  it('migration 4 chains the entries written before it, and keeps them readable', () => {
    db = openDatabase(file, MIGRATIONS.filter((m) => m.version < 3));
    const insert = db.prepare("INSERT INTO audit (at, user, role, action, target, params, result, error) VALUES (?, 'lan', 'technician', 'muteParticipant', 'ba-be-1', '{}', ?, ?)");
    insert.run('2026-01-01T00:00:00.000Z', 'ok', null);
    insert.run('2026-01-01T00:01:00.000Z', 'failed', 'MCU refused');
    db.exec("INSERT INTO audit (at, user, role, action, target, params, result) VALUES ('2026-01-01T00:02:00.000Z', 'lan', 'operator', 'cancelMeeting', 'meeting:m-1', '{}', 'ok')");
    db.exec(`INSERT INTO meetings (id, version, data, start_ms, end_ms, status, created_at, updated_at)
             VALUES ('m-1', 1, '{"title":"Giao ban quý IV"}', 0, 1, 'cancelled', '2026-01-01', '2026-01-01')`);
    db.close();
    db = openDatabase(file);
    expect(verifyChain(db)).toMatchObject({ ok: true, entries: 3 });
    const log = new AuditLog(db);
    expect(log.list()[0]).toMatchObject({ action: 'cancelMeeting', targetLabel: 'Giao ban quý IV' });
    expect(log.list()[1]).toMatchObject({ error: { code: 'failed', params: { message: 'MCU refused' } }, source: null, targetLabel: null });
    log.record({ caller: op, action: 'endConference', target: 'conference:c-1', params: {}, error: null });
    expect(verifyChain(db)).toMatchObject({ ok: true, entries: 4 });
  });
});

describe('bridgepoint audit verify', () => {
  it('passes an intact log and names its head', () => {
    const r = verify(logWith(5));
    expect(r.code).toBe(0);
    expect(r.out[0]).toMatch(/^audit log intact: 5 entries; head #5 [0-9a-f]{64} \(no head file given/);
  });

  it('finds an edited entry', () => {
    logWith(5);
    const r = verify(tampered("UPDATE audit SET user = 'someone' WHERE id = 3"));
    expect(r.code).toBe(1);
    expect(r.err[0]).toMatch(/entry #3 \(.*, muteParticipant by someone\) was altered: its contents no longer match its hash/);
    // The words the viewer shows are covered too.
    expect(verify(tampered("UPDATE audit SET target_label = 'Xã khác' WHERE id = 4")).err[0]).toMatch(/entry #4 .* was altered/);
  });

  it('finds an edit whose hash was recomputed, at the entry after it', () => {
    logWith(5);
    const db = new DatabaseSync(tampered('SELECT 1'));
    const row = db.prepare('SELECT * FROM audit WHERE id = 2').get() as unknown as AuditRow;
    db.exec('DROP TRIGGER IF EXISTS audit_no_update');
    db.prepare("UPDATE audit SET result = 'ok', params = '{}', hash = ? WHERE id = 2").run(entryHash({ ...row, params: '{}' }));
    expect(verifyChain(db)).toMatchObject({ ok: false, brokenAt: 3, problem: 'broken_link' });
    db.close();
  });

  it('finds a deleted entry', () => {
    logWith(5);
    const r = verify(tampered('DELETE FROM audit WHERE id = 2'));
    expect(r.code).toBe(1);
    expect(r.err[0]).toMatch(/entry #3 does not follow entry #1: an entry before it was deleted or the entries were reordered \(entries #2–#2 are missing\)/);
  });

  it('finds the first entry deleted', () => {
    logWith(3);
    expect(verify(tampered('DELETE FROM audit WHERE id = 1')).err[0]).toMatch(/entry #2 does not follow the start of the log/);
  });

  it('finds reordered entries', () => {
    logWith(5);
    const r = verify(tampered('UPDATE audit SET id = 100 WHERE id = 2; UPDATE audit SET id = 2 WHERE id = 4; UPDATE audit SET id = 4 WHERE id = 100;'));
    expect(r.code).toBe(1);
    expect(r.err[0]).toMatch(/entry #2 does not follow entry #1/);
  });

  it('with the exported heads, finds a cut-off tail that the chain alone cannot see', () => {
    logWith(5);
    const db = openDatabase(file);
    const heads = new AuditLog(db).list().reverse().map((e) => `${e.id} ${e.hash}`);
    db.close();
    const headFile = join(dir, 'heads');
    writeFileSync(headFile, heads.join('\n') + '\n');
    const cut = tampered('DELETE FROM audit WHERE id >= 4');
    expect(verify(cut).code).toBe(0);
    const r = verify(cut, headFile);
    expect(r.code).toBe(1);
    expect(r.err[0]).toMatch(/the log ends at entry #3, but entry #4 was exported as the chain head: the tail of the log was cut off \(3 entries checked good before it\)/);
    expect(verify(file, headFile)).toMatchObject({ code: 0, out: [expect.stringMatching(/5 exported heads match/)] });
  });

  it('finds a tail rewritten after an export', () => {
    logWith(3);
    const headFile = join(dir, 'heads');
    let db = openDatabase(file);
    const head = new AuditLog(db).head()!;
    db.close();
    writeFileSync(headFile, `${head.id} ${head.hash}\n`);
    const copy = tampered('DELETE FROM audit WHERE id = 3');
    db = new DatabaseSync(copy);
    new AuditLog(db).record({ caller: op, action: 'endConference', target: 'conference:c-9', params: {}, error: null });
    db.close();
    expect(verify(copy).code).toBe(0);
    expect(verify(copy, headFile).err[0]).toMatch(/entry #3 differs from the head exported for it/);
  });

  it('refuses bad arguments and unreadable files clearly', () => {
    const err: string[] = [];
    expect(auditCommand(['verify'], () => {}, (s) => err.push(s))).toBe(2);
    expect(err[0]).toMatch(/audit verify needs --db FILE/);
    expect(auditCommand(['check'], () => {}, (s) => err.push(s))).toBe(2);
    expect(err[1]).toMatch(/unknown audit subcommand "check"/);
    expect(verify(join(dir, 'none.db')).err[0]).toMatch(/none\.db: no such file/);
    logWith(1);
    const bad = join(dir, 'bad-heads');
    writeFileSync(bad, 'hello\n');
    expect(verify(file, bad).err[0]).toMatch(/bad-heads:1: expected "<id> <sha-256 hex>", got "hello"/);
    const old = join(dir, 'old.db');
    openDatabase(old, MIGRATIONS.filter((m) => m.version < 3)).close();
    expect(verify(old).err[0]).toMatch(/has no hash chain yet/);
    writeFileSync(join(dir, 'text.db'), 'not sqlite at all, just text');
    expect(verify(join(dir, 'text.db')).code).toBe(1);
  });
});

describe('two writers on one file', () => {
  it('chain onto each other, never onto the same entry', () => {
    const a = openDatabase(file);
    const b = openDatabase(file);
    const la = new AuditLog(a);
    const lb = new AuditLog(b);
    for (let i = 0; i < 20; i++) (i % 3 ? la : lb).record({ caller: op, action: 'setLayout', target: `conference:${i}`, params: {}, error: null });
    b.exec('BEGIN');
    lb.record({ caller: op, action: 'endConference', target: 'conference:x', params: {}, error: null });
    b.exec('COMMIT');
    expect(verifyChain(a)).toMatchObject({ ok: true, entries: 21 });
    a.close();
    b.close();
  });
});
