import { LIMITS, WeekdaySchema, type Recurrence } from './meeting.js';
import {
  WEEKDAYS,
  addLocalDays,
  compareLocalDates,
  formatDisplayDate,
  formatLocalDate,
  instantsAt,
  localDateOf,
  parseLocalDate,
  utcToLocal,
  weekdayOf,
  type LocalDate,
} from './zoned-time.js';

/**
 * Weekly series, expanded in LOCAL time: a Monday 08:00 briefing is at 08:00 on every Monday in
 * the zone, whatever the UTC offset that week (so it moves in UTC across a DST change). Each
 * occurrence lasts as long as the first one (end − start, in real time).
 *
 * The first occurrence is always the meeting's own start; later ones fall on `byWeekday` in every
 * `every`-th week (weeks start on Monday), up to `until` (inclusive, local date) or `count`
 * occurrences in all. An occurrence whose local start time does not exist that day (DST gap) is
 * not moved: it is listed in `nonexistent` and counts towards `count`.
 */

export interface Occurrence {
  /** 0 for the first; counts nonexistent dates too. */
  readonly index: number;
  /** Local date in the zone, `YYYY-MM-DD`: how violations name the occurrence. */
  readonly date: string;
  readonly start: number;
  readonly end: number;
}

export interface Expansion {
  readonly occurrences: readonly Occurrence[];
  /** Local dates on which the series' start time does not exist (skipped by a DST change). */
  readonly nonexistent: readonly string[];
  /** More than `max` occurrences: only the first `max` are listed. */
  readonly truncated: boolean;
}

export interface Schedulable {
  readonly start: string;
  readonly end: string;
  readonly recurrence?: Recurrence | null;
}

const weekdayIndex = (d: LocalDate) => WEEKDAYS.indexOf(weekdayOf(d));

export function expandOccurrences(m: Schedulable, timeZone: string, max: number = LIMITS.occurrences): Expansion {
  const start = Date.parse(m.start);
  const end = Date.parse(m.end);
  const first = utcToLocal(start, timeZone);
  const firstDate = localDateOf(start, timeZone);
  const occurrences: Occurrence[] = [{ index: 0, date: formatLocalDate(firstDate), start, end }];
  const r = m.recurrence;
  const days = r ? [...new Set(r.byWeekday.filter((d) => WeekdaySchema.safeParse(d).success))].map((d) => WEEKDAYS.indexOf(d)).sort() : [];
  if (!r || days.length === 0) return { occurrences, nonexistent: [], truncated: false };

  const until = r.until === undefined ? null : parseLocalDate(r.until);
  const limit = r.count ?? Number.POSITIVE_INFINITY;
  const every = Math.max(1, Math.trunc(r.every));
  const monday = addLocalDays(firstDate, -weekdayIndex(firstDate));
  const nonexistent: string[] = [];
  let index = 1;
  let truncated = false;
  outer: for (let week = 0; ; week += every) {
    for (const d of days) {
      const date = addLocalDays(monday, week * 7 + d);
      if (compareLocalDates(date, firstDate) <= 0) continue;
      if (until && (!until.ok || compareLocalDates(date, until.value) > 0)) break outer;
      if (index >= limit) break outer;
      if (index >= max) {
        truncated = true;
        break outer;
      }
      const at = instantsAt({ ...date, hour: first.hour, minute: first.minute }, timeZone)[0];
      if (at === undefined) nonexistent.push(formatLocalDate(date));
      else occurrences.push({ index, date: formatLocalDate(date), start: at, end: at + (end - start) });
      index++;
    }
  }
  return { occurrences, nonexistent, truncated };
}

export interface RecurrenceProblem {
  readonly field: 'byWeekday' | 'until';
  readonly message: string;
}

/** Why a series does not fit its first meeting, or null. */
export function recurrenceProblem(start: number, r: Recurrence, timeZone: string, max: number = LIMITS.occurrences): RecurrenceProblem | null {
  const date = localDateOf(start, timeZone);
  const wd = weekdayOf(date);
  if (!r.byWeekday.includes(wd)) {
    return {
      field: 'byWeekday',
      message: `the first meeting is on ${formatDisplayDate(date)} (${wd}), which is not one of the series' weekdays (${r.byWeekday.join(', ')})`,
    };
  }
  if (r.until !== undefined) {
    const until = parseLocalDate(r.until);
    if (until.ok && compareLocalDates(until.value, date) < 0) {
      return { field: 'until', message: `the series ends (${formatDisplayDate(until.value)}) before its first meeting (${formatDisplayDate(date)})` };
    }
    const iso = new Date(start).toISOString();
    if (expandOccurrences({ start: iso, end: iso, recurrence: r }, timeZone, max).truncated) {
      return { field: 'until', message: `the series would have more than ${max} occurrences: choose an earlier end date` };
    }
  }
  return null;
}
