import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Readiness } from '../../../shared/schedule/api.js';
import { formatDisplayTime } from '../../../shared/schedule/zoned-time.js';
import { useClockStore } from '../../stores/clock-store.js';
import { MeetingBlock } from './meeting-block.js';
import { UnbookedStrip } from './unbooked-strip.js';
import type { UnbookedConference } from './unbooked-model.js';
import { HOUR_PX, dayWindow, initialScrollY, nowLineY, placeItems, type DayItem, type TimelineWindow } from './timeline-model.js';

const HOUR_MS = 3_600_000;
const NO_UNBOOKED: readonly UnbookedConference[] = [];

export interface TimelineProps {
  readonly day: string;
  readonly items: readonly DayItem[];
  readonly timeZone: string;
  readonly siteCounts: ReadonlyMap<string, number>;
  readonly readiness: ReadonlyMap<string, Readiness>;
  readonly selectedKey: string | null;
  readonly onSelect: (key: string) => void;
  /** Conferences running now on the MCU that no meeting accounts for (today only). */
  readonly unbooked?: readonly UnbookedConference[];
}

/** The now-line: a steel-blue rule with the time, ticking with the shared clock. */
export function NowLine({ win, timeZone }: { readonly win: TimelineWindow; readonly timeZone: string }) {
  const { t } = useTranslation();
  // Minute precision is enough for the line; the selector keeps renders to one a minute.
  const minute = useClockStore((s) => Math.floor(s.now / 60_000));
  const now = minute * 60_000;
  const y = nowLineY(now, win);
  if (y === null) return null;
  const time = formatDisplayTime(now, timeZone);
  return (
    <div className="now-line" style={{ top: y }} data-testid="now-line" data-y={Math.round(y)} aria-label={t('schedule.now', { time })}>
      <span className="now-line__time num">{time}</span>
    </div>
  );
}

export function HourLines({ win, labels = true }: { readonly win: TimelineWindow; readonly labels?: boolean }) {
  return (
    <>
      {win.hours.map((h) => (
        <div key={h.at} className="hour-line" style={{ top: ((h.at - win.from) / 3_600_000) * HOUR_PX }}>
          {labels && <span className="hour-line__label num">{`${String(h.hour).padStart(2, '0')}:00`}</span>}
        </div>
      ))}
    </>
  );
}

/**
 * Today (or the chosen day) as a vertical timeline, 06:00–22:00 by default and grown to fit every
 * meeting; scrolls to an hour before now on opening. Overlapping meetings share the width in lanes.
 * Conferences running on the MCU that were never booked are listed above it, marked unbooked.
 */
export function DayTimeline({ day, items, timeZone, siteCounts, readiness, selectedKey, onSelect, unbooked = NO_UNBOOKED }: TimelineProps) {
  const { t } = useTranslation();
  const scroller = useRef<HTMLDivElement>(null);
  // Hour precision: the window only grows by whole hours, so it is recomputed once an hour.
  const hour = useClockStore((s) => Math.floor(s.now / HOUR_MS));
  const win = useMemo(() => dayWindow(day, timeZone, items, HOUR_PX, hour * HOUR_MS), [day, timeZone, items, hour]);
  const placed = useMemo(() => placeItems(items, win), [items, win]);

  useEffect(() => {
    const el = scroller.current;
    if (el) el.scrollTop = initialScrollY(useClockStore.getState().now, win);
    // Only when the day changes: the operator's own scrolling is not taken back on every refetch.
  }, [day]);

  return (
    <div className="timeline" ref={scroller} data-testid="day-timeline" data-day={day} aria-label={t('schedule.timeline')} role="region" tabIndex={-1}>
      <UnbookedStrip conferences={unbooked} />
      <div className="timeline__canvas" style={{ height: win.heightPx }} data-from={win.from} data-to={win.to}>
        <HourLines win={win} />
        <div className="timeline__lane-area">
          {placed.map((item) => (
            <MeetingBlock
              key={item.key}
              item={item}
              timeZone={timeZone}
              siteCount={siteCounts.get(item.meeting.id) ?? 0}
              readiness={readiness.get(item.meeting.id)}
              selected={selectedKey === item.key}
              onSelect={onSelect}
            />
          ))}
        </div>
        <NowLine win={win} timeZone={timeZone} />
      </div>
      {items.length === 0 && unbooked.length === 0 && <p className="timeline__empty faint" data-testid="day-empty">{t('schedule.emptyDay')}</p>}
    </div>
  );
}
