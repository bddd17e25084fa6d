import type { ScheduledMeeting } from '../../../shared/schedule/api.js';
import type { Meeting } from '../../../shared/schedule/meeting.js';
import {
  HOUR_MS,
  MINUTE_MS,
  WEEKDAYS,
  addLocalDays,
  formatLocalDate,
  localDateOf,
  parseLocalDate,
  startOfLocalDay,
  utcToLocal,
  weekdayOf,
  type LocalDate,
} from '../../../shared/schedule/zoned-time.js';

/**
 * The geometry of the Day and Week views, pure: where a meeting's block sits on the timeline
 * (from its start and end in the inventory's zone), how overlapping meetings share the width,
 * where the now-line is, and the countdown to the next meeting.
 */

/** The hours shown by default (the view grows to include any meeting outside them). */
export const VISIBLE_FROM_HOUR = 6;
export const VISIBLE_TO_HOUR = 22;
/** Pixels per hour on the timeline (a one-hour meeting has room for three lines). */
export const HOUR_PX = 60;

export interface TimelineWindow {
  /** The instant at the top of the timeline (a whole local hour). */
  readonly from: number;
  /** The instant at its bottom. */
  readonly to: number;
  /** Local hour labels: instant and hour of day, one per hour from `from` to `to`. */
  readonly hours: readonly { readonly at: number; readonly hour: number }[];
  readonly heightPx: number;
}

/** One occurrence of a meeting on a day: the unit the timeline draws. */
export interface DayItem {
  readonly key: string;
  readonly meeting: Meeting;
  readonly index: number;
  readonly date: string;
  readonly start: number;
  readonly end: number;
}

export interface PlacedItem extends DayItem {
  readonly topPx: number;
  readonly heightPx: number;
  /** Overlapping meetings side by side: this one's lane and how many lanes its cluster has. */
  readonly lane: number;
  readonly lanes: number;
  /** Cut at the top or bottom of the window (starts before it or ends after it). */
  readonly clippedStart: boolean;
  readonly clippedEnd: boolean;
}

export const MIN_BLOCK_PX = 22;

/** `YYYY-MM-DD` → LocalDate; throws on a bad date (callers hold validated dates). */
export function localDate(text: string): LocalDate {
  const r = parseLocalDate(text);
  if (!r.ok) throw new Error(r.message);
  return r.value;
}

export function todayIn(now: number, timeZone: string): string {
  return formatLocalDate(localDateOf(now, timeZone));
}

export function shiftDay(day: string, days: number): string {
  return formatLocalDate(addLocalDays(localDate(day), days));
}

/** The Monday of the week holding `day` (weeks run Monday to Sunday, as in Vietnam). */
export function mondayOf(day: string): string {
  const d = localDate(day);
  return formatLocalDate(addLocalDays(d, -WEEKDAYS.indexOf(weekdayOf(d))));
}

/** The seven days (Mon–Sun) of the week holding `day`. */
export function weekDays(day: string): string[] {
  const monday = mondayOf(day);
  return Array.from({ length: 7 }, (_, i) => shiftDay(monday, i));
}

/** The occurrences of the meetings that fall on a local day, by start then title. */
export function itemsOn(meetings: readonly ScheduledMeeting[], day: string, timeZone: string): DayItem[] {
  const from = startOfLocalDay(localDate(day), timeZone);
  const to = startOfLocalDay(addLocalDays(localDate(day), 1), timeZone);
  const items: DayItem[] = [];
  for (const { meeting, occurrences } of meetings) {
    for (const o of occurrences) {
      if (o.end <= from || o.start >= to) continue;
      items.push({ key: `${meeting.id}#${o.index}`, meeting, index: o.index, date: o.date, start: o.start, end: o.end });
    }
  }
  return items.sort((a, b) => a.start - b.start || a.end - b.end || a.meeting.title.localeCompare(b.meeting.title));
}

/**
 * The timeline's window for a day: 06:00–22:00 local, grown to whole hours to include every item
 * (an emergency at 23:00 is never off the timeline) and, on today, the now (a night shift sees
 * its now-line), never past the day itself.
 */
export function dayWindow(day: string, timeZone: string, items: readonly Pick<DayItem, 'start' | 'end'>[] = [], hourPx = HOUR_PX, now: number | null = null): TimelineWindow {
  const date = localDate(day);
  const dayStart = startOfLocalDay(date, timeZone);
  const dayEnd = startOfLocalDay(addLocalDays(date, 1), timeZone);
  let from = dayStart + VISIBLE_FROM_HOUR * HOUR_MS;
  let to = dayStart + VISIBLE_TO_HOUR * HOUR_MS;
  const within = now !== null && now >= dayStart && now < dayEnd ? [{ start: now, end: now }] : [];
  for (const i of [...items, ...within]) {
    from = Math.min(from, Math.max(dayStart, i.start));
    to = Math.max(to, Math.min(dayEnd, i.end));
  }
  // Whole local hours (zones with half-hour offsets still get hour lines on the hour).
  from = floorToLocalHour(from, timeZone);
  to = Math.min(dayEnd, ceilToLocalHour(to, timeZone));
  const hours: { at: number; hour: number }[] = [];
  for (let at = from; at <= to; at += HOUR_MS) hours.push({ at, hour: utcToLocal(at, timeZone).hour });
  return { from, to, hours, heightPx: ((to - from) / HOUR_MS) * hourPx };
}

function floorToLocalHour(t: number, timeZone: string): number {
  const l = utcToLocal(t, timeZone);
  return t - l.minute * MINUTE_MS - (t % MINUTE_MS);
}

function ceilToLocalHour(t: number, timeZone: string): number {
  const f = floorToLocalHour(t, timeZone);
  return f === t ? t : f + HOUR_MS;
}

/** Pixels from the top of the window for an instant (may be outside [0, height]). */
export function yOf(t: number, window: Pick<TimelineWindow, 'from'>, hourPx = HOUR_PX): number {
  return ((t - window.from) / HOUR_MS) * hourPx;
}

/** Where the now-line goes, or null when now is not inside the window. */
export function nowLineY(now: number, window: TimelineWindow, hourPx = HOUR_PX): number | null {
  if (now < window.from || now > window.to) return null;
  return yOf(now, window, hourPx);
}

/**
 * Blocks for a day's items: top and height from the times (clipped to the window, at least
 * MIN_BLOCK_PX tall), overlapping items in lanes side by side. Cancelled meetings are placed like
 * the others (drawn struck through) so a cancellation stays visible.
 */
export function placeItems(items: readonly DayItem[], window: TimelineWindow, hourPx = HOUR_PX): PlacedItem[] {
  const sorted = [...items].sort((a, b) => a.start - b.start || b.end - a.end);
  const placed: (DayItem & { lane: number; cluster: number })[] = [];
  const laneEnds: number[] = [];
  let cluster = -1;
  let clusterEnd = -Infinity;
  const clusterLanes: number[] = [];
  for (const item of sorted) {
    if (item.start >= clusterEnd) {
      cluster += 1;
      clusterLanes[cluster] = 0;
      laneEnds.length = 0;
    }
    let lane = laneEnds.findIndex((end) => end <= item.start);
    if (lane < 0) lane = laneEnds.length;
    laneEnds[lane] = item.end;
    clusterEnd = Math.max(clusterEnd, item.end);
    clusterLanes[cluster] = Math.max(clusterLanes[cluster]!, lane + 1);
    placed.push({ ...item, lane, cluster });
  }
  return placed.map(({ cluster: c, ...item }) => {
    const top = Math.max(0, yOf(item.start, window, hourPx));
    const bottom = Math.min(window.heightPx, yOf(item.end, window, hourPx));
    return {
      ...item,
      topPx: top,
      heightPx: Math.max(MIN_BLOCK_PX, bottom - top),
      lanes: clusterLanes[c]!,
      clippedStart: item.start < window.from,
      clippedEnd: item.end > window.to,
    };
  });
}

/** Where the view scrolls to on opening: an hour before now when now is on the day, else the top. */
export function initialScrollY(now: number, window: TimelineWindow, hourPx = HOUR_PX): number {
  const y = nowLineY(now, window, hourPx);
  return y === null ? 0 : Math.max(0, y - hourPx);
}

export type CountdownKind = 'starts' | 'running';

export interface Countdown {
  readonly item: DayItem;
  readonly kind: CountdownKind;
  /** ms until the start (starts) or the end (running). */
  readonly ms: number;
}

const active = (m: Meeting) => m.status !== 'cancelled' && m.status !== 'ended';

/**
 * The next meeting to start from now among the items (not cancelled or ended), with the time left;
 * null when none is left today.
 */
export function nextMeeting(items: readonly DayItem[], now: number): Countdown | null {
  const next = items.filter((i) => active(i.meeting) && i.meeting.status !== 'live' && i.start > now).sort((a, b) => a.start - b.start)[0];
  return next ? { item: next, kind: 'starts', ms: next.start - now } : null;
}

/** Split a duration for "bắt đầu sau 1 giờ 5 phút" / "sau 45 s". */
export function countdownParts(ms: number): { readonly h: number; readonly m: number; readonly s: number; readonly unit: 's' | 'm' | 'hm' } {
  const total = Math.max(0, Math.ceil(ms / 1000));
  if (total < 60) return { h: 0, m: 0, s: total, unit: 's' };
  const minutes = Math.ceil(total / 60);
  if (minutes < 60) return { h: 0, m: minutes, s: 0, unit: 'm' };
  return { h: Math.floor(minutes / 60), m: minutes % 60, s: 0, unit: 'hm' };
}

/** Whether an instant falls within the occurrence (now-line inside the block). */
export function isRunning(item: Pick<DayItem, 'start' | 'end'>, now: number): boolean {
  return now >= item.start && now < item.end;
}

/**
 * The week's windows: the same hours on every day (06:00–22:00, grown to the earliest start and
 * the latest end of any day), so the seven columns line up.
 */
export function weekWindows(days: readonly string[], timeZone: string, itemsByDay: ReadonlyMap<string, readonly DayItem[]>, hourPx = HOUR_PX): TimelineWindow[] {
  let fromHour = VISIBLE_FROM_HOUR;
  let toHour = VISIBLE_TO_HOUR;
  for (const day of days) {
    const w = dayWindow(day, timeZone, itemsByDay.get(day) ?? [], hourPx);
    const dayStart = startOfLocalDay(localDate(day), timeZone);
    fromHour = Math.min(fromHour, Math.floor((w.from - dayStart) / HOUR_MS));
    toHour = Math.max(toHour, Math.ceil((w.to - dayStart) / HOUR_MS));
  }
  return days.map((day) => {
    const dayStart = startOfLocalDay(localDate(day), timeZone);
    const from = dayStart + fromHour * HOUR_MS;
    const to = dayStart + toHour * HOUR_MS;
    const hours: { at: number; hour: number }[] = [];
    for (let at = from; at <= to; at += HOUR_MS) hours.push({ at, hour: utcToLocal(at, timeZone).hour });
    return { from, to, hours, heightPx: (toHour - fromHour) * hourPx };
  });
}

/** The meetings under way: live ones (a start may come early), and those whose time it is. */
export function runningItems(items: readonly DayItem[], now: number): DayItem[] {
  return items.filter((i) => i.meeting.status === 'live' || (active(i.meeting) && isRunning(i, now)));
}
