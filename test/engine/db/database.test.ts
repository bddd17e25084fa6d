import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AuditLog } from '../../../electron/engine/audit/audit-log.js';
import { AlarmStore } from '../../../electron/engine/alarms/alarm-store.js';
import { migrate, openDatabase } from '../../../electron/engine/db/database.js';
import { MIGRATIONS } from '../../../electron/engine/db/migrations.js';

const tech = { user: 'lan', role: 'technician' as const };

describe('database', () => {
  it('opens a file in WAL mode with the schema applied once', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'bp-db-')), 'sub', 'bp.db');
    const db = openDatabase(file);
    expect(db.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
    expect(db.prepare('SELECT version, name FROM schema_migrations').all()).toEqual(expect.arrayContaining([
      { version: 1, name: 'audit log' },
      { version: 2, name: 'meetings, runs and attendance' },
      { version: 3, name: 'accounts' },
      { version: 4, name: 'audit hash chain' },
    ]));
    db.close();
    const again = openDatabase(file);
    expect(again.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get()).toEqual({ n: MIGRATIONS.length });
    again.close();
  });

  it('applies only newer steps, in order, and rolls back a failing one', () => {
    const db = openDatabase(':memory:', []);
    const steps = [
      { version: 1, name: 'a', sql: 'SELECT 1' },
      { version: 3, name: 'c', sql: 'CREATE TABLE c (x); CREATE TABLE broken (' },
      { version: 2, name: 'b', sql: 'CREATE TABLE b (x)' },
    ];
    expect(() => migrate(db, steps)).toThrow(/migration 3 \(c\) failed/);
    expect(db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get()).toEqual({ v: 2 });
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'c'").get()).toBeUndefined();
    db.close();
  });

  it('refuses a database written by a newer Bridgepoint', () => {
    const db = openDatabase(':memory:');
    const newest = Math.max(...MIGRATIONS.map((m) => m.version));
    expect(() => migrate(db, [])).toThrow(new RegExp(`schema version ${newest} is newer than this Bridgepoint knows \\(0\\)`));
    db.close();
  });
});

describe('audit log', () => {
  it('records who, what, target, result and time, newest first, with paging', () => {
    let t = Date.parse('2026-11-22T03:00:00Z');
    const log = new AuditLog(openDatabase(':memory:'), () => new Date((t += 1000)));
    log.record({ caller: tech, action: 'muteParticipant', target: 'ba-be-1', params: { audio: true }, error: null });
    log.record({ caller: { user: 'minh', role: 'operator' }, action: 'disconnectParticipant', target: 'na-ri-1', params: {}, error: 'participantNotFound' });
    const all = log.list();
    expect(all.map((e) => [e.action, e.result, e.error, e.user])).toEqual([
      ['disconnectParticipant', 'failed', { code: 'failed', params: { message: 'participantNotFound' } }, 'minh'],
      ['muteParticipant', 'ok', null, 'lan'],
    ]);
    expect(all[1]).toMatchObject({ at: '2026-11-22T03:00:01.000Z', role: 'technician', target: 'ba-be-1', params: '{"audio":true}' });
    expect(log.list({ limit: 1 })).toHaveLength(1);
    expect(log.list({ beforeId: all[0]!.id }).map((e) => e.id)).toEqual([all[1]!.id]);
  });
});

describe('migration 8: planned maintenance windows', () => {
  it('keeps a maintenance set before windows were planned working: from its setting, open-ended', () => {
    const db = openDatabase(':memory:', MIGRATIONS.filter((m) => m.version < 8));
    db.prepare('INSERT INTO maintenance (site_id, by, at, reason) VALUES (?, ?, ?, ?)').run('pac-nam', 'kythuat', '2026-12-07T08:00:00.000Z', 'Bảo trì định kỳ');
    migrate(db, MIGRATIONS);
    const store = new AlarmStore(db);
    const t = Date.parse('2026-12-07T08:00:00.000Z');
    expect(store.maintenance()).toEqual([{ siteId: 'pac-nam', by: 'kythuat', at: t, reason: 'Bảo trì định kỳ', from: t, until: null }]);
    store.setMaintenance({ siteId: 'pac-nam', by: 'kythuat', at: t, reason: 'Thay bộ mã hoá', from: t + 60_000, until: t + 3_600_000 });
    expect(store.maintenance()).toEqual([{ siteId: 'pac-nam', by: 'kythuat', at: t, reason: 'Thay bộ mã hoá', from: t + 60_000, until: t + 3_600_000 }]);
    expect(() => db.prepare('UPDATE maintenance SET until_ms = from_ms').run()).toThrow();
    db.close();
  });
});
