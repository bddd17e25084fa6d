import { describe, expect, it } from 'vitest';
import { totalMs } from '../../../shared/history/intervals.js';
import { DEFAULT_WORKING_HOURS, isWorkingTime, validateWorkingHours, workingIntervals, type WorkingWeek } from '../../../shared/history/working-hours.js';

const HOUR = 3_600_000;
const MIN = 60_000;
const ms = (iso: string) => Date.parse(iso);
const iv = (a: string, b: string) => ({ start: ms(a), end: ms(b) });

function week(input: unknown): WorkingWeek {
  const r = validateWorkingHours(input);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

const office = week(DEFAULT_WORKING_HOURS);

describe('validateWorkingHours', () => {
  it('compiles the default (Mon–Fri 07:00–17:00, Asia/Ho_Chi_Minh) into minutes', () => {
    expect(office.timeZone).toBe('Asia/Ho_Chi_Minh');
    expect(office.days.mon).toEqual([{ startMin: 420, endMin: 1020 }]);
    expect(office.days.fri).toEqual([{ startMin: 420, endMin: 1020 }]);
    expect(office.days.sat).toEqual([]);
    expect(office.days.sun).toEqual([]);
  });

  it('sorts a day’s spans and accepts touching ones and 24:00 as an end', () => {
    const w = week({ timeZone: 'Europe/Berlin', days: { tue: [{ start: '13:30', end: '24:00' }, { start: '07:30', end: '11:30' }, { start: '11:30', end: '12:00' }] } });
    expect(w.days.tue).toEqual([
      { startMin: 450, endMin: 690 },
      { startMin: 690, endMin: 720 },
      { startMin: 810, endMin: 1440 },
    ]);
  });

  const bad = (input: unknown) => {
    const r = validateWorkingHours(input);
    return r.ok ? null : r.error;
  };

  it('names an end at or before its start, with the day and span', () => {
    expect(bad({ days: { mon: [{ start: '07:00', end: '17:00' }], wed: [{ start: '07:00', end: '12:00' }, { start: '17:00', end: '08:00' }] } })).toEqual({
      code: 'invalid_schedule',
      params: { reason: 'end_before_start', day: 'wed', span: 1 },
    });
    expect(bad({ days: { mon: [{ start: '09:00', end: '09:00' }] } })?.params).toEqual({ reason: 'end_before_start', day: 'mon', span: 0 });
  });

  it('refuses times that are not HH:mm within the day', () => {
    for (const [start, end, value] of [
      ['7:00', '17:00', '7:00'],
      ['24:00', '24:00', '24:00'],
      ['07:00', '23:60', '23:60'],
      ['07:00', '24:01', '24:01'],
      ['07:00', undefined, 'undefined'],
      [7, '17:00', '7'],
    ]) {
      expect(bad({ days: { thu: [{ start, end }] } })?.params).toEqual({ reason: 'bad_time', day: 'thu', span: 0, value });
    }
    expect(bad({ days: { thu: ['07:00-17:00'] } })?.params).toMatchObject({ reason: 'bad_time', day: 'thu' });
  });

  it('refuses overlapping spans in a day, naming the later-written one', () => {
    expect(bad({ days: { fri: [{ start: '13:00', end: '17:00' }, { start: '07:00', end: '13:30' }] } })?.params).toEqual({ reason: 'overlap', day: 'fri', span: 1 });
  });

  it('refuses unknown days and zones, a wrong shape and a schedule with no working time', () => {
    expect(bad({ days: { monday: [] } })?.params).toEqual({ reason: 'unknown_day', day: 'monday' });
    expect(bad({ timeZone: 'Mars/Olympus', days: { mon: [] } })?.params).toEqual({ reason: 'unknown_time_zone', value: 'Mars/Olympus' });
    expect(bad({ timeZone: 7, days: {} })?.params).toEqual({ reason: 'unknown_time_zone', value: '7' });
    expect(bad(null)?.params).toEqual({ reason: 'bad_shape' });
    expect(bad({ days: [] })?.params).toEqual({ reason: 'bad_shape' });
    expect(bad({ days: { mon: { start: '07:00', end: '17:00' } } })?.params).toEqual({ reason: 'bad_shape', day: 'mon' });
    expect(bad({ days: { mon: [], sun: [] } })?.params).toEqual({ reason: 'no_working_time' });
  });
});

describe('workingIntervals in Asia/Ho_Chi_Minh (UTC+7)', () => {
  it('gives Mon–Fri 07:00–17:00 local as 00:00–10:00 UTC over a week, nothing at the weekend', () => {
    const got = workingIntervals(office, ms('2026-06-08T00:00:00+07:00'), ms('2026-06-15T00:00:00+07:00'));
    expect(got).toEqual(['08', '09', '10', '11', '12'].map((d) => iv(`2026-06-${d}T00:00:00Z`, `2026-06-${d}T10:00:00Z`)));
    expect(totalMs(got)).toBe(50 * HOUR);
  });

  it('cuts at the range edges to the millisecond', () => {
    const from = ms('2026-06-08T03:00:00.123Z');
    const to = ms('2026-06-09T01:30:00.456Z');
    expect(workingIntervals(office, from, to)).toEqual([
      { start: from, end: ms('2026-06-08T10:00:00Z') },
      { start: ms('2026-06-09T00:00:00Z'), end: to },
    ]);
  });

  it('is empty for an empty range or one outside working time, and throws for a reversed one', () => {
    const t = ms('2026-06-08T03:00:00Z');
    expect(workingIntervals(office, t, t)).toEqual([]);
    expect(workingIntervals(office, ms('2026-06-13T00:00:00Z'), ms('2026-06-14T12:00:00Z'))).toEqual([]);
    expect(() => workingIntervals(office, t, t - 1)).toThrow(RangeError);
    expect(() => workingIntervals(office, Number.NaN, t)).toThrow(RangeError);
  });

  it('joins a night shift across midnight into one interval', () => {
    const night = week({ days: { mon: [{ start: '22:00', end: '24:00' }], tue: [{ start: '00:00', end: '06:00' }] } });
    expect(workingIntervals(night, ms('2026-06-08T00:00:00Z'), ms('2026-06-10T00:00:00Z'))).toEqual([iv('2026-06-08T15:00:00Z', '2026-06-08T23:00:00Z')]);
  });

  it('joins across the end of the week (Sunday night into Monday)', () => {
    const w = week({ days: { sun: [{ start: '20:00', end: '24:00' }], mon: [{ start: '00:00', end: '02:00' }] } });
    const got = workingIntervals(w, ms('2026-06-01T00:00:00Z'), ms('2026-06-16T00:00:00Z'));
    expect(got).toEqual([iv('2026-06-07T13:00:00Z', '2026-06-07T19:00:00Z'), iv('2026-06-14T13:00:00Z', '2026-06-14T19:00:00Z')]);
  });

  it('agrees with isWorkingTime at the edges: start included, end excluded', () => {
    expect(isWorkingTime(office, ms('2026-06-08T00:00:00Z'))).toBe(true);
    expect(isWorkingTime(office, ms('2026-06-07T23:59:59.999Z'))).toBe(false);
    expect(isWorkingTime(office, ms('2026-06-08T09:59:59.999Z'))).toBe(true);
    expect(isWorkingTime(office, ms('2026-06-08T10:00:00Z'))).toBe(false);
    expect(isWorkingTime(office, ms('2026-06-13T03:00:00Z'))).toBe(false);
  });
});

describe('workingIntervals across a DST change (Europe/Berlin)', () => {
  const allSunday = week({ timeZone: 'Europe/Berlin', days: { sun: [{ start: '00:00', end: '24:00' }] } });

  it('makes the spring-forward Sunday 23 hours and the fall-back Sunday 25', () => {
    expect(totalMs(workingIntervals(allSunday, ms('2026-03-28T00:00:00Z'), ms('2026-03-31T00:00:00Z')))).toBe(23 * HOUR);
    expect(workingIntervals(allSunday, ms('2026-03-28T00:00:00Z'), ms('2026-03-31T00:00:00Z'))).toEqual([iv('2026-03-28T23:00:00Z', '2026-03-29T22:00:00Z')]);
    expect(workingIntervals(allSunday, ms('2026-10-24T00:00:00Z'), ms('2026-10-27T00:00:00Z'))).toEqual([iv('2026-10-24T22:00:00Z', '2026-10-25T23:00:00Z')]);
  });

  it('does not work the skipped hour (02:00–03:00 on 29 March 2026)', () => {
    const span = (start: string, end: string) => week({ timeZone: 'Europe/Berlin', days: { sun: [{ start, end }] } });
    const day: [number, number] = [ms('2026-03-29T00:00:00+01:00'), ms('2026-03-30T00:00:00+02:00')];
    expect(workingIntervals(span('02:00', '03:00'), ...day)).toEqual([]);
    expect(workingIntervals(span('01:00', '04:00'), ...day)).toEqual([iv('2026-03-29T00:00:00Z', '2026-03-29T02:00:00Z')]);
    expect(workingIntervals(span('02:30', '03:30'), ...day)).toEqual([iv('2026-03-29T01:00:00Z', '2026-03-29T01:30:00Z')]);
  });

  it('works the repeated hour twice (02:00–03:00 on 25 October 2026)', () => {
    const span = (start: string, end: string) => week({ timeZone: 'Europe/Berlin', days: { sun: [{ start, end }] } });
    const day: [number, number] = [ms('2026-10-25T00:00:00+02:00'), ms('2026-10-26T00:00:00+01:00')];
    expect(workingIntervals(span('02:00', '03:00'), ...day)).toEqual([iv('2026-10-25T00:00:00Z', '2026-10-25T02:00:00Z')]);
    expect(workingIntervals(span('02:30', '03:00'), ...day)).toEqual([iv('2026-10-25T00:30:00Z', '2026-10-25T01:00:00Z'), iv('2026-10-25T01:30:00Z', '2026-10-25T02:00:00Z')]);
    expect(isWorkingTime(span('02:30', '03:00'), ms('2026-10-25T01:15:00Z'))).toBe(false);
    expect(isWorkingTime(span('02:30', '03:00'), ms('2026-10-25T01:45:00Z'))).toBe(true);
  });

  it('moves office hours by one hour in UTC across the change, with the change inside the range', () => {
    const berlinOffice = week({ ...DEFAULT_WORKING_HOURS, timeZone: 'Europe/Berlin' });
    const got = workingIntervals(berlinOffice, ms('2026-03-27T00:00:00Z'), ms('2026-03-31T00:00:00Z'));
    expect(got).toEqual([iv('2026-03-27T06:00:00Z', '2026-03-27T16:00:00Z'), iv('2026-03-30T05:00:00Z', '2026-03-30T15:00:00Z')]);
  });

  it('is exact when the range starts or ends at the change itself', () => {
    const change = ms('2026-03-29T01:00:00Z');
    expect(workingIntervals(allSunday, change, change + 30 * MIN)).toEqual([{ start: change, end: change + 30 * MIN }]);
    expect(workingIntervals(allSunday, change - 30 * MIN, change)).toEqual([{ start: change - 30 * MIN, end: change }]);
    expect(workingIntervals(allSunday, change - 1, change + 1)).toEqual([{ start: change - 1, end: change + 1 }]);
  });
});
