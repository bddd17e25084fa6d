/**
 * Wall-clock time in an IANA time zone, without a date library: offsets come from
 * Intl.DateTimeFormat. Instants are epoch milliseconds (stored as UTC ISO strings, `…Z`).
 *
 * Local times that do not exist (the hour skipped when clocks go forward) are refused with a
 * clear error; local times that happen twice (the hour repeated when clocks go back) resolve to
 * the EARLIER instant. Asia/Ho_Chi_Minh has no DST, so neither happens there.
 */

export const DEFAULT_TIME_ZONE = 'Asia/Ho_Chi_Minh';
export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

export interface LocalDate {
  readonly year: number;
  /** 1–12. */
  readonly month: number;
  readonly day: number;
}
export interface LocalDateTime extends LocalDate {
  readonly hour: number;
  readonly minute: number;
}

/** Monday first, as Vietnamese calendars and ISO 8601 count the week. */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export type TimeErrorCode = 'format' | 'invalid-date' | 'invalid-time' | 'nonexistent-time';
export type TimeResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly code: TimeErrorCode; readonly message: string };

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2999;

const fail = (code: TimeErrorCode, message: string) => ({ ok: false, code, message }) as const;
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
}

function checkDate(text: string, year: number, month: number, day: number): TimeResult<LocalDate> {
  if (year < MIN_YEAR || year > MAX_YEAR) return fail('invalid-date', `"${text}": the year must be between ${MIN_YEAR} and ${MAX_YEAR}`);
  if (month < 1 || month > 12) return fail('invalid-date', `"${text}" is not a date: there is no month ${month}`);
  const dim = daysInMonth(year, month);
  if (day < 1 || day > dim) {
    return fail('invalid-date', `"${text}" is not a date: ${MONTHS[month - 1]} ${year} has ${dim} days`);
  }
  return { ok: true, value: { year, month, day } };
}

function checkTime(text: string, hour: number, minute: number): string | null {
  if (hour > 23) return `"${text}" is not a time of day: hours run from 00 to 23`;
  if (minute > 59) return `"${text}" is not a time of day: minutes run from 00 to 59`;
  return null;
}

/** Strict `YYYY-MM-DD`; a date that does not exist (2026-02-30) is an error, never rolled over. */
export function parseLocalDate(text: string): TimeResult<LocalDate> {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return fail('format', `"${text}" is not a date in the form YYYY-MM-DD`);
  return checkDate(text, Number(m[1]), Number(m[2]), Number(m[3]));
}

/** Strict `YYYY-MM-DDTHH:mm` (24-hour, no seconds, no offset): a local wall time. */
export function parseLocalDateTime(text: string): TimeResult<LocalDateTime> {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(text);
  if (!m) return fail('format', `"${text}" is not a local date and time in the form YYYY-MM-DDTHH:mm`);
  const date = checkDate(text, Number(m[1]), Number(m[2]), Number(m[3]));
  if (!date.ok) return date;
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const bad = checkTime(text, hour, minute);
  return bad ? fail('invalid-time', bad) : { ok: true, value: { ...date.value, hour, minute } };
}

/**
 * Strict ISO 8601 instant with `Z` or an offset: `2026-06-10T01:00Z`, `…:00.000Z`, `…+07:00`.
 * The calendar date and time are checked (JavaScript's Date would roll 02-30 over to March).
 */
export function parseInstant(text: string): TimeResult<number> {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|[+-]\d{2}:\d{2})$/.exec(text);
  if (!m) return fail('format', `"${text}" is not an ISO instant such as 2026-06-10T01:00:00Z`);
  const date = checkDate(text, Number(m[1]), Number(m[2]), Number(m[3]));
  if (!date.ok) return date;
  const [hour, minute, second] = [Number(m[4]), Number(m[5]), Number(m[6] ?? 0)];
  const bad = checkTime(text, hour, minute) ?? (second > 59 ? `"${text}" is not a time of day: seconds run from 00 to 59` : null);
  if (bad) return fail('invalid-time', bad);
  let offsetMin = 0;
  if (m[8] !== 'Z') {
    const [oh, om] = [Number(m[8]!.slice(1, 3)), Number(m[8]!.slice(4, 6))];
    if (oh > 14 || om > 59) return fail('invalid-time', `"${text}" has an impossible UTC offset ${m[8]}`);
    offsetMin = (m[8]![0] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  const ms = Number((m[7] ?? '0').padEnd(3, '0'));
  return { ok: true, value: Date.UTC(date.value.year, date.value.month - 1, date.value.day, hour, minute, second, ms) - offsetMin * MINUTE_MS };
}

/**
 * What a booking form sends for a start or end: a local `YYYY-MM-DDTHH:mm` in `timeZone`, or an
 * ISO instant with `Z` / an offset. Nonexistent local times are refused.
 */
export function parseDateTimeInput(text: string, timeZone: string): TimeResult<number> {
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(text)) {
    const local = parseLocalDateTime(text);
    return local.ok ? localToUtc(local.value, timeZone) : local;
  }
  if (/(Z|[+-]\d{2}:\d{2})$/.test(text)) return parseInstant(text);
  return fail('format', `"${text}" is not a date and time: use YYYY-MM-DDTHH:mm (local time) or an ISO instant ending in Z`);
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Throws RangeError for a time zone that is not IANA; the inventory schema validates it first. */
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall clock in `timeZone` at an instant, to the second, as if it were UTC (epoch ms). */
function wallAsUtc(instant: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(new Date(instant))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour! % 24, parts.minute!, parts.second!);
}

/** The zone's offset from UTC at an instant, in ms (+7 h for Asia/Ho_Chi_Minh). */
export function offsetAt(instant: number, timeZone: string): number {
  return wallAsUtc(instant, timeZone) - Math.floor(instant / 1000) * 1000;
}

/**
 * Every instant at which the wall clock in `timeZone` reads `local`: none in a DST gap, two in a
 * DST overlap (earlier first), one otherwise.
 */
export function instantsAt(local: LocalDateTime, timeZone: string): number[] {
  const naive = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);
  const offsets = new Set([offsetAt(naive - DAY_MS, timeZone), offsetAt(naive, timeZone), offsetAt(naive + DAY_MS, timeZone)]);
  const found = new Set<number>();
  for (const o of offsets) {
    const t = naive - o;
    if (offsetAt(t, timeZone) === o) found.add(t);
  }
  return [...found].sort((a, b) => a - b);
}

/** Local wall time → instant; refuses nonexistent times, takes the earlier of two. */
export function localToUtc(local: LocalDateTime, timeZone: string): TimeResult<number> {
  const found = instantsAt(local, timeZone);
  if (found.length === 0) {
    return fail('nonexistent-time', `${formatLocalDateTime(local).replace('T', ' ')} does not exist in ${timeZone}: the clocks skip that hour`);
  }
  return { ok: true, value: found[0]! };
}

/** The wall time in `timeZone` at an instant (seconds dropped). */
export function utcToLocal(instant: number, timeZone: string): LocalDateTime {
  const d = new Date(wallAsUtc(instant, timeZone));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes() };
}

export function localDateOf(instant: number, timeZone: string): LocalDate {
  const { year, month, day } = utcToLocal(instant, timeZone);
  return { year, month, day };
}

/**
 * The first instant of a local day. Where midnight itself is skipped (a few zones move the
 * clocks at 00:00), the day starts at the transition.
 */
export function startOfLocalDay(date: LocalDate, timeZone: string): number {
  const midnight = { ...date, hour: 0, minute: 0 };
  const found = instantsAt(midnight, timeZone);
  if (found.length) return found[0]!;
  const naive = Date.UTC(date.year, date.month - 1, date.day);
  return naive - offsetAt(naive - DAY_MS, timeZone);
}

/** The first instant of the NEXT local day: days are half-open [start, end). */
export function endOfLocalDay(date: LocalDate, timeZone: string): number {
  return startOfLocalDay(addLocalDays(date, 1), timeZone);
}

export function addLocalDays(date: LocalDate, days: number): LocalDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** Whole calendar days from `a` to `b` (negative when b is earlier), ignoring time zones. */
export function diffLocalDays(a: LocalDate, b: LocalDate): number {
  return Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / DAY_MS);
}

export function compareLocalDates(a: LocalDate, b: LocalDate): number {
  return Math.sign(diffLocalDays(b, a));
}

export function weekdayOf(date: LocalDate): Weekday {
  const sundayFirst = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
  return WEEKDAYS[(sundayFirst + 6) % 7]!;
}

/** `YYYY-MM-DD`. */
export function formatLocalDate(d: LocalDate): string {
  return `${pad(d.year, 4)}-${pad(d.month)}-${pad(d.day)}`;
}

/** `YYYY-MM-DDTHH:mm`, the form's input format. */
export function formatLocalDateTime(d: LocalDateTime): string {
  return `${formatLocalDate(d)}T${pad(d.hour)}:${pad(d.minute)}`;
}

/** `dd/MM/yyyy HH:mm`, 24-hour, as Vietnamese documents write it. */
export function formatDisplay(instant: number, timeZone: string): string {
  const l = utcToLocal(instant, timeZone);
  return `${pad(l.day)}/${pad(l.month)}/${pad(l.year, 4)} ${pad(l.hour)}:${pad(l.minute)}`;
}

/** `dd/MM/yyyy`. */
export function formatDisplayDate(date: LocalDate): string {
  return `${pad(date.day)}/${pad(date.month)}/${pad(date.year, 4)}`;
}

/** `HH:mm` in the zone. */
export function formatDisplayTime(instant: number, timeZone: string): string {
  const l = utcToLocal(instant, timeZone);
  return `${pad(l.hour)}:${pad(l.minute)}`;
}

/** The canonical stored form: `2026-06-10T01:00:00.000Z`. */
export function toIsoInstant(instant: number): string {
  return new Date(instant).toISOString();
}
