import { useTranslation } from 'react-i18next';
import { useConferenceStore } from '../../stores/conference-store.js';
import { type ActionLogEntry } from '../../stores/conference-pending.js';
import { useClockStore } from '../../stores/clock-store.js';
import { SeverityGlyph } from '../../theme/severity-glyph.js';
import { StatusGlyph } from '../../theme/status-glyph.js';
import { eventTime } from '../events/event-model.js';
import { actionWord, detailText } from './action-words.js';
import { PendingGlyph } from './session-glyphs.js';

type Outcome = 'pending' | 'ok' | 'partial' | 'failed';

function outcomeOf(e: ActionLogEntry): Outcome {
  if (e.error !== null) return 'failed';
  if (e.results === null) return 'pending';
  const failed = e.results.filter((r) => !r.ok).length;
  if (failed === 0) return 'ok';
  return failed === e.results.length ? 'failed' : 'partial';
}

function OutcomeText({ entry, outcome }: { readonly entry: ActionLogEntry; readonly outcome: Outcome }) {
  const { t } = useTranslation();
  const results = entry.results ?? [];
  const failed = results.filter((r) => !r.ok);
  if (outcome === 'pending') return <>{t('session.result.pending')}</>;
  if (entry.error !== null) return <>{t('session.error.refused', { message: entry.error })}</>;
  if (outcome === 'ok') return <>{results.length > 1 ? t('session.result.okMany', { count: results.length }) : t('session.result.ok')}</>;
  const first = failed[0]?.error ?? t('session.result.failed');
  return <>{results.length > 1 ? t('session.error.partial', { failed: failed.length, total: results.length, message: first }) : t('session.error.refused', { message: first })}</>;
}

/** What the operator's own actions came to, newest first: one line per action, pending until the engine answers. */
export function ActionResults({ timezone }: { readonly timezone: string }) {
  const { t } = useTranslation();
  const log = useConferenceStore((s) => s.log);
  const now = useClockStore((s) => s.now);
  return (
    <section className="panel-section" aria-labelledby="results-title" data-testid="action-results">
      <h3 className="details__section" id="results-title">
        {t('session.result.title')}
      </h3>
      {log.length === 0 ? (
        <p className="panel-note faint">{t('session.result.none')}</p>
      ) : (
        <ol className="results" aria-live="polite">
          {log.map((e) => {
            const outcome = outcomeOf(e);
            const detail = detailText(e.detail, t);
            return (
              <li key={e.id} className="result" data-action={e.action} data-outcome={outcome} data-testid="action-result">
                <time className="result__time num" dateTime={new Date(e.at).toISOString()}>
                  {eventTime(new Date(e.at).toISOString(), now, timezone)}
                </time>
                <span className="result__glyph">
                  {outcome === 'pending' && <PendingGlyph label={t('session.result.pending')} />}
                  {outcome === 'ok' && <StatusGlyph kind="up" label={t('session.result.ok')} />}
                  {outcome === 'partial' && <SeverityGlyph severity="warning" label={t('session.error.kind.partial')} />}
                  {outcome === 'failed' && <SeverityGlyph severity="critical" label={t('session.result.failed')} />}
                </span>
                <span className="result__what">
                  <span className="result__action">{actionWord(e.action, t)}</span>
                  {` · ${e.label}`}
                  {detail && <span className="faint">{` · ${detail}`}</span>}
                </span>
                <span className="result__outcome">
                  <OutcomeText entry={e} outcome={outcome} />
                </span>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
