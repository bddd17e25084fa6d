import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiErrorData } from '../../../shared/api/errors.js';
import { MAX_SWEEP_RATE, type DiscoverySweep } from '../../../shared/discovery.js';
import type { SnmpSettings } from '../../../shared/inventory.js';
import { apiErrorText } from '../../i18n/error-words.js';
import { cancelDiscovery, getDiscovery, startDiscovery } from '../../stores/inventory-admin.js';
import { DiscoveryResults } from './discovery-results.js';

type Version = '1' | '2c' | '3';
const AUTH = ['sha', 'sha256', 'sha512', 'md5'] as const;
const PRIV = ['aes', 'aes256b', 'aes256r', 'des'] as const;
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
  const [version, setVersion] = useState<Version>('2c');
  const [community, setCommunity] = useState('');
  const [user, setUser] = useState('');
  const [authProtocol, setAuthProtocol] = useState<(typeof AUTH)[number]>('sha');
  const [authKey, setAuthKey] = useState('');
  const [privProtocol, setPrivProtocol] = useState<(typeof PRIV)[number]>('aes');
  const [privKey, setPrivKey] = useState('');
  const [sweep, setSweep] = useState<DiscoverySweep | null>(null);
  const [error, setError] = useState<ApiErrorData | null>(null);
  const [busy, setBusy] = useState(false);
  const running = sweep?.state === 'running';
  // A community (v1/v2c) or a user (v3): without one, the engine could only refuse the input.
  const credentialsGiven = version === '3' ? user.trim() !== '' : community !== '';

  const snmp = (): SnmpSettings =>
    version === '3'
      ? { version, user, level: privKey ? 'authPriv' : authKey ? 'authNoPriv' : 'noAuthNoPriv', ...(authKey ? { authProtocol, authKey } : {}), ...(privKey ? { privProtocol, privKey } : {}) }
      : { version, community };

  const start = async () => {
    setBusy(true);
    const r = await startDiscovery({ cidr: cidr.trim(), port: Number(port), ratePerS: Number(rate), snmp: snmp() });
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
        <select value={version} onChange={(e) => setVersion(e.target.value as Version)} aria-label={t('inventory.test.version')} data-testid="discovery-version">
          <option value="1">{t('inventory.test.v1')}</option>
          <option value="2c">{t('inventory.test.v2c')}</option>
          <option value="3">{t('inventory.test.v3')}</option>
        </select>
        {version === '3' ? (
          <>
            <input value={user} onChange={(e) => setUser(e.target.value)} placeholder={t('inventory.test.user')} aria-label={t('inventory.test.user')} data-testid="discovery-user" />
            <select value={authProtocol} onChange={(e) => setAuthProtocol(e.target.value as (typeof AUTH)[number])} aria-label={t('inventory.test.authProtocol')}>
              {AUTH.map((a) => (
                <option key={a}>{a}</option>
              ))}
            </select>
            <input type="password" value={authKey} onChange={(e) => setAuthKey(e.target.value)} placeholder={t('inventory.test.authKey')} aria-label={t('inventory.test.authKey')} autoComplete="off" />
            <select value={privProtocol} onChange={(e) => setPrivProtocol(e.target.value as (typeof PRIV)[number])} aria-label={t('inventory.test.privProtocol')}>
              {PRIV.map((p) => (
                <option key={p}>{p}</option>
              ))}
            </select>
            <input type="password" value={privKey} onChange={(e) => setPrivKey(e.target.value)} placeholder={t('inventory.test.privKey')} aria-label={t('inventory.test.privKey')} autoComplete="off" />
          </>
        ) : (
          <input type="password" value={community} onChange={(e) => setCommunity(e.target.value)} placeholder={t('inventory.test.community')} aria-label={t('inventory.test.community')} autoComplete="off" data-testid="discovery-community" />
        )}
        <button type="submit" disabled={busy || running || cidr.trim() === '' || !credentialsGiven} data-testid="discovery-start">
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
