import { isActive, isAnnunciable, newAlarm, observe, tick, type Alarm, type OutOfService } from './alarm-machine.js';
import type { AlarmRule, ConditionSample } from './alarm-rules.js';
import { inForce, type Maintenance } from './maintenance-window.js';

/**
 * Every alarm the console knows, by id, and one evaluation step over it: new readings, the
 * passing of time, maintenance, and suppression by design. Pure: the engine keeps the book and
 * stores what changed; tests replay timelines through it.
 */
export type AlarmBook = ReadonlyMap<string, Alarm>;

/** The site tree as alarms need it: a site's ancestors, nearest first (not the site itself). */
export type AncestorsOf = (siteId: string) => readonly string[];

export type { Maintenance } from './maintenance-window.js';

export interface EvaluationContext {
  readonly rules: readonly AlarmRule[];
  readonly ancestorsOf: AncestorsOf;
  readonly maintenance: readonly Maintenance[];
  readonly now: number;
}

export interface Evaluation {
  readonly book: AlarmBook;
  /** Alarms whose record changed in this step (to store and to push). */
  readonly changed: readonly Alarm[];
  /** Alarms that became active and are to be told to the operator (before flood summarising). */
  readonly annunciate: readonly Alarm[];
  /** Alarms that became active: every one counts for the KPIs, annunciated or not. */
  readonly activated: readonly Alarm[];
}

/** The rule kinds whose active alarm on a site explains the alarms of every site below it. */
const PARENT_KINDS = new Set(['endpoint_down']);
/** The rule kinds that say a codec cannot be reached: they explain its other alarms. */
const REACHABILITY_KINDS = new Set(['endpoint_down', 'endpoint_unreachable']);

/**
 * One step: each sample observed (a subject seen for the first time gets its alarm record only
 * when its condition holds), every other alarm ticked, then maintenance and suppression applied.
 */
export function evaluate(book: AlarmBook, samples: readonly ConditionSample[], ctx: EvaluationContext): Evaluation {
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
  const annunciate: Alarm[] = [];
  const activated: Alarm[] = [];
  for (const [id, alarm] of next) {
    const before = book.get(id);
    if (before === alarm) continue;
    changed.push(alarm);
    const becameActive = isActive(alarm) && (!before || !isActive(before) || before.activeSince !== alarm.activeSince);
    if (becameActive) {
      activated.push(alarm);
      if (isAnnunciable(alarm)) annunciate.push(alarm);
    }
  }
  return { book: next, changed, annunciate, activated };
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

/** How long after a codec's outage its traps (coldStart on the way back) are still explained by it. */
export const TRAP_AFTERMATH_MS = 5 * 60_000;

/**
 * Suppression by design: an alarm on a site below one whose parent-kind alarm holds (active, or
 * its condition already true within the on-delay) is suppressed by it; so is a trap, a stale value
 * or a not-ready site of a codec whose own reachability alarm holds. A trap is also explained by an
 * outage that ended within the last 5 minutes (the coldStart of a codec coming back). An alarm
 * stays suppressed for the rest of that activation, so a district that recovers does not let its
 * communes' alarms, still clearing, annunciate one by one; and since it was never annunciated, it
 * does not latch as returned-unacknowledged either.
 */
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
