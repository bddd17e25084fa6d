import { describe, expect, it } from 'vitest';
import { reportPeriod, type ReportPeriodRange } from '../../shared/reports/report-period.js';
import { formatLocalDate } from '../../shared/schedule/zoned-time.js';

const TZ = 'Asia/Ho_Chi_Minh';
/** 09:00 in Vietnam on a local day. */
const nineAm = (date: string) => Date.parse(`${date}T09:00:00+07:00`);
const days = (r: ReturnType<typeof reportPeriod>) => {
  if (!r.ok) throw new Error(r.message);
  const v: ReportPeriodRange = r.value;
  return {
    current: [formatLocalDate(v.current.firstDay), formatLocalDate(v.current.lastDay)],
    previous: [formatLocalDate(v.previous.firstDay), formatLocalDate(v.previous.lastDay)],
  };
};

describe('reportPeriod', () => {
  it('defaults to yesterday, the last full week (Mon–Sun) and the last full month', () => {
    const tue = nineAm('2026-06-16');
    expect(days(reportPeriod('day', undefined, tue, TZ))).toEqual({ current: ['2026-06-15', '2026-06-15'], previous: ['2026-06-14', '2026-06-14'] });
    expect(days(reportPeriod('week', undefined, tue, TZ))).toEqual({ current: ['2026-06-08', '2026-06-14'], previous: ['2026-06-01', '2026-06-07'] });
    expect(days(reportPeriod('month', undefined, tue, TZ))).toEqual({ current: ['2026-05-01', '2026-05-31'], previous: ['2026-04-01', '2026-04-30'] });
    // On a Monday the week just ended is the last full one; on the 1st, last month is.
    expect(days(reportPeriod('week', undefined, nineAm('2026-06-15'), TZ)).current).toEqual(['2026-06-08', '2026-06-14']);
    expect(days(reportPeriod('month', undefined, nineAm('2026-06-01'), TZ)).current).toEqual(['2026-05-01', '2026-05-31']);
  });

  it('takes the week or month holding `end`, across years and leap days', () => {
    const now = nineAm('2026-06-16');
    expect(days(reportPeriod('week', '2026-01-01', now, TZ))).toEqual({ current: ['2025-12-29', '2026-01-04'], previous: ['2025-12-22', '2025-12-28'] });
    expect(days(reportPeriod('month', '2024-03-10', now, TZ))).toEqual({ current: ['2024-03-01', '2024-03-31'], previous: ['2024-02-01', '2024-02-29'] });
    expect(days(reportPeriod('month', '2026-01-31', now, TZ)).previous).toEqual(['2025-12-01', '2025-12-31']);
    expect(days(reportPeriod('day', '2026-03-01', now, TZ)).previous).toEqual(['2026-02-28', '2026-02-28']);
  });

  it('measures local days in the zone: a Vietnamese day starts at 17:00 UTC the day before', () => {
    const r = reportPeriod('day', '2026-06-10', nineAm('2026-06-16'), TZ);
    expect(r.ok && [new Date(r.value.current.from).toISOString(), new Date(r.value.current.to).toISOString()]).toEqual(['2026-06-09T17:00:00.000Z', '2026-06-10T17:00:00.000Z']);
  });

  it('allows today (a period still running), refuses a later day and anything not a date', () => {
    const now = nineAm('2026-06-16');
    expect(reportPeriod('month', '2026-06-16', now, TZ).ok).toBe(true);
    expect(reportPeriod('day', '2026-06-17', now, TZ)).toMatchObject({ ok: false, reason: 'date_in_future' });
    // 06:30 on the 17th in Vietnam is 23:30 on the 16th in UTC: the 17th is today there all the same.
    expect(reportPeriod('day', '2026-06-17', Date.parse('2026-06-17T06:30:00+07:00'), TZ).ok).toBe(true);
    expect(reportPeriod('day', '2026-06-17', Date.parse('2026-06-16T23:30:00+07:00'), TZ)).toMatchObject({ ok: false, reason: 'date_in_future' });
    for (const bad of ['2026-02-30', '16/06/2026', '2026-06-16T00:00Z', '']) expect(reportPeriod('day', bad, now, TZ), bad).toMatchObject({ ok: false, reason: 'invalid_date' });
  });
});
