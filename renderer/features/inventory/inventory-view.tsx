import './inventory.css';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiErrorData } from '../../../shared/api/errors.js';
import { INVENTORY_FORMATS, type InventoryFormat } from '../../../shared/inventory-import-api.js';
import { apiErrorText } from '../../i18n/error-words.js';
import { exportInventory } from '../../stores/inventory-admin.js';
import { useNetworkStore } from '../../stores/network-store.js';
import { base64Bytes, downloadFile } from '../schedule/download.js';
import { ConnectionTestPanel } from './connection-test-panel.js';
import { DiscoveryPanel } from './discovery-panel.js';
import { EditorPanel } from './editor/editor-panel.js';
import { ImportPanel } from './import-panel.js';
import { ReorgPanel } from './reorg-panel.js';
import { UndoPanel } from './undo-panel.js';

/**
 * The Inventory view (technicians): the network's size, export to CSV (opens in Excel with its
 * tones) or JSON, and import from either, with every problem of the file listed before anything
 * changes and the change previewed before it is applied; the network reorganised (merge, move,
 * remove a tier); the last changes can be undone.
 */
export function InventoryView() {
  const { t } = useTranslation();
  const network = useNetworkStore((s) => s.network);
  const [error, setError] = useState<ApiErrorData | null>(null);
  const [version, setVersion] = useState(0);
  const endpoints = network?.sites.reduce((n, s) => n + s.endpoints.length, 0) ?? 0;

  const save = async (format: InventoryFormat) => {
    const r = await exportInventory(format);
    if (!r.ok) return setError(r.error);
    setError(null);
    downloadFile({ filename: r.value.filename, mime: r.value.mediaType, content: base64Bytes(r.value.content) });
  };

  return (
    <section className="inventory" data-testid="inventory-view" aria-label={t('inventory.view.title')}>
      <header className="inventory__bar">
        <h2>{t('inventory.view.title')}</h2>
        {network && <span className="inventory__dim">{t('inventory.view.size', { name: network.name, sites: network.sites.length, endpoints, tiers: network.tiers.length })}</span>}
      </header>
      <section className="inventory__panel" aria-labelledby="inventory-export-title">
        <h3 id="inventory-export-title">{t('inventory.view.exportTitle')}</h3>
        <p className="inventory__dim">{t('inventory.view.exportHint')}</p>
        <div className="inventory__row">
          {INVENTORY_FORMATS.map((f) => (
            <button key={f} type="button" onClick={() => void save(f)} data-testid={`export-${f}`}>
              {t(`inventory.view.export.${f}`)}
            </button>
          ))}
        </div>
        {error && (
          <p className="inventory__error" role="alert">
            {apiErrorText(error, t)}
          </p>
        )}
      </section>
      <EditorPanel onChanged={() => setVersion((v) => v + 1)} />
      <ImportPanel onApplied={() => setVersion((v) => v + 1)} />
      <ReorgPanel onApplied={() => setVersion((v) => v + 1)} />
      <UndoPanel version={version} />
      <ConnectionTestPanel />
      <DiscoveryPanel onAdded={() => setVersion((v) => v + 1)} />
    </section>
  );
}
