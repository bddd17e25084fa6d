import { errorWords } from '../../i18n/error-words.js';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { layoutName } from '../../i18n/layout-words.js';
import { can } from '../../../shared/api/permissions.js';
import { useCan } from '../auth/use-can.js';
import type { NetworkView } from '../../../shared/inventory.js';
import type { BookingOutcome } from '../../../shared/schedule/api.js';
import { formatDisplay } from '../../../shared/schedule/zoned-time.js';
import { useConnectionStore } from '../../stores/connection-store.js';
import { scheduleApiOf, useScheduleStore } from '../../stores/schedule-store.js';
import { AttendanceReport } from './attendance-report.js';
import { participantSiteIds } from './booking-form-model.js';
import { ReadinessBoard } from './readiness-board.js';
import { CancelledGlyph, EmergencyGlyph } from './schedule-glyphs.js';
import { recurrenceText, siteNameOf, timeRange } from './schedule-words.js';
import { StartPanel } from './start-panel.js';
import type { DayItem } from './timeline-model.js';
import { ViolationList } from './violation-list.js';
import { chairLevelName, displayDay, groupText } from './violation-text.js';

export interface MeetingDetailsProps {
  readonly item: DayItem;
  readonly network: NetworkView;
  readonly onClose: () => void;
  readonly onEdit: () => void;
}

export const ATTENDANCE_REFRESH_MS = 10_000;

/** Why the operator cannot act (null: can): link lost, still identifying, or a role the contract does not let book. */
export function useControlBlock(): string | null {
  const { t } = useTranslation();
  const open = useConnectionStore((s) => s.link.phase === 'open');
  const identity = useConnectionStore((s) => s.identity);
  if (!open) return t('schedule.blocked.link');
  if (identity === null) return t('schedule.blocked.identity');
  if (!can(identity, 'bookMeeting')) return t('schedule.blocked.role');
  return null;
}

/**
 * The selected meeting, level 2 (ui.md): its facts, participants, notes, layout and recurrence;
 * edit and cancel; the readiness board; the start with its progress; attendance once it runs.
 */
export function MeetingDetails({ item, network, onClose, onEdit }: MeetingDetailsProps) {
  const { t } = useTranslation();
  const m = item.meeting;
  const tz = network.timezone;
  const readiness = useScheduleStore((s) => s.readiness.get(m.id));
  const readinessError = useScheduleStore((s) => s.readinessErrors.get(m.id) ?? null);
  const run = useScheduleStore((s) => s.starts.get(m.id));
  const mayEdit = useCan('editMeeting');
  const mayCancel = useCan('cancelMeeting');
  const mayStart = useCan('startMeeting');
  const attendance = useScheduleStore((s) => s.attendance.get(m.id));
  const blocked = useControlBlock();
  const [confirmCancel, setConfirmCancel] = useState(false);
  const participants = participantSiteIds(m.participants, network);
  const occupies = participants.includes(m.hostSiteId) ? participants : [m.hostSiteId, ...participants];
  const range = `${timeRange(item.start, item.end, tz)} ${displayDay(item.date)}`;
  const showAttendance = m.status === 'live' || m.status === 'ended' || run !== undefined;
  const active = m.status === 'booked' || m.status === 'ready' || m.status === 'live';

  useEffect(() => {
    if (active) void useScheduleStore.getState().fetchReadiness(m.id);
    setConfirmCancel(false);
  }, [m.id, active]);

  // Attendance while the meeting runs is asked again every ATTENDANCE_REFRESH_MS (joins, drops, quality).
  const starting = run?.inFlight != null;
  useEffect(() => {
    if (!showAttendance || starting) return;
    void useScheduleStore.getState().fetchAttendance(m.id);
    if (m.status !== 'live') return;
    const timer = setInterval(() => void useScheduleStore.getState().fetchAttendance(m.id), ATTENDANCE_REFRESH_MS);
    return () => clearInterval(timer);
  }, [m.id, showAttendance, m.status, starting]);

  const [showAll, setShowAll] = useState(false);
  const names = participants.map((id) => siteNameOf(network, id) ?? id);
  const shownNames = showAll ? names : names.slice(0, 12);

  return (
    <aside className="meeting-details" data-testid="meeting-details" data-meeting-id={m.id} data-status={m.status} aria-label={t('schedule.details.label')}>
      <header className="meeting-details__head">
        <div>
          <h2 className="meeting-details__title">
            {m.emergency && (
              <span className="emergency-mark">
                <EmergencyGlyph label={t('schedule.emergency')} />
                <span>{t('schedule.emergency')}</span>
              </span>
            )}
            {m.title}
          </h2>
          <p className="meeting-details__when num">
            {range} · <span data-testid="details-status">{m.status === 'cancelled' && <CancelledGlyph label={t('schedule.status.cancelled')} size={10} />} {t(`schedule.status.${m.status}`)}</span>
          </p>
        </div>
        <button type="button" className="icon-button" onClick={onClose} title={t('schedule.details.close')} aria-label={t('schedule.details.close')} data-testid="details-close">
          ×
        </button>
      </header>

      <dl className="facts">
        <dt>{t('schedule.field.hostBody')}</dt>
        <dd>{m.hostBody}</dd>
        <dt>{t('schedule.field.hostSiteId')}</dt>
        <dd>
          {siteNameOf(network, m.hostSiteId) ?? m.hostSiteId} · {m.room}
        </dd>
        <dt>{t('schedule.field.kind')}</dt>
        <dd>{t(`schedule.kind.${m.kind}`)}</dd>
        <dt>{t('schedule.field.chairLevel')}</dt>
        <dd>{chairLevelName(m.chairLevel, t)}</dd>
        <dt>{t('schedule.field.defaultLayout')}</dt>
        <dd>{layoutName(m.defaultLayout, t)}</dd>
        {m.recurrence && (
          <>
            <dt>{t('schedule.field.recurrence')}</dt>
            <dd>{recurrenceText(m.recurrence, t)}</dd>
          </>
        )}
        {m.emergency && (
          <>
            <dt>{t('schedule.field.emergencyReason')}</dt>
            <dd>{m.emergencyReason}</dd>
          </>
        )}
        <dt>{t('schedule.details.bookedAt')}</dt>
        <dd className="num">{formatDisplay(Date.parse(m.bookedAt), tz)}</dd>
        {m.notes && (
          <>
            <dt>{t('schedule.field.notes')}</dt>
            <dd className="meeting-details__notes">{m.notes}</dd>
          </>
        )}
        <dt>{t('schedule.field.participants')}</dt>
        <dd data-testid="details-participants" data-count={occupies.length}>
          <span className="num">{t('schedule.sites', { count: occupies.length })}</span>
          {m.participants.groups.length > 0 && <span className="dim"> · {m.participants.groups.map((g) => groupText(g, { t, siteName: (id) => siteNameOf(network, id) })).join('; ')}</span>}
          <span className="participant-names">
            {shownNames.join(', ')}
            {names.length > shownNames.length && (
              <>
                {' '}
                <button type="button" className="link-button" onClick={() => setShowAll(true)}>
                  {t('schedule.details.more', { count: names.length - shownNames.length })}
                </button>
              </>
            )}
          </span>
        </dd>
      </dl>

      {active && (mayEdit || mayCancel) && (
        <div className="meeting-details__actions">
          {mayEdit && (
            <button type="button" className="button" data-testid="edit-meeting" onClick={onEdit} disabled={blocked !== null} title={blocked ?? undefined}>
              {t('schedule.details.edit')}
            </button>
          )}
          {mayCancel && m.status !== 'live' && (
            <button type="button" className="button" data-testid="cancel-meeting" onClick={() => setConfirmCancel(true)} disabled={blocked !== null} title={blocked ?? undefined}>
              {t('schedule.details.cancel')}
            </button>
          )}
        </div>
      )}
      {confirmCancel && <CancelConfirm meetingId={m.id} version={m.version} title={m.title} range={range} count={occupies.length} onDone={() => setConfirmCancel(false)} />}

      {active && <ReadinessBoard readiness={readiness} network={network} error={readinessError} onRecheck={() => void useScheduleStore.getState().fetchReadiness(m.id)} />}
      {mayStart && m.status !== 'cancelled' && m.status !== 'ended' && (
        <StartPanel meeting={m} occurrenceDate={item.date} participants={occupies} network={network} run={run} blocked={blocked} onStart={(ids) => void useScheduleStore.getState().start(m.id, ids)} />
      )}
      {showAttendance && <AttendanceReport meeting={m} range={range} timeZone={tz} loaded={attendance} onRefresh={() => void useScheduleStore.getState().fetchAttendance(m.id)} />}
    </aside>
  );
}

/** "Huỷ cuộc họp 'X' 08:00–10:00 23/11/2026 với 14 điểm cầu?" with an optional reason, then a confirmation. */
function CancelConfirm({ meetingId, version, title, range, count, onDone }: { readonly meetingId: string; readonly version: number; readonly title: string; readonly range: string; readonly count: number; readonly onDone: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<BookingOutcome | null>(null);
  const [error, setError] = useState<string | null>(null);

  const submit = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      const api = scheduleApiOf();
      if (!api) throw new Error(t('schedule.offline'));
      const r = await api.call('cancelMeeting', reason.trim() ? { id: meetingId, version, reason: reason.trim() } : { id: meetingId, version });
      setOutcome(r);
      if (r.ok) {
        useScheduleStore.getState().noteBooked(r);
        onDone();
      }
    } catch (e) {
      setError(errorWords(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="cancel-confirm" role="alertdialog" aria-label={t('schedule.cancel.title')} data-testid="cancel-confirm">
      <p>{t('schedule.cancel.question', { title, range, count })}</p>
      <label className="field">
        <span>{t('schedule.cancel.reason')}</span>
        <input type="text" value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} data-testid="cancel-reason" />
      </label>
      {error && <p className="form-error" role="alert">{error}</p>}
      {outcome && !outcome.ok && <ViolationList outcome={outcome} heading={t('schedule.cancel.refused')} />}
      <div className="row-buttons">
        <button type="button" className="button button--danger" data-testid="cancel-confirm-button" onClick={() => void submit()} disabled={busy}>
          {t('schedule.cancel.confirm')}
        </button>
        <button type="button" className="button" onClick={onDone}>
          {t('schedule.cancel.keep')}
        </button>
      </div>
    </div>
  );
}
