import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../../shared/audit.js';
import type { SiteView } from '../../../shared/inventory.js';
import { formatDateTime } from '../../i18n/format.js';
import { useAuditStore } from '../../stores/audit-store.js';
import { useConferenceStore } from '../../stores/conference-store.js';
import { useNetworkStore } from '../../stores/network-store.js';
import { SeverityGlyph } from '../../theme/severity-glyph.js';
import { StatusGlyph } from '../../theme/status-glyph.js';
import { actionWord, auditDetail } from './action-words.js';
import { endpointSites } from './session-model.js';

const NO_SITES: ReadonlyMap<string, SiteView> = new Map();

/** An audit target in words: a conference by name, a site or endpoint by its site's name, else as written (a URI). */
function useTargetName(): (target: string) => string {
  const sitesById = useNetworkStore((s) => s.index?.sitesById ?? NO_SITES);
  const network = useNetworkStore((s) => s.network);
  const conferences = useConferenceStore((s) => s.view?.conferences);
  const byEndpoint = useMemo(() => endpointSites(network), [network]);
  return (target) => {
    if (target.startsWith('conference:')) {
      const id = target.slice('conference:'.length);
      return conferences?.find((c) => c.id === id)?.name ?? id;
    }
    return sitesById.get(target)?.name ?? byEndpoint.get(target)?.name ?? target;
  };
}

/** The audit log (who, what, target, result, time in the inventory's zone), newest first; asked again after each action. */
export function AuditPanel({ timezone }: { readonly timezone: string }) {
  const { t } = useTranslation();
  const entries = useAuditStore((s) => s.entries);
  const error = useAuditStore((s) => s.error);
  const fetchedAt = useAuditStore((s) => s.fetchedAt);
  const name = useTargetName();
  const row = (e: AuditEntry) => {
    const detail = auditDetail(e, t);
    return (
      <tr key={e.id} data-audit-id={e.id} data-action={e.action} data-target={e.target} data-result={e.result} data-testid="audit-entry" title={e.params}>
        <td className="audit__time num">{formatDateTime(e.at, timezone) ?? e.at}</td>
        <td className="audit__who">
          {e.user}
          <span className="faint">{` · ${t(`user.role.${e.role}`, { defaultValue: e.role })}`}</span>
        </td>
        <td className="audit__what">
          {actionWord(e.action, t)}
          {detail && <span className="faint">{` · ${detail}`}</span>}
        </td>
        <td className="audit__target" title={e.target}>
          {name(e.target)}
        </td>
        <td className="audit__result" data-result={e.result}>
          {e.result === 'ok' ? <StatusGlyph kind="up" label={t('session.result.ok')} /> : <SeverityGlyph severity="critical" label={t('session.result.failed')} />}
          <span>{e.result === 'ok' ? t('session.result.ok') : t('session.audit.failed', { message: e.error ?? '' })}</span>
        </td>
      </tr>
    );
  };
  return (
    <section className="audit" aria-labelledby="audit-title" data-testid="audit-panel">
      <header className="audit__head">
        <h3 className="details__section" id="audit-title">
          {t('session.audit.title')}
        </h3>
        {error && <span className="ctl-error">{t('session.audit.loadFailed', { message: error })}</span>}
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
