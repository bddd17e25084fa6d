import { describe, expect, it } from 'vitest';
import type { Recurrence } from '../../../shared/schedule/meeting';
import { expandOccurrences, recurrenceProblem } from '../../../shared/schedule/recurrence';
import { formatDisplay, utcToLocal } from '../../../shared/schedule/zoned-time';
import { BERLIN, HCM, at } from './fixtures';

const weekly = (r: Partial<Recurrence>): Recurrence => ({ frequency: 'weekly', every: 1, byWeekday: ['mon'], ...r }) as Recurrence;
const iso = (ms: number) => new Date(ms).toISOString();

describe('expandOccurrences', () => {
  it('a single meeting is one occurrence, named by its local date', () => {
    // 23:30 on 10 June in Hà Nội time is still 10 June, though 16:30 UTC.
    const e = expandOccurrences({ start: at('2026-06-10T23:30'), end: at('2026-06-11T00:30'), recurrence: null }, HCM);
    expect(e).toEqual({ occurrences: [{ index: 0, date: '2026-06-10', start: Date.parse('2026-06-10T16:30Z'), end: Date.parse('2026-06-10T17:30Z') }], nonexistent: [], truncated: false });
  });

  it('a weekly Monday briefing in Asia/Ho_Chi_Minh: same local time, 7 days apart', () => {
    const e = expandOccurrences({ start: at('2026-06-01T08:00'), end: at('2026-06-01T09:30'), recurrence: weekly({ count: 4 }) }, HCM);
    expect(e.occurrences.map((o) => [o.date, iso(o.start), iso(o.end)])).toEqual([
      ['2026-06-01', '2026-06-01T01:00:00.000Z', '2026-06-01T02:30:00.000Z'],
      ['2026-06-08', '2026-06-08T01:00:00.000Z', '2026-06-08T02:30:00.000Z'],
      ['2026-06-15', '2026-06-15T01:00:00.000Z', '2026-06-15T02:30:00.000Z'],
      ['2026-06-22', '2026-06-22T01:00:00.000Z', '2026-06-22T02:30:00.000Z'],
    ]);
    expect(e.occurrences.map((o) => o.index)).toEqual([0, 1, 2, 3]);
  });

  it('every second week on Monday and Thursday, until a date (inclusive), across a month end', () => {
    const e = expandOccurrences({ start: at('2026-06-18T14:00'), end: at('2026-06-18T15:00'), recurrence: weekly({ every: 2, byWeekday: ['thu', 'mon'], until: '2026-07-16' }) }, HCM);
    // First week: only Thursday 18 (Monday 15 is before the start); then the weeks of 29 June and 13 July.
    expect(e.occurrences.map((o) => o.date)).toEqual(['2026-06-18', '2026-06-29', '2026-07-02', '2026-07-13', '2026-07-16']);
    expect(e.occurrences.every((o) => formatDisplay(o.start, HCM).endsWith('14:00'))).toBe(true);
  });

  it('stays at 08:00 local across the spring DST change in Europe/Berlin (moving in UTC)', () => {
    const e = expandOccurrences({ start: at('2026-03-16T08:00', BERLIN), end: at('2026-03-16T09:00', BERLIN), recurrence: weekly({ count: 4 }) }, BERLIN);
    expect(e.occurrences.map((o) => [o.date, iso(o.start)])).toEqual([
      ['2026-03-16', '2026-03-16T07:00:00.000Z'],
      ['2026-03-23', '2026-03-23T07:00:00.000Z'],
      ['2026-03-30', '2026-03-30T06:00:00.000Z'],
      ['2026-04-06', '2026-04-06T06:00:00.000Z'],
    ]);
    expect(e.occurrences.every((o) => utcToLocal(o.start, BERLIN).hour === 8 && o.end - o.start === 3_600_000)).toBe(true);
  });

  it('and across the autumn change, an ambiguous time taking the earlier instant', () => {
    const e = expandOccurrences({ start: at('2026-10-18T02:30', BERLIN), end: at('2026-10-18T03:00', BERLIN), recurrence: weekly({ byWeekday: ['sun'], count: 3 }) }, BERLIN);
    expect(e.occurrences.map((o) => iso(o.start))).toEqual(['2026-10-18T00:30:00.000Z', '2026-10-25T00:30:00.000Z', '2026-11-01T01:30:00.000Z']);
  });

  it('lists the date whose start time does not exist instead of moving it; it still counts', () => {
    const e = expandOccurrences({ start: at('2026-03-22T02:30', BERLIN), end: at('2026-03-22T03:00', BERLIN), recurrence: weekly({ byWeekday: ['sun'], count: 3 }) }, BERLIN);
    expect(e.occurrences.map((o) => o.date)).toEqual(['2026-03-22', '2026-04-05']);
    expect(e.occurrences.map((o) => o.index)).toEqual([0, 2]);
    expect(e.nonexistent).toEqual(['2026-03-29']);
  });

  it('caps a long series and says so', () => {
    const e = expandOccurrences({ start: at('2026-06-01T08:00'), end: at('2026-06-01T09:00'), recurrence: weekly({ until: '2031-01-01' }) }, HCM);
    expect(e.occurrences).toHaveLength(104);
    expect(e.truncated).toBe(true);
    expect(expandOccurrences({ start: at('2026-06-01T08:00'), end: at('2026-06-01T09:00'), recurrence: weekly({ count: 104 }) }, HCM).truncated).toBe(false);
    expect(expandOccurrences({ start: at('2026-06-01T08:00'), end: at('2026-06-01T09:00'), recurrence: weekly({ count: 10 }) }, HCM, 5)).toMatchObject({ truncated: true, occurrences: { length: 5 } });
  });
});

describe('recurrenceProblem', () => {
  const start = Date.parse(at('2026-06-01T08:00')); // a Monday
  it('accepts a series that fits', () => {
    expect(recurrenceProblem(start, weekly({ byWeekday: ['mon', 'wed'], until: '2026-06-01' }), HCM)).toBeNull();
  });
  it('names the weekday mismatch, an end before the start, and a series too long', () => {
    expect(recurrenceProblem(start, weekly({ byWeekday: ['tue'], count: 3 }), HCM)).toEqual({
      field: 'byWeekday',
      message: "the first meeting is on 01/06/2026 (mon), which is not one of the series' weekdays (tue)",
    });
    expect(recurrenceProblem(start, weekly({ until: '2026-05-31' }), HCM)).toMatchObject({ field: 'until' });
    expect(recurrenceProblem(start, weekly({ until: '2028-06-01' }), HCM)).toMatchObject({ field: 'until', message: expect.stringContaining('more than 104') });
    expect(recurrenceProblem(start, weekly({ until: '2028-05-22' }), HCM)).toBeNull(); // exactly 104 Mondays
  });
});
