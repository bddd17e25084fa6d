import { TRAP_AFTERMATH_MS, type AlarmBook, type AncestorsOf, type Evaluation, type EvaluationContext } from '../../../shared/alarms/alarm-book.js';
import { isActive, isAnnunciable, newAlarm, observe, tick, type Alarm, type OutOfService } from '../../../shared/alarms/alarm-machine.js';
import type { AlarmRule, ConditionSample } from '../../../shared/alarms/alarm-rules.js';
import { inForce } from '../../../shared/alarms/maintenance-window.js';

// The oracle of alarm-book.property.test.ts: one evaluation step as it was first written, every
// alarm of the book visited (observe, tick, maintenance, suppression, diff) at every step, on a
// copy of the book. The engine's evaluate visits only what a step can change, in place, and must
// give the same result. Not used by
// the product: a slow, plainly correct statement of the rules to compare against.

/** The rule kinds whose active alarm on a site explains the alarms of every site below it. */
const PARENT_KINDS = new Set(['endpoint_down']);
/** The rule kinds that say a codec cannot be reached: they explain its other alarms. */
const REACHABILITY_KINDS = new Set(['endpoint_down', 'endpoint_unreachable']);

export function evaluateWholeBook(book: AlarmBook, samples: readonly ConditionSample[], ctx: EvaluationContext): Evaluation {
  const rules = new Map(ctx.rules.map((r) => [r.id, r]));
  const next = new Map(book);
  const seen = new Set<string>();
  for (const sample of samples) {
    const rule = rules.get(sample.ruleId);
    if (!rule) continue;
    const id = `${rule.id}@${sample.subject.kind}:${sample.subject.id}`;
    seen.add(id);
    const current = next.get(id) ?? (sample.active ? newAlarm(rule, sample.subject, ctx.now) : null);
    if (current) next.set(id, observe(current, sample, rule, ctx.now));
  }
  for (const [id, alarm] of next) {
    if (seen.has(id)) continue;
    const rule = rules.get(alarm.ruleId);
    // A rule that was removed: its alarms stay as they are, for the operator to acknowledge.
    if (rule) next.set(id, tick(alarm, rule, ctx.now));
  }
  applyMaintenance(next, ctx);
  applySuppression(next, rules, ctx.ancestorsOf, ctx.now);

  const changed: Alarm[] = [];
  const previous = new Map<string, Alarm>();
  const annunciate: Alarm[] = [];
  const activated: Alarm[] = [];
  for (const [id, alarm] of next) {
    const before = book.get(id);
    if (before === alarm) continue;
    changed.push(alarm);
    if (before) previous.set(id, before);
    const becameActive = isActive(alarm) && (!before || !isActive(before) || before.activeSince !== alarm.activeSince);
    if (becameActive) {
      activated.push(alarm);
      if (isAnnunciable(alarm)) annunciate.push(alarm);
    }
  }
  return { book: next, changed, previous, annunciate, activated };
}

/** The value of the first of `keys` that `map` holds (nearest ancestor first). */
function firstFound<T>(keys: readonly string[], map: ReadonlyMap<string, T>): T | undefined {
  for (const k of keys) {
    const v = map.get(k);
    if (v !== undefined) return v;
  }
  return undefined;
}

function applyMaintenance(book: Map<string, Alarm>, ctx: EvaluationContext): void {
  // Only windows in force now: a planned one is not yet, an ended one no longer.
  const bySite = new Map(ctx.maintenance.filter((m) => inForce(m, ctx.now)).map((m) => [m.siteId, m]));
  for (const [id, alarm] of book) {
    // No window in force (the usual case): only an alarm still marked out of service changes.
    if (bySite.size === 0 && alarm.outOfService === null) continue;
    const site = alarm.subject.siteId;
    const m = site === null ? undefined : (bySite.get(site) ?? firstFound(ctx.ancestorsOf(site), bySite));
    const oos: OutOfService | null = m ? { by: m.by, at: m.from, reason: m.reason, siteId: m.siteId } : null;
    if ((alarm.outOfService?.siteId ?? null) !== (oos?.siteId ?? null) || alarm.outOfService?.at !== oos?.at) book.set(id, { ...alarm, outOfService: oos });
  }
}


function applySuppression(book: Map<string, Alarm>, rules: ReadonlyMap<string, AlarmRule>, ancestorsOf: AncestorsOf, now: number): void {
  const kindOf = (a: Alarm) => rules.get(a.ruleId)?.condition.kind;
  const holds = (a: Alarm) => isActive(a) || a.condition;
  const recent = (a: Alarm) => holds(a) || (a.returnedAt !== null && now - a.returnedAt < TRAP_AFTERMATH_MS);
  // [holding now, holding or recently ended]: by site for parent kinds, by endpoint for reachability.
  const parentAt = [new Map<string, string>(), new Map<string, string>()];
  const reachabilityOf = [new Map<string, string>(), new Map<string, string>()];
  for (const alarm of book.values()) {
    const kind = kindOf(alarm);
    if (!kind || !REACHABILITY_KINDS.has(kind)) continue;
    [holds(alarm), recent(alarm)].forEach((counts, i) => {
      if (!counts) return;
      if (PARENT_KINDS.has(kind) && alarm.subject.siteId !== null && !parentAt[i]!.has(alarm.subject.siteId)) parentAt[i]!.set(alarm.subject.siteId, alarm.id);
      if (alarm.subject.kind === 'endpoint') reachabilityOf[i]!.set(alarm.subject.id, alarm.id);
    });
  }
  for (const [id, alarm] of book) {
    const live = holds(alarm);
    let by: string | null = null;
    if (live) {
      if (alarm.suppressedBy && isActive(alarm)) by = alarm.suppressedBy;
      else {
        const kind = kindOf(alarm);
        const i = kind === 'trap' ? 1 : 0;
        const site = alarm.subject.siteId;
        by = site === null ? null : (firstFound(ancestorsOf(site), parentAt[i]!) ?? null);
        // The codec's own reachability alarm says it all for its other alarms.
        if (by === null && alarm.subject.kind === 'endpoint' && kind && !REACHABILITY_KINDS.has(kind)) by = reachabilityOf[i]!.get(alarm.subject.id) ?? null;
      }
    }
    // Never annunciated, so nothing to acknowledge: a suppressed alarm that returns is not latched.
    if (!live && alarm.state === 'rtn_unack' && alarm.suppressedBy) book.set(id, { ...alarm, state: 'normal', suppressedBy: null });
    else if (by !== alarm.suppressedBy) book.set(id, { ...alarm, suppressedBy: by });
  }
}
