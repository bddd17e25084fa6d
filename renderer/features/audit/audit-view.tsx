import './audit.css';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { apiErrorText } from '../../i18n/error-words.js';
import type { AuditEntry } from '../../../shared/audit.js';
import { formatDateTime } from '../../i18n/format.js';
import { useAuditViewStore, type AuditFilters } from '../../stores/audit-store.js';
import { useNetworkStore } from '../../stores/network-store.js';
import { SeverityGlyph } from '../../theme/severity-glyph.js';
import { StatusGlyph } from '../../theme/status-glyph.js';
import { downloadFile } from '../schedule/download.js';
import { auditCsv } from './audit-csv.js';
import { WORDED_ACTIONS, actionName, actionText, fromText, resultText, roleText, targetText } from './audit-words.js';

/** The filter form: applied on submit (Enter or the button), cleared at once. */
function AuditFilterBar({ timezone }: { readonly timezone: string }) {
  const { t } = useTranslation();
  const applied = useAuditViewStore((s) => s.filters);
  const [draft, setDraft] = useState<AuditFilters>(applied);
  const set = (patch: Partial<AuditFilters>): void => setDraft((d) => ({ ...d, ...patch }));
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    useAuditViewStore.getState().setFilters(draft, timezone);
  };
  const clear = (): void => {
    setDraft({});
    useAuditViewStore.getState().setFilters({}, timezone);
  };
  return (
    <form className="audit-view__filters" aria-label={t('audit.filter.label')} onSubmit={submit} data-testid="audit-filters">
      <label>
        <span>{t('audit.filter.user')}</span>
        <input value={draft.user ?? ''} onChange={(e) => set({ user: e.target.value })} data-testid="audit-filter-user" />
      </label>
      <label>
        <span>{t('audit.filter.action')}</span>
        <select value={draft.action ?? ''} onChange={(e) => set({ action: e.target.value || undefined })} data-testid="audit-filter-action">
          <option value="">{t('audit.filter.anyAction')}</option>
          {WORDED_ACTIONS.filter((a) => a !== 'loginFailed' && a !== 'logoutFailed').map((a) => (
            <option key={a} value={a}>
              {actionName(a, t)}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t('audit.filter.result')}</span>
        <select value={draft.result ?? ''} onChange={(e) => set({ result: (e.target.value || undefined) as AuditFilters['result'] })} data-testid="audit-filter-result">
          <option value="">{t('audit.filter.anyResult')}</option>
          <option value="ok">{t('audit.result.ok')}</option>
          <option value="failed">{t('audit.result.failedPlain')}</option>
        </select>
      </label>
      <label>
        <span>{t('audit.filter.from')}</span>
        <input type="date" value={draft.fromDay ?? ''} onChange={(e) => set({ fromDay: e.target.value || undefined })} data-testid="audit-filter-from" />
      </label>
      <label>
        <span>{t('audit.filter.to')}</span>
        <input type="date" value={draft.toDay ?? ''} onChange={(e) => set({ toDay: e.target.value || undefined })} data-testid="audit-filter-to" />
      </label>
      <label className="audit-view__grow">
        <span>{t('audit.filter.target')}</span>
        <input value={draft.target ?? ''} placeholder={t('audit.filter.targetHint')} onChange={(e) => set({ target: e.target.value })} data-testid="audit-filter-target" />
      </label>
      <button type="submit" className="button button--primary" data-testid="audit-filter-apply">
        {t('audit.filter.label')}
      </button>
      <button type="button" className="button" onClick={clear} data-testid="audit-filter-clear">
        {t('audit.filter.clear')}
      </button>
    </form>
  );
}

function AuditRow({ entry, timezone }: { readonly entry: AuditEntry; readonly timezone: string }) {
  const { t } = useTranslation();
  const ok = entry.result === 'ok';
  return (
    <tr data-testid="audit-view-entry" data-audit-id={entry.id} data-result={entry.result}>
      <td className="audit__time num">{formatDateTime(entry.at, timezone) ?? entry.at}</td>
      <td>
        {entry.user}
        <span className="faint">{` · ${roleText(entry.role, t)}`}</span>
      </td>
      <td className="faint">{fromText(entry, t)}</td>
      <td>{actionText(entry, t)}</td>
      <td className="audit__target">{targetText(entry, t)}</td>
      <td className="audit__result" data-result={entry.result}>
        {ok ? <StatusGlyph kind="up" label={t('audit.result.ok')} /> : <SeverityGlyph severity="critical" label={t('audit.result.failedPlain')} />}
        <span>{resultText(entry, t)}</span>
      </td>
    </tr>
  );
}

/**
 * The audit view (rail, technicians and supervisors): every state-changing action, newest first,
 * in the reader's words; filters by who, what, result, days and target; older pages on demand;
 * the entries shown exported as CSV for Excel.
 */
export function AuditView() {
  const { t } = useTranslation();
  const timezone = useNetworkStore((s) => s.network?.timezone ?? 'Asia/Ho_Chi_Minh');
  const entries = useAuditViewStore((s) => s.entries);
  const error = useAuditViewStore((s) => s.error);
  const fetchedAt = useAuditViewStore((s) => s.fetchedAt);
  const hasMore = useAuditViewStore((s) => s.hasMore);
  const loading = useAuditViewStore((s) => s.loading);

  useEffect(() => useAuditViewStore.getState().refresh(), []);

  const exportCsv = (): void => {
    const day = new Date().toISOString().slice(0, 10);
    downloadFile({ filename: `${t('audit.csvName')}-${day}.csv`, mime: 'text/csv;charset=utf-8', content: auditCsv(entries, t, timezone) });
  };

  return (
    <section className="audit-view" aria-labelledby="audit-view-title" data-testid="audit-view">
      <header className="audit-view__bar">
        <h2 id="audit-view-title">{t('audit.title')}</h2>
        <p className="faint audit-view__intro">{t('audit.intro')}</p>
        <button type="button" className="button" onClick={() => useAuditViewStore.getState().refresh()} data-testid="audit-view-refresh">
          {t('audit.refresh')}
        </button>
        <button type="button" className="button" onClick={exportCsv} disabled={entries.length === 0} data-testid="audit-export-csv">
          {t('audit.exportCsv')}
        </button>
      </header>
      <AuditFilterBar timezone={timezone} />
      {error && (
        <p className="form-error" role="alert">
          {t('audit.loadFailed', { message: apiErrorText(error, t) })}
        </p>
      )}
      {entries.length === 0 ? (
        <p className="panel-note faint" data-testid="audit-view-empty">
          {fetchedAt === null ? t('audit.loading') : t('audit.none')}
        </p>
      ) : (
        <div className="audit-view__scroll">
          <table className="audit__table">
            <thead>
              <tr>
                {(['time', 'who', 'from', 'what', 'target', 'result'] as const).map((c) => (
                  <th key={c} scope="col">
                    {t(`audit.col.${c}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <AuditRow key={e.id} entry={e} timezone={timezone} />
              ))}
            </tbody>
          </table>
          {hasMore ? (
            <button type="button" className="button audit-view__more" disabled={loading} onClick={() => useAuditViewStore.getState().loadMore()} data-testid="audit-more">
              {t('audit.more')}
            </button>
          ) : (
            <p className="panel-note faint">{t('audit.end')}</p>
          )}
        </div>
      )}
    </section>
  );
}
