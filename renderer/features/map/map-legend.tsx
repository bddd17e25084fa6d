import { useTranslation } from 'react-i18next';
import { InCallGlyph, StatusGlyph } from '../../theme/status-glyph.js';
import type { StatusKind } from '../../theme/status-kind.js';
import { useMapStore } from './map-store.js';

const KINDS: readonly StatusKind[] = ['up', 'degraded', 'down', 'stale', 'unreachable', 'unknown'];
const LINKS = ['ok', 'warn', 'bad', 'cut'] as const;

/**
 * The map's key: every shape with its word and how many codecs are in that state now (the map's
 * counters, shared/endpoint-state.ts: the states add up to the codecs), the in-call ring with how
 * many are in a call, the mute slash and the link styles.
 */
export function MapLegend({ id }: { readonly id?: string }) {
  const { t } = useTranslation();
  const all = useMapStore((s) => s.counts?.all ?? null);
  return (
    <div className="map-legend" id={id} data-testid="map-legend" role="group" aria-label={t('map.legend.label')}>
      <ul className="map-legend__list">
        {KINDS.map((k) => (
          <li key={k} data-kind={k}>
            <StatusGlyph kind={k} label={t(`status.${k}`)} />
            <span>{t(`status.${k}`)}</span>
            {all && (
              <span className="map-legend__n num" data-count={all[k]}>
                {all[k]}
              </span>
            )}
          </li>
        ))}
        <li data-kind="inCall">
          <InCallGlyph label={t('status.inCall')} />
          <span>{t('map.legend.inCall')}</span>
          {all && (
            <span className="map-legend__n num" data-count={all.inCall}>
              {all.inCall}
            </span>
          )}
        </li>
        <li data-kind="muted">
          <svg className="glyph" width={12} height={12} viewBox="0 0 12 12" aria-hidden="true">
            <circle cx={6} cy={6} r={4.5} fill="none" stroke="var(--bp-st-in-call)" strokeWidth={1.4} />
            <path d="M2 10 L10 2" stroke="var(--bp-text)" strokeWidth={1.6} />
          </svg>
          <span>{t('map.legend.muted')}</span>
        </li>
      </ul>
      <ul className="map-legend__list">
        {LINKS.map((l) => (
          <li key={l} data-link={l}>
            <svg className="glyph map-legend__link" width={22} height={12} viewBox="0 0 22 12" aria-hidden="true">
              <path d="M1 6 L21 6" data-link={l} />
            </svg>
            <span>{t(`map.legend.link.${l}`)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
