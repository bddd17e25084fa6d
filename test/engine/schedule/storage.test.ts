import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../../../electron/engine/db/database.js';
import { MeetingStore } from '../../../electron/engine/schedule/meeting-store.js';
import { RunStore } from '../../../electron/engine/schedule/run-store.js';
import { newMeeting, type Meeting, type MeetingDraft } from '../../../shared/schedule/index.js';
import { T0, booked, harness, op, request } from './harness.js';

const TZ = 'Asia/Ho_Chi_Minh';

function draft(over: Partial<MeetingDraft> = {}): MeetingDraft {
  return {
    title: 'Giao ban tuần',
    hostBody: 'UBND tỉnh',
    chairLevel: 'province',
    kind: 'briefing',
    hostSiteId: 'ubnd-tinh',
    room: 'Phòng họp 1',
    participants: { sites: ['ba-be'], groups: [] },
    start: '2026-06-10T01:00:00.000Z',
    end: '2026-06-10T03:00:00.000Z',
    emergency: false,
    emergencyReason: '',
    notes: 'Ghi chú "có dấu" và ký tự đặc biệt: ; , \\',
    defaultLayout: 'allEqual',
    recurrence: null,
    ...over,
  };
}

const meeting = (id: string, over: Partial<MeetingDraft> = {}): Meeting => newMeeting(draft(over), id, '2026-06-01T02:00:00.000Z');

afterEach(() => vi.restoreAllMocks());

describe('meeting storage', () => {
  it('round-trips a meeting through a database file, across reopening', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'bp-sched-')), 'bp.db');
    const db = openDatabase(file);
    const store = new MeetingStore(db, () => T0);
    const m = store.insert(meeting('m1'), TZ);
    expect(m).toEqual(meeting('m1'));
    db.close();
    const again = new MeetingStore(openDatabase(file));
    expect(again.get('m1')).toEqual(m);
    expect(again.get('m2')).toBeNull();
  });

  it('keeps the version: an update based on a stale version changes nothing and returns the current row', () => {
    const store = new MeetingStore(openDatabase(':memory:'));
    const m = store.insert(meeting('m1'), TZ);
    const a = store.update({ ...m, notes: 'A' }, 1, TZ);
    expect(a).toEqual({ ok: true, meeting: { ...m, notes: 'A', version: 2 } });
    const b = store.update({ ...m, notes: 'B' }, 1, TZ);
    expect(b).toEqual({ ok: false, reason: 'version', current: { ...m, notes: 'A', version: 2 } });
    expect(store.get('m1')!.notes).toBe('A');
    expect(store.update({ ...m, id: 'ghost' }, 1, TZ)).toEqual({ ok: false, reason: 'not-found' });
    expect(store.setStatus(store.get('m1')!, 'cancelled', TZ, 'hoãn')).toMatchObject({ ok: true, meeting: { status: 'cancelled', version: 3 } });
    expect(store.cancelReason('m1')).toBe('hoãn');
  });

  it('stores a weekly series once and finds it on any of its days', () => {
    const store = new MeetingStore(openDatabase(':memory:'));
    store.insert(meeting('series', { recurrence: { frequency: 'weekly', every: 1, byWeekday: ['wed'], count: 10 } }), TZ);
    store.insert(meeting('once', { start: '2026-06-11T01:00:00.000Z', end: '2026-06-11T02:00:00.000Z' }), TZ);
    expect(store.count()).toBe(2);
    const day = (iso: string) => [Date.parse(`${iso}T00:00:00+07:00`), Date.parse(`${iso}T00:00:00+07:00`) + 86_400_000] as const;
    expect(store.overlapping(...day('2026-08-12')).map((m) => m.id)).toEqual(['series']);
    expect(store.overlapping(...day('2026-06-11')).map((m) => m.id).sort()).toEqual(['once', 'series']);
    expect(store.overlapping(...day('2026-12-30'))).toEqual([]);
  });

  it('a transaction rolls back as a whole', () => {
    const store = new MeetingStore(openDatabase(':memory:'));
    expect(() =>
      store.transaction(() => {
        store.insert(meeting('m1'), TZ);
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(store.count()).toBe(0);
  });

  it('skips and reports a row that no longer reads, never deleting it', () => {
    const db = openDatabase(':memory:');
    const store = new MeetingStore(db);
    store.insert(meeting('good'), TZ);
    store.insert(meeting('bad', { start: '2026-06-10T02:00:00.000Z', end: '2026-06-10T04:00:00.000Z' }), TZ);
    db.prepare(`UPDATE meetings SET data = json_set(data, '$.title', '') WHERE id = 'bad'`).run();
    const err = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(store.overlapping(Date.parse('2026-06-10T00:00:00Z'), Date.parse('2026-06-11T00:00:00Z')).map((m) => m.id)).toEqual(['good']);
    expect(err).toHaveBeenCalledWith(expect.stringMatching(/meeting bad in the database is unreadable/));
    expect(() => store.get('bad')).toThrow(/unreadable/);
    expect(store.count()).toBe(2);
  });
});

describe('runs and attendance storage', () => {
  it('links an occurrence to its conference, records joins and leaves and samples', () => {
    const h = harness();
    const m = booked(h.schedule.bookings.book(op, request()));
    const runs = new RunStore(h.db);
    const run = runs.start(m.id, Date.parse(m.start), 'conf-9', T0);
    expect(run).toMatchObject({ meetingId: m.id, conferenceId: 'conf-9', endedAt: null });
    expect(runs.start(m.id, Date.parse(m.start), 'conf-10', T0 + 1)).toMatchObject({ id: run.id, conferenceId: 'conf-10' });
    runs.addEvent(run.id, { siteId: 'ba-be', endpointId: 'ba-be-1', event: 'join', at: T0 });
    runs.addEvent(run.id, { siteId: 'ba-be-cho-ra', endpointId: 'ba-be-cho-ra-1', event: 'join', at: T0 + 1 });
    runs.addEvent(run.id, { siteId: 'ba-be-cho-ra', endpointId: 'ba-be-cho-ra-1', event: 'leave', at: T0 + 2 });
    expect([...runs.connectedSites(run.id)]).toEqual([['ba-be', 'ba-be-1']]);
    runs.addSample(run.id, 'ba-be', T0, { loss: 1, jitter: 10, latency: null });
    runs.addSample(run.id, 'ba-be', T0 + 5000, { loss: 3, jitter: 20, latency: 40 });
    expect(runs.sampleStats(run.id).get('ba-be')).toEqual({ siteId: 'ba-be', lossAvg: 2, lossMax: 3, jitterAvg: 15, latencyAvg: 40 });
    expect(runs.open().map((r) => r.id)).toEqual([run.id]);
    runs.end(run.id, T0 + 10);
    expect(runs.open()).toEqual([]);
    expect(runs.latest(m.id)).toMatchObject({ endedAt: T0 + 10 });
    h.close();
  });
});
