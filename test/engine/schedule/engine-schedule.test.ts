import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startEngine, type Engine } from '../../../electron/engine/engine.js';
import { startConsole } from '../../../electron/server/console-runtime.js';
import { createConsoleServer } from '../../../electron/server/http-server.js';
import { LOCAL_IDENTITY } from '../../../shared/roles.js';
import type { ScheduleEvent, ScheduledMeeting } from '../../../shared/schedule/api.js';
import { formatLocalDate, localDateOf } from '../../../shared/schedule/index.js';
import { smallInventory, writeInventory } from '../../fixtures/inventory.js';
import { TECH_TOKEN, withFakeAuth } from '../../server/fake-engine.js';
import { request } from './harness.js';

let engine: Engine | null = null;
let app: { url: string; close(): Promise<void> } | null = null;
afterEach(async () => {
  await engine?.close();
  await app?.close();
  engine = null;
  app = null;
});

const today = () => formatLocalDate(localDateOf(Date.now(), 'Asia/Ho_Chi_Minh'));
const inDays = (n: number, hhmm: string) => `${formatLocalDate(localDateOf(Date.now() + n * 86_400_000, 'Asia/Ho_Chi_Minh'))}T${hhmm}`;

describe('the schedule in the engine', () => {
  it('answers the schedule requests through the gate, with roles, and streams changes', async () => {
    engine = await startEngine({ inventoryPath: writeInventory(smallInventory()), monitoring: false });
    const got: ScheduleEvent[] = [];
    const off = engine.subscribe(LOCAL_IDENTITY, 'schedule', (p) => got.push(p as ScheduleEvent));
    expect(got).toEqual([{ changed: [], readiness: [] }]);

    const req = request({ start: inDays(5, '08:00'), end: inDays(5, '09:00') });
    const supervisor = { user: 'sv', role: 'supervisor' as const };
    expect(await engine.call(supervisor, 'bookMeeting', { request: req })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const reply = await engine.call(LOCAL_IDENTITY, 'bookMeeting', { request: req });
    expect(reply).toMatchObject({ ok: true, result: { ok: true, meeting: { status: 'booked', version: 1 } } });
    const id = (reply as { result: { meeting: { id: string } } }).result.meeting.id;
    expect(got.at(-1)).toMatchObject({ changed: [id] });

    const list = await engine.call(supervisor, 'listMeetings', { from: req.start!.slice(0, 10) });
    expect(list.ok && (list.result as ScheduledMeeting[]).map((s) => s.meeting.id)).toEqual([id]);
    expect(await engine.call(supervisor, 'getReadiness', { meetingId: id })).toMatchObject({ ok: true, result: { phase: 'not-yet', sites: [{ siteId: 'ba-be' }, { siteId: 'ba-be-cho-ra' }] } });
    // The MCU of the fixture never answers: a start fails for every site, as data.
    const early = await engine.call(LOCAL_IDENTITY, 'startMeeting', { meetingId: id });
    expect(early).toMatchObject({ ok: false, error: { code: 'bad_request', message: expect.stringMatching(/can be started from 30 minutes before/) } });
    expect(await engine.call(LOCAL_IDENTITY, 'cancelMeeting', { id, version: 1, reason: 'hoãn' })).toMatchObject({ ok: true, result: { ok: true, meeting: { status: 'cancelled' } } });
    expect(await engine.call(LOCAL_IDENTITY, 'getAttendance', { meetingId: 'nope' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const ics = await engine.call(supervisor, 'exportSchedule', { from: req.start!.slice(0, 10) });
    expect(ics).toMatchObject({ ok: true, result: { mime: 'text/calendar; charset=utf-8', content: expect.stringContaining('STATUS:CANCELLED') } });
    off();
  });

  it('seeds the demo schedule when asked: today has meetings and one is on the readiness board', async () => {
    engine = await startEngine({ inventoryPath: null, monitoring: false, demoSchedule: true, mcuDriver: null });
    // Today (and tomorrow, when the demo starts just before midnight).
    const day = await engine.call(LOCAL_IDENTITY, 'listMeetings', { from: today(), to: inDays(1, '').slice(0, 10) });
    const titles = day.ok ? (day.result as ScheduledMeeting[]).map((s) => s.meeting.id) : [];
    expect(titles).toContain('demo-lam-viec-xa');
    const week = await engine.call(LOCAL_IDENTITY, 'listMeetings', { from: today(), to: inDays(7, '').slice(0, 10) });
    expect(week.ok && (week.result as ScheduledMeeting[]).length).toBe(5);
    const got: ScheduleEvent[] = [];
    engine.subscribe(LOCAL_IDENTITY, 'schedule', (p) => got.push(p as ScheduleEvent))();
    // The working session about 20 minutes ahead is always on the board; on a Monday from 07:00 to
    // 09:00 the weekly briefing (07:30, fixed) is there too.
    const board = got[0]!.readiness.filter((r) => r.meetingId !== 'demo-giao-ban-tuan');
    expect(board.map((r) => [r.meetingId, r.phase])).toEqual([['demo-lam-viec-xa', 'checking']]);
    expect(board[0]!.sites[0]!.reasons).toContain('the MCU is not connected (none)');
  });
});

describe('GET /api/v1/meetings', () => {
  it('lists the meetings of ?date= as the listMeetings request does, and says what is wrong', async () => {
    const renderer = mkdtempSync(join(tmpdir(), 'bp-renderer-'));
    mkdirSync(join(renderer, 'assets'));
    writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Bridgepoint</title>');
    // The real engine behind the server, with a test session (the accounts service is separate).
    const running = await startConsole({ inventoryPath: writeInventory(smallInventory()), demo: false, monitoring: false });
    const server = createConsoleServer({ engine: withFakeAuth(running), rendererDir: renderer });
    const { port } = await server.listen(0, '127.0.0.1');
    app = { url: `http://127.0.0.1:${port}/`, close: async () => (await server.close(), await running.close()) };
    const base = app.url.replace(/\/$/, '');
    const auth = { authorization: `Bearer ${TECH_TOKEN}` };
    const req = request({ start: inDays(4, '14:00'), end: inDays(4, '15:30') });
    const booked = await fetch(`${base}/api/v1/rpc/bookMeeting`, { method: 'POST', body: JSON.stringify({ request: req }), headers: { ...auth, 'content-type': 'application/json' } }).then((r) => r.json());
    expect(booked).toMatchObject({ ok: true });
    const day = req.start!.slice(0, 10);
    const res = await fetch(`${base}/api/v1/meetings?date=${day}`, { headers: auth });
    expect(res.status).toBe(200);
    const body = (await res.json()) as ScheduledMeeting[];
    expect(body.map((s) => [s.meeting.title, s.occurrences.length])).toEqual([['Giao ban huyện Ba Bể', 1]]);
    expect(await fetch(`${base}/api/v1/meetings`, { headers: auth }).then((r) => r.status)).toBe(400);
    const bad = await fetch(`${base}/api/v1/meetings?date=2026-02-30`, { headers: auth });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: 'bad_request' } });
    expect(await fetch(`${base}/api/v1/meetings?date=${day}`, { method: 'DELETE', headers: auth }).then((r) => r.status)).toBe(405);
  });
});
