import en from '../../../assets/locales/reports.en.json';
import vi from '../../../assets/locales/reports.vi.json';
import type { ReportLanguage, ReportPeriod } from '../../../shared/reports/health-report-api.js';
import type { ReportSpan } from '../../../shared/reports/report-period.js';
import { formatDisplay, formatDisplayDate } from '../../../shared/schedule/zoned-time.js';
import type { HealthReport } from './health-report.js';

/**
 * The report's words and numbers in the reader's language. Words come from the `reports`
 * catalogue (assets/locales/reports.<lang>.json, `reports.health.*`), the same files the console
 * reads, with i18next's `{{name}}` placeholders. Numbers for people (the PDF) are written the
 * language's way (99,52 in Vietnamese, 99.52 in English); the CSV keeps plain numbers.
 */

export type Words = typeof vi.reports.health;

const CATALOGUES: Record<ReportLanguage, Words> = { vi: vi.reports.health, en: en.reports.health };

export function wordsFor(language: ReportLanguage): Words {
  return CATALOGUES[language];
}

/** `{{name}}` placeholders filled in; an unknown one is left as it is. */
export function fill(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (m, k: string) => (Object.hasOwn(params, k) ? String(params[k]) : m));
}

/** A plain number for a spreadsheet: rounded to `digits`, no grouping, a point for decimals; null stays empty. */
export function plain(n: number | null, digits: number): number | null {
  if (n === null || !Number.isFinite(n)) return null;
  const f = 10 ** digits;
  const r = Math.round(n * f) / f;
  return Object.is(r, -0) ? 0 : r;
}

export const toMinutes = (ms: number | null): number | null => (ms === null ? null : ms / 60_000);

/**
 * Availability is cut, never rounded up: 99.996 % reads 99.99, not 100.00 (a report that shows
 * 100 % for a network that was down is wrong, one that shows 0.01 less is not).
 */
export function floorTo(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.floor(n * f + 1e-9) / f;
}

/** The end of a left-out span as the tables write it: a time, a planned time, or still open. */
export function exclusionEnd(w: Words, f: Formatter, x: { end: number | null; endPlanned: boolean }): string {
  if (x.end === null) return w.rows.stillOpen;
  return x.endPlanned ? fill(w.rows.endPlanned, { at: f.at(x.end) }) : f.at(x.end);
}

export interface Formatter {
  /** A number with exactly `digits` decimals, grouped the language's way. */
  num(n: number, digits?: number): string;
  /** A signed change: "+0,35", "−2" (a true minus sign), "0". */
  signed(n: number, digits?: number): string;
  /** An availability figure, cut (floorTo) to two decimals; "—" for none. */
  pct(n: number | null): string;
  /** Minutes from milliseconds, one decimal; "—" for none. */
  min(ms: number | null): string;
  date(span: ReportSpan['firstDay']): string;
  /** `dd/MM/yyyy HH:mm` in the report's zone. */
  at(instant: number): string;
}

export function formatter(language: ReportLanguage, timeZone: string): Formatter {
  const cache = new Map<number, Intl.NumberFormat>();
  const nf = (digits: number) => {
    let f = cache.get(digits);
    if (!f) cache.set(digits, (f = new Intl.NumberFormat(language === 'vi' ? 'vi-VN' : 'en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits })));
    return f;
  };
  const num = (n: number, digits = 0) => nf(digits).format(Object.is(n, -0) ? 0 : n).replace('-', '−');
  return {
    num,
    signed: (n, digits = 0) => {
      const r = plain(n, digits)!;
      return r > 0 ? `+${num(r, digits)}` : r < 0 ? num(r, digits) : num(0, digits);
    },
    pct: (n) => (n === null ? '—' : num(floorTo(n, 2), 2)),
    min: (ms) => (ms === null ? '—' : num(ms / 60_000, 1)),
    date: (d) => formatDisplayDate(d),
    at: (instant) => formatDisplay(instant, timeZone),
  };
}

/** "Tuần 08/06/2026 – 14/06/2026", "Tháng 06/2026", "Ngày 10/06/2026". */
export function periodTitle(w: Words, period: ReportPeriod, span: ReportSpan): string {
  const first = formatDisplayDate(span.firstDay);
  if (period === 'day') return fill(w.period.day, { date: first });
  if (period === 'week') return fill(w.period.week, { first, last: formatDisplayDate(span.lastDay) });
  return fill(w.period.month, { month: `${String(span.firstDay.month).padStart(2, '0')}/${span.firstDay.year}` });
}

/** What the report covers, in words: the province, a district, and the caller's part when scoped. */
export function scopeTitle(w: Words, r: HealthReport): string {
  const base = r.scope.kind === 'district' ? fill(w.info.scopeDistrict, { name: r.scope.name }) : r.scopedTo ? w.info.scopedShort : w.info.scopeProvince;
  return base;
}

/** A row's name: the site's, or the words for the province level and the total. */
export function rowName(w: Words, row: { id: string | null; name: string | null }, isTotal = false): string {
  if (isTotal) return w.rows.total;
  return row.name ?? w.rows.provinceLevel;
}

/** The change of availability in points (null when either side has no figure). */
export function availabilityChange(current: number | null, previous: number | null): number | null {
  return current === null || previous === null ? null : current - previous;
}

/** The file's name: `bao-cao-duong-truyen_tuan_2026-06-08_2026-06-14_toan-tinh.pdf`. */
export function reportFilename(w: Words, r: HealthReport, ext: 'csv' | 'pdf'): string {
  const d = (x: ReportSpan['firstDay']) => `${x.year}-${String(x.month).padStart(2, '0')}-${String(x.day).padStart(2, '0')}`;
  const days = r.period === 'day' ? d(r.current.firstDay) : `${d(r.current.firstDay)}_${d(r.current.lastDay)}`;
  const where = r.scope.kind === 'district' ? r.scope.id : r.scopedTo ? w.fileScope.scoped : w.fileScope.province;
  return `${w.filename}_${w.periodWord[r.period]}_${days}_${where}.${ext}`;
}
