import { DAY_MS, DEFAULT_TIME_ZONE, HOUR_MS, MINUTE_MS, WEEKDAYS, isValidTimeZone, offsetAt, type Weekday } from '../schedule/zoned-time.js';
import { normalize, type Interval } from './intervals.js';

/**
 * Working hours: a weekly wall-clock schedule in an IANA zone (Mon–Fri 07:00–17:00 in
 * Asia/Ho_Chi_Minh by default), so availability can be reported "in working hours" the way a
 * province's service agreement counts it. No date library: offsets come from Intl through
 * zoned-time.ts.
 *
 * Meaning: an instant is working time when the wall clock in the zone, at that instant, shows a
 * weekday and time inside one of that day's spans [start, end). Consequences where clocks change
 * (not in Vietnam, which has no DST): a span hour that is skipped does not exist and is not
 * worked; an hour that repeats is worked twice over. A night shift is written as two spans
 * (mon 22:00–24:00, tue 00:00–06:00); they abut, and the intervals returned merge across midnight.
 */

export interface WorkingSpan {
  /** 'HH:mm', 00:00–23:59. */
  readonly start: string;
  /** 'HH:mm' after start; '24:00' for the end of the day. */
  readonly end: string;
}

export interface WorkingHoursInput {
  readonly timeZone?: string;
  readonly days: Partial<Record<Weekday, readonly WorkingSpan[]>>;
}

/** A validated schedule: each day's spans as minutes of the day, sorted, not overlapping. */
export interface WorkingWeek {
  readonly timeZone: string;
  readonly days: Readonly<Record<Weekday, readonly { readonly startMin: number; readonly endMin: number }[]>>;
}

export type ScheduleErrorReason = 'bad_shape' | 'unknown_time_zone' | 'unknown_day' | 'bad_time' | 'end_before_start' | 'overlap' | 'no_working_time';

export interface ScheduleError {
  readonly code: 'invalid_schedule';
  readonly params: { readonly reason: ScheduleErrorReason; readonly day?: string; readonly span?: number; readonly value?: string };
}

export type ScheduleResult = { readonly ok: true; readonly value: WorkingWeek } | { readonly ok: false; readonly error: ScheduleError };

const WEEKDAY_SPANS = (start: string, end: string) => Object.fromEntries(WEEKDAYS.slice(0, 5).map((d) => [d, [{ start, end }]]));

/** Mon–Fri 07:00–17:00 in Asia/Ho_Chi_Minh. */
export const DEFAULT_WORKING_HOURS: WorkingHoursInput = Object.freeze({ timeZone: DEFAULT_TIME_ZONE, days: WEEKDAY_SPANS('07:00', '17:00') });

const fail = (params: ScheduleError['params']): ScheduleResult => ({ ok: false, error: { code: 'invalid_schedule', params } });

/** Minutes of the day for 'HH:mm' (24:00 only when `end`), or null. */
function minutesOf(text: unknown, end: boolean): number | null {
  if (typeof text !== 'string') return null;
  const m = /^(\d{2}):(\d{2})$/.exec(text);
  if (!m) return null;
  const [h, min] = [Number(m[1]), Number(m[2])];
  if (h === 24 && min === 0 && end) return 24 * 60;
  return h < 24 && min < 60 ? h * 60 + min : null;
}

/**
 * Checks a schedule (as read from settings: any JSON) and compiles it. The first problem found is
 * reported with what a message needs: the day ('mon'…'sun'), the span's index in that day, the
 * offending text. An empty span (end = start) counts as end_before_start; touching spans are
 * allowed, overlapping ones are not; a schedule with no working time at all is refused.
 */
export function validateWorkingHours(input: unknown): ScheduleResult {
  if (typeof input !== 'object' || input === null) return fail({ reason: 'bad_shape' });
  const { timeZone = DEFAULT_TIME_ZONE, days } = input as { timeZone?: unknown; days?: unknown };
  if (typeof timeZone !== 'string' || !isValidTimeZone(timeZone)) return fail({ reason: 'unknown_time_zone', value: String(timeZone) });
  if (typeof days !== 'object' || days === null || Array.isArray(days)) return fail({ reason: 'bad_shape' });
  const out = Object.fromEntries(WEEKDAYS.map((d) => [d, [] as { startMin: number; endMin: number }[]])) as Record<Weekday, { startMin: number; endMin: number }[]>;
  for (const [day, spans] of Object.entries(days)) {
    if (!(WEEKDAYS as readonly string[]).includes(day)) return fail({ reason: 'unknown_day', day });
    if (!Array.isArray(spans)) return fail({ reason: 'bad_shape', day });
    for (const [span, s] of spans.entries()) {
      const raw = (typeof s === 'object' && s !== null ? s : {}) as { start?: unknown; end?: unknown };
      const startMin = minutesOf(raw.start, false);
      if (startMin === null) return fail({ reason: 'bad_time', day, span, value: String(raw.start) });
      const endMin = minutesOf(raw.end, true);
      if (endMin === null) return fail({ reason: 'bad_time', day, span, value: String(raw.end) });
      if (endMin <= startMin) return fail({ reason: 'end_before_start', day, span });
      out[day as Weekday].push({ startMin, endMin });
    }
    const sorted = out[day as Weekday].map((s, i) => ({ ...s, i })).sort((a, b) => a.startMin - b.startMin);
    for (let k = 1; k < sorted.length; k++) {
      if (sorted[k]!.startMin < sorted[k - 1]!.endMin) return fail({ reason: 'overlap', day, span: Math.max(sorted[k]!.i, sorted[k - 1]!.i) });
    }
    out[day as Weekday] = sorted.map(({ startMin, endMin }) => ({ startMin, endMin }));
  }
  if (WEEKDAYS.every((d) => out[d].length === 0)) return fail({ reason: 'no_working_time' });
  return { ok: true, value: { timeZone, days: out } };
}

const weekdayOfWall = (wallDayStart: number): Weekday => WEEKDAYS[(new Date(wallDayStart).getUTCDay() + 6) % 7]!;

/** Whether `at` is working time (the wall clock in the zone is inside one of the day's spans). */
export function isWorkingTime(week: WorkingWeek, at: number): boolean {
  const wall = at + offsetAt(at, week.timeZone);
  const day = Math.floor(wall / DAY_MS) * DAY_MS;
  const minuteMs = wall - day;
  return week.days[weekdayOfWall(day)].some((s) => s.startMin * MINUTE_MS <= minuteMs && minuteMs < s.endMin * MINUTE_MS);
}

interface OffsetPiece {
  readonly start: number;
  readonly end: number;
  readonly offset: number;
}

/**
 * Sampling step for finding offset changes. Assumes no zone changes its offset twice within it
 * (tzdb changes are months apart); the change itself is then found to the second by bisection.
 */
const OFFSET_STEP_MS = 6 * HOUR_MS;

/** [from, to) cut where the zone's UTC offset changes, with the offset of each piece. */
function offsetPieces(from: number, to: number, timeZone: string): OffsetPiece[] {
  const pieces: OffsetPiece[] = [];
  let start = from;
  let offset = offsetAt(from, timeZone);
  let t = from;
  while (t < to) {
    const next = Math.min(t + OFFSET_STEP_MS, to);
    if (offsetAt(next, timeZone) === offset) {
      t = next;
      continue;
    }
    // Offsets change on whole seconds: bisect over seconds in (t, next] for the first different one.
    let lo = Math.floor(t / 1000);
    let hi = Math.floor(next / 1000);
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (offsetAt(mid * 1000, timeZone) === offset) lo = mid;
      else hi = mid;
    }
    const change = Math.min(hi * 1000, to);
    if (change > start) pieces.push({ start, end: change, offset });
    start = change;
    offset = offsetAt(change, timeZone);
    t = change;
  }
  if (to > start) pieces.push({ start, end: to, offset });
  return pieces;
}

/**
 * The working time inside [from, to) as normal intervals (sorted, merged where they touch, so a
 * span ending at 24:00 and one starting at 00:00 the next day give one interval). Exact to the
 * millisecond at the range edges. Throws RangeError when from > to or either is not finite.
 */
export function workingIntervals(week: WorkingWeek, from: number, to: number): Interval[] {
  if (!Number.isFinite(from) || !Number.isFinite(to) || from > to) throw new RangeError(`workingIntervals: bad range [${from}, ${to})`);
  const out: Interval[] = [];
  for (const p of offsetPieces(from, to, week.timeZone)) {
    // Inside a piece the wall clock is the instant plus a constant offset: work in wall time.
    const [w0, w1] = [p.start + p.offset, p.end + p.offset];
    for (let day = Math.floor(w0 / DAY_MS) * DAY_MS; day < w1; day += DAY_MS) {
      for (const s of week.days[weekdayOfWall(day)]) {
        const start = Math.max(w0, day + s.startMin * MINUTE_MS);
        const end = Math.min(w1, day + s.endMin * MINUTE_MS);
        if (start < end) out.push({ start: start - p.offset, end: end - p.offset });
      }
    }
  }
  return normalize(out);
}
