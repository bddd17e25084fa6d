import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConferenceService } from '../../../electron/engine/conference/conference-service.js';
import { openDatabase } from '../../../electron/engine/db/database.js';
import { EventLog } from '../../../electron/engine/events/event-log.js';
import { createCmsDriver, type CmsMcuDriver } from '../../../electron/engine/mcu/cms/cms-driver.js';
import { ABSENT_CONFIRM_MS } from '../../../electron/engine/schedule/live-tracker.js';
import { Schedule } from '../../../electron/engine/schedule/schedule.js';
import { waitForView } from '../../../electron/engine/schedule/start-meeting.js';
import { StatusTable } from '../../../electron/engine/status/status-table.js';
import { startCmsSimulator, type CmsSimulator } from '../../../electron/simulator/mcu/cms-simulator.js';
import { T0, booked, inventory, op, request } from './harness.js';

// Start → participants connected, against the simulated Cisco Meeting Server through the real
// CMS driver and conference service.

const CREDENTIALS = { username: 'api', password: 'mcu-password' };
const START = Date.parse('2026-06-10T01:00:00Z');
const inv = inventory();
let sim: CmsSimulator;
let driver: CmsMcuDriver;
let conferences: ConferenceService;
let schedule: Schedule;
let status: StatusTable;
let now = T0;

beforeAll(async () => {
  const codecs = inv.sites.flatMap((s) => s.endpoints.map((e) => ({ endpointId: e.id, uri: e.uri!, name: s.name })));
  sim = await startCmsSimulator({ port: 0, ...CREDENTIALS, codecs, answerDelayMs: 40, speakerIntervalMs: 60_000 });
  driver = createCmsDriver({ callListGraceMs: 200 });
  driver.init({ url: sim.url, ...CREDENTIALS });
  const db = openDatabase(':memory:');
  status = new StatusTable(5);
  status.setEndpoints(inv.sites.flatMap((s) => s.endpoints.map((e) => ({ endpointId: e.id, siteId: s.id }))));
  conferences = new ConferenceService(inv, driver, status, 5);
  schedule = new Schedule({ db, conferences, driver, status, events: new EventLog(), inventory: () => inv, now: () => now, settleMs: 5000, appearMs: 5000 });
  await waitForView(conferences, (v) => v.mcu.state === 'ok', 5000);
});

afterAll(async () => {
  schedule?.close();
  conferences?.close();
  status?.close();
  await driver?.destroy();
  await sim?.close();
});

describe('starting a meeting on the simulated MCU', () => {
  it('creates the call, every site connects, the layout is applied and all but the host are muted; then it ends', async () => {
    expect(conferences.current().mcu.state).toBe('ok');
    const m = booked(schedule.bookings.book(op, request({ defaultLayout: 'allEqual', participants: { sites: ['ba-be-cho-ra', 'ba-be-nam-mau', 'na-ri-kim-hy'], groups: [] } })));
    now = START - 5 * 60_000;
    const r = await schedule.starter.start(op, { meetingId: m.id });
    expect(r.results).toEqual(['ba-be', 'ba-be-cho-ra', 'ba-be-nam-mau', 'na-ri-kim-hy'].map((target) => ({ target, ok: true, error: null })));
    const call = sim.calls().find((c) => c.id === r.conferenceId)!;
    expect(call.name).toBe('Giao ban huyện Ba Bể');
    expect(call.participants.map((p) => [p.endpointId, p.state, p.audioMuted, p.layout]).sort()).toEqual([
      ['ba-be-1', 'connected', false, 'allEqual'],
      ['ba-be-cho-ra-1', 'connected', true, 'allEqual'],
      ['ba-be-nam-mau-1', 'connected', true, 'allEqual'],
      ['na-ri-kim-hy-1', 'connected', true, 'allEqual'],
    ]);
    expect(schedule.ctx.store.get(m.id)!.status).toBe('live');

    // The console sees them too, and attendance records the joins.
    const id = r.conferenceId!;
    await waitForView(conferences, (v) => v.conferences.find((c) => c.id === id)?.participants.filter((p) => p.audioMuted).length === 3, 3000);
    schedule.live.observe();
    const att = await schedule.handlers().getAttendance({ meetingId: m.id }, op);
    expect(att.sites.map((s) => s.firstJoinedAt)).toEqual(Array(4).fill(new Date(now).toISOString()));

    // Ending the call on the MCU ends the meeting.
    await driver.endConference(id);
    expect(await waitForView(conferences, (v) => !v.conferences.some((c) => c.id === id), 3000)).toBe(true);
    schedule.live.observe();
    now += ABSENT_CONFIRM_MS;
    schedule.live.observe();
    expect(schedule.ctx.store.get(m.id)!.status).toBe('ended');
  });
});
