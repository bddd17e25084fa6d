import { DueQueue, dueAt } from './alarm-due.js';
import { alarmId, isActive, isAnnunciable, newAlarm, observe, tick, type Alarm, type OutOfService } from './alarm-machine.js';
import type { AlarmRule, ConditionSample } from './alarm-rules.js';
import { inForce, type Maintenance } from './maintenance-window.js';

/**
 * Every alarm the console knows, by id, and one evaluation step over it: new readings, the
 * passing of time, maintenance, and suppression by design. The step updates the book it is given
 * in place (copying thousands of alarms at every step, up to 20 a second, was most of its cost)
 * and returns what changed with each alarm's version before the step; the engine keeps the book
 * and stores what changed; tests replay timelines through it. Only evaluate changes a book in
 * place: anything else (an acknowledgement, a shelf) makes a new Map, which evaluate then indexes
 * afresh.
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
  /** The book given, updated. */
  readonly book: Map<string, Alarm>;
  /** Alarms whose record changed in this step (to store and to push), in the book's order. */
  readonly changed: readonly Alarm[];
  /** Each changed alarm as it was before this step (none for an alarm this step created). */
  readonly previous: ReadonlyMap<string, Alarm>;
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
 * What evaluate keeps beside a book it updated, so the next step touches only what can change:
 * the alarms time will change (by when), the reachability alarms (the only ones that explain
 * others), those out of service, each alarm's place in the book, and who explained what at the
 * last step. Found by the book's identity; a book without one (the first step, a book the engine
 * changed itself: an acknowledgement, a shelf) gets one built in one pass.
 */
interface BookIndex {
  readonly rules: readonly AlarmRule[];
  readonly due: DueQueue;
  readonly reach: Set<string>;
  readonly outOfService: Set<string>;
  readonly position: Map<string, number>;
  holders: Holders | null;
}

const indexes = new WeakMap<AlarmBook, BookIndex>();

/** The index of `book` for these rules: the one the last step left, or a new one (another book, other rules). */
function takeIndex(book: AlarmBook, ctx: EvaluationContext, rules: ReadonlyMap<string, AlarmRule>): BookIndex {
  const kept = indexes.get(book);
  indexes.delete(book);
  if (kept && kept.rules === ctx.rules) return kept;
  const index: BookIndex = { rules: ctx.rules, due: new DueQueue(), reach: new Set(), outOfService: new Set(), position: new Map(), holders: null };
  for (const alarm of book.values()) {
    const rule = rules.get(alarm.ruleId);
    if (rule) index.due.push(alarm.id, dueAt(alarm, rule));
    if (rule && REACHABILITY_KINDS.has(rule.condition.kind)) index.reach.add(alarm.id);
    if (alarm.outOfService) index.outOfService.add(alarm.id);
    index.position.set(alarm.id, index.position.size);
  }
  return index;
}

/**
 * One step: each sample observed (a subject seen for the first time gets its alarm record only
 * when its condition holds), every other alarm ticked, then maintenance and suppression applied.
 * Only the alarms a step can change are visited: the sampled ones, those whose delay or shelf ran
 * out, those out of service; suppression is re-derived for all only when the alarms that explain
 * others changed. The result is the same as visiting every alarm (a property test holds it to that).
 * The book is updated in place.
 */
export function evaluate(book: Map<string, Alarm>, samples: readonly ConditionSample[], ctx: EvaluationContext): Evaluation {
  const rules = new Map(ctx.rules.map((r) => [r.id, r]));
  const index = takeIndex(book, ctx, rules);
  const previous = new Map<string, Alarm>();
  const touched = new Set<string>();
  const put = (alarm: Alarm, rule?: AlarmRule) => {
    if (!touched.has(alarm.id)) {
      touched.add(alarm.id);
      const before = book.get(alarm.id);
      if (before) previous.set(alarm.id, before);
    }
    book.set(alarm.id, alarm);
    if (alarm.outOfService) index.outOfService.add(alarm.id);
    else index.outOfService.delete(alarm.id);
    if (rule) index.due.push(alarm.id, dueAt(alarm, rule));
  };
  // Taken before the samples: what they queue for now is for the next step.
  const due = new Set(index.due.popDue(ctx.now));
  const seen = new Set<string>();
  for (const sample of samples) {
    const rule = rules.get(sample.ruleId);
    if (!rule) continue;
    const id = alarmId(rule.id, sample.subject);
    seen.add(id);
    let current = book.get(id);
    if (!current) {
      if (!sample.active) continue;
      current = newAlarm(rule, sample.subject, ctx.now);
      index.position.set(id, index.position.size);
      if (REACHABILITY_KINDS.has(rule.condition.kind)) index.reach.add(id);
    }
    const observed = observe(current, sample, rule, ctx.now);
    if (observed !== book.get(id)) put(observed, rule);
  }
  for (const id of due) {
    const alarm = book.get(id);
    const rule = alarm && rules.get(alarm.ruleId);
    // A rule that was removed: its alarms stay as they are, for the operator to acknowledge.
    if (!alarm || !rule) continue;
    // Observed in this step, so not ticked (as every sampled alarm): due again at the next.
    if (seen.has(id)) index.due.push(id, dueAt(alarm, rule));
    else {
      const ticked = tick(alarm, rule, ctx.now);
      if (ticked !== alarm) put(ticked, rule);
    }
  }
  applyMaintenance(book, index, put, ctx);
  applySuppression(book, index, touched, put, rules, ctx);

  const changed: Alarm[] = [];
  const annunciate: Alarm[] = [];
  const activated: Alarm[] = [];
  for (const id of [...touched].sort((a, b) => index.position.get(a)! - index.position.get(b)!)) {
    const before = previous.get(id);
    const alarm = book.get(id)!;
    if (before === alarm) continue;
    changed.push(alarm);
    const becameActive = isActive(alarm) && (!before || !isActive(before) || before.activeSince !== alarm.activeSince);
    if (becameActive) {
      activated.push(alarm);
      if (isAnnunciable(alarm)) annunciate.push(alarm);
    }
  }
  indexes.set(book, index);
  return { book, changed, previous, annunciate, activated };
}

/** The value of the first of `keys` that `map` holds (nearest ancestor first). */
function firstFound<T>(keys: readonly string[], map: ReadonlyMap<string, T>): T | undefined {
  for (const k of keys) {
    const v = map.get(k);
    if (v !== undefined) return v;
  }
  return undefined;
}

type Put = (alarm: Alarm) => void;

function applyMaintenance(book: Map<string, Alarm>, index: BookIndex, put: Put, ctx: EvaluationContext): void {
  // Only windows in force now: a planned one is not yet, an ended one no longer.
  const bySite = new Map(ctx.maintenance.filter((m) => inForce(m, ctx.now)).map((m) => [m.siteId, m]));
  // No window in force (the usual case): only an alarm still marked out of service changes.
  const ids = bySite.size === 0 ? [...index.outOfService] : [...book.keys()];
  for (const id of ids) {
    const alarm = book.get(id)!;
    const site = alarm.subject.siteId;
    const m = site === null ? undefined : (bySite.get(site) ?? firstFound(ctx.ancestorsOf(site), bySite));
    const oos: OutOfService | null = m ? { by: m.by, at: m.from, reason: m.reason, siteId: m.siteId } : null;
    if ((alarm.outOfService?.siteId ?? null) !== (oos?.siteId ?? null) || alarm.outOfService?.at !== oos?.at) put({ ...alarm, outOfService: oos });
  }
}

/** How long after a codec's outage its traps (coldStart on the way back) are still explained by it. */
export const TRAP_AFTERMATH_MS = 5 * 60_000;

/**
 * The alarms that explain others, [holding now, holding or recently ended]: the parent-kind alarm
 * of each site and the reachability alarm of each codec (the first in the book wins).
 */
interface Holders {
  readonly parentAt: readonly [Map<string, string>, Map<string, string>];
  readonly reachabilityOf: readonly [Map<string, string>, Map<string, string>];
}

function holdersOf(book: ReadonlyMap<string, Alarm>, index: BookIndex, rules: ReadonlyMap<string, AlarmRule>, now: number): Holders {
  const h: Holders = { parentAt: [new Map(), new Map()], reachabilityOf: [new Map(), new Map()] };
  for (const id of index.reach) {
    const alarm = book.get(id)!;
    const kind = rules.get(alarm.ruleId)?.condition.kind;
    if (!kind) continue;
    const holding = holds(alarm);
    const counts = [holding, holding || (alarm.returnedAt !== null && now - alarm.returnedAt < TRAP_AFTERMATH_MS)];
    for (const i of [0, 1] as const) {
      if (!counts[i]) continue;
      if (PARENT_KINDS.has(kind) && alarm.subject.siteId !== null && !h.parentAt[i].has(alarm.subject.siteId)) h.parentAt[i].set(alarm.subject.siteId, alarm.id);
      if (alarm.subject.kind === 'endpoint') h.reachabilityOf[i].set(alarm.subject.id, alarm.id);
    }
  }
  return h;
}

function sameMap(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (b.get(k) !== v) return false;
  return true;
}

function sameHolders(a: Holders, b: Holders): boolean {
  return [0, 1].every((i) => sameMap(a.parentAt[i]!, b.parentAt[i]!) && sameMap(a.reachabilityOf[i]!, b.reachabilityOf[i]!));
}

const holds = (a: Alarm) => isActive(a) || a.condition;

/**
 * Suppression by design: an alarm on a site below one whose parent-kind alarm holds (active, or
 * its condition already true within the on-delay) is suppressed by it; so is a trap, a stale value
 * or a not-ready site of a codec whose own reachability alarm holds. A trap is also explained by an
 * outage that ended within the last 5 minutes (the coldStart of a codec coming back). An alarm
 * stays suppressed for the rest of that activation, so a district that recovers does not let its
 * communes' alarms, still clearing, annunciate one by one; and since it was never annunciated, it
 * does not latch as returned-unacknowledged either. An alarm's verdict depends only on itself and
 * on the holders: while these stay the same, only the alarms changed in this step are re-read.
 */
function applySuppression(book: Map<string, Alarm>, index: BookIndex, touched: ReadonlySet<string>, put: Put, rules: ReadonlyMap<string, AlarmRule>, ctx: EvaluationContext): void {
  const holders = holdersOf(book, index, rules, ctx.now);
  const all = index.holders === null || !sameHolders(index.holders, holders);
  index.holders = holders;
  for (const id of all ? [...book.keys()] : [...touched]) {
    const alarm = book.get(id)!;
    const live = holds(alarm);
    let by: string | null = null;
    if (live) {
      if (alarm.suppressedBy && isActive(alarm)) by = alarm.suppressedBy;
      else {
        const kind = rules.get(alarm.ruleId)?.condition.kind;
        const i = kind === 'trap' ? 1 : 0;
        const site = alarm.subject.siteId;
        by = site === null ? null : (firstFound(ctx.ancestorsOf(site), holders.parentAt[i]) ?? null);
        // The codec's own reachability alarm says it all for its other alarms.
        if (by === null && alarm.subject.kind === 'endpoint' && kind && !REACHABILITY_KINDS.has(kind)) by = holders.reachabilityOf[i].get(alarm.subject.id) ?? null;
      }
    }
    // Never annunciated, so nothing to acknowledge: a suppressed alarm that returns is not latched.
    if (!live && alarm.state === 'rtn_unack' && alarm.suppressedBy) put({ ...alarm, state: 'normal', suppressedBy: null });
    else if (by !== alarm.suppressedBy) put({ ...alarm, suppressedBy: by });
  }
}
