import { useTranslation } from 'react-i18next';
import { useConferenceStore } from '../../stores/conference-store.js';
import { useUiStore } from '../../stores/ui-store.js';
import type { UnbookedConference } from './unbooked-model.js';

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
