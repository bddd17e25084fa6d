import { useTranslation } from 'react-i18next';
import type { NetworkView } from '../../../shared/inventory.js';
import type { Meeting } from '../../../shared/schedule/meeting.js';
import { formatAge } from '../../i18n/format.js';
import { useClockStore } from '../../stores/clock-store.js';
import type { StartRun } from '../../stores/schedule-store.js';
import { StatusGlyph } from '../../theme/status-glyph.js';
import { ArmedAction } from './armed-action.js';
import { siteNameOf, siteOfTarget } from './schedule-words.js';

export interface ProgressRow {
  readonly key: string;
  /** The site (null when the target is not a known site or endpoint). */
  readonly siteId: string | null;
  readonly name: string;
  readonly state: 'pending' | 'ok' | 'failed';
  readonly error: string | null;
}

/**
 * Rows of the start progress: every result (latest per target), and the targets of the request
 * on its way that have none yet as pending ("đang gọi…"); a whole start on its way shows every
 * participant pending.
 */
export function progressRows(run: StartRun, participants: readonly string[], network: NetworkView | null): ProgressRow[] {
  const rows: ProgressRow[] = run.results.map((r) => {
    const site = siteOfTarget(network, r.target);
    const pending = run.inFlight !== null && (run.inFlight === 'all' || (site !== null && run.inFlight.includes(site.id)));
    return { key: r.target, siteId: site?.id ?? null, name: site?.name ?? r.target, state: pending ? 'pending' : r.ok ? 'ok' : 'failed', error: pending ? null : r.error };
  });
  if (run.inFlight !== null) {
    const asked = run.inFlight === 'all' ? participants : run.inFlight;
    for (const id of asked) {
      if (rows.some((r) => r.siteId === id)) continue;
      rows.push({ key: id, siteId: id, name: siteNameOf(network, id) ?? id, state: 'pending', error: null });
    }
  }
  return rows;
}

/** Site ids to retry: the failed rows that name a site. */
export function failedSiteIds(rows: readonly ProgressRow[]): string[] {
  return rows.filter((r) => r.state === 'failed' && r.siteId !== null).map((r) => r.siteId!);
}

export interface StartPanelProps {
  readonly meeting: Meeting;
  readonly participants: readonly string[];
  readonly network: NetworkView | null;
  readonly run: StartRun | undefined;
  /** Why the operator cannot start it (null: can). */
  readonly blocked: string | null;
  readonly onStart: (siteIds?: readonly string[]) => void;
}

/**
 * Start session (issue 6, item 6): one armed action dials every participant through the MCU,
 * applies the layout and mutes all but the host; then a result per site, and Retry for those that
 * failed.
 */
export function StartPanel({ meeting, participants, network, run, blocked, onStart }: StartPanelProps) {
  const { t } = useTranslation();
  const now = useClockStore((s) => s.now);
  const rows = run ? progressRows(run, participants, network) : [];
  const failed = failedSiteIds(rows);
  const ok = rows.filter((r) => r.state === 'ok').length;
  const pending = rows.filter((r) => r.state === 'pending').length;
  const startable = meeting.status === 'booked' || meeting.status === 'ready';
  const busy = run?.inFlight != null;
  return (
    <section className="start-panel" data-testid="start-panel" aria-label={t('schedule.start.title')}>
      <header className="panel-head">
        <h3>{t('schedule.start.title')}</h3>
      </header>
      {startable || !run ? (
        <ArmedAction
          testId="start-button"
          label={t('schedule.start.button', { count: participants.length })}
          confirm={t('schedule.start.confirm', { title: meeting.title, count: participants.length })}
          disabled={!startable || blocked !== null || busy}
          reason={!startable ? t('schedule.start.notStartable', { status: t(`schedule.status.${meeting.status}`) }) : blocked}
          onFire={() => onStart()}
        />
      ) : null}
      {run && (
        <div className="start-progress" data-testid="start-progress" data-busy={busy} data-ok={ok} data-failed={failed.length} data-pending={pending}>
          <p className="start-progress__summary num">
            {busy
              ? t('schedule.start.dialling', { count: pending })
              : t('schedule.start.summary', { ok, failed: rows.filter((r) => r.state === 'failed').length, age: formatAge(new Date(run.at).toISOString(), now, t) })}
          </p>
          {run.error && (
            <p className="form-error" role="alert" data-testid="start-error">
              <StatusGlyph kind="down" label={t('schedule.start.failedWord')} size={10} /> {t('schedule.start.error', { message: run.error })}
            </p>
          )}
          <ul className="start-progress__list">
            {rows.map((r) => (
              <li key={r.key} data-testid="start-row" data-site-id={r.siteId ?? ''} data-state={r.state}>
                <StatusGlyph kind={r.state === 'ok' ? 'up' : r.state === 'failed' ? 'down' : 'unknown'} label={t(`schedule.start.state.${r.state}`)} size={10} muted={r.state === 'ok'} />
                <span className="start-progress__name">{r.name}</span>
                <span className="start-progress__state">{t(`schedule.start.state.${r.state}`)}</span>
                {r.error && <span className="start-progress__error">{r.error}</span>}
              </li>
            ))}
          </ul>
          {failed.length > 0 && !busy && (
            <button type="button" className="button" data-testid="start-retry" disabled={blocked !== null} title={blocked ?? undefined} onClick={() => onStart(failed)}>
              {t('schedule.start.retry', { count: failed.length })}
            </button>
          )}
        </div>
      )}
    </section>
  );
}
