import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { inCallNow } from '../../../shared/endpoint-state.js';
import type { SiteView } from '../../../shared/inventory.js';
import { formatNumber } from '../../i18n/format.js';
import { localeOf } from '../../i18n/index.js';
import { useNetworkStore } from '../../stores/network-store.js';
import { useStatusStore } from '../../stores/status-store.js';
import { InCallGlyph, StatusGlyph } from '../../theme/status-glyph.js';
import { statusKind, worstKind } from '../../theme/status-kind.js';
import { Age } from '../topology/age.js';
import { ROOT_ID } from './map-layout.js';
import { selectMcu, useConferenceStore } from './map-conferences.js';

type EndpointView = SiteView['endpoints'][number];

/** One endpoint's link quality: loss and jitter with their units and how old they are. */
function EndpointLine({ endpoint, many }: { readonly endpoint: EndpointView; readonly many: boolean }) {
  const { t, i18n } = useTranslation();
  const status = useStatusStore((s) => s.statuses.get(endpoint.id));
  const locale = localeOf(i18n.language);
  const none = t('value.none');
  const loss = formatNumber(status?.packetLossPct, locale, 2);
  const jitter = formatNumber(status?.jitterMs, locale, 1);
  const at = status?.measuredAt['packetLossPct'] ?? status?.measuredAt['jitterMs'] ?? status?.measuredAt['reachability'] ?? status?.updatedAt ?? null;
  return (
    <li className="map-tip__line">
      {many && <span className="map-tip__endpoint">{endpoint.name}</span>}
      <span data-field="packetLossPct">{t('map.tip.loss', { value: loss === null ? none : `${loss}\u00a0${t('unit.pct')}` })}</span>
      <span data-field="jitterMs">{t('map.tip.jitter', { value: jitter === null ? none : `${jitter}\u00a0${t('unit.ms')}` })}</span>
      <Age at={at} className="map-tip__age" />
    </li>
  );
}

/** The hovered site: name, status in words, loss and jitter with units and age. Positioned by the canvas. */
export function MapTooltip({ siteId, ref }: { readonly siteId: string | null; readonly ref: Ref<HTMLDivElement> }) {
  const { t } = useTranslation();
  const site = useNetworkStore((s) => (siteId && siteId !== ROOT_ID ? s.index?.sitesById.get(siteId) : undefined));
  const kind = useStatusStore((s) => (site ? worstKind(site.endpoints.map((e) => statusKind(s.statuses.get(e.id)))) : 'unknown'));
  const inCall = useStatusStore((s) => (site ? site.endpoints.some((e) => inCallNow(s.statuses.get(e.id))) : false));
  const mcu = useConferenceStore(selectMcu);
  const visible = siteId !== null;
  return (
    <div ref={ref} className="map-tip" role="tooltip" data-testid="map-tooltip" hidden={!visible} data-site-id={siteId ?? undefined}>
      {siteId === ROOT_ID ? (
        <>
          <div className="map-tip__name">{t('map.mcu.name')}</div>
          <div className="map-tip__status">{t(`map.mcu.state.${mcu?.state ?? 'unknown'}`)}</div>
        </>
      ) : site ? (
        <>
          <div className="map-tip__name">{site.name}</div>
          <div className="map-tip__status" data-kind={kind}>
            <StatusGlyph kind={kind} label={t(`status.${kind}`)} />
            <span>{t(`status.${kind}`)}</span>
            {inCall && (
              <>
                <InCallGlyph label={t('status.inCall')} />
                <span>{t('status.inCall')}</span>
              </>
            )}
          </div>
          <ul className="map-tip__lines">
            {site.endpoints.slice(0, 3).map((e) => (
              <EndpointLine key={e.id} endpoint={e} many={site.endpoints.length > 1} />
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
