import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiErrorData } from '../../../shared/api/errors.js';
import { MAX_SWEEP_RATE, type DiscoverySweep } from '../../../shared/discovery.js';
import { apiErrorText } from '../../i18n/error-words.js';
import { cancelDiscovery, getDiscovery, startDiscovery } from '../../stores/inventory-admin.js';
import { DiscoveryResults } from './discovery-results.js';
import { SnmpCredentialFields, useSnmpCredentials } from './snmp-credentials.js';

/** How often the panel reads a running sweep's progress. */
export const DISCOVERY_POLL_MS = 1000;

/**
 * Find codecs on the network (issue 12 item 5): sweep a range (at most a /22) with one set of
 * SNMP settings at a bounded rate, watch its progress, cancel it, then pick responders and add
 * them to a site (named, then confirmed). The engine runs one sweep at a time.
 */
export function DiscoveryPanel({ onAdded }: { onAdded: () => void }) {
  const { t } = useTranslation();
  const [cidr, setCidr] = useState('');
  const [port, setPort] = useState('161');
  const [rate, setRate] = useState(String(MAX_SWEEP_RATE));
  const credentials = useSnmpCredentials();
  const [sweep, setSweep] = useState<DiscoverySweep | null>(null);
  const [error, setError] = useState<ApiErrorData | null>(null);
  const [busy, setBusy] = useState(false);
  const running = sweep?.state === 'running';

  const start = async () => {
    setBusy(true);
    const r = await startDiscovery({ cidr: cidr.trim(), port: Number(port), ratePerS: Number(rate), snmp: credentials.settings() });
    setBusy(false);
    setError(r.ok ? null : r.error);
    if (r.ok) setSweep(r.value);
  };
  const cancel = async () => {
    if (!sweep) return;
    const r = await cancelDiscovery(sweep.sweepId);
    setError(r.ok ? null : r.error);
    if (r.ok) setSweep(r.value);
  };
  const refresh = async (sweepId: string) => {
    const r = await getDiscovery(sweepId);
    if (r.ok) setSweep(r.value);
    else setError(r.error);
  };

  // Polling, once a second, while the sweep runs.
  const sweepId = sweep?.sweepId ?? null;
  useEffect(() => {
    if (!sweepId || !running) return;
    const timer = setInterval(() => void refresh(sweepId), DISCOVERY_POLL_MS);
    return () => clearInterval(timer);
  }, [sweepId, running]);

  return (
    <section className="inventory__panel" aria-labelledby="inventory-discovery-title" data-testid="discovery-panel">
      <h3 id="inventory-discovery-title">{t('discovery.title')}</h3>
      <p className="inventory__dim">{t('discovery.hint', { max: MAX_SWEEP_RATE })}</p>
      <form
        className="inventory__row"
        onSubmit={(e) => {
          e.preventDefault();
          void start();
        }}
      >
        <input value={cidr} onChange={(e) => setCidr(e.target.value)} placeholder={t('discovery.cidrExample')} aria-label={t('discovery.cidr')} data-testid="discovery-cidr" required />
        <label className="inventory__row">
          {t('discovery.port')}
          <input value={port} onChange={(e) => setPort(e.target.value)} inputMode="numeric" size={6} data-testid="discovery-port" />
        </label>
        <label className="inventory__row">
          {t('discovery.rate')}
          <input type="number" min={1} max={MAX_SWEEP_RATE} value={rate} onChange={(e) => setRate(e.target.value)} size={5} data-testid="discovery-rate" />
          {t('discovery.rateUnit')}
        </label>
        <SnmpCredentialFields credentials={credentials} prefix="discovery" />
        <button type="submit" disabled={busy || running || cidr.trim() === '' || !credentials.given} data-testid="discovery-start">
          {t('discovery.start')}
        </button>
        {running && (
          <button type="button" onClick={() => void cancel()} data-testid="discovery-cancel">
            {t('discovery.cancel')}
          </button>
        )}
      </form>
      {error && (
        <p className="inventory__error" role="alert" data-testid="discovery-error">
          {apiErrorText(error, t)}
        </p>
      )}
      {sweep && (
        <>
          <div className="inventory__row" data-testid="discovery-progress" data-state={sweep.state}>
            <progress value={sweep.done} max={Math.max(1, sweep.total)} aria-label={t('discovery.progressLabel')} />
            <span>{t('discovery.progress', { done: sweep.done, total: sweep.total, cidr: sweep.cidr })}</span>
            <span>{t('discovery.found', { count: sweep.responders.length })}</span>
            <span className="inventory__dim">{t('discovery.sent', { count: sweep.sent, rate: sweep.ratePerS })}</span>
            <strong>{t(`discovery.state.${sweep.state}`)}</strong>
          </div>
          <DiscoveryResults
            sweep={sweep}
            onAdded={() => {
              onAdded();
              void refresh(sweep.sweepId);
            }}
          />
        </>
      )}
    </section>
  );
}
