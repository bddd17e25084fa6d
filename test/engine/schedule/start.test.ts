import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ABSENT_CONFIRM_MS } from '../../../electron/engine/schedule/live-tracker.js';
import { MIN, allUp, booked, harness, op, request, settle, type Harness } from './harness.js';

let h: Harness;
const START = Date.parse('2026-06-10T01:00:00Z'); // 08:00 local
beforeEach(() => {
  h = harness();
});
afterEach(() => h.close());

const bookIt = () =>
  booked(h.schedule.bookings.book(op, request({ participants: { sites: ['ba-be-cho-ra', 'ba-be-nam-mau'], groups: [] }, defaultLayout: 'allEqual' })));
const at = (ms: number) => {
  h.now = ms;
};

describe('starting a meeting', () => {
  it('creates the conference, dials every site, applies the layout and mutes all but the host', async () => {
    const m = bookIt();
    allUp(h);
    at(START - 10 * MIN);
    const reply = await h.call(op, 'startMeeting', { meetingId: m.id });
    const r = (reply as { result: unknown }).result;
    expect(r).toEqual({
      meetingId: m.id,
      conferenceId: 'conf-1',
      results: [
        { target: 'ba-be', ok: true, error: null },
        { target: 'ba-be-cho-ra', ok: true, error: null },
        { target: 'ba-be-nam-mau', ok: true, error: null },
      ],
    });
    expect(h.driver.actions).toEqual([
      'create Giao ban huyện Ba Bể',
      'dial conf-1 sip:ba-be@vc.test',
      'dial conf-1 sip:ba-be-cho-ra@vc.test',
      'dial conf-1 sip:ba-be-nam-mau@vc.test',
      'layout conf-1 * allEqual',
      'mute conf-1 p-2 {"audio":true}',
      'mute conf-1 p-3 {"audio":true}',
    ]);
    await settle();
    const conf = h.conferences.current().conferences[0]!;
    expect(conf.participants.map((p) => [p.endpointId, p.state, p.audioMuted])).toEqual([
      ['ba-be-1', 'connected', false],
      ['ba-be-cho-ra-1', 'connected', true],
      ['ba-be-nam-mau-1', 'connected', true],
    ]);
    expect(h.schedule.ctx.store.get(m.id)).toMatchObject({ status: 'live' });
    expect(h.schedule.ctx.runs.latest(m.id)).toMatchObject({ conferenceId: 'conf-1', occurrenceStart: START, endedAt: null });
    // One entry for the whole start, worded by the meeting's title (the dial-outs inside are not separate requests).
    expect(h.audit.list().map((e) => `${e.action} ${e.target} ${e.targetLabel} ${e.result}`)).toEqual([`startMeeting meeting:${m.id} Giao ban huyện Ba Bể ok`]);
  });

  it('reports each site that failed, and a retry dials only those, in the same conference', async () => {
    const m = bookIt();
    at(START - 5 * MIN);
    h.driver.refuse.add('ba-be-nam-mau');
    h.driver.silent.add('sip:ba-be-cho-ra@vc.test');
    const first = ((await h.call(op, 'startMeeting', { meetingId: m.id })) as { result: { results: unknown[] } }).result;
    expect(first.results).toEqual([
      { target: 'ba-be', ok: true, error: null },
      { target: 'ba-be-cho-ra', ok: false, error: 'did not answer within 0.3 s (ringing)' },
      { target: 'ba-be-nam-mau', ok: false, error: 'MCU refused: dial conf-1 sip:ba-be-nam-mau@vc.test' },
    ]);
    expect(h.audit.list()[0]).toMatchObject({ action: 'startMeeting', result: 'failed', error: { code: 'partly_failed', params: { failed: 2, total: 3 } } });

    h.driver.refuse.clear();
    h.driver.actions = [];
    const retry = await h.schedule.starter.start(op, { meetingId: m.id, siteIds: ['ba-be-nam-mau', 'na-ri'] });
    expect(retry).toEqual({
      meetingId: m.id,
      conferenceId: 'conf-1',
      results: [
        { target: 'ba-be-nam-mau', ok: true, error: null },
        { target: 'na-ri', ok: false, error: 'not a site of this meeting' },
      ],
    });
    expect(h.driver.actions).toEqual(['dial conf-1 sip:ba-be-nam-mau@vc.test', 'layout conf-1 * allEqual', 'mute conf-1 p-3 {"audio":true}']);

    // The ringing site answers at last (muted while it rang): a retry finds it in and dials nothing.
    h.driver.patchParticipant('conf-1', 'p-2', { state: 'connected' });
    await settle();
    h.driver.actions = [];
    const again = await h.schedule.starter.start(op, { meetingId: m.id, siteIds: ['ba-be-cho-ra'] });
    expect(again.results).toEqual([{ target: 'ba-be-cho-ra', ok: true, error: null }]);
    expect(h.driver.actions).toEqual(['layout conf-1 * allEqual']);
  });

  it('a layout the MCU refuses is reported for the conference; a failed mute for the site', async () => {
    const m = bookIt();
    at(START);
    h.driver.refuse.add('layout');
    h.driver.refuse.add('mute conf-1 p-3');
    const r = await h.schedule.starter.start(op, { meetingId: m.id });
    expect(r.results).toEqual([
      { target: 'ba-be', ok: true, error: null },
      { target: 'ba-be-cho-ra', ok: true, error: null },
      { target: 'ba-be-nam-mau', ok: false, error: 'connected, but not muted: MCU refused: mute conf-1 p-3 {"audio":true}' },
      { target: 'conference:conf-1', ok: false, error: 'layout allEqual not applied: MCU refused: layout conf-1 * allEqual' },
    ]);
  });

  it('when the conference cannot be created every site fails with the reason, and the meeting stays booked', async () => {
    const m = bookIt();
    at(START - MIN);
    h.driver.refuse.add('create');
    const r = ((await h.call(op, 'startMeeting', { meetingId: m.id })) as { result: { conferenceId: string | null; results: { error: string | null }[] } }).result;
    expect(r.conferenceId).toBeNull();
    expect(r.results.map((x) => x.error)).toEqual(Array(3).fill('the conference could not be created: MCU refused: create Giao ban huyện Ba Bể'));
    expect(h.schedule.ctx.store.get(m.id)!.status).toBe('booked');
    expect(h.audit.list()[0]).toMatchObject({ action: 'startMeeting', result: 'failed' });
  });

  it('refuses to start too early, after the end, a cancelled meeting, an unknown one, or one being started', async () => {
    const m = bookIt();
    const other = booked(h.schedule.bookings.book(op, request({ title: 'B', start: '2026-06-10T12:00', end: '2026-06-10T13:00' })));
    at(START - 31 * MIN);
    await expect(h.schedule.starter.start(op, { meetingId: m.id })).rejects.toThrow('"Giao ban huyện Ba Bể" starts 10/06/2026 08:00; it can be started from 30 minutes before');
    at(START + 3 * 60 * MIN);
    await expect(h.schedule.starter.start(op, { meetingId: m.id })).rejects.toThrow(/is over/);
    await expect(h.schedule.starter.start(op, { meetingId: 'nope' })).rejects.toMatchObject({ code: 'not_found' });
    at(START);
    const running = h.schedule.starter.start(op, { meetingId: m.id });
    await expect(h.schedule.starter.start(op, { meetingId: m.id })).rejects.toThrow(/being started already/);
    await running;
    h.schedule.bookings.cancel(op, { id: other.id, version: 1 });
    await expect(h.schedule.starter.start(op, { meetingId: other.id })).rejects.toThrow('a cancelled meeting cannot become live (cancelled is final)');
    expect(h.driver.actions.filter((a) => a.startsWith('create'))).toHaveLength(1);
  });

  it('the meeting ends when its conference ends', async () => {
    const m = bookIt();
    at(START);
    await h.schedule.starter.start(op, { meetingId: m.id });
    await settle();
    h.schedule.live.observe();
    await h.driver.endConference('conf-1');
    await settle();
    h.schedule.live.observe();
    expect(h.schedule.ctx.store.get(m.id)!.status).toBe('live'); // not yet: seen missing only once
    h.advance(ABSENT_CONFIRM_MS);
    h.schedule.live.observe();
    expect(h.schedule.ctx.store.get(m.id)!.status).toBe('ended');
    expect(h.schedule.ctx.runs.latest(m.id)).toMatchObject({ endedAt: START });
  });

  it('nothing ends while the MCU is disconnected (the conference list is unknown then)', async () => {
    const m = bookIt();
    at(START);
    await h.schedule.starter.start(op, { meetingId: m.id });
    await settle();
    h.schedule.live.observe();
    h.driver.setState('disconnected');
    await settle();
    for (let i = 0; i < 3; i++) {
      h.advance(ABSENT_CONFIRM_MS);
      h.schedule.live.observe();
    }
    expect(h.schedule.ctx.store.get(m.id)!.status).toBe('live');
  });

  it('a weekly series goes live for one occurrence and back to booked for the next; the last one ends it', async () => {
    const m = booked(h.schedule.bookings.book(op, request({ recurrence: { frequency: 'weekly', byWeekday: ['wed'], count: 2 } })));
    for (const [week, after] of [[0, 'booked'], [1, 'ended']] as const) {
      at(START + week * 7 * 24 * 60 * MIN);
      const r = await h.schedule.starter.start(op, { meetingId: m.id });
      expect(h.schedule.ctx.store.get(m.id)!.status).toBe('live');
      await settle();
      h.schedule.live.observe();
      await h.driver.endConference(r.conferenceId!);
      await settle();
      h.schedule.live.observe();
      h.advance(ABSENT_CONFIRM_MS);
      h.schedule.live.observe();
      expect(h.schedule.ctx.store.get(m.id)!.status).toBe(after);
      expect(h.schedule.ctx.runs.latest(m.id)).toMatchObject({ occurrenceStart: START + week * 7 * 24 * 60 * MIN, conferenceId: `conf-${week + 1}` });
    }
  });

  it('a started meeting leaves the readiness board', async () => {
    const m = bookIt();
    at(START - 10 * MIN);
    h.schedule.checkReadiness();
    expect(h.schedule.readiness.current().map((r) => r.meetingId)).toEqual([m.id]);
    await h.schedule.starter.start(op, { meetingId: m.id });
    expect(h.schedule.readiness.current()).toEqual([]);
    expect(h.schedule.readiness.of(h.schedule.ctx.store.get(m.id)!)).toMatchObject({ phase: 'started', ready: 0 });
  });
});
