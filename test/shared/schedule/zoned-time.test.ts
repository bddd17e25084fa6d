import { describe, expect, it } from 'vitest';
import {
  addLocalDays,
  diffLocalDays,
  endOfLocalDay,
  formatDisplay,
  formatLocalDateTime,
  instantsAt,
  isValidTimeZone,
  localToUtc,
  offsetAt,
  parseDateTimeInput,
  parseInstant,
  parseLocalDate,
  parseLocalDateTime,
  startOfLocalDay,
  utcToLocal,
  weekdayOf,
} from '../../../shared/schedule/zoned-time';

const HOUR = 3_600_000;
const ms = (iso: string) => Date.parse(iso);
const ldt = (text: string) => {
  const r = parseLocalDateTime(text);
  if (!r.ok) throw new Error(r.message);
  return r.value;
};

describe('strict parsing', () => {
  it('reads valid dates, leap days included', () => {
    expect(parseLocalDate('2026-06-10')).toEqual({ ok: true, value: { year: 2026, month: 6, day: 10 } });
    expect(parseLocalDate('2024-02-29').ok).toBe(true);
    expect(parseLocalDate('2000-02-29').ok).toBe(true);
  });

  it('refuses dates that do not exist instead of rolling them over', () => {
    expect(parseLocalDate('2026-02-30')).toEqual({ ok: false, code: 'invalid-date', message: '"2026-02-30" is not a date: February 2026 has 28 days' });
    expect(parseLocalDate('2100-02-29')).toMatchObject({ ok: false, code: 'invalid-date' });
    expect(parseLocalDate('2026-04-31')).toMatchObject({ ok: false, message: expect.stringContaining('April 2026 has 30 days') });
    expect(parseLocalDate('2026-13-01')).toMatchObject({ ok: false, message: expect.stringContaining('no month 13') });
    expect(parseLocalDate('2026-00-10')).toMatchObject({ ok: false, code: 'invalid-date' });
    expect(parseLocalDate('2026-06-00')).toMatchObject({ ok: false, code: 'invalid-date' });
    expect(parseLocalDate('0026-06-10')).toMatchObject({ ok: false, code: 'invalid-date' });
  });

  it('refuses other spellings of a date', () => {
    for (const bad of ['2026-6-10', '10/06/2026', ' 2026-06-10', '2026-06-10 ', '2026-06-10T08:00', '', '２０２６-06-10']) {
      expect(parseLocalDate(bad), bad).toMatchObject({ ok: false, code: 'format' });
    }
  });

  it('reads local date-times and refuses impossible hours and minutes', () => {
    expect(parseLocalDateTime('2026-06-10T08:05')).toEqual({ ok: true, value: { year: 2026, month: 6, day: 10, hour: 8, minute: 5 } });
    expect(parseLocalDateTime('2026-06-10T00:00').ok).toBe(true);
    expect(parseLocalDateTime('2026-06-10T23:59').ok).toBe(true);
    expect(parseLocalDateTime('2026-06-10T25:00')).toEqual({ ok: false, code: 'invalid-time', message: '"2026-06-10T25:00" is not a time of day: hours run from 00 to 23' });
    expect(parseLocalDateTime('2026-06-10T24:00')).toMatchObject({ ok: false, code: 'invalid-time' });
    expect(parseLocalDateTime('2026-06-10T12:60')).toMatchObject({ ok: false, message: expect.stringContaining('minutes run from 00 to 59') });
    expect(parseLocalDateTime('2026-02-30T08:00')).toMatchObject({ ok: false, code: 'invalid-date' });
    for (const bad of ['2026-06-10 08:00', '2026-06-10T8:00', '2026-06-10T08:00:00', '2026-06-10T08:00Z', '2026-06-10']) {
      expect(parseLocalDateTime(bad), bad).toMatchObject({ ok: false, code: 'format' });
    }
  });

  it('reads ISO instants with Z or an offset, checking the calendar that Date.parse does not', () => {
    expect(parseInstant('2026-06-10T01:00:00.000Z')).toEqual({ ok: true, value: ms('2026-06-10T01:00:00Z') });
    expect(parseInstant('2026-06-10T08:00+07:00')).toEqual({ ok: true, value: ms('2026-06-10T01:00:00Z') });
    expect(parseInstant('2026-06-10T01:00:30.5Z')).toEqual({ ok: true, value: ms('2026-06-10T01:00:30.500Z') });
    expect(Number.isNaN(Date.parse('2026-02-30T00:00:00Z'))).toBe(false); // why we check ourselves
    expect(parseInstant('2026-02-30T00:00:00Z')).toMatchObject({ ok: false, code: 'invalid-date' });
    expect(parseInstant('2026-06-10T24:00:00Z')).toMatchObject({ ok: false, code: 'invalid-time' });
    expect(parseInstant('2026-06-10T01:00:00')).toMatchObject({ ok: false, code: 'format' });
  });

  it('takes form input as local time in the zone, or as an instant', () => {
    expect(parseDateTimeInput('2026-06-10T08:00', 'Asia/Ho_Chi_Minh')).toEqual({ ok: true, value: ms('2026-06-10T01:00:00Z') });
    expect(parseDateTimeInput('2026-06-10T08:00', 'Europe/Berlin')).toEqual({ ok: true, value: ms('2026-06-10T06:00:00Z') });
    expect(parseDateTimeInput('2026-06-10T01:00:00Z', 'Europe/Berlin')).toEqual({ ok: true, value: ms('2026-06-10T01:00:00Z') });
    expect(parseDateTimeInput('tomorrow 8am', 'Asia/Ho_Chi_Minh')).toMatchObject({ ok: false, code: 'format' });
    expect(parseDateTimeInput('2026-02-30T08:00', 'Asia/Ho_Chi_Minh')).toMatchObject({ ok: false, code: 'invalid-date' });
  });
});

describe('local time ↔ UTC', () => {
  it('Asia/Ho_Chi_Minh is UTC+7 all year', () => {
    expect(offsetAt(ms('2026-01-15T00:00Z'), 'Asia/Ho_Chi_Minh')).toBe(7 * HOUR);
    expect(offsetAt(ms('2026-07-15T00:00Z'), 'Asia/Ho_Chi_Minh')).toBe(7 * HOUR);
    expect(localToUtc(ldt('2026-06-10T08:00'), 'Asia/Ho_Chi_Minh')).toEqual({ ok: true, value: ms('2026-06-10T01:00Z') });
    expect(localToUtc(ldt('2026-01-01T03:00'), 'Asia/Ho_Chi_Minh')).toEqual({ ok: true, value: ms('2025-12-31T20:00Z') });
    expect(utcToLocal(ms('2025-12-31T20:00Z'), 'Asia/Ho_Chi_Minh')).toEqual(ldt('2026-01-01T03:00'));
  });

  it('follows DST in Europe/Berlin', () => {
    expect(localToUtc(ldt('2026-01-15T08:00'), 'Europe/Berlin')).toEqual({ ok: true, value: ms('2026-01-15T07:00Z') });
    expect(localToUtc(ldt('2026-07-15T08:00'), 'Europe/Berlin')).toEqual({ ok: true, value: ms('2026-07-15T06:00Z') });
  });

  it('refuses a wall time in the spring-forward gap', () => {
    expect(instantsAt(ldt('2026-03-29T02:30'), 'Europe/Berlin')).toEqual([]);
    expect(localToUtc(ldt('2026-03-29T02:30'), 'Europe/Berlin')).toEqual({
      ok: false,
      code: 'nonexistent-time',
      message: '2026-03-29 02:30 does not exist in Europe/Berlin: the clocks skip that hour',
    });
    expect(localToUtc(ldt('2026-03-29T03:00'), 'Europe/Berlin')).toEqual({ ok: true, value: ms('2026-03-29T01:00Z') });
    expect(localToUtc(ldt('2026-03-29T01:59'), 'Europe/Berlin')).toEqual({ ok: true, value: ms('2026-03-29T00:59Z') });
  });

  it('takes the earlier of the two instants in the fall-back overlap', () => {
    expect(instantsAt(ldt('2026-10-25T02:30'), 'Europe/Berlin')).toEqual([ms('2026-10-25T00:30Z'), ms('2026-10-25T01:30Z')]);
    expect(localToUtc(ldt('2026-10-25T02:30'), 'Europe/Berlin')).toEqual({ ok: true, value: ms('2026-10-25T00:30Z') });
    expect(utcToLocal(ms('2026-10-25T01:30Z'), 'Europe/Berlin')).toEqual(ldt('2026-10-25T02:30'));
  });

  it('works south of the equator too (Australia/Sydney, DST in January)', () => {
    expect(localToUtc(ldt('2026-01-15T08:00'), 'Australia/Sydney')).toEqual({ ok: true, value: ms('2026-01-14T21:00Z') });
    expect(localToUtc(ldt('2026-07-15T08:00'), 'Australia/Sydney')).toEqual({ ok: true, value: ms('2026-07-14T22:00Z') });
  });

  it('knows IANA zones from typos', () => {
    expect(isValidTimeZone('Asia/Ho_Chi_Minh')).toBe(true);
    expect(isValidTimeZone('Asia/Hanoi')).toBe(false);
  });
});

describe('local days', () => {
  it('start and end of a day in Hồ Chí Minh time', () => {
    const d = { year: 2026, month: 6, day: 10 };
    expect(startOfLocalDay(d, 'Asia/Ho_Chi_Minh')).toBe(ms('2026-06-09T17:00Z'));
    expect(endOfLocalDay(d, 'Asia/Ho_Chi_Minh')).toBe(ms('2026-06-10T17:00Z'));
  });

  it('DST days in Berlin last 23 and 25 hours', () => {
    const spring = { year: 2026, month: 3, day: 29 };
    const autumn = { year: 2026, month: 10, day: 25 };
    expect(endOfLocalDay(spring, 'Europe/Berlin') - startOfLocalDay(spring, 'Europe/Berlin')).toBe(23 * HOUR);
    expect(endOfLocalDay(autumn, 'Europe/Berlin') - startOfLocalDay(autumn, 'Europe/Berlin')).toBe(25 * HOUR);
  });

  it('a day whose midnight is skipped starts at the transition (America/Santiago)', () => {
    const d = { year: 2026, month: 9, day: 6 };
    expect(startOfLocalDay(d, 'America/Santiago')).toBe(ms('2026-09-06T04:00Z'));
    expect(utcToLocal(startOfLocalDay(d, 'America/Santiago'), 'America/Santiago')).toEqual(ldt('2026-09-06T01:00'));
  });

  it('adds days across months, years and leap days; counts days between dates', () => {
    expect(addLocalDays({ year: 2026, month: 1, day: 31 }, 1)).toEqual({ year: 2026, month: 2, day: 1 });
    expect(addLocalDays({ year: 2024, month: 2, day: 28 }, 1)).toEqual({ year: 2024, month: 2, day: 29 });
    expect(addLocalDays({ year: 2026, month: 12, day: 31 }, 1)).toEqual({ year: 2027, month: 1, day: 1 });
    expect(addLocalDays({ year: 2026, month: 3, day: 1 }, -1)).toEqual({ year: 2026, month: 2, day: 28 });
    expect(diffLocalDays({ year: 2026, month: 6, day: 1 }, { year: 2026, month: 6, day: 4 })).toBe(3);
    expect(diffLocalDays({ year: 2026, month: 12, day: 30 }, { year: 2027, month: 1, day: 2 })).toBe(3);
  });

  it('knows the weekday of a date (Monday first)', () => {
    expect(weekdayOf({ year: 2026, month: 6, day: 1 })).toBe('mon');
    expect(weekdayOf({ year: 2026, month: 6, day: 7 })).toBe('sun');
    expect(weekdayOf({ year: 2024, month: 2, day: 29 })).toBe('thu');
  });
});

describe('formatting', () => {
  it('writes dd/MM/yyyy HH:mm on a 24-hour clock in the zone', () => {
    expect(formatDisplay(ms('2026-06-10T01:00Z'), 'Asia/Ho_Chi_Minh')).toBe('10/06/2026 08:00');
    expect(formatDisplay(ms('2026-06-09T17:00Z'), 'Asia/Ho_Chi_Minh')).toBe('10/06/2026 00:00');
    expect(formatDisplay(ms('2026-06-10T06:45Z'), 'Asia/Ho_Chi_Minh')).toBe('10/06/2026 13:45');
    expect(formatDisplay(ms('2026-06-10T06:45Z'), 'Europe/Berlin')).toBe('10/06/2026 08:45');
    expect(formatLocalDateTime(ldt('2026-01-02T03:04'))).toBe('2026-01-02T03:04');
  });
});
