import { afterEach, describe, expect, it, vi } from 'vitest';
import { AlarmStore } from '../../../electron/engine/alarms/alarm-store.js';
import { MaintenanceWindows } from '../../../electron/engine/alarms/maintenance-windows.js';
import { openDatabase, type Database } from '../../../electron/engine/db/database.js';
import type { Identity } from '../../../shared/roles.js';

const TECH: Identity = { user: 'kythuat', role: 'technician' };
const T0 = Date.parse('2026-12-07T08:00:00Z');
const iso = (s: number) => new Date(T0 + s * 1000).toISOString();

let db: Database | null = null;
let windows: MaintenanceWindows | null = null;
afterEach(() => {
  windows?.close();
  db?.close();
  windows = null;
  db = null;
  vi.restoreAllMocks();
});

describe('a planned window that ends by itself', () => {
  it('is removed and journaled in one transaction: a failing journal write leaves the window as it was, the next step ends it', () => {
    db = openDatabase(':memory:');
    const store = new AlarmStore(db);
    let clock = T0;
    windows = new MaintenanceWindows(store, () => clock, () => {});
    const told: number[] = [];
    windows.onChange(() => told.push(clock));
    windows.set(TECH, { siteId: 'pac-nam', reason: 'Thay bộ mã hoá', from: iso(0), until: iso(100) });
    windows.set(TECH, { siteId: 'na-ri', reason: 'Đường điện', from: iso(0), until: iso(100) });

    // The journal refuses (a full disk, say): the second write of the two fails.
    db.exec("CREATE TEMP TRIGGER refuse BEFORE INSERT ON alarm_journal BEGIN SELECT RAISE(ABORT, 'disk full'); END");
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    clock = T0 + 100_000;
    expect(() => windows!.endElapsed(clock)).not.toThrow();
    expect(errors).toHaveBeenCalledTimes(1);
    expect(store.maintenance().map((m) => m.siteId)).toEqual(['na-ri', 'pac-nam']); // neither deleted
    expect(windows.all().map((m) => m.siteId).sort()).toEqual(['na-ri', 'pac-nam']);
    expect(store.journal({})).toEqual([]);
    expect(told).toEqual([]);

    // The disk has room again: the next step ends both, journaled at their planned end.
    db.exec('DROP TRIGGER refuse');
    clock = T0 + 101_000;
    windows.endElapsed(clock);
    expect(store.maintenance()).toEqual([]);
    expect(windows.all()).toEqual([]);
    expect(store.journal({}).map((j) => [j.kind, j.siteId, j.at, j.user])).toEqual([
      ['maintenance-ended', 'na-ri', iso(100), null],
      ['maintenance-ended', 'pac-nam', iso(100), null],
    ]);
    expect(told).toEqual([T0 + 101_000]);
  });
});
