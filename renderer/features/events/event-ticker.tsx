import type { TFunction } from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { SiteView } from '../../../shared/inventory.js';
import { formatAge } from '../../i18n/format.js';
import { useClockStore } from '../../stores/clock-store.js';
import { useEventsStore } from '../../stores/events-store.js';
import { useNetworkStore } from '../../stores/network-store.js';
import { useStatusStore } from '../../stores/status-store.js';
import { useUiStore } from '../../stores/ui-store.js';
import { SeverityGlyph } from '../../theme/severity-glyph.js';
import { isCleared, tickerItems, type TickerItem } from './event-model.js';

/** Lines older than this are drawn in grey: still there to read, no longer calling for the eye. */
export const TICKER_FRESH_MS = 10 * 60_000;
export const TICKER_LINES = 4;

const NO_SITES: ReadonlyMap<string, SiteView> = new Map();

function where(item: TickerItem, sitesById: ReadonlyMap<string, SiteView>, t: TFunction): string {
  const name = (id: string) => sitesById.get(id)?.name ?? id;
  if (item.siteIds.length <= 1) return item.latest.siteId ? name(item.latest.siteId) : (item.latest.endpointId ?? t('value.none'));
  return item.district ? t('ticker.sites', { district: name(item.district), count: item.siteIds.length }) : t('ticker.sitesNoDistrict', { count: item.siteIds.length });
}

/**
 * The strip under the tree: the last few events that need attention (down, unreachable, degraded,
 * warning and critical traps), each with its site and age; one line for a district's burst.
 * A line whose sites are all well again, or older than ten minutes, is drawn in grey (a cleared
 * one says so). Calm, with a short sentence, when there is nothing. A click selects the site
 * (or its district).
 */
export function EventTicker() {
  const { t } = useTranslation();
  const recent = useEventsStore((s) => s.recent);
  const sitesById = useNetworkStore((s) => s.index?.sitesById ?? NO_SITES);
  const now = useClockStore((s) => s.now);
  const statuses = useStatusStore((s) => s.statuses);
  const items = useMemo(() => tickerItems(recent, sitesById, TICKER_LINES), [recent, sitesById]);
  return (
    <footer className="ticker" role="log" aria-label={t('ticker.label')} data-testid="ticker" data-count={items.length}>
      <span className="ticker__title">{t('ticker.title')}</span>
      {items.length === 0 ? (
        <span className="ticker__calm">{t('ticker.none')}</span>
      ) : (
        <ol className="ticker__items">
          {items.map((item) => {
            const cleared = isCleared(item, sitesById, statuses);
            // Colour only for what is recent and not over yet; the rest stays, in grey.
            const fresh = !cleared && now - Date.parse(item.latest.at) < TICKER_FRESH_MS;
            const target = item.siteIds.length > 1 && item.district && sitesById.has(item.district) ? item.district : item.latest.siteId;
            const severity = t(`event.severity.${item.severity}`);
            return (
              <li key={item.key} className="ticker__item" data-code={item.code} data-severity={item.severity} data-fresh={fresh} data-cleared={cleared} data-count={item.count}>
                <button type="button" className="ticker__button" disabled={!target} onClick={() => target && useUiStore.getState().select(target)} title={item.latest.text || undefined}>
                  <SeverityGlyph severity={item.severity} label={severity} muted={!fresh} />
                  <span className="ticker__where">{where(item, sitesById, t)}</span>
                  <span className="ticker__code">{t(`event.code.${item.code}`)}</span>
                  {item.count > Math.max(1, item.siteIds.length) && <span className="ticker__count num">{t('ticker.times', { count: item.count })}</span>}
                  {cleared && <span className="ticker__cleared">{t('ticker.cleared')}</span>}
                  <span className="ticker__age num">{formatAge(item.latest.at, now, t)}</span>
                </button>
              </li>
            );
          })}
        </ol>
      )}
    </footer>
  );
}
