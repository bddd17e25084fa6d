import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Conference } from '../../../shared/conference.js';
import type { NetworkView } from '../../../shared/inventory.js';
import { busySites, startWarnings, type StartWarning } from '../../../shared/schedule/conference-link.js';
import type { Meeting } from '../../../shared/schedule/meeting.js';
import { formatAge } from '../../i18n/format.js';
import { useClockStore } from '../../stores/clock-store.js';
import { useConferenceStore } from '../../stores/conference-store.js';
import { ConfirmDialog } from '../shell/confirm-dialog.js';
import type { StartRun } from '../../stores/schedule-store.js';
import { StatusGlyph } from '../../theme/status-glyph.js';
import { ArmedAction } from './armed-action.js';
import { siteNameOf, siteOfTarget } from './schedule-words.js';
import { todayIn } from './timeline-model.js';
import { displayDay } from './violation-text.js';

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

const NO_CONFERENCES: readonly Conference[] = [];

/** Why starting deserves a second thought: not today, sites in another conference (by the MCU's rosters). */
function useStartWarnings(meeting: Meeting, occurrenceDate: string, participants: readonly string[], network: NetworkView | null, run: StartRun | undefined): StartWarning[] {
  const timeZone = network?.timezone ?? 'Asia/Ho_Chi_Minh';
  const today = useClockStore((s) => todayIn(s.now, timeZone));
  const conferences = useConferenceStore((s) => s.view?.conferences ?? NO_CONFERENCES);
  const siteOfEndpoint = useMemo(() => {
    const m = new Map<string, string>();
    for (const site of network?.sites ?? []) for (const e of site.endpoints) m.set(e.id, site.id);
    return (id: string) => m.get(id) ?? null;
  }, [network]);
  return useMemo(
    () => startWarnings(occurrenceDate, today, busySites(participants, conferences, siteOfEndpoint, run?.conferenceId ?? null)),
    // The meeting's id: a new meeting selected is a new question.
    [meeting.id, occurrenceDate, today, participants, conferences, siteOfEndpoint, run?.conferenceId],
  );
}

/** A warning in words, naming the day or the sites and where they are. */
function WarningText({ warning, network }: { readonly warning: StartWarning; readonly network: NetworkView | null }) {
  const { t } = useTranslation();
  if (warning.kind === 'not-today') {
    return <>{t(warning.date < warning.today ? 'schedule.start.warn.past' : 'schedule.start.warn.future', { date: displayDay(warning.date), today: displayDay(warning.today) })}</>;
  }
  const shown = warning.sites.slice(0, 6).map((b) => t('schedule.start.warn.busySite', { site: siteNameOf(network, b.siteId) ?? b.siteId, conference: b.conferenceName }));
  const more = warning.sites.length - shown.length;
  return <>{t('schedule.start.warn.busy', { count: warning.sites.length, sites: shown.join('; ') + (more > 0 ? `; ${t('schedule.start.warn.more', { count: more })}` : '') })}</>;
}

export interface StartPanelProps {
  readonly meeting: Meeting;
  /** The occurrence's local date (YYYY-MM-DD): starting one that is not today warns first. */
  readonly occurrenceDate: string;
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
 * failed. A start that deserves a second thought (not today's occurrence, sites busy in another
 * conference) says why beside the button and asks in a dialog instead of arming.
 */
export function StartPanel({ meeting, occurrenceDate, participants, network, run, blocked, onStart }: StartPanelProps) {
  const { t } = useTranslation();
  const warnings = useStartWarnings(meeting, occurrenceDate, participants, network, run);
  const [asking, setAsking] = useState(false);
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
      {(startable || !run) && warnings.length > 0 && (
        <ul className="start-warnings" data-testid="start-warnings">
          {warnings.map((w) => (
            <li key={w.kind} data-kind={w.kind}>
              <StatusGlyph kind="degraded" label={t('schedule.start.warn.label')} size={10} /> <WarningText warning={w} network={network} />
            </li>
          ))}
        </ul>
      )}
      {startable || !run ? (
        warnings.length > 0 ? (
          <button
            type="button"
            className="button"
            data-testid="start-button"
            data-warned="true"
            disabled={!startable || blocked !== null || busy}
            title={!startable ? t('schedule.start.notStartable', { status: t(`schedule.status.${meeting.status}`) }) : (blocked ?? undefined)}
            onClick={() => setAsking(true)}
          >
            {t('schedule.start.buttonAsk', { count: participants.length })}
          </button>
        ) : (
          <ArmedAction
            testId="start-button"
            label={t('schedule.start.button', { count: participants.length })}
            confirm={t('schedule.start.confirm', { title: meeting.title, count: participants.length })}
            disabled={!startable || blocked !== null || busy}
            reason={!startable ? t('schedule.start.notStartable', { status: t(`schedule.status.${meeting.status}`) }) : blocked}
            onFire={() => onStart()}
          />
        )
      ) : null}
      {asking && startable && blocked === null && !busy && warnings.length > 0 && (
        <ConfirmDialog
          testId="start-dialog"
          question={t('schedule.start.confirm', { title: meeting.title, count: participants.length })}
          confirmLabel={t('schedule.start.confirmButton', { title: meeting.title })}
          cancelLabel={t('schedule.start.keep')}
          onConfirm={() => onStart()}
          onClose={() => setAsking(false)}
        >
          <ul className="confirm-dialog__list">
            {warnings.map((w) => (
              <li key={w.kind} data-kind={w.kind}>
                <WarningText warning={w} network={network} />
              </li>
            ))}
          </ul>
        </ConfirmDialog>
      )}
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
