import type { AlarmView } from './alarm-api.js';
import type { AlarmState } from './alarm-machine.js';
import { ALARM_PRIORITIES, type AlarmPriority } from './alarm-rules.js';

/**
 * What the alarm banner and the alarm list show, derived in one place: per priority, the alarms
 * that need someone (active or latched, not acknowledged) and those active in all; the list in
 * its order (priority, unacknowledged first, newest first), hidden ones only on request.
 */
export type BannerCounts = Record<AlarmPriority, { readonly unacknowledged: number; readonly active: number }>;

/** Shown in the list and counted: not suppressed by design, shelved or out of service. */
export function isShown(a: AlarmView): boolean {
  return !a.suppressedBy && !a.shelved && !a.outOfService;
}

export function bannerCounts(alarms: Iterable<AlarmView>): BannerCounts {
  const counts = Object.fromEntries(ALARM_PRIORITIES.map((p) => [p, { unacknowledged: 0, active: 0 }])) as Record<AlarmPriority, { unacknowledged: number; active: number }>;
  for (const a of alarms) {
    if (!isShown(a)) continue;
    if (a.state === 'unack' || a.state === 'rtn_unack') counts[a.priority].unacknowledged++;
    if (a.state === 'unack' || a.state === 'ack') counts[a.priority].active++;
  }
  return counts;
}

const RANK: Record<AlarmPriority, number> = { critical: 0, high: 1, medium: 2, low: 3 };

export const ALARM_SORTS = ['priority', 'time', 'site'] as const;
export type AlarmSort = (typeof ALARM_SORTS)[number];

/** What the operator narrowed the list to; empty lists mean "all". */
export interface AlarmFilter {
  readonly showHidden: boolean;
  readonly priorities?: readonly AlarmPriority[];
  readonly states?: readonly AlarmState[];
  /** Only alarms of this site or below it (a district), told by `inArea`. */
  readonly areaId?: string | null;
  readonly sort?: AlarmSort;
}

export interface AlarmListContext {
  /** Is the site (null: network-wide alarms) this area or below it? */
  readonly inArea?: (siteId: string | null, areaId: string) => boolean;
  /** The site's name, for sorting by site (network-wide alarms first). */
  readonly siteName?: (siteId: string | null) => string;
}

/**
 * The list in its order. By priority (the default): most urgent first, unacknowledged before
 * acknowledged, newest first. By time: newest first. By site: by name in Vietnamese order, then
 * by priority. Hidden ones (suppressed, shelved, out of service) only on request.
 */
export function alarmList(alarms: Iterable<AlarmView>, filter: boolean | AlarmFilter, context: AlarmListContext = {}): AlarmView[] {
  const f: AlarmFilter = typeof filter === 'boolean' ? { showHidden: filter } : filter;
  const since = (a: AlarmView) => Date.parse(a.activeSince ?? a.returnedAt ?? '') || 0;
  const needs = (a: AlarmView) => (a.state === 'unack' || a.state === 'rtn_unack' ? 0 : 1);
  const byPriority = (a: AlarmView, b: AlarmView) => RANK[a.priority] - RANK[b.priority] || needs(a) - needs(b) || since(b) - since(a) || a.id.localeCompare(b.id);
  const name = context.siteName ?? ((id: string | null) => id ?? '');
  const collator = new Intl.Collator('vi');
  const order =
    f.sort === 'time'
      ? (a: AlarmView, b: AlarmView) => since(b) - since(a) || byPriority(a, b)
      : f.sort === 'site'
        ? (a: AlarmView, b: AlarmView) => Number(a.subject.siteId !== null) - Number(b.subject.siteId !== null) || collator.compare(name(a.subject.siteId), name(b.subject.siteId)) || byPriority(a, b)
        : byPriority;
  const area = f.areaId ?? null;
  return [...alarms]
    .filter(
      (a) =>
        a.state !== 'normal' &&
        (f.showHidden || isShown(a)) &&
        (!f.priorities?.length || f.priorities.includes(a.priority)) &&
        (!f.states?.length || f.states.includes(a.state)) &&
        (area === null || (context.inArea ? context.inArea(a.subject.siteId, area) : a.subject.siteId === area)),
    )
    .sort(order);
}
