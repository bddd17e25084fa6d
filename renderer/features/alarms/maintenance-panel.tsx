import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiErrorData } from '../../../shared/api/errors.js';
import { can } from '../../../shared/api/permissions.js';
import { parseDateTimeInput, toIsoInstant } from '../../../shared/schedule/zoned-time.js';
import { formatDateTime } from '../../i18n/format.js';
import { apiErrorText } from '../../i18n/error-words.js';
import { clearMaintenance, listMaintenance, setMaintenance } from '../../stores/alarm-store.js';
import { useConnectionStore } from '../../stores/connection-store.js';
import { useNetworkStore } from '../../stores/network-store.js';

interface Maintenance {
  readonly siteId: string;
  readonly by: string;
  readonly at: string;
  readonly reason: string;
  readonly from: string;
  readonly until: string | null;
  readonly phase: 'planned' | 'in-force';
}

/**
 * A form's local `YYYY-MM-DDTHH:mm` in the network's zone as an ISO instant; empty: not given;
 * unreadable: sent as typed, so the engine names what is wrong with it.
 */
function instantOf(text: string, timeZone: string): string | undefined {
  if (text === '') return undefined;
  const t = parseDateTimeInput(text, timeZone);
  return t.ok ? toIsoInstant(t.value) : text;
}

/**
 * Maintenance windows (their subtree's alarms out of service while in force; a future one shown as
 * planned), and for technicians: plan a window for a site from a time until a time (named, with its
 * span and how many sites below it go quiet, confirmed) or end it.
 */
export function MaintenancePanel() {
  const { t } = useTranslation();
  const identity = useConnectionStore((s) => s.identity);
  const network = useNetworkStore((s) => s.network);
  const sites = useNetworkStore((s) => s.index?.sitesById ?? null);
  const timezone = network?.timezone ?? 'Asia/Ho_Chi_Minh';
  const [list, setList] = useState<readonly Maintenance[]>([]);
  const [error, setError] = useState<ApiErrorData | null>(null);
  const [siteId, setSiteId] = useState('');
  const [reason, setReason] = useState('');
  const [from, setFrom] = useState('');
  const [until, setUntil] = useState('');
  const [armed, setArmed] = useState(false);
  const mayChange = can(identity, 'setMaintenance');

  const reload = useCallback(async () => {
    const r = await listMaintenance();
    if (r.ok) setList(r.value);
    setError(r.ok ? null : r.error);
  }, []);
  // Read again now and then: another desk may start or end a maintenance.
  useEffect(() => {
    void reload();
    const every = setInterval(() => void reload(), 15_000);
    return () => clearInterval(every);
  }, [reload]);

  const below = useMemo(() => {
    const count = new Map<string, number>();
    for (const s of network?.sites ?? []) {
      for (let p = s.parent; p !== null; p = sites?.get(p)?.parent ?? null) count.set(p, (count.get(p) ?? 0) + 1);
    }
    return count;
  }, [network, sites]);
  const choices = useMemo(() => [...(network?.sites ?? [])].sort((a, b) => a.name.localeCompare(b.name, 'vi')), [network]);
  const name = (id: string) => sites?.get(id)?.name ?? t('alarms.outOfScope');
  const span = { from: instantOf(from, timezone), until: instantOf(until, timezone) };
  const timeWords = (iso: string | undefined, none: string) => (iso === undefined ? none : (formatDateTime(iso, timezone) ?? iso));

  const start = async () => {
    const e = await setMaintenance(siteId, reason.trim(), Object.fromEntries(Object.entries(span).filter(([, v]) => v !== undefined)));
    setError(e);
    setArmed(false);
    if (e === null) {
      setSiteId('');
      setReason('');
      setFrom('');
      setUntil('');
      await reload();
    }
  };
  const end = async (id: string) => {
    const e = await clearMaintenance(id);
    setError(e);
    if (e === null) await reload();
  };

  return (
    <div className="alarms__panel" data-testid="maintenance-panel">
      {error && (
        <p className="alarms__error" role="alert">
          {apiErrorText(error, t)}
        </p>
      )}
      {mayChange && (
        <form
          className="alarms__shelve"
          onSubmit={(e) => {
            e.preventDefault();
            if (armed) void start();
            else setArmed(true);
          }}
        >
          <select value={siteId} onChange={(e) => (setSiteId(e.target.value), setArmed(false))} aria-label={t('alarms.maintenance.site')} data-testid="maintenance-site">
            <option value="">{t('alarms.maintenance.pickSite')}</option>
            {choices.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
          <input value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('alarms.maintenance.reason')} aria-label={t('alarms.maintenance.reason')} maxLength={500} data-testid="maintenance-reason" />
          <label>
            {t('alarms.maintenance.from')}{' '}
            <input type="datetime-local" value={from} onChange={(e) => (setFrom(e.target.value), setArmed(false))} title={t('alarms.maintenance.fromHint')} data-testid="maintenance-from" />
          </label>
          <label>
            {t('alarms.maintenance.until')}{' '}
            <input type="datetime-local" value={until} onChange={(e) => (setUntil(e.target.value), setArmed(false))} title={t('alarms.maintenance.untilHint')} data-testid="maintenance-until" />
          </label>
          <button type="submit" disabled={siteId === '' || reason.trim() === ''} data-armed={armed} data-testid="maintenance-start">
            {armed
              ? t('alarms.maintenance.confirm', {
                  site: name(siteId),
                  count: below.get(siteId) ?? 0,
                  from: timeWords(span.from, t('alarms.maintenance.now')),
                  until: timeWords(span.until, t('alarms.maintenance.openEnded')),
                })
              : t('alarms.maintenance.start')}
          </button>
          {armed && (
            <button type="button" onClick={() => setArmed(false)}>
              {t('alarms.cancel')}
            </button>
          )}
        </form>
      )}
      {list.length === 0 ? (
        <p className="alarms__empty" data-testid="maintenance-empty">
          {t('alarms.maintenance.none')}
        </p>
      ) : (
        <table className="alarms__table">
          <thead>
            <tr>
              <th>{t('alarms.col.site')}</th>
              <th>{t('alarms.maintenance.from')}</th>
              <th>{t('alarms.maintenance.until')}</th>
              <th>{t('alarms.maintenance.by')}</th>
              <th>{t('alarms.maintenance.reason')}</th>
              {mayChange && <th />}
            </tr>
          </thead>
          <tbody>
            {list.map((m) => (
              <tr key={m.siteId} data-testid="maintenance-row" data-site-id={m.siteId} data-phase={m.phase}>
                <td>
                  {name(m.siteId)}
                  <span className="alarms__dim"> · {t('alarms.maintenance.below', { count: below.get(m.siteId) ?? 0 })}</span>
                </td>
                <td>
                  {formatDateTime(m.from, timezone) ?? '—'}
                  {m.phase === 'planned' && <span className="alarms__planned"> · {t('alarms.maintenance.planned')}</span>}
                </td>
                <td>{m.until === null ? t('alarms.maintenance.openEnded') : (formatDateTime(m.until, timezone) ?? '—')}</td>
                <td>{m.by}</td>
                <td>{m.reason}</td>
                {mayChange && (
                  <td>
                    <button type="button" className="alarms__small" onClick={() => void end(m.siteId)} data-testid="maintenance-end">
                      {m.phase === 'planned' ? t('alarms.maintenance.callOff') : t('alarms.maintenance.end')}
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
