import { useTranslation } from 'react-i18next';
import type { EngineEvent } from '../../../shared/events.js';
import type { SiteView } from '../../../shared/inventory.js';
import { formatDateTime } from '../../i18n/format.js';
import { useClockStore } from '../../stores/clock-store.js';
import { useEventsStore } from '../../stores/events-store.js';
import { useNetworkStore } from '../../stores/network-store.js';
import { SeverityGlyph } from '../../theme/severity-glyph.js';
import { eventTime } from './event-model.js';

/** One event: time (24-hour, inventory zone), severity as shape + word, the code in words, the technical text as it is. */
export function EventLine({ event, site, timezone }: { readonly event: EngineEvent; readonly site: SiteView | undefined; readonly timezone: string }) {
  const { t } = useTranslation();
  const now = useClockStore((s) => s.now);
  const sitesById = useNetworkStore((s) => s.index?.sitesById);
  const endpointName = site && site.endpoints.length > 1 ? site.endpoints.find((e) => e.id === event.endpointId)?.name : undefined;
  const behindName = event.code === 'unreachable' && event.text ? (sitesById?.get(event.text)?.name ?? event.text) : null;
  const severity = t(`event.severity.${event.severity}`);
  return (
    <li className="event" data-event-id={event.id} data-code={event.code} data-severity={event.severity}>
      <time className="event__time num" dateTime={event.at} title={formatDateTime(event.at, timezone) ?? event.at}>
        {eventTime(event.at, now, timezone)}
      </time>
      <span className="event__severity" data-severity={event.severity}>
        <SeverityGlyph severity={event.severity} label={severity} />
        <span className="event__severity-word">{severity}</span>
      </span>
      <span className="event__code">
        {t(`event.code.${event.code}`)}
        {behindName && <span className="event__behind">{` · ${t('events.behind', { site: behindName })}`}</span>}
        {endpointName && <span className="faint">{` · ${endpointName}`}</span>}
      </span>
      {event.text && <span className="event__text mono">{event.text}</span>}
    </li>
  );
}

/** The selected site's recent events, newest first: asked for on selection, then live. */
export function SiteEvents({ site, timezone }: { readonly site: SiteView; readonly timezone: string }) {
  const { t } = useTranslation();
  const state = useEventsStore((s) => s.site);
  const mine = state.siteId === site.id;
  const events = mine ? state.events : [];
  const loading = !mine || state.loading;
  return (
    <section className="site-events" data-testid="site-events" data-loading={loading} aria-labelledby="site-events-title">
      <h3 className="details__section" id="site-events-title">
        {t('events.title')}
      </h3>
      {mine && state.error && <p className="faint">{t('events.failed', { message: state.error })}</p>}
      {events.length === 0 && !(mine && state.error) && <p className="faint">{loading ? t('events.loading') : t('events.none')}</p>}
      {events.length > 0 && (
        <ol className="events">
          {events.map((e) => (
            <EventLine key={e.id} event={e} site={site} timezone={timezone} />
          ))}
        </ol>
      )}
    </section>
  );
}
