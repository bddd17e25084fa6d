import { describe, expect, it } from 'vitest';
import { draftOf, type Meeting, type MeetingDraft } from '../../../shared/schedule/meeting';
import { checkBooking, type BookingContext } from '../../../shared/schedule/rules';
import { isVersionConflict } from '../../../shared/schedule/status';
import type { BookingCheck, Violation } from '../../../shared/schedule/violations';
import { NOW, at, directory, meeting } from './fixtures';

const dir = directory();
const violations = (r: BookingCheck): readonly Violation[] => (r.ok ? [] : r.violations);
const rules = (r: BookingCheck) => violations(r).map((v) => v.rule);
const edit = (previous: Meeting, changes: Partial<MeetingDraft>, existing: Meeting[], ctx: Partial<BookingContext> = {}) =>
  checkBooking({ ...draftOf(previous), ...changes }, { directory: dir, existing, now: NOW, previous, ...ctx });

// Stored: m1 10 June 08:00–10:00 in UBND tỉnh's room 1; next 10:30–12:00 in the same room.
const m1 = meeting('m1', { title: 'Giao ban', participants: { sites: ['ba-be'], groups: [] } });
const next = meeting('next', { title: 'Họp chuyên đề', from: '2026-06-10T10:30', to: '2026-06-10T12:00', participants: { sites: ['na-ri'], groups: [] } });

describe('edits', () => {
  it('the meeting being edited never conflicts with itself', () => {
    const later = { start: at('2026-06-10T08:30'), end: at('2026-06-10T10:30') };
    expect(edit(m1, later, [m1, next]).ok).toBe(true);
    // The same draft checked as a new booking collides with the stored m1: self-exclusion is what passed above.
    expect(rules(checkBooking({ ...draftOf(m1), ...later }, { directory: dir, existing: [m1, next], now: NOW }))).toEqual(['host-room', 'participant-site']);
  });

  it('a move into another meeting is refused, naming it', () => {
    const r = edit(m1, { start: at('2026-06-10T09:00'), end: at('2026-06-10T11:00') }, [m1, next]);
    expect(violations(r)).toMatchObject([{ rule: 'host-room', other: { id: 'next', title: 'Họp chuyên đề' } }]);
  });

  it('a change that keeps the time is not re-checked for notice, a new time is', () => {
    const soon = meeting('soon', { from: '2026-06-02T08:00', to: '2026-06-02T09:00' });
    expect(edit(soon, { title: 'Giao ban (sửa)', participants: { sites: ['na-ri'], groups: [] } }, [soon]).ok).toBe(true);
    expect(rules(edit(soon, { start: at('2026-06-02T14:00'), end: at('2026-06-02T15:00') }, [soon]))).toEqual(['notice']);
    expect(edit(soon, { start: at('2026-06-02T14:00'), end: at('2026-06-02T15:00'), emergency: true, emergencyReason: 'Mưa lũ' }, [soon])).toMatchObject({ ok: true, warnings: [{ rule: 'notice-exempt' }] });
  });

  it('an extension of a live meeting is checked like a booking: into the next meeting, refused', () => {
    const live = { ...m1, status: 'live' as const };
    const during = at('2026-06-10T09:45');
    const r = edit(live, { end: at('2026-06-10T11:00') }, [live, next], { now: during });
    expect(violations(r)).toEqual([expect.objectContaining({ rule: 'host-room', other: expect.objectContaining({ id: 'next' }) })]);
    // Up to the next meeting is fine, and the start (on the same day) is not checked for notice.
    expect(edit(live, { end: at('2026-06-10T10:30') }, [live, next], { now: during }).ok).toBe(true);
  });

  it('a live meeting may change only its end, notes and layout', () => {
    const live = { ...m1, status: 'live' as const };
    const during = at('2026-06-10T09:45');
    expect(edit(live, { notes: 'Mất tiếng ở Ba Bể', defaultLayout: 'speakerOnly' }, [live], { now: during }).ok).toBe(true);
    expect(violations(edit(live, { title: 'Khác', room: 'Phòng 2' }, [live], { now: during }))).toEqual([
      { rule: 'not-editable', status: 'live', fields: ['title', 'room'], message: 'a live meeting can only change end, notes, defaultLayout, not title, room' },
    ]);
    expect(violations(edit(live, { end: at('2026-06-10T09:30') }, [live], { now: during }))).toMatchObject([{ rule: 'in-past', field: 'end' }]);
  });

  it('ended and cancelled meetings cannot be changed', () => {
    for (const status of ['ended', 'cancelled'] as const) {
      const m = { ...m1, status };
      expect(violations(edit(m, { notes: 'x' }, [m]))).toEqual([{ rule: 'not-editable', status, fields: ['notes'], message: `${status === 'ended' ? 'an' : 'a'} ${status} meeting cannot be changed` }]);
      expect(edit(m, {}, [m]).ok).toBe(true); // nothing changed, nothing refused
    }
  });

  it('a booked meeting whose start has passed cannot be moved into the past', () => {
    expect(rules(edit(m1, { start: at('2026-05-30T08:00'), end: at('2026-05-30T09:00') }, [m1]))).toEqual(['in-past', 'notice']);
  });
});

describe('isVersionConflict', () => {
  it('is true when storage holds another version than the editor saw', () => {
    expect(isVersionConflict({ version: 3 }, 3)).toBe(false);
    expect(isVersionConflict({ version: 4 }, 3)).toBe(true);
    expect(isVersionConflict({ version: 2 }, 3)).toBe(true);
  });
});
