import { describe, expect, it } from 'vitest';
import { LAYOUTS } from '../../../shared/conference';
import {
  BookingRequestSchema,
  editRequestOf,
  parseBookingEdit,
  parseBookingRequest,
  type BookingRequestInput,
  type FieldIssue,
} from '../../../shared/schedule/booking-request';
import {
  LIMITS,
  MEETING_KINDS,
  MEETING_KIND_SOURCES,
  MeetingSchema,
  ParticipantsSchema,
  RecurrenceSchema,
  chairLevelsFor,
  draftOf,
  newMeeting,
} from '../../../shared/schedule/meeting';
import { BERLIN, HCM, draft, meeting } from './fixtures';

const paths = (issues: readonly { path: readonly PropertyKey[] }[]) => issues.map((i) => i.path.join('.'));
function meetingIssues(over: Record<string, unknown>) {
  const r = MeetingSchema.safeParse({ ...meeting('m1'), ...over });
  if (r.success) throw new Error('expected the meeting to be refused');
  return r.error.issues;
}

describe('MeetingSchema', () => {
  it('accepts a stored meeting and gives it back unchanged', () => {
    const m = meeting('m1', { recurrence: { frequency: 'weekly', every: 1, byWeekday: ['wed'], count: 4 } });
    expect(MeetingSchema.parse(m)).toEqual(m);
  });

  it('has ten kinds with stable codes, each traced to a regulation', () => {
    expect(MEETING_KINDS).toEqual([
      'province-with-heads',
      'training',
      'annual-review',
      'topical-review',
      'central',
      'regular',
      'extraordinary',
      'working-session',
      'workshop',
      'briefing',
    ]);
    expect(Object.keys(MEETING_KIND_SOURCES).sort()).toEqual([...MEETING_KINDS].sort());
    expect(MEETING_KINDS.filter((k) => MEETING_KIND_SOURCES[k].source === 'an-giang').map((k) => MEETING_KIND_SOURCES[k].item)).toEqual([1, 2, 3, 4, 5]);
    expect(paths(meetingIssues({ kind: 'party' }))).toEqual(['kind']);
  });

  it('requires a reason when the meeting is an emergency', () => {
    expect(paths(meetingIssues({ emergency: true, emergencyReason: '' }))).toEqual(['emergencyReason']);
    expect(paths(meetingIssues({ emergency: true, emergencyReason: '   ' }))).toEqual(['emergencyReason']);
    expect(MeetingSchema.parse({ ...meeting('m1'), emergency: true, emergencyReason: ' Bão số 3 ' }).emergencyReason).toBe('Bão số 3');
  });

  it('refuses an end not after the start, and meetings over 24 hours', () => {
    const m = meeting('m1');
    expect(meetingIssues({ end: m.start })).toMatchObject([{ path: ['end'], message: 'the end must be after the start' }]);
    expect(paths(meetingIssues({ end: '2026-06-10T00:00:00.000Z' }))).toEqual(['end']);
    expect(meetingIssues({ end: '2026-06-11T01:01:00.000Z' })).toMatchObject([{ path: ['end'], message: 'a meeting lasts at most 24 hours' }]);
  });

  it('stores instants in UTC only, with real calendar dates', () => {
    expect(meetingIssues({ start: '2026-06-10T08:00:00+07:00' })).toMatchObject([{ path: ['start'], message: 'store instants in UTC (ending in Z)' }]);
    expect(meetingIssues({ start: '2026-02-30T01:00:00.000Z' })[0]!.message).toContain('February 2026 has 28 days');
    expect(meetingIssues({ bookedAt: 'yesterday' })).toMatchObject([{ path: ['bookedAt'], message: expect.stringContaining('not an ISO instant') }]);
  });

  it('limits text, refuses blanks and unknown fields', () => {
    expect(meetingIssues({ title: 'x'.repeat(LIMITS.title + 1) })).toMatchObject([{ path: ['title'], message: `at most ${LIMITS.title} characters` }]);
    expect(meetingIssues({ title: '   ' })).toMatchObject([{ path: ['title'], message: 'must not be empty' }]);
    expect(paths(meetingIssues({ notes: 'x'.repeat(LIMITS.notes + 1) }))).toEqual(['notes']);
    expect(paths(meetingIssues({ room: '' }))).toEqual(['room']);
    expect(meetingIssues({ colour: 'red' })).toMatchObject([{ code: 'unrecognized_keys', keys: ['colour'] }]);
  });

  it('takes one of the MCU layouts and a status from the closed list', () => {
    expect(MeetingSchema.parse({ ...meeting('m1'), defaultLayout: LAYOUTS[2] }).defaultLayout).toBe('speakerOnly');
    expect(paths(meetingIssues({ defaultLayout: 'mosaic' }))).toEqual(['defaultLayout']);
    expect(paths(meetingIssues({ status: 'postponed' }))).toEqual(['status']);
    expect(paths(meetingIssues({ version: 0 }))).toEqual(['version']);
  });

  it('chairing levels follow the inventory tiers, central always included', () => {
    expect(chairLevelsFor(['province', 'district', 'commune'])).toEqual(['central', 'province', 'district', 'commune']);
    expect(chairLevelsFor(['province', 'commune'])).toEqual(['central', 'province', 'commune']);
  });

  it('newMeeting and draftOf are inverse', () => {
    const d = draft();
    const m = newMeeting(d, 'abc', '2026-06-01T02:00:00.000Z');
    expect(m).toMatchObject({ id: 'abc', version: 1, status: 'booked', bookedAt: '2026-06-01T02:00:00.000Z' });
    expect(draftOf(m)).toEqual(d);
  });
});

describe('participants and recurrence shapes', () => {
  it('needs at least one site or group, each once', () => {
    expect(ParticipantsSchema.safeParse({ sites: [], groups: [] }).error!.issues[0]!.message).toBe('choose at least one participant site or group');
    expect(ParticipantsSchema.safeParse({}).success).toBe(false);
    expect(paths(ParticipantsSchema.safeParse({ sites: ['a', 'b', 'a'] }).error!.issues)).toEqual(['sites.2']);
    expect(paths(ParticipantsSchema.safeParse({ groups: [{ type: 'all-sites' }, { type: 'all-sites' }] }).error!.issues)).toEqual(['groups.1']);
    expect(ParticipantsSchema.parse({ groups: [{ type: 'district-communes', district: 'ba-be' }] })).toEqual({ sites: [], groups: [{ type: 'district-communes', district: 'ba-be' }] });
    expect(ParticipantsSchema.safeParse({ groups: [{ type: 'district-communes' }] }).success).toBe(false);
    expect(ParticipantsSchema.safeParse({ groups: [{ type: 'everyone' }] }).success).toBe(false);
    expect(ParticipantsSchema.safeParse({ sites: ['Ba Bể'] }).success).toBe(false);
  });

  it('a weekly series ends by date or by count, every 1–4 weeks', () => {
    const base = { frequency: 'weekly', byWeekday: ['mon'] };
    expect(RecurrenceSchema.parse({ ...base, count: 10 })).toEqual({ ...base, every: 1, count: 10 });
    expect(RecurrenceSchema.safeParse({ ...base, count: 10, until: '2026-12-31' }).success).toBe(false);
    expect(RecurrenceSchema.safeParse(base).error!.issues[0]!.message).toContain('either an end date (until) or a number of occurrences (count)');
    expect(RecurrenceSchema.safeParse({ ...base, every: 5, count: 2 }).success).toBe(false);
    expect(RecurrenceSchema.safeParse({ ...base, every: 0, count: 2 }).success).toBe(false);
    expect(RecurrenceSchema.safeParse({ ...base, count: LIMITS.occurrences + 1 }).success).toBe(false);
    expect(RecurrenceSchema.safeParse({ ...base, byWeekday: [], count: 2 }).success).toBe(false);
    expect(RecurrenceSchema.safeParse({ ...base, byWeekday: ['mon', 'mon'], count: 2 }).success).toBe(false);
    expect(RecurrenceSchema.safeParse({ ...base, until: '2026-02-30' }).error!.issues[0]!.message).toContain('February 2026 has 28 days');
    expect(RecurrenceSchema.safeParse({ ...base, frequency: 'daily', count: 2 }).success).toBe(false);
  });
});

const request = (over: Partial<BookingRequestInput> = {}): BookingRequestInput => ({
  title: 'Hội nghị tập huấn chuyển đổi số',
  hostBody: 'Sở Thông tin và Truyền thông',
  chairLevel: 'province',
  kind: 'training',
  hostSiteId: 'so-tttt',
  room: 'Phòng họp trực tuyến',
  participants: { groups: [{ type: 'tier', tier: 'district' }] },
  start: '2026-06-10T08:00',
  end: '2026-06-10T11:30',
  ...over,
});
function issuesOf(raw: unknown, tz = HCM): readonly FieldIssue[] {
  const r = parseBookingRequest(raw, tz);
  if (r.ok) throw new Error('expected the request to be refused');
  return r.issues;
}

describe('booking requests from the form', () => {
  it('turns local times into UTC instants and fills the defaults', () => {
    const r = parseBookingRequest(request(), HCM);
    expect(r).toEqual({
      ok: true,
      draft: expect.objectContaining({ start: '2026-06-10T01:00:00.000Z', end: '2026-06-10T04:30:00.000Z', emergency: false, emergencyReason: '', notes: '', defaultLayout: 'automatic', recurrence: null }),
    });
    expect(parseBookingRequest(request(), BERLIN)).toMatchObject({ ok: true, draft: { start: '2026-06-10T06:00:00.000Z' } });
  });

  it('names the field and the problem for impossible dates and times', () => {
    expect(issuesOf(request({ start: '2026-02-30T08:00', end: '2026-02-30T09:00' }))).toEqual([
      { path: '$.start', message: '"2026-02-30T08:00" is not a date: February 2026 has 28 days' },
      { path: '$.end', message: '"2026-02-30T09:00" is not a date: February 2026 has 28 days' },
    ]);
    expect(issuesOf(request({ end: '2026-06-10T25:00' }))).toEqual([{ path: '$.end', message: '"2026-06-10T25:00" is not a time of day: hours run from 00 to 23' }]);
    expect(issuesOf(request({ start: '10/06/2026 08:00' }))[0]!.message).toContain('use YYYY-MM-DDTHH:mm');
    expect(issuesOf(request({ start: '2026-03-29T02:30', end: '2026-03-29T04:00' }), BERLIN)).toEqual([
      { path: '$.start', message: '2026-03-29 02:30 does not exist in Europe/Berlin: the clocks skip that hour' },
    ]);
  });

  it('refuses an end before (or at) the start', () => {
    expect(issuesOf(request({ end: '2026-06-10T07:00' }))).toEqual([{ path: '$.end', message: 'the end must be after the start' }]);
    expect(issuesOf(request({ end: '2026-06-10T08:00' }))).toEqual([{ path: '$.end', message: 'the end must be after the start' }]);
  });

  it('refuses an emergency without a reason, text over limits and unknown fields', () => {
    expect(issuesOf(request({ emergency: true }))).toEqual([{ path: '$.emergencyReason', message: expect.stringContaining('needs a reason') }]);
    expect(parseBookingRequest(request({ emergency: true, emergencyReason: 'Lũ quét tại Ba Bể' }), HCM)).toMatchObject({ ok: true, draft: { emergency: true, emergencyReason: 'Lũ quét tại Ba Bể' } });
    expect(issuesOf(request({ title: 'x'.repeat(201) }))).toEqual([{ path: '$.title', message: 'at most 200 characters' }]);
    expect(issuesOf({ ...request(), id: 'x' })).toEqual([{ path: '$.id', message: 'unknown field "id"' }]);
    expect(issuesOf({ ...request(), participants: { sites: [], groups: [] } })).toEqual([{ path: '$.participants', message: 'choose at least one participant site or group' }]);
  });

  it('lists time problems together with the other fields, so the form shows them all at once', () => {
    expect(issuesOf(request({ title: '', start: '2026-02-30T08:00', end: '2026-06-10T24:00' }))).toEqual([
      { path: '$.title', message: 'must not be empty' },
      { path: '$.start', message: '"2026-02-30T08:00" is not a date: February 2026 has 28 days' },
      { path: '$.end', message: '"2026-06-10T24:00" is not a time of day: hours run from 00 to 23' },
    ]);
    expect(issuesOf({ ...request(), start: 42 }).map((i) => i.path)).toEqual(['$.start']);
  });

  it('checks that a series fits its first meeting', () => {
    // 10 June 2026 is a Wednesday.
    const weekly = (over: object) => request({ recurrence: { frequency: 'weekly', byWeekday: ['wed'], count: 4, ...over } as never });
    expect(parseBookingRequest(weekly({}), HCM).ok).toBe(true);
    expect(issuesOf(weekly({ byWeekday: ['mon', 'thu'] }))).toEqual([
      { path: '$.recurrence.byWeekday', message: "the first meeting is on 10/06/2026 (wed), which is not one of the series' weekdays (mon, thu)" },
    ]);
    expect(issuesOf(weekly({ count: undefined, until: '2026-06-09' }))).toEqual([
      { path: '$.recurrence.until', message: 'the series ends (09/06/2026) before its first meeting (10/06/2026)' },
    ]);
    expect(issuesOf(weekly({ count: undefined, until: '2030-12-31' }))[0]!.message).toBe('the series would have more than 104 occurrences: choose an earlier end date');
  });

  it('edits carry the id and the version the editor saw, and round-trip through the form', () => {
    const stored = meeting('m-7', { status: 'ready' });
    const form = { ...editRequestOf({ ...stored, version: 3 }, HCM) };
    expect(form).toMatchObject({ id: 'm-7', version: 3, start: '2026-06-10T08:00', end: '2026-06-10T10:00' });
    expect(parseBookingEdit(form, HCM)).toEqual({ ok: true, id: 'm-7', version: 3, draft: draftOf(stored) });
    const { version: _v, ...noVersion } = form;
    expect(parseBookingEdit(noVersion, HCM)).toEqual({ ok: false, issues: [{ path: '$.version', message: expect.any(String) }] });
    expect(BookingRequestSchema.safeParse(form).success).toBe(false);
  });
});
