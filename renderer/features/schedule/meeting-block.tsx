import type { CSSProperties, KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Readiness } from '../../../shared/schedule/api.js';
import { StatusGlyph } from '../../theme/status-glyph.js';
import { CancelledGlyph, EmergencyGlyph, LiveGlyph } from './schedule-glyphs.js';
import { needsAttention, timeRange } from './schedule-words.js';
import type { PlacedItem } from './timeline-model.js';

export interface MeetingBlockProps {
  readonly item: PlacedItem;
  readonly timeZone: string;
  /** Sites the meeting occupies (participants and host). */
  readonly siteCount: number;
  readonly readiness: Readiness | undefined;
  readonly selected: boolean;
  readonly compact?: boolean;
  readonly onSelect: (key: string) => void;
}

/**
 * A meeting on the timeline: title, host, time range, participant count, status word and its
 * readiness ("40 sẵn sàng / 3 chưa"); an emergency carries a triangle and the word; a cancelled
 * one is struck through and hatched. Colour only where a site is not ready.
 */
export function MeetingBlock({ item, timeZone, siteCount, readiness, selected, compact = false, onSelect }: MeetingBlockProps) {
  const { t } = useTranslation();
  const m = item.meeting;
  const range = timeRange(item.start, item.end, timeZone);
  const status = t(`schedule.status.${m.status}`);
  // Report by exception: sites not ready need the eye from the readiness window on (30 minutes before).
  const waiting = m.status === 'booked' || m.status === 'ready';
  const notReady = readiness && waiting && needsAttention(readiness) ? readiness.notReady : 0;
  const readyText = readiness ? t('schedule.readiness.short', { ready: readiness.ready, notReady: readiness.notReady }) : null;
  const style: CSSProperties = {
    top: item.topPx,
    height: item.heightPx,
    left: `calc(${(item.lane / item.lanes) * 100}% + 2px)`,
    width: `calc(${100 / item.lanes}% - 4px)`,
  };
  const label = [m.emergency ? t('schedule.emergency') : null, m.title, range, m.hostBody, t('schedule.sites', { count: siteCount }), status, readyText]
    .filter(Boolean)
    .join(' · ');
  const onKeyDown = (e: KeyboardEvent<HTMLButtonElement>): void => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onSelect(item.key);
    }
  };
  return (
    <button
      type="button"
      className="meeting-block"
      style={style}
      data-testid="meeting-block"
      data-meeting-id={m.id}
      data-key={item.key}
      data-status={m.status}
      data-emergency={m.emergency}
      data-attention={notReady > 0}
      data-compact={compact}
      data-clipped-start={item.clippedStart}
      data-clipped-end={item.clippedEnd}
      aria-pressed={selected}
      aria-label={label}
      title={label}
      onClick={() => onSelect(item.key)}
      onKeyDown={onKeyDown}
    >
      <span className="meeting-block__head">
        {m.emergency && (
          <span className="meeting-block__emergency">
            <EmergencyGlyph label={t('schedule.emergency')} size={11} />
            <span>{t('schedule.emergencyShort')}</span>
          </span>
        )}
        {m.status === 'cancelled' && <CancelledGlyph label={status} size={11} />}
        {m.status === 'live' && <LiveGlyph label={status} size={11} />}
        <span className="meeting-block__title">{m.title}</span>
      </span>
      <span className="meeting-block__meta num">
        {range}
        {!compact && (
          <>
            {' · '}
            {m.hostBody}
            {' · '}
            {t('schedule.sites', { count: siteCount })}
          </>
        )}
      </span>
      <span className="meeting-block__meta">
        <span className="meeting-block__status" data-status={m.status}>
          {status}
        </span>
        {readiness && waiting && (
          <span className="meeting-block__ready num" data-not-ready={readiness.notReady} data-attention={notReady > 0}>
            {' · '}
            {notReady > 0 && <StatusGlyph kind="down" label={t('schedule.readiness.notReadyWord')} size={10} />}
            {readyText}
          </span>
        )}
      </span>
    </button>
  );
}
