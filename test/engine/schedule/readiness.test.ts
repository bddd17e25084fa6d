import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { phaseAt } from '../../../electron/engine/schedule/readiness.js';
import type { ScheduleEvent } from '../../../shared/schedule/api.js';
import { MIN, allUp, booked, harness, op, request, settle, type Harness } from './harness.js';

let h: Harness;
const START = Date.parse('2026-06-10T01:00:00Z'); // 08:00 local
beforeEach(() => {
  h = harness();
});
afterEach(() => h.close());

const bookIt = () => booked(h.schedule.bookings.book(op, request({ participants: { sites: ['ba-be-cho-ra', 'ba-be-nam-mau'], groups: [] } })));
const board = () => h.schedule.readiness.current();

describe('readiness phases', () => {
  it('not-yet, checking from 30 min, summary from 15 min, started at the start or once live', () => {
    expect(phaseAt(START, START - 31 * MIN, false)).toBe('not-yet');
    expect(phaseAt(START, START - 30 * MIN, false)).toBe('checking');
    expect(phaseAt(START, START - 15 * MIN - 1, false)).toBe('checking');
    expect(phaseAt(START, START - 15 * MIN, false)).toBe('summary');
    expect(phaseAt(START, START, false)).toBe('started');
    expect(phaseAt(START, START - 20 * MIN, true)).toBe('started');
  });

  it('checks every site from 30 minutes before, host first, with the reasons a site is not ready', async () => {
    const m = bookIt();
    h.now = START - 31 * MIN;
    h.schedule.checkReadiness();
    expect(board()).toEqual([]);
    expect(h.schedule.readiness.of(m)).toMatchObject({ phase: 'not-yet', ready: 0, notReady: 3 });

    h.now = START - 30 * MIN;
    h.schedule.checkReadiness();
    expect(board()).toHaveLength(1);
    expect(board()[0]).toMatchObject({ meetingId: m.id, occurrenceStart: START, phase: 'checking', ready: 0, notReady: 3, checkedAt: '2026-06-10T00:30:00.000Z' });
    expect(board()[0]!.sites.map((s) => [s.siteId, s.endpointId, s.reachable, s.reasons])).toEqual([
      ['ba-be', 'ba-be-1', null, ['not measured yet']],
      ['ba-be-cho-ra', 'ba-be-cho-ra-1', null, ['not measured yet']],
      ['ba-be-nam-mau', 'ba-be-nam-mau-1', null, ['not measured yet']],
    ]);

    allUp(h);
    h.status.update('ba-be-nam-mau-1', { reachability: 'down' });
    h.driver.setConferences([
      { id: 'other', name: 'Họp Sở Nông nghiệp', layout: null, rosterKnown: true, participants: [{ id: 'p1', name: 'x', uri: 'sip:ba-be-cho-ra@vc.test', state: 'connected', audioMuted: false, videoMuted: false, activeSpeaker: false, layout: null }] },
    ]);
    await settle();
    h.schedule.checkReadiness();
    const sites = board()[0]!.sites;
    expect(sites.map((s) => [s.siteId, s.ready, s.reachable, s.busyIn, s.reasons])).toEqual([
      ['ba-be', true, true, null, []],
      ['ba-be-cho-ra', false, true, 'Họp Sở Nông nghiệp', ['in another conference: Họp Sở Nông nghiệp']],
      ['ba-be-nam-mau', false, false, null, ['the codec does not answer (down)']],
    ]);
    expect(board()[0]).toMatchObject({ ready: 1, notReady: 2 });

    h.driver.setState('disconnected');
    await settle();
    h.schedule.checkReadiness();
    expect(board()[0]!.sites[0]).toMatchObject({ mcuReady: false, ready: false, reasons: ['the MCU is not connected (disconnected)'] });
  });

  it('at 15 minutes raises one not-ready event per site that is not ready, once per occurrence', () => {
    bookIt();
    allUp(h);
    h.status.update('ba-be-nam-mau-1', { reachability: 'unreachable' });
    h.now = START - 20 * MIN;
    h.schedule.checkReadiness();
    expect(h.events.list()).toEqual([]);
    h.now = START - 15 * MIN;
    h.schedule.checkReadiness();
    expect(h.events.list()).toEqual([
      expect.objectContaining({
        code: 'not-ready',
        severity: 'warning',
        siteId: 'ba-be-nam-mau',
        endpointId: 'ba-be-nam-mau-1',
        text: '"Giao ban huyện Ba Bể" at 08:00: UBND xã Nam Mẫu is not ready (unreachable: a site above it is down); 2 of 3 sites ready',
      }),
    ]);
    h.now = START - 10 * MIN;
    h.schedule.checkReadiness();
    expect(h.events.list()).toHaveLength(1);
    expect(board()[0]!.phase).toBe('summary');
  });

  it('a booked meeting becomes ready once every site is ready, and is not set back by the engine', () => {
    const m = bookIt();
    allUp(h);
    h.now = START - 25 * MIN;
    h.schedule.checkReadiness();
    expect(h.schedule.ctx.store.get(m.id)).toMatchObject({ status: 'ready', version: 2 });
    h.status.update('ba-be-1', { reachability: 'down' });
    h.now = START - 24 * MIN;
    h.schedule.checkReadiness();
    expect(h.schedule.ctx.store.get(m.id)).toMatchObject({ status: 'ready', version: 2 });
    expect(board()[0]).toMatchObject({ ready: 2, notReady: 1 });
  });

  it('keeps a meeting on the board past its start until it is started, and drops cancelled ones', () => {
    const m = bookIt();
    const other = booked(h.schedule.bookings.book(op, request({ title: 'Khác', hostSiteId: 'na-ri', hostBody: 'UBND huyện Na Rì', participants: { sites: ['na-ri-kim-hy'], groups: [] } })));
    h.now = START + 5 * MIN;
    h.schedule.checkReadiness();
    expect(board().map((b) => [b.meetingId, b.phase])).toEqual([
      [m.id, 'started'],
      [other.id, 'started'],
    ].sort((a, b) => a[0]!.localeCompare(b[0]!)));
    h.schedule.bookings.cancel(op, { id: other.id, version: 1 });
    expect(board().map((b) => b.meetingId)).toEqual([m.id]);
  });

  it('the schedule stream sends the boards on subscribe and when they or meetings change', () => {
    const m = bookIt();
    h.now = START - 29 * MIN;
    h.schedule.checkReadiness();
    const got: ScheduleEvent[] = [];
    const off = h.schedule.subscribe((e) => got.push(e));
    expect(got).toEqual([{ changed: [], readiness: [expect.objectContaining({ meetingId: m.id, phase: 'checking', ready: 0 })] }]);
    h.schedule.checkReadiness();
    expect(got).toHaveLength(1); // nothing changed
    allUp(h);
    h.schedule.checkReadiness();
    // Every site ready: the meeting became ready, sent once with the new board.
    expect(got.slice(1).map((e) => [e.changed, e.readiness[0]?.ready])).toEqual([[[m.id], 3]]);
    const other = booked(h.schedule.bookings.book(op, request({ title: 'Khác', start: '2026-06-20T08:00', end: '2026-06-20T09:00' })));
    expect(got.at(-1)).toMatchObject({ changed: [other.id] });
    off();
  });
});
