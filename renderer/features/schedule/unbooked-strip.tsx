import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Conference } from '../../../shared/conference.js';
import type { ScheduledMeeting } from '../../../shared/schedule/api.js';
import { localeOf } from '../../i18n/index.js';
import { useClockStore } from '../../stores/clock-store.js';
import { useConferenceStore } from '../../stores/conference-store.js';
import { useScheduleStore } from '../../stores/schedule-store.js';
import { useUiStore } from '../../stores/ui-store.js';
import { unbookedOnDay, type UnbookedConference } from './unbooked-model.js';

const NO_CONFERENCES: readonly Conference[] = [];

/** Today's conferences on the MCU that no loaded meeting accounts for (schedule/unbooked-model.ts). */
export function useUnbooked(day: string, today: string, meetings: readonly ScheduledMeeting[]): UnbookedConference[] {
  const { i18n } = useTranslation();
  const conferences = useConferenceStore((s) => s.view?.conferences ?? NO_CONFERENCES);
  const starts = useScheduleStore((s) => s.starts);
  // Minute precision is enough to tell which of two same-titled live meetings runs now.
  const minute = useClockStore((s) => Math.floor(s.now / 60_000));
  return useMemo(
    () => unbookedOnDay(day, today, conferences, meetings, starts.values(), minute * 60_000, new Intl.Collator(localeOf(i18n.language))),
    [day, today, conferences, meetings, starts, minute, i18n.language],
  );
}


/**
 * Conferences running now on the MCU that were never booked, at the top of today's timeline,
 * each marked "unbooked" in words and a dashed outline; a click opens it in the Live view.
 */
export function UnbookedStrip({ conferences }: { readonly conferences: readonly UnbookedConference[] }) {
  const { t } = useTranslation();
  if (conferences.length === 0) return null;
  return (
    <section className="unbooked" aria-label={t('schedule.unbooked.title')} data-testid="unbooked-conferences">
      <p className="unbooked__title">{t('schedule.unbooked.title')}</p>
      <ul className="unbooked__list">
        {conferences.map((c) => (
          <li key={c.id}>
            <button
              type="button"
              className="unbooked__item"
              data-testid="unbooked-conference"
              data-conference-id={c.id}
              title={t('schedule.unbooked.open', { name: c.name })}
              onClick={() => {
                useConferenceStore.getState().select(c.id);
                useUiStore.getState().setView('live');
              }}
            >
              <span className="unbooked__mark">{t('schedule.unbooked.mark')}</span>
              <span className="unbooked__name">{c.name}</span>
              <span className="faint num">{t('schedule.unbooked.sites', { count: c.present, connected: c.connected })}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
