import { errorWords } from '../../i18n/error-words.js';
import './schedule.css';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../auth/use-can.js';
import type { BookingOutcome } from '../../../shared/schedule/api.js';
import { meetingSiteIds, siteDirectory } from '../../../shared/schedule/participants.js';
import { utcToLocal } from '../../../shared/schedule/zoned-time.js';
import { formatAge } from '../../i18n/format.js';
import { useClockStore } from '../../stores/clock-store.js';
import { useNetworkStore } from '../../stores/network-store.js';
import { scheduleApiOf, useScheduleStore, type DayRange } from '../../stores/schedule-store.js';
import { StatusGlyph } from '../../theme/status-glyph.js';
import { BookingDialog } from './booking-form.js';
import { emptyForm, formOf, type BookingForm } from './booking-form-model.js';
import { DayTimeline } from './day-timeline.js';
import { downloadFile } from './download.js';
import { MeetingDetails, useControlBlock } from './meeting-details.js';
import { EmergencyGlyph } from './schedule-glyphs.js';
import { dayTitle, durationWords, needsAttention, timeRange } from './schedule-words.js';
import { itemsOn, nextMeeting, runningItems, shiftDay, todayIn, weekDays, type DayItem } from './timeline-model.js';
import { useUnbooked } from './unbooked-strip.js';
import { displayDay } from './violation-text.js';
import { WeekGrid } from './week-grid.js';

const typing = (el: EventTarget | null): boolean =>
  el instanceof HTMLElement && (el.isContentEditable || el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT');

/** "Tiếp theo: Giao ban … bắt đầu sau 18 phút"; or the meeting under way, with the time left. */
function Countdown({ items, onSelect }: { readonly items: readonly DayItem[]; readonly onSelect: (key: string) => void }) {
  const { t } = useTranslation();
  const now = useClockStore((s) => s.now);
  const running = runningItems(items, now);
  const next = nextMeeting(items, now);
  if (!next && running.length === 0) return <span className="countdown faint" data-testid="countdown" data-state="none">{t('schedule.countdown.none')}</span>;
  return (
    <span className="countdown" data-testid="countdown" data-state={next ? 'next' : 'running'}>
      {running.length > 0 && (
        <button type="button" className="link-button" onClick={() => onSelect(running[0]!.key)} data-testid="countdown-running">
          {t('schedule.countdown.running', { title: running[0]!.meeting.title, left: durationWords(Math.max(0, running[0]!.end - now), t), count: running.length })}
        </button>
      )}
      {next && (
        <button type="button" className="link-button" onClick={() => onSelect(next.item.key)} data-testid="countdown-next" data-ms={next.ms}>
          {next.item.meeting.emergency && <EmergencyGlyph label={t('schedule.emergency')} size={11} />}
          {t('schedule.countdown.next', { title: next.item.meeting.title, in: durationWords(next.ms, t) })}
        </button>
      )}
    </span>
  );
}

/** The day's meetings as a list beside the timeline (keyboard: Tab through, Enter opens). */
function Agenda({ items, timeZone, selectedKey, onSelect }: { readonly items: readonly DayItem[]; readonly timeZone: string; readonly selectedKey: string | null; readonly onSelect: (key: string) => void }) {
  const { t } = useTranslation();
  const readiness = useScheduleStore((s) => s.readiness);
  return (
    <section className="agenda" aria-label={t('schedule.agenda')} data-testid="agenda">
      <h3 className="agenda__title">{t('schedule.agenda')}</h3>
      {items.length === 0 && <p className="faint">{t('schedule.emptyDay')}</p>}
      <ul>
        {items.map((i) => {
          const r = readiness.get(i.meeting.id);
          const active = i.meeting.status === 'booked' || i.meeting.status === 'ready';
          return (
            <li key={i.key}>
              <button type="button" className="agenda__item" aria-pressed={selectedKey === i.key} data-status={i.meeting.status} data-testid="agenda-item" data-meeting-id={i.meeting.id} onClick={() => onSelect(i.key)}>
                <span className="num agenda__time">{timeRange(i.start, i.end, timeZone)}</span>
                <span className="agenda__name">
                  {i.meeting.emergency && <EmergencyGlyph label={t('schedule.emergency')} size={11} />}
                  {i.meeting.title}
                </span>
                <span className="agenda__status">{t(`schedule.status.${i.meeting.status}`)}</span>
                {r && active && (
                  <span className="agenda__ready num" data-attention={needsAttention(r)}>
                    {needsAttention(r) && <StatusGlyph kind="down" label={t('schedule.readiness.notReadyWord')} size={10} />}
                    {t('schedule.readiness.short', { ready: r.ready, notReady: r.notReady })}
                  </span>
                )}
              </button>
            </li>
          );
        })}
      </ul>
      <p className="faint agenda__keys">{t('schedule.keys')}</p>
    </section>
  );
}

/**
 * The Day view (ui.md "Day (schedule)"; issue 6): today's meetings on a timeline with a now-line,
 * the countdown to the next one, each meeting's readiness; a week view; date navigation; the
 * booking form; the selected meeting's details with its readiness board, start and attendance.
 * Keys: ← → days (weeks in the week view), T today, W day/week, N new booking, Escape closes.
 */
export function ScheduleView() {
  const { t } = useTranslation();
  const network = useNetworkStore((s) => s.network);
  const timeZone = network?.timezone ?? 'Asia/Ho_Chi_Minh';
  const today = useClockStore((s) => todayIn(s.now, timeZone));
  const storedDay = useScheduleStore((s) => s.day);
  const day = storedDay ?? today;
  const mode = useScheduleStore((s) => s.mode);
  const meetings = useScheduleStore((s) => s.meetings);
  const loadedRange = useScheduleStore((s) => s.loadedRange);
  const loading = useScheduleStore((s) => s.loading);
  const error = useScheduleStore((s) => s.error);
  const fetchedAt = useScheduleStore((s) => s.fetchedAt);
  const readiness = useScheduleStore((s) => s.readiness);
  const selectedKey = useScheduleStore((s) => s.selectedId);
  const now = useClockStore((s) => s.now);
  const blocked = useControlBlock();
  const [form, setForm] = useState<BookingForm | null>(null);
  const mayBook = useCan('bookMeeting');
  const [exportError, setExportError] = useState<string | null>(null);

  const range: DayRange = useMemo(() => {
    if (mode === 'day') return { from: day, to: day };
    const days = weekDays(day);
    return { from: days[0]!, to: days[6]! };
  }, [day, mode]);

  useEffect(() => {
    void useScheduleStore.getState().show(range);
  }, [range]);

  const items = useMemo(() => itemsOn(meetings, day, timeZone), [meetings, day, timeZone]);
  const unbooked = useUnbooked(day, today, meetings);
  const allItems = useMemo(() => (mode === 'day' ? items : weekDays(day).flatMap((d) => itemsOn(meetings, d, timeZone))), [mode, items, meetings, day, timeZone]);
  const selected = allItems.find((i) => i.key === selectedKey) ?? null;
  const siteCounts = useMemo(() => {
    const counts = new Map<string, number>();
    if (!network) return counts;
    const dir = siteDirectory(network);
    for (const { meeting } of meetings) counts.set(meeting.id, meetingSiteIds(meeting, dir).size);
    return counts;
  }, [meetings, network]);

  const goTo = useCallback((d: string) => useScheduleStore.getState().setDay(d), []);
  const select = useCallback((key: string | null) => useScheduleStore.getState().select(key), []);
  const step = mode === 'week' ? 7 : 1;

  const openNew = useCallback(() => {
    if (!network) return;
    const nowLocal = utcToLocal(useClockStore.getState().now, network.timezone);
    const start = day < today ? today : day;
    setForm(emptyForm(network, start, { day: today, hour: nowLocal.hour }));
  }, [network, day, today]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
      // The booking dialog handles its own keys, Escape too wherever the focus is (it asks before
      // discarding what was typed).
      if (form !== null) return;
      if (typing(e.target)) return;
      const s = useScheduleStore.getState();
      const cur = s.day ?? today;
      if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
        if (e.target instanceof HTMLElement && e.target.closest('[role="group"]')) return;
        e.preventDefault();
        s.setDay(shiftDay(cur, e.key === 'ArrowLeft' ? -step : step));
      } else if (e.key === 't' || e.key === 'T') {
        e.preventDefault();
        s.setDay(today);
      } else if ((e.key === 'n' || e.key === 'N') && mayBook) {
        e.preventDefault();
        openNew();
      } else if (e.key === 'w' || e.key === 'W') {
        e.preventDefault();
        s.setMode(s.mode === 'day' ? 'week' : 'day');
      } else if (e.key === 'Escape' && s.selectedId !== null) {
        e.preventDefault();
        s.select(null);
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [form, today, step, openNew, mayBook]);

  const onBooked = (outcome: BookingOutcome): void => {
    setForm(null);
    const s = useScheduleStore.getState();
    s.noteBooked(outcome);
    const first = outcome.occurrences[0];
    if (outcome.meeting && first) {
      s.setDay(first.date);
      s.select(`${outcome.meeting.id}#${first.index}`);
    }
  };

  const exportIcs = async (): Promise<void> => {
    setExportError(null);
    try {
      const api = scheduleApiOf();
      if (!api) throw new Error(t('schedule.offline'));
      downloadFile(await api.call('exportSchedule', range.from === range.to ? { from: range.from } : range));
    } catch (e) {
      setExportError(errorWords(e));
    }
  };

  if (!network) return <div className="schedule" data-testid="schedule-view" />;
  const isToday = day === today;
  const stale = loadedRange === null || loadedRange.from !== range.from || loadedRange.to !== range.to;

  return (
    <div className="schedule" data-testid="schedule-view" data-day={day} data-mode={mode} data-loading={loading} data-stale={stale}>
      <header className="schedule__bar">
        <div className="schedule__nav" role="group" aria-label={t('schedule.nav.label')}>
          <button type="button" className="button" onClick={() => goTo(shiftDay(day, -step))} title={t(mode === 'week' ? 'schedule.nav.prevWeek' : 'schedule.nav.prev')} aria-label={t(mode === 'week' ? 'schedule.nav.prevWeek' : 'schedule.nav.prev')} data-testid="day-prev">
            ‹
          </button>
          <button type="button" className="button" onClick={() => goTo(today)} disabled={isToday} title={t('schedule.nav.todayKey')} data-testid="day-today">
            {t('schedule.nav.today')}
          </button>
          <button type="button" className="button" onClick={() => goTo(shiftDay(day, step))} title={t(mode === 'week' ? 'schedule.nav.nextWeek' : 'schedule.nav.next')} aria-label={t(mode === 'week' ? 'schedule.nav.nextWeek' : 'schedule.nav.next')} data-testid="day-next">
            ›
          </button>
        </div>
        <h2 className="schedule__date" data-testid="schedule-date">
          {mode === 'day' ? dayTitle(day, t) : t('schedule.weekTitle', { from: displayDay(range.from), to: displayDay(range.to) })}
          {isToday && mode === 'day' && <span className="schedule__today">{t('schedule.todayMark')}</span>}
        </h2>
        <div className="segmented" role="group" aria-label={t('schedule.mode.label')}>
          <button type="button" aria-pressed={mode === 'day'} onClick={() => useScheduleStore.getState().setMode('day')} data-testid="mode-day">
            {t('schedule.mode.day')}
          </button>
          <button type="button" aria-pressed={mode === 'week'} onClick={() => useScheduleStore.getState().setMode('week')} data-testid="mode-week">
            {t('schedule.mode.week')}
          </button>
        </div>
        {mode === 'day' && isToday ? <Countdown items={items} onSelect={select} /> : <span className="schedule__spacer" />}
        <span className={`schedule__age faint${error ? ' schedule__age--error' : ''}`} data-testid="schedule-age">
          {error ? (
            <>
              <StatusGlyph kind="down" label={t('schedule.loadFailedWord')} size={10} /> {t('schedule.loadFailed', { message: error })}
            </>
          ) : loading && stale ? (
            t('schedule.loading')
          ) : fetchedAt ? (
            t('schedule.updated', { age: formatAge(new Date(fetchedAt).toISOString(), now, t) })
          ) : null}
        </span>
        <button type="button" className="button" onClick={() => void exportIcs()} data-testid="export-ics" title={t('schedule.exportIcsHint')}>
          {t('schedule.exportIcs')}
        </button>
        {mayBook && (
          <button type="button" className="button button--primary" onClick={openNew} disabled={blocked !== null} title={blocked ?? t('schedule.newKey')} data-testid="new-booking">
            {t('schedule.new')}
          </button>
        )}
      </header>
      {exportError && (
        <p className="form-error schedule__export-error" role="alert">
          {t('schedule.exportFailed', { message: exportError })}
        </p>
      )}
      <div className="schedule__body" data-details={selected !== null}>
        <section className="schedule__main" aria-label={t('schedule.label')}>
          {mode === 'day' ? (
            <DayTimeline day={day} items={items} timeZone={timeZone} siteCounts={siteCounts} readiness={readiness} selectedKey={selectedKey} onSelect={select} unbooked={unbooked} />
          ) : (
            <WeekGrid
              day={day}
              meetings={meetings}
              timeZone={timeZone}
              siteCounts={siteCounts}
              readiness={readiness}
              selectedKey={selectedKey}
              onSelect={select}
              onOpenDay={(d) => {
                goTo(d);
                useScheduleStore.getState().setMode('day');
              }}
            />
          )}
        </section>
        <div className="schedule__side">
          {selected ? (
            <MeetingDetails key={selected.key} item={selected} network={network} onClose={() => select(null)} onEdit={() => setForm(formOf(selected.meeting, timeZone))} />
          ) : (
            <Agenda items={items} timeZone={timeZone} selectedKey={selectedKey} onSelect={select} />
          )}
        </div>
      </div>
      {form && <BookingDialog key={form.id ?? 'new'} initial={form} network={network} blocked={blocked} onClose={() => setForm(null)} onBooked={onBooked} />}
    </div>
  );
}
