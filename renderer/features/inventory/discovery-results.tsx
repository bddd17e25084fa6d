import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiErrorData } from '../../../shared/api/errors.js';
import type { DiscoverySweep } from '../../../shared/discovery.js';
import { apiErrorText } from '../../i18n/error-words.js';
import { addDiscovered } from '../../stores/inventory-admin.js';
import { useNetworkStore } from '../../stores/network-store.js';

/**
 * A sweep's responders: address, sysName, sysDescr, the suggested profile, and whether the
 * inventory already has that host:port (those cannot be picked). The technician picks rows and a
 * site; adding them is named ("Thêm 3 thiết bị vào UBND xã …"), then confirmed.
 */
export function DiscoveryResults({ sweep, onAdded }: { sweep: DiscoverySweep; onAdded: () => void }) {
  const { t } = useTranslation();
  const network = useNetworkStore((s) => s.network);
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [siteId, setSiteId] = useState('');
  const [armed, setArmed] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiErrorData | null>(null);
  const [added, setAdded] = useState<{ count: number; site: string } | null>(null);
  const sites = useMemo(() => [...(network?.sites ?? [])].sort((a, b) => a.name.localeCompare(b.name, 'vi')), [network]);
  const siteName = sites.find((s) => s.id === siteId)?.name ?? siteId;
  const picked = sweep.responders.filter((r) => chosen.has(r.address) && !r.inInventory).map((r) => r.address);

  const toggle = (address: string) => {
    setArmed(false);
    setChosen((prev) => {
      const next = new Set(prev);
      if (next.has(address)) next.delete(address);
      else next.add(address);
      return next;
    });
  };
  const add = async () => {
    setBusy(true);
    const r = await addDiscovered(sweep.sweepId, siteId, picked);
    setBusy(false);
    setArmed(false);
    setError(r.ok ? null : r.error);
    if (!r.ok) return;
    setAdded({ count: picked.length, site: siteName });
    setChosen(new Set());
    onAdded();
  };

  if (sweep.responders.length === 0) {
    return sweep.state === 'running' ? null : <p className="inventory__dim">{t('discovery.none')}</p>;
  }
  return (
    <>
      <table className="inventory__table" data-testid="discovery-results">
        <thead>
          <tr>
            <th>{t('discovery.pick')}</th>
            <th>{t('discovery.address')}</th>
            <th>{t('discovery.sysName')}</th>
            <th>{t('discovery.sysDescr')}</th>
            <th>{t('discovery.profile')}</th>
            <th>{t('discovery.inInventory')}</th>
          </tr>
        </thead>
        <tbody>
          {sweep.responders.map((r) => (
            <tr key={r.address} data-testid="discovery-row" data-address={r.address}>
              <td>
                <input type="checkbox" checked={chosen.has(r.address) && !r.inInventory} disabled={r.inInventory !== null} onChange={() => toggle(r.address)} aria-label={t('discovery.pickOne', { address: r.address })} />
              </td>
              <td className="mono">{`${r.address}:${r.port}`}</td>
              <td>{r.sysName ?? '—'}</td>
              <td>{r.sysDescr ?? '—'}</td>
              <td>{r.suggestedProfile ?? t('inventory.test.noProfile')}</td>
              <td data-testid="discovery-known">{r.inInventory ? t('discovery.known', { id: r.inInventory.endpointId }) : t('discovery.new')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="inventory__row">
        <select
          value={siteId}
          onChange={(e) => {
            setSiteId(e.target.value);
            setArmed(false);
          }}
          aria-label={t('discovery.site')}
          data-testid="discovery-site"
        >
          <option value="">{t('discovery.chooseSite')}</option>
          {sites.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
        <button type="button" className="inventory__apply" data-armed={armed} disabled={busy || picked.length === 0 || siteId === ''} onClick={() => (armed ? void add() : setArmed(true))} data-testid="discovery-add">
          {armed ? t('discovery.confirmAdd', { count: picked.length, site: siteName }) : t('discovery.add', { count: picked.length })}
        </button>
        {armed && (
          <button type="button" onClick={() => setArmed(false)}>
            {t('discovery.notNow')}
          </button>
        )}
      </div>
      {error && (
        <p className="inventory__error" role="alert" data-testid="discovery-add-error">
          {apiErrorText(error, t)}
        </p>
      )}
      {added && (
        <p role="status" data-testid="discovery-added">
          {t('discovery.added', { count: added.count, site: added.site })}
        </p>
      )}
    </>
  );
}
