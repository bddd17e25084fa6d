import { errorWords } from '../../i18n/error-words.js';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Attendance } from '../../../shared/schedule/api.js';
import type { Meeting } from '../../../shared/schedule/meeting.js';
import { formatAge, formatDateTime, formatDuration, formatNumber } from '../../i18n/format.js';
import { localeOf } from '../../i18n/index.js';
import { useClockStore } from '../../stores/clock-store.js';
import type { Loaded } from '../../stores/schedule-store.js';
import { useUiStore } from '../../stores/ui-store.js';
import { StatusGlyph } from '../../theme/status-glyph.js';
import { downloadFile } from './download.js';
import { scheduleApiOf } from '../../stores/schedule-store.js';

export interface AttendanceReportProps {
  readonly meeting: Meeting;
  readonly range: string;
  readonly timeZone: string;
  readonly loaded: Loaded<Attendance> | undefined;
  readonly onRefresh: () => void;
}

/**
 * Attendance (issue 6, item 7): per site when it first joined and last left, time connected, how
 * often and how long it dropped, link quality; "Tải CSV" saves the engine's CSV, "In báo cáo"
 * prints this section alone (the print stylesheet hides the rest of the console).
 */
export function AttendanceReport({ meeting, range, timeZone, loaded, onRefresh }: AttendanceReportProps) {
  const { t } = useTranslation();
  const language = useUiStore((s) => s.language);
  const locale = localeOf(language);
  const now = useClockStore((s) => s.now);
  const [exportError, setExportError] = useState<string | null>(null);
  const data = loaded?.data ?? null;

  const downloadCsv = async (): Promise<void> => {
    setExportError(null);
    try {
      const api = scheduleApiOf();
      if (!api) throw new Error(t('schedule.offline'));
      downloadFile(await api.call('exportAttendance', { meetingId: meeting.id }));
    } catch (e) {
      setExportError(errorWords(e));
    }
  };

  const n = (v: number | null, digits: number, unit: string): string => {
    const s = formatNumber(v, locale, digits);
    return s === null ? '—' : `${s} ${unit}`;
  };
  const time = (iso: string | null): string => formatDateTime(iso, timeZone)?.slice(0, 5) ?? '—';

  return (
    <section className="attendance schedule-report" data-testid="attendance" data-print-report="true" aria-label={t('schedule.attendance.title')}>
      <header className="panel-head">
        <h3>{t('schedule.attendance.title')}</h3>
        {loaded?.fetchedAt && <span className="faint">{t('schedule.attendance.age', { age: formatAge(new Date(loaded.fetchedAt).toISOString(), now, t) })}</span>}
        <span className="panel-head__actions no-print">
          <button type="button" className="link-button" onClick={onRefresh} disabled={loaded?.loading}>
            {t('schedule.attendance.refresh')}
          </button>
          <button type="button" className="button" data-testid="attendance-csv" onClick={() => void downloadCsv()}>
            {t('schedule.attendance.csv')}
          </button>
          <button type="button" className="button" data-testid="attendance-print" onClick={() => window.print()} disabled={!data}>
            {t('schedule.attendance.print')}
          </button>
        </span>
      </header>
      <div className="print-only report-head">
        <h2>{t('schedule.attendance.reportTitle', { title: meeting.title })}</h2>
        <p>
          {range} · {meeting.hostBody} · {t('schedule.attendance.printedAt', { at: formatDateTime(new Date(now).toISOString(), timeZone) })}
        </p>
      </div>
      {exportError && <p className="form-error">{t('schedule.attendance.exportFailed', { message: exportError })}</p>}
      {loaded?.error && <p className="form-error">{t('schedule.attendance.error', { message: loaded.error })}</p>}
      {!data ? (
        <p className="faint">{loaded?.loading ? t('schedule.loading') : t('schedule.attendance.none')}</p>
      ) : (
        <table className="dense attendance__table" data-testid="attendance-table">
          <thead>
            <tr>
              <th scope="col">{t('schedule.attendance.site')}</th>
              <th scope="col">{t('schedule.attendance.joined')}</th>
              <th scope="col">{t('schedule.attendance.left')}</th>
              <th scope="col">{t('schedule.attendance.connected')}</th>
              <th scope="col">{t('schedule.attendance.drops')}</th>
              <th scope="col">{t('schedule.attendance.loss')}</th>
              <th scope="col">{t('schedule.attendance.jitter')}</th>
            </tr>
          </thead>
          <tbody>
            {data.sites.map((s) => {
              const never = s.firstJoinedAt === null;
              return (
                <tr key={s.siteId} data-testid="attendance-row" data-site-id={s.siteId} data-joined={!never} data-attention={never || s.drops > 0}>
                  <th scope="row">{s.siteName}</th>
                  <td className="num">
                    {never ? (
                      <span className="not-ready">
                        <StatusGlyph kind="down" label={t('schedule.attendance.never')} size={10} />
                        {t('schedule.attendance.never')}
                      </span>
                    ) : (
                      time(s.firstJoinedAt)
                    )}
                  </td>
                  <td className="num">{time(s.lastLeftAt)}</td>
                  <td className="num">{formatDuration(s.connectedMs / 1000, t) ?? '—'}</td>
                  <td className="num">{s.drops > 0 ? t('schedule.attendance.dropsN', { count: s.drops, duration: formatDuration(s.droppedMs / 1000, t) ?? '—' }) : '0'}</td>
                  <td className="num">{`${n(s.lossAvgPct, 1, '%')} / ${n(s.lossMaxPct, 1, '%')}`}</td>
                  <td className="num">{n(s.jitterAvgMs, 0, 'ms')}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
