import { describe, expect, it } from 'vitest';
import type { MeetingDraft } from '../../../shared/schedule/meeting';
import { checkBooking, earliestStartWithNotice, meetsNotice, type BookingContext } from '../../../shared/schedule/rules';
import type { BookingCheck, Violation } from '../../../shared/schedule/violations';
import { BERLIN, HCM, NOW, at, directory, draft } from './fixtures';

const dir = directory();
const check = (d: MeetingDraft, ctx: Partial<BookingContext> = {}) => checkBooking(d, { directory: dir, existing: [], now: NOW, ...ctx });
const violations = (r: BookingCheck): readonly Violation[] => (r.ok ? [] : r.violations);
const rules = (r: BookingCheck) => violations(r).map((v) => v.rule);
const ms = (iso: string) => Date.parse(iso);

// NOW is Monday 1 June 2026, 09:00 in Hồ Chí Minh time.
describe('notice, in calendar days (the default)', () => {
  it('a meeting on Thursday may be booked on Monday at any hour; one on Wednesday may not', () => {
    expect(check(draft({ from: '2026-06-04T00:00', to: '2026-06-04T01:00' }))).toEqual({ ok: true, warnings: [], occurrences: [expect.objectContaining({ date: '2026-06-04' })] });
    const r = check(draft({ from: '2026-06-03T23:00', to: '2026-06-03T23:59' }));
    expect(violations(r)).toEqual([
      {
        rule: 'notice',
        occurrenceDate: '2026-06-03',
        start: at('2026-06-03T23:00'),
        bookedAt: NOW,
        noticeDays: 3,
        noticeMode: 'calendar-days',
        earliestStart: at('2026-06-04T00:00'),
        message: 'meetings are booked at least 3 days ahead: booked 01/06/2026 09:00, the earliest start is 04/06/2026 00:00 (unless it is an emergency, with its reason)',
      },
    ]);
  });

  it('counts the booking day in the inventory zone, not in UTC', () => {
    const thursday = ms(at('2026-06-04T08:00'));
    // 23:59 on Monday local time (16:59 UTC) is still Monday: Thursday is fine.
    expect(meetsNotice(thursday, ms(at('2026-06-01T23:59')), HCM, { noticeDays: 3, noticeMode: 'calendar-days' })).toBe(true);
    // 00:00 on Tuesday local time (still Monday 17:00 in UTC) is Tuesday: too late for Thursday.
    expect(meetsNotice(thursday, ms(at('2026-06-02T00:00')), HCM, { noticeDays: 3, noticeMode: 'calendar-days' })).toBe(false);
    expect(check(draft({ from: '2026-06-04T08:00', to: '2026-06-04T09:00' }), { now: at('2026-06-02T00:00') }).ok).toBe(false);
  });

  it('the number of days is configurable', () => {
    const tomorrow = draft({ from: '2026-06-02T08:00', to: '2026-06-02T09:00' });
    expect(rules(check(tomorrow))).toEqual(['notice']);
    expect(check(tomorrow, { policy: { noticeDays: 1 } }).ok).toBe(true);
    expect(check(draft({ from: '2026-06-01T10:00', to: '2026-06-01T11:00' }), { policy: { noticeDays: 0 } }).ok).toBe(true);
    const r = check(draft({ from: '2026-06-05T08:00', to: '2026-06-05T09:00' }), { policy: { noticeDays: 5 } });
    expect(violations(r)).toMatchObject([{ rule: 'notice', noticeDays: 5, earliestStart: at('2026-06-06T00:00') }]);
  });
});

describe('notice, in elapsed time', () => {
  const elapsed = { noticeDays: 3, noticeMode: 'elapsed' as const };
  it('needs start − bookedAt ≥ 72 h exactly', () => {
    expect(check(draft({ from: '2026-06-04T09:00', to: '2026-06-04T10:00' }), { policy: elapsed }).ok).toBe(true);
    const r = check(draft({ from: '2026-06-04T08:59', to: '2026-06-04T10:00' }), { policy: elapsed });
    expect(violations(r)).toMatchObject([{ rule: 'notice', noticeMode: 'elapsed', earliestStart: at('2026-06-04T09:00') }]);
  });

  it('the two definitions differ only in the last day before the meeting', () => {
    const start = ms(at('2026-06-04T08:00'));
    expect(meetsNotice(start, ms(NOW), HCM, { noticeDays: 3, noticeMode: 'calendar-days' })).toBe(true);
    expect(meetsNotice(start, ms(NOW), HCM, { noticeDays: 3, noticeMode: 'elapsed' })).toBe(false);
  });
});

describe('earliestStartWithNotice', () => {
  it('is midnight local N days on, or N × 24 h on; across DST it is still local midnight', () => {
    expect(earliestStartWithNotice(ms(NOW), HCM, { noticeDays: 3, noticeMode: 'calendar-days' })).toBe(ms('2026-06-03T17:00Z'));
    expect(earliestStartWithNotice(ms(NOW), HCM, { noticeDays: 3, noticeMode: 'elapsed' })).toBe(ms('2026-06-04T02:00Z'));
    // Booked Friday 27 March 2026 in Berlin; Monday 30 March 00:00 is CEST (+2).
    expect(earliestStartWithNotice(ms('2026-03-27T12:00Z'), BERLIN, { noticeDays: 3, noticeMode: 'calendar-days' })).toBe(ms('2026-03-29T22:00Z'));
  });
});

describe('emergency meetings', () => {
  const soon = { from: '2026-06-01T14:00', to: '2026-06-01T16:00' };
  it('are exempt from the notice when they give a reason, which is recorded as a warning', () => {
    const r = check(draft({ ...soon, emergency: true, emergencyReason: '  Sạt lở đất tại Ba Bể ' }));
    expect(r).toEqual({
      ok: true,
      occurrences: [expect.objectContaining({ date: '2026-06-01' })],
      warnings: [
        { rule: 'notice-exempt', occurrenceDate: '2026-06-01', reason: 'Sạt lở đất tại Ba Bể', message: "less than 3 days' notice, accepted as an emergency: Sạt lở đất tại Ba Bể" },
      ],
    });
  });

  it('without a reason are refused, and the notice still applies', () => {
    expect(rules(check(draft({ ...soon, emergency: true, emergencyReason: '' })))).toEqual(['emergency-reason', 'notice']);
    expect(rules(check(draft({ ...soon, emergency: true, emergencyReason: ' \n ' })))).toEqual(['emergency-reason', 'notice']);
  });

  it('a reason without the emergency flag exempts nothing', () => {
    expect(rules(check(draft({ ...soon, emergencyReason: 'Bão' })))).toEqual(['notice']);
  });

  it('an emergency with plenty of notice needs no exemption', () => {
    expect(check(draft({ emergency: true, emergencyReason: 'Dịch bệnh' }))).toMatchObject({ ok: true, warnings: [] });
  });

  it('cannot start in the past; a few minutes late (the form has minutes only) is "now"', () => {
    const past = check(draft({ from: '2026-06-01T08:00', to: '2026-06-01T10:00', emergency: true, emergencyReason: 'Cháy rừng' }));
    expect(violations(past)).toEqual([
      { rule: 'in-past', field: 'start', at: at('2026-06-01T08:00'), now: NOW, message: 'the start (01/06/2026 08:00) is in the past' },
    ]);
    expect(check(draft({ from: '2026-06-01T08:56', to: '2026-06-01T10:00', emergency: true, emergencyReason: 'Cháy rừng' })).ok).toBe(true);
    expect(rules(check(draft({ from: '2026-06-01T08:54', to: '2026-06-01T10:00', emergency: true, emergencyReason: 'Cháy rừng' })))).toEqual(['in-past']);
  });
});

describe('bad input reaching the rules', () => {
  it('reports invalid instants and an end before the start instead of throwing', () => {
    expect(violations(check({ ...draft(), start: '2026-02-30T01:00:00Z' }))).toEqual([
      { rule: 'invalid-time', message: 'start: "2026-02-30T01:00:00Z" is not a date: February 2026 has 28 days' },
    ]);
    const d = draft();
    expect(violations(check({ ...d, end: d.start }))).toEqual([{ rule: 'invalid-time', message: 'the end must be after the start' }]);
    expect(violations(check(d, { now: 'not a time' }))).toMatchObject([{ rule: 'invalid-time' }]);
  });

  it('reports unknown host, sites, districts and tiers, and an unknown chairing level, all at once', () => {
    const r = check(
      draft({
        hostSiteId: 'so-gtvt',
        chairLevel: 'ministry',
        participants: { sites: ['ba-be', 'pac-nam'], groups: [{ type: 'district-communes', district: 'ngan-son' }, { type: 'tier', tier: 'village' }, { type: 'district-communes', district: 'na-ri-kim-hy' }] },
      }),
    );
    expect(violations(r)).toEqual([
      { rule: 'chair-level', chairLevel: 'ministry', allowed: ['central', 'province', 'district', 'commune'], message: expect.any(String) },
      { rule: 'unknown-site', field: 'hostSiteId', siteIds: ['so-gtvt'], message: 'the host site "so-gtvt" is not in the inventory' },
      { rule: 'unknown-site', field: 'participants', siteIds: ['pac-nam'], message: 'not in the inventory: "pac-nam"' },
      { rule: 'unknown-group', group: { type: 'district-communes', district: 'ngan-son' }, message: 'all communes of "ngan-son": the inventory has no district "ngan-son"' },
      { rule: 'unknown-group', group: { type: 'tier', tier: 'village' }, message: 'all sites of tier "village": the inventory has no tier "village"' },
    ]);
    expect(r.warnings).toEqual([{ rule: 'empty-group', group: { type: 'district-communes', district: 'na-ri-kim-hy' }, message: 'all communes of UBND xã kim-hy: no sites in the inventory' }]);
  });

  it('refuses a selection that stands for no site', () => {
    expect(rules(check(draft({ participants: { sites: [], groups: [{ type: 'district-communes', district: 'ba-be-cho-ra' }] } })))).toEqual(['no-participants']);
  });
});
