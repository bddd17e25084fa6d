import { useTranslation } from 'react-i18next';
import { apiErrorText } from '../../i18n/error-words.js';
import type { AuditEntry } from '../../../shared/audit.js';
import { formatDateTime } from '../../i18n/format.js';
import { useAuditStore } from '../../stores/audit-store.js';
import { SeverityGlyph } from '../../theme/severity-glyph.js';
import { StatusGlyph } from '../../theme/status-glyph.js';
import { actionText, resultText, roleText, targetText } from '../audit/audit-words.js';

/** The audit log (who, what, target, result, time in the inventory's zone), newest first; asked again after each action. */
export function AuditPanel({ timezone }: { readonly timezone: string }) {
  const { t } = useTranslation();
  const entries = useAuditStore((s) => s.entries);
  const error = useAuditStore((s) => s.error);
  const fetchedAt = useAuditStore((s) => s.fetchedAt);
  const row = (e: AuditEntry) => (
    <tr key={e.id} data-audit-id={e.id} data-action={e.action} data-target={e.target} data-result={e.result} data-testid="audit-entry">
      <td className="audit__time num">{formatDateTime(e.at, timezone) ?? e.at}</td>
      <td className="audit__who">
        {e.user}
        <span className="faint">{` · ${roleText(e.role, t)}`}</span>
      </td>
      <td className="audit__what">{actionText(e, t)}</td>
      <td className="audit__target">{targetText(e, t)}</td>
      <td className="audit__result" data-result={e.result}>
        {e.result === 'ok' ? <StatusGlyph kind="up" label={t('audit.result.ok')} /> : <SeverityGlyph severity="critical" label={t('audit.result.failedPlain')} />}
        <span>{resultText(e, t)}</span>
      </td>
    </tr>
  );
  return (
    <section className="audit" aria-labelledby="audit-title" data-testid="audit-panel">
      <header className="audit__head">
        <h3 className="details__section" id="audit-title">
          {t('session.audit.title')}
        </h3>
        {error && <span className="ctl-error">{t('session.audit.loadFailed', { message: apiErrorText(error, t) })}</span>}
        <button type="button" className="btn btn--quiet" data-testid="audit-refresh" onClick={() => useAuditStore.getState().refresh()}>
          {t('session.audit.refresh')}
        </button>
      </header>
      {entries.length === 0 ? (
        <p className="panel-note faint">{fetchedAt === null ? t('session.audit.loading') : t('session.audit.none')}</p>
      ) : (
        <div className="audit__scroll">
          <table className="audit__table">
            <thead>
              <tr>
                <th scope="col">{t('session.audit.col.time')}</th>
                <th scope="col">{t('session.audit.col.who')}</th>
                <th scope="col">{t('session.audit.col.what')}</th>
                <th scope="col">{t('session.audit.col.target')}</th>
                <th scope="col">{t('session.audit.col.result')}</th>
              </tr>
            </thead>
            <tbody>{entries.map(row)}</tbody>
          </table>
        </div>
      )}
    </section>
  );
}
