import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Readiness, ScheduledMeeting } from '../../../shared/schedule/api.js';
import { useClockStore } from '../../stores/clock-store.js';
import { HourLines, NowLine } from './day-timeline.js';
import { MeetingBlock } from './meeting-block.js';
import { dayTitle } from './schedule-words.js';
import { initialScrollY, itemsOn, placeItems, todayIn, weekDays, weekWindows, type DayItem } from './timeline-model.js';
import { displayDay } from './violation-text.js';

export interface WeekGridProps {
  readonly day: string;
  readonly meetings: readonly ScheduledMeeting[];
  readonly timeZone: string;
  readonly siteCounts: ReadonlyMap<string, number>;
  readonly readiness: ReadonlyMap<string, Readiness>;
  readonly selectedKey: string | null;
  readonly onSelect: (key: string) => void;
  readonly onOpenDay: (day: string) => void;
}

/** Seven columns, Monday to Sunday in the inventory's zone, on one shared hour scale; today is marked. */
export function WeekGrid({ day, meetings, timeZone, siteCounts, readiness, selectedKey, onSelect, onOpenDay }: WeekGridProps) {
  const { t } = useTranslation();
  const scroller = useRef<HTMLDivElement>(null);
  const today = useClockStore((s) => todayIn(s.now, timeZone));
  const days = useMemo(() => weekDays(day), [day]);
  const itemsByDay = useMemo(() => new Map<string, DayItem[]>(days.map((d) => [d, itemsOn(meetings, d, timeZone)])), [days, meetings, timeZone]);
  const windows = useMemo(() => weekWindows(days, timeZone, itemsByDay), [days, timeZone, itemsByDay]);
  const first = windows[0]!;

  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const i = days.indexOf(today);
    el.scrollTop = initialScrollY(useClockStore.getState().now, windows[Math.max(0, i)]!);
  }, [days[0]]);

  return (
    <div className="week" data-testid="week-grid" data-from={days[0]} data-to={days[6]}>
      <div className="week__head">
        <div className="week__gutter" />
        {days.map((d) => (
          <button
            key={d}
            type="button"
            className="week__day-head"
            data-today={d === today}
            data-selected={d === day}
            title={t('schedule.openDay', { day: dayTitle(d, t) })}
            onClick={() => onOpenDay(d)}
          >
            <span>{t(`schedule.weekdayShort.${weekdayKey(days.indexOf(d))}`)}</span> <span className="num">{displayDay(d).slice(0, 5)}</span>
            {d === today && <span className="week__today">{t('schedule.todayMark')}</span>}
          </button>
        ))}
      </div>
      <div className="week__body" ref={scroller}>
        <div className="week__canvas" style={{ height: first.heightPx }}>
          <div className="week__gutter">
            <HourLines win={first} />
          </div>
          {days.map((d, i) => {
            const win = windows[i]!;
            const placed = placeItems(itemsByDay.get(d) ?? [], win);
            return (
              <div key={d} className="week__col" data-day={d} data-today={d === today} data-testid="week-day">
                <HourLines win={win} labels={false} />
                {placed.map((item) => (
                  <MeetingBlock
                    key={item.key}
                    item={item}
                    timeZone={timeZone}
                    siteCount={siteCounts.get(item.meeting.id) ?? 0}
                    readiness={readiness.get(item.meeting.id)}
                    selected={selectedKey === item.key}
                    compact
                    onSelect={onSelect}
                  />
                ))}
                {d === today && <NowLine win={win} timeZone={timeZone} />}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}

const weekdayKey = (i: number): string => ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'][i] ?? 'mon';
