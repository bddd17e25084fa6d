import type { AlarmView } from './alarm-api.js';
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

export function alarmList(alarms: Iterable<AlarmView>, showHidden: boolean): AlarmView[] {
  const since = (a: AlarmView) => Date.parse(a.activeSince ?? a.returnedAt ?? '') || 0;
  const needs = (a: AlarmView) => (a.state === 'unack' || a.state === 'rtn_unack' ? 0 : 1);
  return [...alarms]
    .filter((a) => a.state !== 'normal' && (showHidden || isShown(a)))
    .sort((a, b) => RANK[a.priority] - RANK[b.priority] || needs(a) - needs(b) || since(b) - since(a) || a.id.localeCompare(b.id));
}
