import { describe, expect, it } from 'vitest';
import type { Meeting, MeetingDraft } from '../../../shared/schedule/meeting';
import { checkBooking, type BookingContext } from '../../../shared/schedule/rules';
import type { BookingCheck, Violation } from '../../../shared/schedule/violations';
import { BERLIN, NOW, at, directory, draft, meeting } from './fixtures';

const dir = directory();
const check = (d: MeetingDraft, existing: Meeting[], ctx: Partial<BookingContext> = {}) => checkBooking(d, { directory: dir, existing, now: NOW, ...ctx });
const violations = (r: BookingCheck): readonly Violation[] => (r.ok ? [] : r.violations);
const rules = (r: BookingCheck) => violations(r).map((v) => v.rule);

// The stored meeting most tests collide with: 10 June 2026, 08:00–10:00, UBND tỉnh's room 1, with Nam Mẫu.
const a1 = meeting('a1', { title: 'Giao ban tỉnh', participants: { sites: ['ba-be-nam-mau'], groups: [] } });
const A1_REF = { id: 'a1', title: 'Giao ban tỉnh', start: at('2026-06-10T08:00'), end: at('2026-06-10T10:00'), occurrenceDate: '2026-06-10' };

describe('same host room', () => {
  it('is refused, naming the other meeting, its time, the site and the room', () => {
    const r = check(draft({ from: '2026-06-10T09:00', to: '2026-06-10T11:00', room: '  PHONG HOP truc tuyen 1', participants: { sites: ['na-ri'], groups: [] } }), [a1]);
    expect(violations(r)).toEqual([
      {
        rule: 'host-room',
        occurrenceDate: '2026-06-10',
        other: A1_REF,
        site: { id: 'ubnd-tinh', name: 'Văn phòng UBND tỉnh' },
        room: '  PHONG HOP truc tuyen 1',
        message: 'On 10/06/2026: room "  PHONG HOP truc tuyen 1" at Văn phòng UBND tỉnh is already booked for "Giao ban tỉnh" (10/06/2026 08:00–10:00)',
      },
    ]);
  });

  it('another room of the same host site is free', () => {
    expect(check(draft({ room: 'Phòng họp số 2', participants: { sites: ['na-ri'], groups: [] } }), [a1]).ok).toBe(true);
  });
});

describe('same participant site', () => {
  it('finds a commune inside "all communes of Ba Bể" that the other meeting chose one by one', () => {
    const r = check(draft({ hostSiteId: 'so-tttt', participants: { sites: [], groups: [{ type: 'district-communes', district: 'ba-be' }] } }), [a1]);
    expect(violations(r)).toEqual([
      {
        rule: 'participant-site',
        occurrenceDate: '2026-06-10',
        other: A1_REF,
        sites: [{ id: 'ba-be-nam-mau', name: 'UBND xã nam-mau' }],
        message: 'On 10/06/2026: a site is already in "Giao ban tỉnh" (10/06/2026 08:00–10:00): UBND xã nam-mau',
      },
    ]);
  });

  it('lists every shared site together, and every meeting it collides with', () => {
    const b = meeting('b2', { title: 'Tập huấn', hostSiteId: 'tinh-uy', room: 'Hội trường', from: '2026-06-10T09:30', to: '2026-06-10T12:00', participants: { sites: [], groups: [{ type: 'district-communes', district: 'na-ri' }] } });
    const c = meeting('c3', { hostSiteId: 'tinh-uy', room: 'Phòng lớn', from: '2026-06-10T09:00', to: '2026-06-10T11:00', participants: { sites: [], groups: [{ type: 'all-sites' }] } });
    const r = check(draft({ hostSiteId: 'so-tttt', room: 'Phòng 2', from: '2026-06-10T10:00', to: '2026-06-10T11:00', participants: { sites: ['na-ri-kim-hy', 'na-ri-yen-lac', 'ba-be'], groups: [] } }), [a1, b, c]);
    expect(violations(r).map((v) => [v.rule, 'other' in v ? v.other.id : null, 'sites' in v ? v.sites.map((s) => s.id) : null])).toEqual([
      ['participant-site', 'b2', ['na-ri-kim-hy', 'na-ri-yen-lac']],
      ['participant-site', 'c3', ['so-tttt', 'ba-be', 'na-ri-kim-hy', 'na-ri-yen-lac']],
    ]);
    expect(violations(r)[0]!.message).toBe('On 10/06/2026: 2 sites are already in "Tập huấn" (10/06/2026 09:30–12:00): UBND xã kim-hy, UBND xã yen-lac');
  });

  it('the host site taking part in another meeting is a conflict too', () => {
    const r = check(draft({ hostSiteId: 'ba-be-nam-mau', room: 'Hội trường xã', participants: { sites: ['na-ri'], groups: [] } }), [a1]);
    expect(violations(r)).toMatchObject([{ rule: 'participant-site', other: { id: 'a1' }, sites: [{ id: 'ba-be-nam-mau' }] }]);
  });

  it('room and site conflicts with one meeting are both reported', () => {
    expect(rules(check(draft({ participants: { sites: ['ba-be-nam-mau'], groups: [] } }), [a1]))).toEqual(['host-room', 'participant-site']);
  });
});

describe('what overlaps', () => {
  const sameRoom = (from: string, to: string) => draft({ from, to, participants: { sites: ['na-ri'], groups: [] } });
  it('touching intervals do not overlap; one minute more does', () => {
    expect(check(sameRoom('2026-06-10T10:00', '2026-06-10T11:00'), [a1]).ok).toBe(true);
    expect(check(sameRoom('2026-06-10T07:00', '2026-06-10T08:00'), [a1]).ok).toBe(true);
    expect(rules(check(sameRoom('2026-06-10T09:59', '2026-06-10T11:00'), [a1]))).toEqual(['host-room']);
    expect(rules(check(sameRoom('2026-06-10T07:00', '2026-06-10T08:01'), [a1]))).toEqual(['host-room']);
    expect(rules(check(sameRoom('2026-06-10T08:30', '2026-06-10T09:00'), [a1]))).toEqual(['host-room']);
  });

  it('a setup buffer keeps meetings that far apart, on either side', () => {
    const policy = { setupBufferMinutes: 15 };
    expect(rules(check(sameRoom('2026-06-10T10:00', '2026-06-10T11:00'), [a1], { policy }))).toEqual(['host-room']);
    expect(rules(check(sameRoom('2026-06-10T10:14', '2026-06-10T11:00'), [a1], { policy }))).toEqual(['host-room']);
    expect(check(sameRoom('2026-06-10T10:15', '2026-06-10T11:00'), [a1], { policy }).ok).toBe(true);
    expect(rules(check(sameRoom('2026-06-10T07:00', '2026-06-10T07:50'), [a1], { policy }))).toEqual(['host-room']);
    expect(check(sameRoom('2026-06-10T07:00', '2026-06-10T07:45'), [a1], { policy }).ok).toBe(true);
  });

  it('cancelled and ended meetings hold nothing; booked, ready and live ones do', () => {
    const d = draft({ participants: { sites: ['na-ri'], groups: [] } });
    expect(check(d, [{ ...a1, status: 'cancelled' }]).ok).toBe(true);
    expect(check(d, [{ ...a1, status: 'ended' }]).ok).toBe(true);
    for (const status of ['booked', 'ready', 'live'] as const) expect(rules(check(d, [{ ...a1, status }])), status).toEqual(['host-room']);
  });
});

describe('recurring meetings: every occurrence is checked', () => {
  const mondays = draft({ from: '2026-06-08T08:00', to: '2026-06-08T09:00', room: 'Phòng 2', recurrence: { frequency: 'weekly', every: 1, byWeekday: ['mon'], count: 4 } });

  it('names the one occurrence that collides', () => {
    const once = meeting('x', { title: 'Hội nghị chuyên đề', room: 'Phòng 2', from: '2026-06-22T08:30', to: '2026-06-22T11:00', participants: { sites: ['cho-don'], groups: [] } });
    const r = check(mondays, [once]);
    expect(r.occurrences.map((o) => o.date)).toEqual(['2026-06-08', '2026-06-15', '2026-06-22', '2026-06-29']);
    expect(violations(r)).toEqual([
      expect.objectContaining({ rule: 'host-room', occurrenceDate: '2026-06-22', other: expect.objectContaining({ id: 'x', occurrenceDate: '2026-06-22' }) }),
    ]);
    expect(violations(r)[0]!.message).toMatch(/^On 22\/06\/2026: /);
  });

  it('expands stored series too, occurrence by occurrence', () => {
    // Stored: every Wednesday 08:30–09:30 with Ba Bể, from 3 June, 5 times. Candidate: Mondays and Wednesdays 08:00–09:00.
    const wed = meeting('w', { title: 'Giao ban huyện', hostSiteId: 'ba-be', room: 'Hội trường', from: '2026-06-03T08:30', to: '2026-06-03T09:30', recurrence: { frequency: 'weekly', every: 1, byWeekday: ['wed'], count: 5 } });
    const r = check({ ...mondays, recurrence: { frequency: 'weekly', every: 1, byWeekday: ['mon', 'wed'], count: 6 } }, [wed]);
    expect(violations(r).map((v) => [v.rule, 'occurrenceDate' in v && v.occurrenceDate, 'other' in v && v.other.occurrenceDate])).toEqual([
      ['participant-site', '2026-06-10', '2026-06-10'],
      ['participant-site', '2026-06-17', '2026-06-17'],
      ['participant-site', '2026-06-24', '2026-06-24'],
    ]);
  });

  it('skips occurrences already over (an edit to a running series)', () => {
    const stored = meeting('s', { ...mondays, status: 'booked' });
    const old = meeting('o', { room: 'Phòng 2', from: '2026-06-08T08:00', to: '2026-06-08T09:00', participants: { sites: ['cho-don'], groups: [] } });
    const r = check({ ...mondays, notes: 'mang theo báo cáo' }, [stored, old], { previous: stored, now: at('2026-06-10T09:00') });
    expect(r.ok).toBe(true);
  });

  it('in a DST zone, a series keeps its local time, so it collides by local time (Europe/Berlin)', () => {
    const berlin = directory(BERLIN);
    const now = at('2026-03-01T09:00', BERLIN);
    // Mondays 08:00–09:00 Berlin time from 16 March: 07:00Z before the change on 29 March, 06:00Z after.
    const series = draft({ tz: BERLIN, from: '2026-03-16T08:00', to: '2026-03-16T09:00', recurrence: { frequency: 'weekly', every: 1, byWeekday: ['mon'], count: 4 } });
    const onThe30th = meeting('m30', { tz: BERLIN, from: '2026-03-30T08:00', to: '2026-03-30T09:00', participants: { sites: ['na-ri'], groups: [] } });
    const r = checkBooking(series, { directory: berlin, existing: [onThe30th], now });
    expect(violations(r)).toMatchObject([{ rule: 'host-room', occurrenceDate: '2026-03-30', other: { id: 'm30', start: '2026-03-30T06:00:00.000Z' } }]);
    expect(violations(r)[0]!.message).toContain('(30/03/2026 08:00–09:00)');
    // 07:00Z on the 30th is 09:00 local: touching the 08:00–09:00 occurrence, not overlapping it.
    const utcSeven = meeting('m7', { start: '2026-03-30T07:00:00.000Z', end: '2026-03-30T08:00:00.000Z' });
    expect(checkBooking(series, { directory: berlin, existing: [utcSeven], now }).ok).toBe(true);
  });

  it('a series whose start time does not exist on one date is refused, naming the date', () => {
    const berlin = directory(BERLIN);
    const sundays = draft({ tz: BERLIN, from: '2026-03-22T02:30', to: '2026-03-22T03:30', recurrence: { frequency: 'weekly', every: 1, byWeekday: ['sun'], count: 3 } });
    const r = checkBooking(sundays, { directory: berlin, existing: [], now: at('2026-03-01T09:00', BERLIN) });
    expect(violations(r)).toEqual([
      { rule: 'nonexistent-occurrence', occurrenceDate: '2026-03-29', message: 'On 29/03/2026 the start time does not exist in Europe/Berlin (clocks skip that hour)' },
    ]);
  });
});
