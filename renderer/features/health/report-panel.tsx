import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiErrorData } from '../../../shared/api/errors.js';
import { formatLocalDate, localDateOf } from '../../../shared/schedule/zoned-time.js';
import { REPORT_FORMATS, REPORT_PERIODS, type ReportFormat, type ReportPeriod } from '../../../shared/reports/health-report-api.js';
import { apiErrorText } from '../../i18n/error-words.js';
import { getHealthReport } from '../../stores/health-api.js';
import { base64Bytes, downloadFile } from '../schedule/download.js';

/** The local day (YYYY-MM-DD) of an instant on the network's clock. */
export const localDay = (at: number, timeZone: string): string => formatLocalDate(localDateOf(at, timeZone));

/**
 * Download the link-health report the engine writes: a day, a week or a month (the one holding
 * the chosen day), for the province or the district open above, as CSV (Excel) or PDF, in the
 * desk's language.
 */
export function ReportPanel({ district, districtName, timezone, now, workingHours }: { readonly district: string | null; readonly districtName: string | null; readonly timezone: string; readonly now: number; readonly workingHours: boolean }) {
  const { t, i18n } = useTranslation();
  const [period, setPeriod] = useState<ReportPeriod>('week');
  const [day, setDay] = useState(() => localDay(now - 86_400_000, timezone));
  const [busy, setBusy] = useState<ReportFormat | null>(null);
  const [error, setError] = useState<ApiErrorData | null>(null);

  const download = async (format: ReportFormat) => {
    setBusy(format);
    const r = await getHealthReport({ period, end: day, scope: district ?? 'province', format, language: i18n.language === 'en' ? 'en' : 'vi', workingHours });
    setBusy(null);
    if (!r.ok) return setError(r.error);
    setError(null);
    downloadFile({ filename: r.value.filename, mime: r.value.mediaType, content: base64Bytes(r.value.content) });
  };

  return (
    <section className="health__report" aria-labelledby="health-report-title">
      <h3 id="health-report-title">{t('health.report.title', { scope: districtName ?? t('health.province') })}</h3>
      <select value={period} onChange={(e) => setPeriod(e.target.value as ReportPeriod)} aria-label={t('health.report.period')} data-testid="report-period">
        {REPORT_PERIODS.map((p) => (
          <option key={p} value={p}>
            {t(`health.report.periods.${p}`)}
          </option>
        ))}
      </select>
      <label>
        {t('health.report.day')} <input type="date" value={day} max={localDay(now, timezone)} onChange={(e) => setDay(e.target.value)} data-testid="report-day" />
      </label>
      {REPORT_FORMATS.map((f) => (
        <button key={f} type="button" disabled={busy !== null} onClick={() => void download(f)} data-testid={`report-${f}`}>
          {busy === f ? t('health.report.making') : t(`health.report.formats.${f}`)}
        </button>
      ))}
      {error && (
        <p className="health__error" role="alert" data-testid="report-error">
          {apiErrorText(error, t)}
        </p>
      )}
    </section>
  );
}
