import {
  WEEKDAYS,
  addLocalDays,
  compareLocalDates,
  daysInMonth,
  endOfLocalDay,
  localDateOf,
  parseLocalDate,
  startOfLocalDay,
  weekdayOf,
  type LocalDate,
} from '../schedule/zoned-time.js';
import type { ReportPeriod } from './health-report-api.js';

/**
 * The days a report covers, in the inventory's zone: a day, a week (Monday to Sunday, as
 * Vietnamese calendars count it) or a calendar month, and the period just before it of the same
 * kind (the day before, the week before, the month before) to compare with. Pure: `now` is given.
 *
 * `end` names any local day inside the period wanted; absent, the last complete one: yesterday,
 * the last full week, the last full month. A day after today is refused; today is allowed (the
 * period is then still running and the report says it measured up to now).
 */

export interface ReportSpan {
  readonly firstDay: LocalDate;
  readonly lastDay: LocalDate;
  /** The first instant of firstDay. */
  readonly from: number;
  /** The first instant after lastDay. */
  readonly to: number;
}

export interface ReportPeriodRange {
  readonly period: ReportPeriod;
  readonly current: ReportSpan;
  readonly previous: ReportSpan;
}

export type ReportPeriodResult =
  | { readonly ok: true; readonly value: ReportPeriodRange }
  | { readonly ok: false; readonly reason: 'invalid_date' | 'date_in_future'; readonly message: string };

const span = (firstDay: LocalDate, lastDay: LocalDate, timeZone: string): ReportSpan => ({
  firstDay,
  lastDay,
  from: startOfLocalDay(firstDay, timeZone),
  to: endOfLocalDay(lastDay, timeZone),
});

/** The first and last day of the period of kind `period` that holds `day`. */
export function periodDays(period: ReportPeriod, day: LocalDate): { first: LocalDate; last: LocalDate } {
  if (period === 'day') return { first: day, last: day };
  if (period === 'week') {
    const monday = addLocalDays(day, -WEEKDAYS.indexOf(weekdayOf(day)));
    return { first: monday, last: addLocalDays(monday, 6) };
  }
  return { first: { year: day.year, month: day.month, day: 1 }, last: { year: day.year, month: day.month, day: daysInMonth(day.year, day.month) } };
}

export function reportPeriod(period: ReportPeriod, end: string | undefined, now: number, timeZone: string): ReportPeriodResult {
  const today = localDateOf(now, timeZone);
  let anchor: LocalDate;
  if (end !== undefined) {
    const parsed = parseLocalDate(end);
    if (!parsed.ok) return { ok: false, reason: 'invalid_date', message: `end: ${parsed.message}` };
    if (compareLocalDates(parsed.value, today) > 0) return { ok: false, reason: 'date_in_future', message: `end: ${end} is after today` };
    anchor = parsed.value;
  } else {
    // The day before the period running today starts: yesterday, last Sunday, the last day of last month.
    anchor = addLocalDays(periodDays(period, today).first, -1);
  }
  const cur = periodDays(period, anchor);
  const prev = periodDays(period, addLocalDays(cur.first, -1));
  return { ok: true, value: { period, current: span(cur.first, cur.last, timeZone), previous: span(prev.first, prev.last, timeZone) } };
}
