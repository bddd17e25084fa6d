import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../i18n/format.js';
import { useNetworkStore } from '../../stores/network-store.js';
import { useStatusStore } from '../../stores/status-store.js';
import { useUiStore } from '../../stores/ui-store.js';
import { StatusGlyph } from '../../theme/status-glyph.js';
import { statusKind, worstKind } from '../../theme/status-kind.js';
import { SiteEvents } from '../events/site-events.js';
import { EndpointDetails } from '../topology/endpoint-details.js';
import { EndpointControls } from './map-controls.js';
import { selectLiveConferences, selectMcu, useConferenceStore } from './map-conferences.js';
import { useMapStore } from './map-store.js';

function close(): void {
  useUiStore.getState().select(null);
  useMapStore.getState().setMcuOpen(false);
}

function CloseButton() {
  const { t } = useTranslation();
  return (
    <button type="button" className="details__close" onClick={close} aria-label={t('details.close')} title={t('details.close')}>
      ×
    </button>
  );
}

/** The MCU at the centre of the map: its connection state and the conferences on it. */
function McuPanel() {
  const { t } = useTranslation();
  const mcu = useConferenceStore(selectMcu);
  const conferences = useConferenceStore(selectLiveConferences);
  const timezone = useNetworkStore((s) => s.network?.timezone ?? 'Asia/Ho_Chi_Minh');
  return (
    <aside className="details netmap__drawer" aria-label={t('map.drawer.label')} data-testid="map-drawer" data-selected="mcu">
      <div className="details__head">
        <h2 className="details__title">{t('map.mcu.name')}</h2>
        <CloseButton />
      </div>
      <dl className="kv">
        <dt>{t('map.mcu.stateLabel')}</dt>
        <dd data-testid="map-mcu-state" data-state={mcu?.state ?? 'unknown'}>
          {t(`map.mcu.state.${mcu?.state ?? 'unknown'}`)}
        </dd>
        <dt>{t('map.mcu.message')}</dt>
        <dd>{mcu && mcu.state !== 'ok' ? t(`session.mcu.hint.${mcu.state}`) : t('value.none')}</dd>
        <dt>{t('map.mcu.since')}</dt>
        <dd>{formatDateTime(mcu?.since, timezone) ?? t('value.none')}</dd>
      </dl>
      <h3 className="details__section">{t('map.mcu.conferences')}</h3>
      {conferences.length === 0 && <p className="faint">{t('map.mcu.noConferences')}</p>}
      <ul className="map-conferences">
        {conferences.map((c) => (
          <li key={c.id} data-conference-id={c.id}>
            <span className="map-conferences__name">{c.name}</span>
            <span className="dim">
              {c.rosterKnown ? t('map.mcu.participants', { count: c.participants.filter((p) => p.state === 'connected').length }) : t('map.mcu.rosterUnknown')}
            </span>
          </li>
        ))}
      </ul>
    </aside>
  );
}

/**
 * The details drawer beside the map: the selected site's place in the tree and status in words,
 * then for each endpoint its controls and every live metric with unit and age (the same
 * EndpointDetails as the site list), then the site's recent events.
 */
export function MapDrawer() {
  const { t } = useTranslation();
  const mcuOpen = useMapStore((s) => s.mcuOpen);
  const selectedSiteId = useUiStore((s) => s.selectedSiteId);
  const site = useNetworkStore((s) => (selectedSiteId ? s.index?.sitesById.get(selectedSiteId) : undefined));
  const districtName = useNetworkStore((s) => (site?.district && site.district !== site.id ? (s.index?.sitesById.get(site.district)?.name ?? site.district) : null));
  const parentName = useNetworkStore((s) => (site?.parent ? (s.index?.sitesById.get(site.parent)?.name ?? site.parent) : null));
  const timezone = useNetworkStore((s) => s.network?.timezone ?? 'Asia/Ho_Chi_Minh');
  const kind = useStatusStore((s) => (site ? worstKind(site.endpoints.map((e) => statusKind(s.statuses.get(e.id)))) : 'unknown'));

  if (mcuOpen) return <McuPanel />;
  if (!site) return null;
  return (
    <aside className="details netmap__drawer" aria-label={t('map.drawer.label')} data-testid="map-drawer" data-selected-site-id={site.id}>
      <div className="details__head">
        <h2 className="details__title">{site.name}</h2>
        <CloseButton />
      </div>
      <p className="map-drawer__status" data-kind={kind}>
        <StatusGlyph kind={kind} label={t(`status.${kind}`)} size={14} />
        <span>{t(`status.${kind}`)}</span>
      </p>
      <dl className="kv">
        <dt>{t('details.tier')}</dt>
        <dd>{t(`tier.${site.tier}`, { defaultValue: site.tier })}</dd>
        <dt>{t('details.district')}</dt>
        <dd>{districtName ?? t('value.none')}</dd>
        <dt>{t('map.drawer.parent')}</dt>
        <dd>{parentName ?? t('map.mcu.name')}</dd>
        <dt>{t('details.id')}</dt>
        <dd className="mono">{site.id}</dd>
      </dl>
      {site.endpoints.length === 0 && <p className="faint">{t('details.noEndpoints')}</p>}
      {site.endpoints.map((e) => (
        <div key={e.id} className="map-drawer__endpoint">
          <EndpointControls endpoint={e} siteName={site.name} />
          <EndpointDetails endpoint={e} timezone={timezone} />
        </div>
      ))}
      <button type="button" className="map-drawer__history" onClick={() => useUiStore.getState().setView('health')} data-testid="map-drawer-history">
        {t('health.fromMap')}
      </button>
      <SiteEvents site={site} timezone={timezone} />
    </aside>
  );
}
