import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiErrorData } from '../../../../shared/api/errors.js';
import type { ConnectionTestInput, ConnectionTestResult } from '../../../../shared/connection-test.js';
import { resolveSnmp } from '../../../../shared/inventory-edit/edit-fields.js';
import { apiErrorText } from '../../../i18n/error-words.js';
import { testConnection } from '../../../stores/inventory-admin.js';
import { endpointEdit, type EndpointDraft } from './drafts.js';

/**
 * The connection test from the codec's form, with the settings as typed (the same test as the
 * Inventory view's panel). Secrets kept from the inventory never reach the console, so the test
 * needs the SNMP settings typed in.
 */
export function EndpointTest({ draft }: { readonly draft: EndpointDraft }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ConnectionTestResult | null>(null);
  const [error, setError] = useState<ApiErrorData | null>(null);
  const edit = endpointEdit(draft, 'add');
  const ready = draft.changeSnmp && draft.host.trim() !== '' && edit.op === 'addEndpoint';
  const run = async () => {
    if (edit.op !== 'addEndpoint') return;
    const input: ConnectionTestInput = { host: edit.endpoint.host, port: edit.endpoint.port, snmp: resolveSnmp(edit.snmp, null), profile: edit.endpoint.profile };
    setBusy(true);
    setResult(null);
    const r = await testConnection(input);
    setBusy(false);
    setResult(r.ok ? r.value : null);
    setError(r.ok ? null : r.error);
  };
  return (
    <div className="inventory__row">
      <button type="button" onClick={() => void run()} disabled={!ready || busy} data-testid="endpoint-test">
        {busy ? t('inventory.test.running') : t('inventory.test.run')}
      </button>
      {!draft.changeSnmp && <span className="inventory__dim">{t('inventoryEdit.endpoint.testNeedsSnmp')}</span>}
      {result?.ok && <span data-testid="endpoint-test-ok">{`✓ ${t('inventory.test.ok', { rtt: result.rttMs ?? '—' })}`}</span>}
      {result?.failure && (
        <span className="inventory__error" role="alert" data-testid="endpoint-test-failure">
          {`✗ ${t(`inventoryTest.${result.failure.code}`, { ...result.failure.params, defaultValue: t('inventoryTest.internal', { message: result.failure.code }) })}`}
        </span>
      )}
      {error && (
        <span className="inventory__error" role="alert">
          {apiErrorText(error, t)}
        </span>
      )}
    </div>
  );
}
