import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiErrorData } from '../../../shared/api/errors.js';
import { formatDateTime } from '../../i18n/format.js';
import { apiErrorText } from '../../i18n/error-words.js';
import { getUndo, undoChange } from '../../stores/inventory-admin.js';
import { useNetworkStore } from '../../stores/network-store.js';

/**
 * Undo the last applied inventory change (one step at a time, named with when and by whom, armed
 * then confirmed). `version` changes after each apply, so the offer is read again.
 */
export function UndoPanel({ version }: { readonly version: number }) {
  const { t } = useTranslation();
  const timezone = useNetworkStore((s) => s.network?.timezone ?? 'Asia/Ho_Chi_Minh');
  const [undo, setUndo] = useState<{ available: number; last: { at: string; by: string } | null } | null>(null);
  const [armed, setArmed] = useState(false);
  const [error, setError] = useState<ApiErrorData | null>(null);
  const [done, setDone] = useState<{ sites: number; endpoints: number } | null>(null);
  const read = useCallback(async () => {
    const r = await getUndo();
    if (r.ok) setUndo(r.value);
  }, []);
  useEffect(() => {
    void read();
  }, [read, version]);

  const run = async () => {
    setArmed(false);
    const r = await undoChange();
    if (r.ok) {
      setDone({ sites: r.value.sites, endpoints: r.value.endpoints });
      setError(null);
    } else setError(r.error);
    await read();
  };

  if (!undo) return null;
  const last = undo.last;
  return (
    <section className="inventory__panel" aria-labelledby="inventory-undo-title">
      <h3 id="inventory-undo-title">{t('inventory.view.undoTitle')}</h3>
      {last ? (
        <div className="inventory__row">
          <button type="button" className="inventory__apply" data-armed={armed} onClick={() => (armed ? void run() : setArmed(true))} data-testid="inventory-undo">
            {armed ? t('inventory.view.undoConfirm', { at: formatDateTime(last.at, timezone), by: last.by }) : t('inventory.view.undo', { at: formatDateTime(last.at, timezone), by: last.by })}
          </button>
          {armed && (
            <button type="button" onClick={() => setArmed(false)}>
              {t('inventory.view.cancel')}
            </button>
          )}
          <span className="inventory__dim">{t('inventory.view.undoKept', { count: undo.available })}</span>
        </div>
      ) : (
        <p className="inventory__dim" data-testid="inventory-undo-none">
          {t('inventory.view.undoNone')}
        </p>
      )}
      {done && (
        <p role="status" data-testid="inventory-undone">
          {t('inventory.view.undone', done)}
        </p>
      )}
      {error && (
        <p className="inventory__error" role="alert">
          {apiErrorText(error, t)}
        </p>
      )}
    </section>
  );
}
