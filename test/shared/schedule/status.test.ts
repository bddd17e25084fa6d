import { describe, expect, it } from 'vitest';
import { MEETING_STATUSES, draftOf } from '../../../shared/schedule/meeting';
import { canTransition, changedFields, checkTransition, editableFields, holdsResources, isFinalStatus } from '../../../shared/schedule/status';
import { meeting } from './fixtures';

describe('status transitions', () => {
  it('allows exactly the life of a meeting', () => {
    const allowed = MEETING_STATUSES.flatMap((from) => MEETING_STATUSES.filter((to) => canTransition(from, to)).map((to) => `${from}→${to}`));
    expect(allowed).toEqual(['booked→ready', 'booked→live', 'booked→cancelled', 'ready→booked', 'ready→live', 'ready→cancelled', 'live→ended']);
  });

  it('explains a refused transition', () => {
    expect(checkTransition('booked', 'ready')).toEqual({ ok: true });
    expect(checkTransition('live', 'cancelled')).toEqual({ ok: false, message: 'a live meeting cannot become cancelled (it can become: ended)' });
    expect(checkTransition('ended', 'live')).toEqual({ ok: false, message: 'an ended meeting cannot become live (ended is final)' });
    expect(checkTransition('booked', 'booked')).toEqual({ ok: false, message: 'the meeting is already booked' });
    expect(checkTransition('booked', 'ended')).toMatchObject({ ok: false });
  });

  it('ended and cancelled are final and hold nothing', () => {
    expect(MEETING_STATUSES.filter(isFinalStatus)).toEqual(['ended', 'cancelled']);
    expect(MEETING_STATUSES.filter(holdsResources)).toEqual(['booked', 'ready', 'live']);
  });

  it('what may still be edited in each status', () => {
    expect(editableFields('booked')).toBe('all');
    expect(editableFields('ready')).toBe('all');
    expect(editableFields('live')).toEqual(['end', 'notes', 'defaultLayout']);
    expect(editableFields('ended')).toEqual([]);
    expect(editableFields('cancelled')).toEqual([]);
  });
});

describe('changedFields', () => {
  const d = draftOf(meeting('m'));
  it('compares instants as instants and objects regardless of key order', () => {
    expect(changedFields(d, { ...d })).toEqual([]);
    expect(changedFields(d, { ...d, start: d.start.replace('.000Z', 'Z') })).toEqual([]);
    expect(changedFields(d, { ...d, participants: { groups: d.participants.groups, sites: d.participants.sites } })).toEqual([]);
    expect(changedFields(d, { ...d, end: '2026-06-10T03:30:00.000Z', participants: { sites: ['na-ri'], groups: [] }, notes: 'x' })).toEqual(['participants', 'end', 'notes']);
    expect(changedFields(d, { ...d, recurrence: { frequency: 'weekly', every: 1, byWeekday: ['wed'], count: 2 } })).toEqual(['recurrence']);
  });
});
