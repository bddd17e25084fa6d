import { describe, expect, it } from 'vitest';
import {
  HOUR_PX,
  MIN_BLOCK_PX,
  countdownParts,
  dayWindow,
  initialScrollY,
  itemsOn,
  mondayOf,
  nextMeeting,
  nowLineY,
  placeItems,
  shiftDay,
  todayIn,
  weekDays,
  weekWindows,
} from '../../renderer/features/schedule/timeline-model.js';
import { DAY, TZ, at, meeting, scheduled } from './schedule-fixtures.js';

const items = (...ms: ReturnType<typeof meeting>[]) => itemsOn(ms.map(scheduled), DAY, TZ);

describe('timeline geometry in the inventory zone', () => {
  it('shows 06:00–22:00 local by default, one hour line per hour', () => {
    const w = dayWindow(DAY, TZ);
    expect(new Date(w.from).toISOString()).toBe('2025-11-21T23:00:00.000Z'); // 06:00 in Hà Nội
    expect(new Date(w.to).toISOString()).toBe('2025-11-22T15:00:00.000Z'); // 22:00
    expect(w.heightPx).toBe(16 * HOUR_PX);
    expect(w.hours.map((h) => h.hour)).toEqual([6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22]);
  });

  it('grows to the now on today (a night shift sees its now-line), and not for another day', () => {
    const night = Date.parse('2025-11-21T18:38:00Z'); // 01:38 on 22/11 in Hà Nội
    const w = dayWindow(DAY, TZ, [], HOUR_PX, night);
    expect(new Date(w.from).toISOString()).toBe('2025-11-21T18:00:00.000Z'); // 01:00
    expect(nowLineY(night, w)).not.toBeNull();
    const other = dayWindow(DAY, TZ, [], HOUR_PX, night - 24 * 3_600_000);
    expect(other.hours.map((h) => h.hour)[0]).toBe(6);
  });

  it('places a block from its local start and end', () => {
    const w = dayWindow(DAY, TZ);
    const [b] = placeItems(items(meeting('a', '2025-11-22T08:00', '2025-11-22T10:30')), w);
    expect(b!.topPx).toBe(2 * HOUR_PX);
    expect(b!.heightPx).toBe(2.5 * HOUR_PX);
    expect(b).toMatchObject({ lane: 0, lanes: 1, clippedStart: false, clippedEnd: false });
  });

  it('grows the window to whole hours for a meeting outside 06:00–22:00, never past the day', () => {
    const late = meeting('late', '2025-11-22T22:40', '2025-11-23T01:00');
    const early = meeting('early', '2025-11-22T05:15', '2025-11-22T06:30');
    const list = items(late, early);
    const w = dayWindow(DAY, TZ, list);
    expect(new Date(w.from).toISOString()).toBe('2025-11-21T22:00:00.000Z'); // 05:00
    expect(new Date(w.to).toISOString()).toBe('2025-11-22T17:00:00.000Z'); // midnight, not 01:00
    const placed = placeItems(list, w);
    const l = placed.find((p) => p.meeting.id === 'late')!;
    expect(l.clippedEnd).toBe(true);
    expect(l.topPx + l.heightPx).toBe(w.heightPx);
  });

  it('keeps a very short meeting tall enough to read', () => {
    const w = dayWindow(DAY, TZ);
    const [b] = placeItems(items(meeting('a', '2025-11-22T09:00', '2025-11-22T09:05')), w);
    expect(b!.heightPx).toBe(MIN_BLOCK_PX);
  });

  it('puts overlapping meetings side by side, and a later one back to full width', () => {
    const w = dayWindow(DAY, TZ);
    const placed = placeItems(
      items(
        meeting('a', '2025-11-22T08:00', '2025-11-22T10:00'),
        meeting('b', '2025-11-22T09:00', '2025-11-22T11:00'),
        meeting('c', '2025-11-22T10:00', '2025-11-22T10:30'),
        meeting('d', '2025-11-22T14:00', '2025-11-22T15:00'),
      ),
      w,
    );
    const by = (id: string) => placed.find((p) => p.meeting.id === id)!;
    expect([by('a').lane, by('b').lane, by('c').lane]).toEqual([0, 1, 0]); // c reuses a's lane once a ends
    expect([by('a').lanes, by('b').lanes, by('c').lanes]).toEqual([2, 2, 2]);
    expect(by('d')).toMatchObject({ lane: 0, lanes: 1 });
  });

  it('lists the occurrences of a day only, a weekly series once per week', () => {
    const weekly = meeting('w', '2025-11-17T08:00', '2025-11-17T09:00', { recurrence: { frequency: 'weekly', every: 1, byWeekday: ['mon'], count: 4 } });
    const list = [scheduled(weekly), scheduled(meeting('sat', '2025-11-22T15:00', '2025-11-22T16:00'))];
    expect(itemsOn(list, '2025-11-24', TZ).map((i) => i.key)).toEqual(['w#1']);
    expect(itemsOn(list, DAY, TZ).map((i) => i.key)).toEqual(['sat#0']);
  });

  it('draws the now-line at now, and nowhere when now is off the window', () => {
    const w = dayWindow(DAY, TZ);
    expect(nowLineY(at('2025-11-22T14:30'), w)).toBe(8.5 * HOUR_PX);
    expect(nowLineY(at('2025-11-22T23:30'), w)).toBeNull();
    expect(nowLineY(at('2025-11-21T14:30'), w)).toBeNull();
    expect(initialScrollY(at('2025-11-22T14:30'), w)).toBe(7.5 * HOUR_PX);
    expect(initialScrollY(at('2025-11-22T06:10'), w)).toBe(0);
  });

  it('counts down to the next meeting that is neither cancelled nor over', () => {
    const list = items(
      meeting('past', '2025-11-22T08:00', '2025-11-22T09:00'),
      meeting('gone', '2025-11-22T14:40', '2025-11-22T15:00', { status: 'cancelled' }),
      meeting('next', '2025-11-22T14:48', '2025-11-22T16:00'),
    );
    const c = nextMeeting(list, at('2025-11-22T14:30'));
    expect(c?.item.meeting.id).toBe('next');
    expect(c?.ms).toBe(18 * 60_000);
    expect(countdownParts(c!.ms)).toEqual({ h: 0, m: 18, s: 0, unit: 'm' });
    expect(countdownParts(45_000)).toMatchObject({ s: 45, unit: 's' });
    expect(countdownParts(65 * 60_000)).toMatchObject({ h: 1, m: 5, unit: 'hm' });
    expect(nextMeeting(list, at('2025-11-22T15:00'))).toBeNull();
  });
});

describe('days and weeks in the zone', () => {
  it('knows today in the zone, not in UTC', () => {
    expect(todayIn(Date.parse('2025-11-22T17:30:00Z'), TZ)).toBe('2025-11-23'); // 00:30 in Hà Nội
    expect(todayIn(Date.parse('2025-11-22T16:59:00Z'), TZ)).toBe('2025-11-22');
  });

  it('weeks run Monday to Sunday', () => {
    expect(mondayOf('2025-11-22')).toBe('2025-11-17');
    expect(mondayOf('2025-11-23')).toBe('2025-11-17'); // a Sunday
    expect(mondayOf('2025-11-24')).toBe('2025-11-24');
    expect(weekDays('2025-11-30')).toEqual(['2025-11-24', '2025-11-25', '2025-11-26', '2025-11-27', '2025-11-28', '2025-11-29', '2025-11-30']);
    expect(shiftDay('2025-12-31', 1)).toBe('2026-01-01');
    expect(shiftDay('2025-03-01', -1)).toBe('2025-02-28');
  });

  it('gives the seven columns the same hours, grown to the earliest and latest meeting of the week', () => {
    const days = weekDays(DAY);
    const byDay = new Map(days.map((d) => [d, itemsOn([scheduled(meeting('x', '2025-11-19T05:00', '2025-11-19T06:00')), scheduled(meeting('y', '2025-11-21T21:00', '2025-11-21T23:00'))], d, TZ)]));
    const windows = weekWindows(days, TZ, byDay);
    expect(windows).toHaveLength(7);
    expect(new Set(windows.map((w) => w.heightPx)).size).toBe(1);
    expect(windows[0]!.hours[0]!.hour).toBe(5);
    expect(windows[0]!.hours.at(-1)!.hour).toBe(23);
  });
});
