import type { ScopeView } from '../scope.js';
import type { AlarmJournalEntry, AlarmStreamPayload, AlarmView } from './alarm-api.js';

/**
 * Alarms as a scoped supervisor sees them: those of the scope's sites, and the engine-wide ones
 * (MCU, poller: about no site). A reference outside the scope (the parent alarm that suppresses
 * one, a maintenance set on an ancestor) is hidden, not named; flood counts only the scope's areas.
 */
function visible(siteId: string | null, view: ScopeView): boolean {
  return siteId === null || view.siteIds.has(siteId);
}

/** The alarm id's subject (`rule@endpoint:id`), to tell whether a referenced alarm is in scope. */
function alarmInScope(alarmId: string, view: ScopeView): boolean {
  const m = /@(endpoint|mcu|poller|meeting):(.*)$/.exec(alarmId);
  if (!m) return false;
  return m[1] === 'endpoint' ? view.endpointIds.has(m[2]!) : m[1] !== 'meeting';
}

export const OUT_OF_SCOPE = 'ngoai-pham-vi';

export function scopeAlarm(a: AlarmView, view: ScopeView): AlarmView | null {
  if (!visible(a.subject.siteId, view)) return null;
  if (a.subject.kind === 'endpoint' && !view.endpointIds.has(a.subject.id)) return null;
  return {
    ...a,
    suppressedBy: a.suppressedBy === null || alarmInScope(a.suppressedBy, view) ? a.suppressedBy : OUT_OF_SCOPE,
    outOfService: a.outOfService && { ...a.outOfService, siteId: view.siteIds.has(a.outOfService.siteId) ? a.outOfService.siteId : OUT_OF_SCOPE, reason: view.redact(a.outOfService.reason) },
    ack: a.ack && { ...a.ack, comment: view.redact(a.ack.comment) },
    shelved: a.shelved && { ...a.shelved, reason: view.redact(a.shelved.reason) },
  };
}

export function scopeAlarms(list: readonly AlarmView[], view: ScopeView): AlarmView[] {
  const out: AlarmView[] = [];
  for (const a of list) {
    const s = scopeAlarm(a, view);
    if (s) out.push(s);
  }
  return out;
}

/** A stream payload for the scope, or null when a change holds nothing of it. */
export function scopeAlarmPayload(p: AlarmStreamPayload, view: ScopeView): AlarmStreamPayload | null {
  const alarms = scopeAlarms(p.alarms, view);
  const byArea = Object.fromEntries(Object.entries(p.flood.byArea).filter(([area]) => view.siteIds.has(area)));
  const flood = { since: p.flood.since, byArea };
  if (p.kind === 'snapshot') return { kind: 'snapshot', alarms, flood };
  const ids = new Set(alarms.map((a) => a.id));
  if (alarms.length === 0 && p.alarms.length > 0) return null;
  return { kind: 'changed', alarms, annunciate: p.annunciate.filter((id) => ids.has(id)), flood };
}

export function scopeAlarmJournal(entries: readonly AlarmJournalEntry[], view: ScopeView): AlarmJournalEntry[] {
  return entries
    .filter((e) => visible(e.siteId, view) && (e.alarmId === null || alarmInScope(e.alarmId, view)))
    .map((e) => ({ ...e, detail: e.kind === 'flood-started' || e.kind === 'flood-ended' ? '' : view.redact(e.detail) }));
}

export function scopeMaintenance<M extends { siteId: string; reason: string }>(list: readonly M[], view: ScopeView): M[] {
  return list.filter((m) => view.siteIds.has(m.siteId)).map((m) => ({ ...m, reason: view.redact(m.reason) }));
}
