import { useTranslation } from 'react-i18next';
import { useNetworkStore } from '../../stores/network-store.js';
import { useStatusStore } from '../../stores/status-store.js';
import { StatusGlyph } from '../../theme/status-glyph.js';
import { statusKind, worstKind } from '../../theme/status-kind.js';
import { pickNode } from './map-canvas.js';
import { filterActive, STATUS_FILTERS, type StatusFilter } from './map-filter.js';
import { layoutFor } from './map-layout.js';
import { SEARCH_INPUT_ID, useMapStore } from './map-store.js';

/** Select a found site and bring it into view, close enough to read its name. */
export function chooseResult(id: string): void {
  pickNode(id);
  useMapStore.getState().requestFocus(id, true);
  // Back to the map (the result list closes with the focus; the arrow keys go on from here).
  document.querySelector<HTMLElement>('.netmap__canvas')?.focus();
}

function ResultRow({ id, first }: { readonly id: string; readonly first: boolean }) {
  const { t } = useTranslation();
  const site = useNetworkStore((s) => s.index?.sitesById.get(id));
  const district = useNetworkStore((s) => (site?.district && site.district !== site.id ? s.index?.sitesById.get(site.district)?.name : undefined));
  const kind = useStatusStore((s) => (site ? worstKind(site.endpoints.map((e) => statusKind(s.statuses.get(e.id)))) : 'unknown'));
  if (!site) return null;
  return (
    <li>
      <button type="button" className="map-find__result" data-site-id={id} data-first={first} onClick={() => chooseResult(id)}>
        <StatusGlyph kind={kind} label={t(`status.${kind}`)} />
        <span className="map-find__result-name">{site.name}</span>
        <span className="map-find__result-where">
          {t(`tier.${site.tier}`, { defaultValue: site.tier })}
          {district ? ` · ${district}` : ''}
        </span>
      </button>
    </li>
  );
}

/** Find: a name (diacritics folded), a status, a tier, a district, only problems; `/` to start, Escape to clear. */
export function MapFind() {
  const { t } = useTranslation();
  const filter = useMapStore((s) => s.filter);
  const results = useMapStore((s) => s.results);
  const network = useNetworkStore((s) => s.network);
  const store = useMapStore.getState();
  const districts = network ? layoutFor(network).districts : [];
  const tiers = network?.tiers ?? [];
  const active = filterActive(filter);
  const shown = results.ids.slice(0, 8);
  return (
    <div className="map-find" role="search" aria-label={t('map.find.label')}>
      <div className="filter map-find__box">
        <label htmlFor={SEARCH_INPUT_ID} className="visually-hidden">
          {t('map.find.label')}
        </label>
        <input
          id={SEARCH_INPUT_ID}
          className="filter__input"
          type="search"
          autoComplete="off"
          spellCheck={false}
          placeholder={t('map.find.placeholder')}
          value={filter.query}
          onChange={(e) => store.setQuery(e.target.value)}
          data-testid="map-search"
        />
      </div>
      <label className="map-find__field">
        <span className="visually-hidden">{t('map.find.status')}</span>
        <select value={filter.status} onChange={(e) => store.setStatus(e.target.value as StatusFilter)} data-testid="map-filter-status" title={t('map.find.status')}>
          {STATUS_FILTERS.map((s) => (
            <option key={s} value={s}>
              {s === 'all' ? t('map.find.anyStatus') : t(`status.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="map-find__field">
        <span className="visually-hidden">{t('map.find.tier')}</span>
        <select value={filter.tier ?? ''} onChange={(e) => store.setTier(e.target.value || null)} data-testid="map-filter-tier" title={t('map.find.tier')}>
          <option value="">{t('map.find.anyTier')}</option>
          {tiers.map((tier) => (
            <option key={tier} value={tier}>
              {t(`tier.${tier}`, { defaultValue: tier })}
            </option>
          ))}
        </select>
      </label>
      {districts.length > 0 && (
        <label className="map-find__field">
          <span className="visually-hidden">{t('map.find.district')}</span>
          <select value={filter.district ?? ''} onChange={(e) => store.setDistrict(e.target.value || null)} data-testid="map-filter-district" title={t('map.find.district')}>
            <option value="">{t('map.find.anyDistrict')}</option>
            {districts.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <label className="map-find__check">
        <input type="checkbox" checked={filter.onlyProblems} onChange={(e) => store.setOnlyProblems(e.target.checked)} data-testid="map-filter-problems" />
        <span>{t('map.find.onlyProblems')}</span>
      </label>
      {active && (
        <span className="map-find__count" data-testid="map-find-count" role="status">
          {t('map.find.matches', { count: results.total })}
        </span>
      )}
      {active && (
        <button type="button" className="map-find__clear" onClick={() => store.clearFilter()} title={t('map.find.clear')} aria-label={t('map.find.clear')}>
          ×
        </button>
      )}
      {filter.query.trim() !== '' && (
        <ul className="map-find__results" data-testid="map-results" aria-label={t('map.find.results')}>
          {shown.length === 0 && <li className="map-find__none">{t('map.find.none')}</li>}
          {shown.map((id, i) => (
            <ResultRow key={id} id={id} first={i === 0} />
          ))}
          {results.total > shown.length && <li className="map-find__more">{t('map.find.more', { count: results.total - shown.length })}</li>}
        </ul>
      )}
    </div>
  );
}
