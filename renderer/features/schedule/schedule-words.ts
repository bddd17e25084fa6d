import type { TFunction } from 'i18next';
import type { NetworkView } from '../../../shared/inventory.js';
import type { Readiness } from '../../../shared/schedule/api.js';
import type { Recurrence } from '../../../shared/schedule/meeting.js';
import { formatDisplayTime, parseLocalDate, weekdayOf } from '../../../shared/schedule/zoned-time.js';
import { countdownParts } from './timeline-model.js';
import { displayDay } from './violation-text.js';

/** Words and small look-ups the schedule's components share. */

export function timeRange(start: number, end: number, timeZone: string): string {
  return `${formatDisplayTime(start, timeZone)}–${formatDisplayTime(end, timeZone)}`;
}

/** "Thứ Hai, 23/11/2026". */
export function dayTitle(day: string, t: TFunction): string {
  const d = parseLocalDate(day);
  return d.ok ? t('schedule.dayTitle', { weekday: t(`schedule.weekday.${weekdayOf(d.value)}`), date: displayDay(day) }) : day;
}

/** "18 phút", "1 giờ 5 phút", "45 s". */
export function durationWords(ms: number, t: TFunction): string {
  const p = countdownParts(ms);
  if (p.unit === 's') return t('schedule.dur.s', { s: p.s });
  if (p.unit === 'm') return t('schedule.dur.m', { m: p.m });
  return p.m ? t('schedule.dur.hm', { h: p.h, m: p.m }) : t('schedule.dur.h', { h: p.h });
}

export function siteNameOf(network: NetworkView | null, id: string): string | null {
  return network?.sites.find((s) => s.id === id)?.name ?? null;
}

/** The site an action target names: a site id, or one of its endpoints. */
export function siteOfTarget(network: NetworkView | null, target: string): { readonly id: string; readonly name: string } | null {
  if (!network) return null;
  const site = network.sites.find((s) => s.id === target) ?? network.sites.find((s) => s.endpoints.some((e) => e.id === target));
  return site ? { id: site.id, name: site.name } : null;
}

/** "Hằng tuần vào T2, T5 · 6 lần" / "Mỗi 2 tuần vào T2 · đến 31/12/2026". */
export function recurrenceText(r: Recurrence | null, t: TFunction): string | null {
  if (!r) return null;
  const days = r.byWeekday.map((d) => t(`schedule.weekdayShort.${d}`)).join(', ');
  const head = r.every === 1 ? t('schedule.recurrence.weekly', { days }) : t('schedule.recurrence.everyWeeks', { n: r.every, days });
  const tail = r.until ? t('schedule.recurrence.until', { date: displayDay(r.until) }) : t('schedule.recurrence.count', { count: r.count ?? 0 });
  return `${head} · ${tail}`;
}

/** A readiness report older than this is drawn as stale. */
export const READINESS_FRESH_MS = 120_000;

export function isStale(r: Pick<Readiness, 'checkedAt'>, now: number): boolean {
  const at = Date.parse(r.checkedAt);
  return Number.isNaN(at) || now - at > READINESS_FRESH_MS;
}

/**
 * Whether a readiness report's sites that are not ready need the eye: inside the 30-minute window
 * before the start. Before it a check is information; once started, the Live view and the start's
 * results per site take over.
 */
export function isUrgentPhase(phase: Readiness['phase']): boolean {
  return phase === 'checking' || phase === 'summary';
}

export function needsAttention(r: Pick<Readiness, 'phase' | 'notReady'>): boolean {
  return r.notReady > 0 && isUrgentPhase(r.phase);
}
