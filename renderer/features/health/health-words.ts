import type { TFunction } from 'i18next';
import { formatDuration, formatNumber } from '../../i18n/format.js';

/** Availability as "99,95 %"; null → "—" (nothing measured, never a made-up 100 %). */
export const pct = (v: number | null, locale: string): string => (v === null ? '—' : `${formatNumber(v, locale, 2)} %`);

/** A p95 with its unit ("1,2 %", "38 ms"); "—" when nothing was sampled. */
export function p95Text(v: { value: number } | null, unit: '%' | 'ms', locale: string): string {
  return v === null ? '—' : `${formatNumber(v.value, locale, unit === '%' ? 2 : 0)} ${unit}`;
}

/** Minutes of outage, as "3 giờ 5 phút" style words; "0" stays plain. */
export const downText = (ms: number | null, t: TFunction): string => (ms === null ? '—' : ms === 0 ? '0' : (formatDuration(ms / 1000, t) ?? '—'));

export const PERIODS = { '1d': 1, '7d': 7, '30d': 30 } as const;
export type Period = keyof typeof PERIODS;

/** The period ending now, as ISO instants. */
export function periodRange(period: Period, now: number): { from: string; to: string } {
  return { from: new Date(now - PERIODS[period] * 86_400_000).toISOString(), to: new Date(now).toISOString() };
}

/** The days of the sparkline (at least seven), oldest first, each a [from, to) pair ending now. */
export function sparkDays(period: Period, now: number): { from: string; to: string }[] {
  const n = Math.max(7, PERIODS[period]);
  return Array.from({ length: n }, (_, i) => {
    const end = now - (n - 1 - i) * 86_400_000;
    return { from: new Date(end - 86_400_000).toISOString(), to: new Date(end).toISOString() };
  });
}
