import { z } from 'zod';
import type { EndpointStatus } from '../status.js';

/**
 * Alarm rules as data (ISA-18.2: every alarm has a priority, and an on-delay and an off-delay so
 * a condition must hold, and then stay clear, for a while before the operator is told). The
 * province tunes these numbers; the engine evaluates them, the renderer words them by `id`.
 */
export const ALARM_PRIORITIES = ['critical', 'high', 'medium', 'low'] as const;
export type AlarmPriority = (typeof ALARM_PRIORITIES)[number];

export const DEGRADED_METRICS = ['packetLossPct', 'jitterMs', 'latencyMs'] as const;
export type DegradedMetric = (typeof DEGRADED_METRICS)[number];

/** What an alarm watches. Endpoint conditions are read from the live status of each codec. */
export const AlarmConditionSchema = z.discriminatedUnion('kind', [
  /** The codec does not answer while the path to it is up. */
  z.object({ kind: z.literal('endpoint_down') }),
  /** The codec cannot be reached because a site above it is down (suppressed by design). */
  z.object({ kind: z.literal('endpoint_unreachable') }),
  z.object({ kind: z.literal('degraded'), metric: z.enum(DEGRADED_METRICS), above: z.number() }),
  /** Values older than two poll intervals. */
  z.object({ kind: z.literal('stale') }),
  z.object({ kind: z.literal('mcu_disconnected') }),
  /** Poll cycles that did not finish within the interval, in the last minute. */
  z.object({ kind: z.literal('poller_overrun') }),
  /** A booked meeting not ready this many seconds before its start. */
  z.object({ kind: z.literal('readiness'), beforeStartS: z.number().int().positive() }),
  /** A trap from a codec (by its SNMPv2 name); clears by itself after the off-delay. */
  z.object({ kind: z.literal('trap'), trap: z.enum(['linkDown', 'coldStart', 'warmStart', 'authenticationFailure']) }),
]);
export type AlarmCondition = z.infer<typeof AlarmConditionSchema>;

export const AlarmRuleSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/),
  priority: z.enum(ALARM_PRIORITIES),
  condition: AlarmConditionSchema,
  /** The condition must hold this long before the alarm is raised. */
  onDelayS: z.number().min(0).max(3600),
  /** …and stay clear this long before it returns to normal (hysteresis). */
  offDelayS: z.number().min(0).max(3600),
});
export type AlarmRule = z.infer<typeof AlarmRuleSchema>;

/** The rules the console starts with (thresholds as in monitoring.degraded). */
export const DEFAULT_ALARM_RULES: readonly AlarmRule[] = [
  // The poller already needs a timed-out poll and a failed re-probe before it says "down".
  { id: 'endpoint-down', priority: 'critical', condition: { kind: 'endpoint_down' }, onDelayS: 2, offDelayS: 10 },
  { id: 'endpoint-unreachable', priority: 'high', condition: { kind: 'endpoint_unreachable' }, onDelayS: 2, offDelayS: 10 },
  { id: 'mcu-disconnected', priority: 'critical', condition: { kind: 'mcu_disconnected' }, onDelayS: 15, offDelayS: 10 },
  { id: 'readiness-t15', priority: 'high', condition: { kind: 'readiness', beforeStartS: 900 }, onDelayS: 0, offDelayS: 900 },
  { id: 'loss-high', priority: 'medium', condition: { kind: 'degraded', metric: 'packetLossPct', above: 1 }, onDelayS: 30, offDelayS: 60 },
  { id: 'jitter-high', priority: 'low', condition: { kind: 'degraded', metric: 'jitterMs', above: 35 }, onDelayS: 30, offDelayS: 60 },
  { id: 'latency-high', priority: 'low', condition: { kind: 'degraded', metric: 'latencyMs', above: 150 }, onDelayS: 30, offDelayS: 60 },
  { id: 'stale-data', priority: 'medium', condition: { kind: 'stale' }, onDelayS: 30, offDelayS: 0 },
  { id: 'poller-overrun', priority: 'medium', condition: { kind: 'poller_overrun' }, onDelayS: 60, offDelayS: 120 },
  // A trap holds its condition for the on-delay: a codec going dark sends linkDown before its polls
  // fail, and by the end of the hold-off its down alarm (or its district's) explains the trap.
  { id: 'trap-link-down', priority: 'high', condition: { kind: 'trap', trap: 'linkDown' }, onDelayS: 20, offDelayS: 300 },
  { id: 'trap-cold-start', priority: 'low', condition: { kind: 'trap', trap: 'coldStart' }, onDelayS: 20, offDelayS: 300 },
];

/** One reading of a rule's condition for one subject. */
export interface ConditionSample {
  readonly ruleId: string;
  readonly subject: AlarmSubject;
  readonly active: boolean;
  /** The measured value behind it, with its unit (loss 4.2 %), when there is one. */
  readonly value?: number | null;
  readonly unit?: string | null;
}

/** What an alarm is about: a codec, the MCU, the poller, a meeting. `siteId` places it in the tree. */
export interface AlarmSubject {
  readonly kind: 'endpoint' | 'mcu' | 'poller' | 'meeting';
  readonly id: string;
  readonly siteId: string | null;
}

export const UNITS: Record<DegradedMetric, string> = { packetLossPct: '%', jitterMs: 'ms', latencyMs: 'ms' };

/**
 * The endpoint rules read against one codec's live status: one sample per endpoint rule, so a
 * condition that ended is seen ending. An unknown status (never polled) raises nothing.
 */
export function endpointSamples(status: EndpointStatus, rules: readonly AlarmRule[]): ConditionSample[] {
  const subject: AlarmSubject = { kind: 'endpoint', id: status.endpointId, siteId: status.siteId };
  const out: ConditionSample[] = [];
  for (const rule of rules) {
    const c = rule.condition;
    if (c.kind === 'endpoint_down') out.push({ ruleId: rule.id, subject, active: status.reachability === 'down' });
    else if (c.kind === 'endpoint_unreachable') out.push({ ruleId: rule.id, subject, active: status.reachability === 'unreachable' });
    else if (c.kind === 'stale') out.push({ ruleId: rule.id, subject, active: status.stale && status.reachability === 'up' });
    else if (c.kind === 'degraded') {
      const value = status[c.metric];
      // A codec that is not up has no link quality to judge: its reachability alarm says it all.
      out.push({ ruleId: rule.id, subject, active: status.reachability === 'up' && value !== null && value > c.above, value, unit: UNITS[c.metric] });
    }
  }
  return out;
}
