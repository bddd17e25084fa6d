import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiErrorData } from '../../../shared/api/errors.js';
import type { ConnectionTestInput, ConnectionTestResult } from '../../../shared/connection-test.js';
import { formatDuration } from '../../i18n/format.js';
import { apiErrorText } from '../../i18n/error-words.js';
import { testConnection } from '../../stores/inventory-admin.js';
import { SnmpCredentialFields, useSnmpCredentials } from './snmp-credentials.js';


/**
 * Try a codec's SNMP settings before they go into the inventory: the engine asks for sysDescr,
 * sysObjectID and sysUpTime and says exactly what went wrong (no answer, wrong user or key, …),
 * or what answered and which device profile fits it.
 */
export function ConnectionTestPanel() {
  const { t } = useTranslation();
  const [host, setHost] = useState('');
  const [port, setPort] = useState('161');
  const credentials = useSnmpCredentials();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ConnectionTestResult | null>(null);
  const [error, setError] = useState<ApiErrorData | null>(null);

  const input = (): ConnectionTestInput => {
    return { host: host.trim(), port: Number(port), snmp: credentials.settings() };
  };
  const run = async () => {
    setBusy(true);
    setResult(null);
    const r = await testConnection(input());
    setBusy(false);
    if (r.ok) setResult(r.value);
    setError(r.ok ? null : r.error);
  };

  return (
    <section className="inventory__panel" aria-labelledby="inventory-test-title">
      <h3 id="inventory-test-title">{t('inventory.test.title')}</h3>
      <p className="inventory__dim">{t('inventory.test.hint')}</p>
      <form
        className="inventory__row"
        onSubmit={(e) => {
          e.preventDefault();
          void run();
        }}
      >
        <input value={host} onChange={(e) => setHost(e.target.value)} placeholder={t('inventory.test.host')} aria-label={t('inventory.test.host')} data-testid="test-host" required />
        <input value={port} onChange={(e) => setPort(e.target.value)} inputMode="numeric" size={6} aria-label={t('inventory.test.port')} data-testid="test-port" />
        <SnmpCredentialFields credentials={credentials} prefix="test" />
        <button type="submit" disabled={busy || host.trim() === ''} data-testid="test-run">
          {busy ? t('inventory.test.running') : t('inventory.test.run')}
        </button>
      </form>
      {error && (
        <p className="inventory__error" role="alert" data-testid="test-error">
          {apiErrorText(error, t)}
        </p>
      )}
      {result && (
        <div data-testid="test-result" data-ok={result.ok}>
          {result.failure && (
            <p className="inventory__error" role="alert">
              {t(`inventoryTest.${result.failure.code}`, { ...result.failure.params, defaultValue: t('inventoryTest.internal', { message: result.failure.code }) })}
            </p>
          )}
          {result.ok && <p>{t('inventory.test.ok', { rtt: result.rttMs ?? '—' })}</p>}
          {(result.sysDescr !== null || result.sysObjectID !== null) && (
            <dl className="kv">
              <dt>{t('inventory.test.sysDescr')}</dt>
              <dd>{result.sysDescr ?? '—'}</dd>
              <dt>{t('inventory.test.sysObjectID')}</dt>
              <dd className="mono">{result.sysObjectID ?? '—'}</dd>
              <dt>{t('inventory.test.uptime')}</dt>
              <dd>{formatDuration(result.uptimeS, t) ?? '—'}</dd>
              <dt>{t('inventory.test.profile')}</dt>
              <dd data-testid="test-profile">{result.suggestedProfile ?? t('inventory.test.noProfile')}</dd>
            </dl>
          )}
        </div>
      )}
    </section>
  );
}
