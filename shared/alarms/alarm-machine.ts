import type { AlarmPriority, AlarmRule, AlarmSubject, ConditionSample } from './alarm-rules.js';

/**
 * One alarm's life, as ISA-18.2 names its states: normal, active unacknowledged, active
 * acknowledged, and returned-to-normal unacknowledged (latched until someone acknowledges it).
 * Shelving, out of service and suppression by design are orthogonal: they hide an alarm from
 * annunciation without changing what it knows. Pure functions of (alarm, input, time in ms).
 */
export const ALARM_STATES = ['normal', 'unack', 'ack', 'rtn_unack'] as const;
export type AlarmState = (typeof ALARM_STATES)[number];

export interface Acknowledgement {
  readonly by: string;
  readonly at: number;
  readonly comment: string;
}

export interface Shelf {
  readonly by: string;
  readonly at: number;
  readonly reason: string;
  readonly until: number;
}

export interface OutOfService {
  readonly by: string;
  readonly at: number;
  readonly reason: string;
  /** The site whose subtree is in maintenance. */
  readonly siteId: string;
}

export interface Alarm {
  /** `<rule>@<subject kind>:<subject id>`: stable across restarts and inventory reloads. */
  readonly id: string;
  readonly ruleId: string;
  readonly priority: AlarmPriority;
  readonly subject: AlarmSubject;
  readonly state: AlarmState;
  /** The process condition as last read, before the delays. */
  readonly condition: boolean;
  readonly conditionSince: number;
  /** When the alarm last became active; null if it never has. */
  readonly activeSince: number | null;
  readonly returnedAt: number | null;
  readonly value: number | null;
  readonly unit: string | null;
  readonly valueAt: number | null;
  readonly ack: Acknowledgement | null;
  readonly shelved: Shelf | null;
  /** Maintenance on its site or a subtree above it: kept, never annunciated. */
  readonly outOfService: OutOfService | null;
  /** The active parent alarm that explains this one (a site behind a district that is down). */
  readonly suppressedBy: string | null;
  /** Activation times within the last chattering window, oldest first. */
  readonly activations: readonly number[];
}

/** The refusals of the operator actions, as codes the engine turns into ApiErrors. */
export type AlarmActionRefusal =
  | { readonly reason: 'nothing_to_acknowledge' }
  | { readonly reason: 'reason_required' }
  | { readonly reason: 'shelve_too_long'; readonly maxS: number }
  | { readonly reason: 'shelve_in_past' }
  | { readonly reason: 'not_shelved' };

export type ActionResult = { readonly ok: true; readonly alarm: Alarm } | { readonly ok: false; readonly refusal: AlarmActionRefusal };

/** How far back activations are kept: the chattering window (≥ 3 in 60 s). */
export const CHATTER_WINDOW_MS = 60_000;
export const CHATTER_COUNT = 3;

export function alarmId(ruleId: string, subject: AlarmSubject): string {
  return `${ruleId}@${subject.kind}:${subject.id}`;
}

/** The rule and subject an alarm id names (ids are `rule@kind:subject`), or null for one that is not. */
export function parseAlarmId(id: string): { readonly ruleId: string; readonly kind: string; readonly subjectId: string } | null {
  const m = /^([^@]+)@([a-z]+):(.+)$/.exec(id);
  return m ? { ruleId: m[1]!, kind: m[2]!, subjectId: m[3]! } : null;
}

export function isActive(alarm: Pick<Alarm, 'state'>): boolean {
  return alarm.state === 'unack' || alarm.state === 'ack';
}

/** Needs an operator: active and not acknowledged, or returned but not yet acknowledged. */
export function isUnacknowledged(alarm: Pick<Alarm, 'state'>): boolean {
  return alarm.state === 'unack' || alarm.state === 'rtn_unack';
}

export function newAlarm(rule: AlarmRule, subject: AlarmSubject, now: number): Alarm {
  return {
    id: alarmId(rule.id, subject),
    ruleId: rule.id,
    priority: rule.priority,
    subject,
    state: 'normal',
    condition: false,
    conditionSince: now,
    activeSince: null,
    returnedAt: null,
    value: null,
    unit: null,
    valueAt: null,
    ack: null,
    shelved: null,
    outOfService: null,
    suppressedBy: null,
    activations: [],
  };
}

/**
 * A new reading of the condition at `now`, then the delays applied: active once the condition has
 * held for the on-delay, returned once it has stayed clear for the off-delay. A condition that
 * flickers shorter than its delay changes nothing the operator sees.
 */
export function observe(alarm: Alarm, sample: Pick<ConditionSample, 'active' | 'value' | 'unit'>, rule: AlarmRule, now: number): Alarm {
  let next = alarm;
  if (sample.active !== alarm.condition) next = { ...next, condition: sample.active, conditionSince: now };
  if (sample.value !== undefined && sample.value !== null) next = { ...next, value: sample.value, unit: sample.unit ?? null, valueAt: now };
  return settle(next, rule, now);
}

/** The passing of time alone: delays that ran out, a shelf that expired (to the second). */
export function tick(alarm: Alarm, rule: AlarmRule, now: number): Alarm {
  const unshelved = alarm.shelved && alarm.shelved.until <= now ? { ...alarm, shelved: null } : alarm;
  return settle(unshelved, rule, now);
}

function settle(alarm: Alarm, rule: AlarmRule, now: number): Alarm {
  const held = now - alarm.conditionSince;
  if (alarm.condition && !isActive(alarm) && held >= rule.onDelayS * 1000) {
    const activations = [...alarm.activations.filter((t) => now - t < CHATTER_WINDOW_MS), now];
    // From normal, or again before anyone acknowledged its return: a new activation, unacknowledged.
    return { ...alarm, priority: rule.priority, state: 'unack', activeSince: now, returnedAt: null, ack: null, activations };
  }
  if (!alarm.condition && isActive(alarm) && held >= rule.offDelayS * 1000) {
    // An acknowledged alarm that clears is done; an unacknowledged one stays latched.
    return { ...alarm, state: alarm.state === 'ack' ? 'normal' : 'rtn_unack', returnedAt: now };
  }
  return alarm;
}

/** Acknowledge: active → acknowledged; returned-unacknowledged → normal (unlatched). */
export function acknowledge(alarm: Alarm, by: string, comment: string, now: number): ActionResult {
  if (alarm.state === 'unack') return { ok: true, alarm: { ...alarm, state: 'ack', ack: { by, at: now, comment } } };
  if (alarm.state === 'rtn_unack') return { ok: true, alarm: { ...alarm, state: 'normal', ack: { by, at: now, comment } } };
  return { ok: false, refusal: { reason: 'nothing_to_acknowledge' } };
}

/** Shelve with a reason until a time no later than `maxS` from now; it unshelves itself then. */
export function shelve(alarm: Alarm, by: string, reason: string, until: number, maxS: number, now: number): ActionResult {
  if (reason.trim() === '') return { ok: false, refusal: { reason: 'reason_required' } };
  if (until <= now) return { ok: false, refusal: { reason: 'shelve_in_past' } };
  if (until - now > maxS * 1000) return { ok: false, refusal: { reason: 'shelve_too_long', maxS } };
  return { ok: true, alarm: { ...alarm, shelved: { by, at: now, reason: reason.trim(), until } } };
}

export function unshelve(alarm: Alarm): ActionResult {
  if (!alarm.shelved) return { ok: false, refusal: { reason: 'not_shelved' } };
  return { ok: true, alarm: { ...alarm, shelved: null } };
}

/**
 * Told to the operator now: newly active and unacknowledged, and neither shelved, out of service
 * nor suppressed by design. (Flood summarising is decided on top of this, in flood.ts.)
 */
export function isAnnunciable(alarm: Alarm): boolean {
  return alarm.state === 'unack' && !alarm.shelved && !alarm.outOfService && !alarm.suppressedBy;
}

/** ≥ 3 activations within 60 s. */
export function isChattering(alarm: Alarm, now: number): boolean {
  return alarm.activations.filter((t) => now - t < CHATTER_WINDOW_MS).length >= CHATTER_COUNT;
}

/** Active for 24 hours or more: a standing alarm nobody deals with, to be reviewed. */
export const STALE_AFTER_MS = 24 * 3600_000;
export function isStaleAlarm(alarm: Alarm, now: number): boolean {
  return isActive(alarm) && alarm.activeSince !== null && now - alarm.activeSince >= STALE_AFTER_MS;
}
