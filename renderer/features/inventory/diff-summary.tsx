import { useTranslation } from 'react-i18next';
import type { InventoryDiffView } from '../../../shared/inventory-import-api.js';

type FieldChange = InventoryDiffView['network'][number];

/** What an import would change, in the desk's words: counts, then each site and codec by name. */
export function DiffSummary({ diff, siteName }: { readonly diff: InventoryDiffView; readonly siteName: (id: string | null) => string }) {
  const { t } = useTranslation();
  const change = (c: FieldChange) => (c.secret ? t('inventory.diff.secretChanged', { field: c.field }) : t('inventory.diff.fieldChanged', { field: c.field, from: c.from ?? '—', to: c.to ?? '—' }));
  const { sites, endpoints } = diff;
  if (diff.empty) return <p data-testid="import-no-change">{t('inventory.diff.none')}</p>;
  return (
    <div className="inventory__diff" data-testid="import-diff">
      <p data-testid="import-diff-counts">
        {t('inventory.diff.counts', { added: sites.added.length, changed: sites.changed.length, moved: sites.moved.length, removed: sites.removed.length })}
        {' · '}
        {t('inventory.diff.endpointCounts', { added: endpoints.added.length, changed: endpoints.changed.length, moved: endpoints.moved.length, removed: endpoints.removed.length })}
      </p>
      <ul>
        {sites.added.map((s) => (
          <li key={`a-${s.id}`} data-kind="added">
            {t('inventory.diff.siteAdded', { name: s.name, parent: siteName(s.parent) })}
          </li>
        ))}
        {sites.moved.map((m) => (
          <li key={`m-${m.ref.id}`} data-kind="moved">
            {t('inventory.diff.siteMoved', { name: m.ref.name, from: siteName(m.from), to: siteName(m.to) })}
          </li>
        ))}
        {sites.changed.map((c) => (
          <li key={`c-${c.ref.id}`} data-kind="changed">
            {c.ref.name}: {c.changes.map(change).join('; ')}
          </li>
        ))}
        {endpoints.added.map((e) => (
          <li key={`ea-${e.id}`} data-kind="added">
            {t('inventory.diff.endpointAdded', { name: e.name, site: siteName(e.site) })}
          </li>
        ))}
        {endpoints.changed.map((c) => (
          <li key={`ec-${c.ref.id}`} data-kind="changed">
            {siteName(c.ref.site)} · {c.ref.name}: {c.changes.map(change).join('; ')}
          </li>
        ))}
        {endpoints.moved.map((m) => (
          <li key={`em-${m.ref.id}`} data-kind="moved">
            {t('inventory.diff.endpointMoved', { name: m.ref.name, from: siteName(m.from), to: siteName(m.to) })}
          </li>
        ))}
        {sites.removed.map((s) => (
          <li key={`r-${s.id}`} data-kind="removed" data-attention="true">
            {t(endpoints.removed.some((e) => e.site === s.id) ? 'inventory.diff.siteRemoved' : 'inventory.diff.siteRemovedOnly', { name: s.name })}
          </li>
        ))}
        {endpoints.removed.map((e) => (
          <li key={`er-${e.id}`} data-kind="removed" data-attention="true">
            {t('inventory.diff.endpointRemoved', { name: e.name, site: siteName(e.site) })}
          </li>
        ))}
        {diff.network.map((c) => (
          <li key={`n-${c.field}`} data-kind="changed">
            {t('inventory.diff.network')}: {change(c)}
          </li>
        ))}
      </ul>
    </div>
  );
}
