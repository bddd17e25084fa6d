import { useTranslation } from 'react-i18next';
import { useNetworkStore } from '../../stores/network-store.js';
import { useUiStore } from '../../stores/ui-store.js';
import { SiteEvents } from '../events/site-events.js';
import { EndpointDetails } from './endpoint-details.js';

/** The right-hand panel: the selected site, its place in the tree, each endpoint in full, its recent events. */
export function SiteDetails() {
  const { t } = useTranslation();
  const selectedSiteId = useUiStore((s) => s.selectedSiteId);
  const selected = useNetworkStore((s) => (selectedSiteId ? s.index?.sitesById.get(selectedSiteId) : undefined));
  const districtName = useNetworkStore((s) => (selected?.district ? (s.index?.sitesById.get(selected.district)?.name ?? selected.district) : null));
  const timezone = useNetworkStore((s) => s.network?.timezone ?? 'Asia/Ho_Chi_Minh');

  if (!selected) {
    return (
      <aside className="details" aria-label={t('details.label')} data-testid="site-details">
        <p className="details__empty">{t('details.empty')}</p>
      </aside>
    );
  }

  return (
    <aside className="details" aria-label={t('details.label')} data-testid="site-details" data-selected-site-id={selected.id}>
      <div className="details__head">
        <h2 className="details__title">{selected.name}</h2>
        <button type="button" className="details__close" onClick={() => useUiStore.getState().select(null)} aria-label={t('details.close')} title={t('details.close')}>
          ×
        </button>
      </div>
      <dl className="kv">
        <dt>{t('details.tier')}</dt>
        <dd>{t(`tier.${selected.tier}`, { defaultValue: selected.tier })}</dd>
        <dt>{t('details.district')}</dt>
        <dd>{districtName ?? t('value.none')}</dd>
        <dt>{t('details.id')}</dt>
        <dd className="mono">{selected.id}</dd>
      </dl>
      <h3 className="details__section">{t('details.endpoints')}</h3>
      {selected.endpoints.length === 0 && <p className="faint">{t('details.noEndpoints')}</p>}
      {selected.endpoints.map((e) => (
        <EndpointDetails key={e.id} endpoint={e} timezone={timezone} />
      ))}
      <SiteEvents site={selected} timezone={timezone} />
    </aside>
  );
}
