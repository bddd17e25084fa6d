import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BookingOutcome } from '../../../shared/schedule/api.js';
import { VERSION_CONFLICT } from '../../../electron/engine/schedule/bookings.js';
import { DAY, MIN, booked, harness, op, op2, request, type Harness } from './harness.js';

let h: Harness;
beforeEach(() => {
  h = harness();
});
afterEach(() => h.close());

const rules = (o: { violations: { rule: string }[] }) => o.violations.map((v) => v.rule);

describe('booking under the rules', () => {
  it('refuses a meeting one day ahead with the 3-day rule, then accepts it as an emergency with its reason', () => {
    const tomorrow = request({ start: '2026-06-02T08:00', end: '2026-06-02T09:00' });
    const refused = h.schedule.bookings.book(op, tomorrow);
    expect(refused).toMatchObject({ ok: false, meeting: null, issues: [] });
    expect(refused.violations).toEqual([
      expect.objectContaining({ rule: 'notice', earliestStart: '2026-06-03T17:00:00.000Z', message: expect.stringMatching(/at least 3 days ahead.*earliest start is 04\/06\/2026 00:00/) }),
    ]);
    expect(h.schedule.ctx.store.count()).toBe(0);

    const noReason = h.schedule.bookings.book(op, { ...tomorrow, emergency: true });
    expect(noReason.ok).toBe(false);
    expect(noReason.issues).toEqual([{ path: '$.emergencyReason', message: expect.stringMatching(/needs a reason/) }]);

    const ok = h.schedule.bookings.book(op, { ...tomorrow, emergency: true, emergencyReason: 'Lũ quét tại xã Nam Mẫu' });
    const m = booked(ok);
    expect(m).toMatchObject({ version: 1, status: 'booked', emergency: true, emergencyReason: 'Lũ quét tại xã Nam Mẫu', start: '2026-06-02T01:00:00.000Z', bookedAt: '2026-06-01T02:00:00.000Z' });
    expect(ok.warnings).toEqual([expect.objectContaining({ rule: 'notice-exempt', reason: 'Lũ quét tại xã Nam Mẫu' })]);
    expect(ok.occurrences).toEqual([{ index: 0, date: '2026-06-02', start: Date.parse('2026-06-02T01:00:00Z'), end: Date.parse('2026-06-02T02:00:00Z') }]);
    expect(h.schedule.ctx.store.get(m.id)).toEqual(m);
  });

  it('refuses an overlapping meeting sharing a commune, naming the other meeting and the commune', () => {
    const first = booked(h.schedule.bookings.book(op, request()));
    const second = h.schedule.bookings.book(
      op2,
      request({ title: 'Tập huấn', hostSiteId: 'ubnd-tinh', hostBody: 'UBND tỉnh', chairLevel: 'province', start: '2026-06-10T09:00', end: '2026-06-10T11:00', participants: { sites: [], groups: [{ type: 'district-communes', district: 'ba-be' }] } }),
    );
    expect(second.ok).toBe(false);
    expect(second.violations).toEqual([
      expect.objectContaining({
        rule: 'participant-site',
        other: expect.objectContaining({ id: first.id, title: 'Giao ban huyện Ba Bể' }),
        sites: [{ id: 'ba-be-cho-ra', name: 'UBND thị trấn Chợ Rã' }],
        message: 'On 10/06/2026: a site is already in "Giao ban huyện Ba Bể" (10/06/2026 08:00–10:00): UBND thị trấn Chợ Rã',
      }),
    ]);
    // The first one is untouched; the same meeting at 10:00 fits.
    expect(h.schedule.ctx.store.get(first.id)).toEqual(first);
    expect(h.schedule.bookings.book(op2, request({ title: 'Tập huấn', start: '2026-06-10T10:00', end: '2026-06-10T11:00' })).ok).toBe(true);
  });

  it('checks every occurrence of a weekly series, and stores it once', () => {
    booked(h.schedule.bookings.book(op, request({ start: '2026-06-24T08:00', end: '2026-06-24T09:00', participants: { sites: ['ba-be-nam-mau'], groups: [] } })));
    const series = h.schedule.bookings.book(
      op,
      request({ title: 'Giao ban thứ Tư', start: '2026-06-10T08:30', end: '2026-06-10T09:30', recurrence: { frequency: 'weekly', byWeekday: ['wed'], count: 4 }, participants: { sites: ['ba-be-nam-mau'], groups: [] } }),
    );
    expect(rules(series)).toEqual(['host-room', 'participant-site']);
    expect(series.violations.map((v) => (v as { occurrenceDate?: string }).occurrenceDate)).toEqual(['2026-06-24', '2026-06-24']);
    const ok = booked(h.schedule.bookings.book(op, request({ title: 'Giao ban thứ Năm', start: '2026-06-11T08:30', end: '2026-06-11T09:30', recurrence: { frequency: 'weekly', byWeekday: ['thu'], count: 4 } })));
    expect(h.schedule.ctx.store.count()).toBe(2);
    const july = h.schedule.bookings.list('2026-07-01', '2026-07-31');
    expect(july.map((s) => [s.meeting.id, s.occurrences.map((o) => o.date)])).toEqual([[ok.id, ['2026-07-02']]]);
  });

  it('refuses more sites at once than the MCU has ports (configurable)', () => {
    h.close();
    h = harness({ policy: { portCapacity: 4 } });
    booked(h.schedule.bookings.book(op, request({ participants: { sites: ['ba-be-cho-ra', 'ba-be-nam-mau'], groups: [] } })));
    const r = h.schedule.bookings.book(op, request({ hostSiteId: 'na-ri', hostBody: 'UBND huyện Na Rì', participants: { sites: ['na-ri-kim-hy'], groups: [] } }));
    expect(rules(r)).toEqual(['port-capacity']);
    expect(r.violations[0]).toMatchObject({ peak: 5, capacity: 4 });
  });

  it('answers bad input with every problem and its path, storing nothing', () => {
    const r = h.schedule.bookings.book(op, request({ start: '2026-02-30T08:00', end: '2026-06-10T07:00', title: 'x'.repeat(201), participants: { sites: ['ba-be-cho-ra', 'atlantis'], groups: [] } }));
    expect(r.ok).toBe(false);
    expect(r.issues).toEqual(
      expect.arrayContaining([
        { path: '$.title', message: 'at most 200 characters' },
        { path: '$.start', message: expect.stringMatching(/February 2026 has 28 days/) },
      ]),
    );
    const endFirst = h.schedule.bookings.book(op, request({ end: '2026-06-10T07:00' }));
    expect(endFirst.issues).toEqual([{ path: '$.end', message: 'the end must be after the start' }]);
    const unknown = h.schedule.bookings.book(op, request({ participants: { sites: ['ba-be-cho-ra', 'atlantis'], groups: [] } }));
    expect(unknown.violations).toEqual([expect.objectContaining({ rule: 'unknown-site', siteIds: ['atlantis'] })]);
    expect(h.schedule.bookings.book(op, 'not an object').issues[0]).toMatchObject({ path: '$' });
    expect(h.schedule.ctx.store.count()).toBe(0);
  });

  it('audits bookings through the gate, refused ones too, with the rule and the title', async () => {
    await h.call(op, 'bookMeeting', { request: request({ start: '2026-06-02T08:00', end: '2026-06-02T09:00' }) });
    const reply = await h.call(op2, 'bookMeeting', { request: request() });
    const m = booked((reply as { result: BookingOutcome }).result);
    const [last, first] = h.audit.list();
    expect(first).toMatchObject({ user: 'minh', action: 'bookMeeting', target: 'meeting:new', targetLabel: 'Giao ban huyện Ba Bể', result: 'failed', error: { code: 'booking_refused', params: { rule: 'notice' } } });
    expect(last).toMatchObject({ user: 'lan', action: 'bookMeeting', target: `meeting:${m.id}`, targetLabel: 'Giao ban huyện Ba Bể', result: 'ok', error: null });
  });

  it('a dry run checks without storing; with an id it checks an edit of that meeting', () => {
    expect(h.schedule.bookings.check(request()).ok).toBe(true);
    expect(h.schedule.ctx.store.count()).toBe(0);
    const m = booked(h.schedule.bookings.book(op, request()));
    expect(rules(h.schedule.bookings.check(request({ title: 'Khác' })))).toEqual(['host-room', 'participant-site']);
    // The same meeting, moved by an hour: no conflict with itself.
    expect(h.schedule.bookings.check({ ...request({ start: '2026-06-10T09:00', end: '2026-06-10T11:00' }), id: m.id, version: 1 }, m.id).ok).toBe(true);
    expect(h.schedule.bookings.check(request(), 'nope').issues).toEqual([{ path: '$.id', message: 'no meeting with id "nope"' }]);
    expect(h.schedule.bookings.check({ ...request(), id: m.id, version: 7 }, m.id).issues).toEqual([{ path: '$.version', message: VERSION_CONFLICT }]);
    expect(h.audit.list()).toHaveLength(0);
  });
});

describe('edits', () => {
  it('two consoles edit one meeting: the second gets a conflict, nothing is lost', async () => {
    const m = booked(h.schedule.bookings.book(op, request()));
    const a = h.schedule.bookings.edit(op, { ...request({ notes: 'Chuẩn bị báo cáo quý' }), id: m.id, version: 1 });
    expect(a).toMatchObject({ ok: true, meeting: { version: 2, notes: 'Chuẩn bị báo cáo quý' } });
    const reply = await h.call(op2, 'editMeeting', { request: { ...request({ room: 'Hội trường' }), id: m.id, version: 1 } });
    const b = (reply as { result: BookingOutcome }).result;
    expect(b).toMatchObject({ ok: false, issues: [{ path: '$.version', message: VERSION_CONFLICT }], meeting: { version: 2, notes: 'Chuẩn bị báo cáo quý', room: 'Phòng họp trực tuyến' } });
    expect(h.schedule.ctx.store.get(m.id)).toMatchObject({ version: 2, notes: 'Chuẩn bị báo cáo quý', room: 'Phòng họp trực tuyến' });
    expect(h.audit.list()).toHaveLength(1);
    expect(h.audit.list()[0]).toMatchObject({ user: 'lan', action: 'editMeeting', target: `meeting:${m.id}`, result: 'failed', error: { code: 'conflict' } });
  });

  it('an extension is checked like a booking; a refused edit changes nothing', () => {
    const m = booked(h.schedule.bookings.book(op, request()));
    booked(h.schedule.bookings.book(op, request({ title: 'Buổi chiều', start: '2026-06-10T13:00', end: '2026-06-10T15:00' })));
    const longer = h.schedule.bookings.edit(op, { ...request({ end: '2026-06-10T14:00' }), id: m.id, version: 1 });
    expect(rules(longer)).toEqual(['host-room', 'participant-site']);
    expect(h.schedule.ctx.store.get(m.id)).toMatchObject({ version: 1, end: '2026-06-10T03:00:00.000Z' });
    expect(h.schedule.bookings.edit(op, { ...request({ end: '2026-06-10T12:00' }), id: m.id, version: 1 })).toMatchObject({ ok: true, meeting: { version: 2, end: '2026-06-10T05:00:00.000Z' } });
  });

  it('moving a ready meeting sets it back to booked; a live one may only change its end, notes and layout', () => {
    const m = booked(h.schedule.bookings.book(op, request()));
    const ready = h.schedule.bookings.transition(m, 'ready')!;
    const moved = h.schedule.bookings.edit(op, { ...request({ start: '2026-06-10T08:30' }), id: m.id, version: ready.version });
    expect(moved).toMatchObject({ ok: true, meeting: { status: 'booked' } });
    const live = h.schedule.bookings.transition(moved.meeting!, 'live')!;
    const retitled = h.schedule.bookings.edit(op, { ...request({ start: '2026-06-10T08:30', title: 'Khác' }), id: m.id, version: live.version });
    expect(rules(retitled)).toEqual(['not-editable']);
    h.now = Date.parse('2026-06-10T02:00:00Z');
    const extended = h.schedule.bookings.edit(op, { ...request({ start: '2026-06-10T08:30', end: '2026-06-10T11:00' }), id: m.id, version: live.version });
    expect(extended).toMatchObject({ ok: true, meeting: { status: 'live', end: '2026-06-10T04:00:00.000Z' } });
  });

  it('an unknown id is an issue, not an error', () => {
    expect(h.schedule.bookings.edit(op, { ...request(), id: 'nope', version: 1 }).issues).toEqual([{ path: '$.id', message: 'no meeting with id "nope"' }]);
  });
});

describe('cancel', () => {
  it('cancels with its reason kept, frees the sites, and refuses a stale version or a second cancel', () => {
    const m = booked(h.schedule.bookings.book(op, request()));
    expect(h.schedule.bookings.cancel(op2, { id: m.id, version: 2 })).toMatchObject({ ok: false, issues: [{ path: '$.version' }] });
    const c = h.schedule.bookings.cancel(op, { id: m.id, version: 1, reason: 'Lãnh đạo đi công tác' });
    expect(c).toMatchObject({ ok: true, meeting: { status: 'cancelled', version: 2 } });
    expect(h.schedule.ctx.store.cancelReason(m.id)).toBe('Lãnh đạo đi công tác');
    expect(h.schedule.bookings.cancel(op, { id: m.id, version: 2 })).toMatchObject({
      ok: false,
      issues: [{ path: '$.id', message: 'the meeting is already cancelled' }],
    });
    expect(h.schedule.bookings.book(op, request({ title: 'Thay thế' })).ok).toBe(true);
    // Never deleted: still listed on its day, as cancelled.
    expect(h.schedule.bookings.list('2026-06-10').map((s) => [s.meeting.title, s.meeting.status])).toEqual([
      ['Giao ban huyện Ba Bể', 'cancelled'],
      ['Thay thế', 'booked'],
    ]);
  });

  it('a live meeting cannot be cancelled', () => {
    const m = booked(h.schedule.bookings.book(op, request()));
    const live = h.schedule.bookings.transition(m, 'live')!;
    expect(h.schedule.bookings.cancel(op, { id: m.id, version: live.version }).issues[0]!.message).toMatch(/a live meeting cannot become cancelled/);
  });
});

describe('listing', () => {
  it('lists the meetings of local days in the inventory zone, and refuses a reversed or too long span', () => {
    const late = booked(h.schedule.bookings.book(op, request({ title: 'Tối', start: '2026-06-10T23:30', end: '2026-06-11T00:30' })));
    booked(h.schedule.bookings.book(op, request({ title: 'Sáng', start: '2026-06-10T06:00', end: '2026-06-10T07:00' })));
    expect(h.schedule.bookings.list('2026-06-10').map((s) => s.meeting.title)).toEqual(['Sáng', 'Tối']);
    expect(h.schedule.bookings.list('2026-06-11').map((s) => s.meeting.id)).toEqual([late.id]);
    expect(h.schedule.bookings.list('2026-06-09')).toEqual([]);
    expect(() => h.schedule.bookings.list('2026-06-11', '2026-06-10')).toThrow(/before from/);
    expect(() => h.schedule.bookings.list('2026-01-01', '2026-12-31')).toThrow(/at most 93 days/);
    expect(DAY).toBe(1440 * MIN);
  });
});
