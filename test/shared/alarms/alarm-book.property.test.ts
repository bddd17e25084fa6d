import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate, type EvaluationContext, type Maintenance } from '../../../shared/alarms/alarm-book.js';
import { acknowledge, shelve, type Alarm } from '../../../shared/alarms/alarm-machine.js';
import type { AlarmRule, AlarmSubject, ConditionSample } from '../../../shared/alarms/alarm-rules.js';
import { evaluateWholeBook } from './alarm-book-reference.js';

/**
 * evaluate visits only what a step can change (sampled alarms, delays and shelves that ran out,
 * alarms out of service, suppression again only when the alarms that explain others changed) and
 * updates the book in place; the reference visits every alarm every step, on a copy. Random
 * timelines over a small province: samples of every rule kind, time jumps (none, within a delay,
 * past every delay and the 5-minute trap aftermath), maintenance windows starting and ending,
 * acknowledgements and shelves applied
 * between steps as the engine applies them (a new Map). After every step both books, and what each
 * step reports changed (with the alarm before), annunciated and activated, are the same.
 */

// p ─ d1 ─ c1, c2 ; p ─ d2 ─ c3 ; x (a site outside the tree)
const PARENT: Record<string, string> = { d1: 'p', d2: 'p', c1: 'd1', c2: 'd1', c3: 'd2' };
const SITES = ['p', 'd1', 'd2', 'c1', 'c2', 'c3', 'x'];
const ancestorsOf = (site: string): string[] => {
  const out: string[] = [];
  for (let s = PARENT[site]; s; s = PARENT[s]) out.push(s);
  return out;
};
const RULES: readonly AlarmRule[] = [
  { id: 'down', priority: 'critical', condition: { kind: 'endpoint_down' }, onDelayS: 2, offDelayS: 1 },
  { id: 'unreachable', priority: 'high', condition: { kind: 'endpoint_unreachable' }, onDelayS: 0, offDelayS: 3 },
  { id: 'loss', priority: 'medium', condition: { kind: 'degraded', metric: 'packetLossPct', above: 2 }, onDelayS: 1, offDelayS: 2 },
  { id: 'stale', priority: 'low', condition: { kind: 'stale' }, onDelayS: 0, offDelayS: 0 },
  { id: 'trap-link-down', priority: 'high', condition: { kind: 'trap', trap: 'linkDown' }, onDelayS: 2, offDelayS: 5 },
  { id: 'mcu', priority: 'critical', condition: { kind: 'mcu_disconnected' }, onDelayS: 1, offDelayS: 1 },
];
// Two codecs at d1 (both can be "down": the first in the book explains the site).
const ENDPOINTS = SITES.map((s) => ({ id: `${s}-a`, siteId: s })).concat([{ id: 'd1-b', siteId: 'd1' }]);
const T0 = Date.UTC(2026, 11, 7, 8, 0, 0);

type Action = { kind: 'ack' | 'shelve'; pick: number };
interface Step {
  readonly advanceMs: number;
  readonly samples: readonly { rule: number; subject: number; active: boolean; value: number }[];
  readonly maintenance: readonly { site: number; fromS: number; untilS: number | null }[];
  readonly actions: readonly Action[];
}

const step: fc.Arbitrary<Step> = fc.record({
  advanceMs: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 6_000 }), fc.constantFrom(1_000, 2_000, 3_000, 5_000, 301_000)),
  samples: fc.array(fc.record({ rule: fc.nat(RULES.length - 1), subject: fc.nat(ENDPOINTS.length), active: fc.boolean(), value: fc.integer({ min: 0, max: 6 }) }), { maxLength: 8 }),
  maintenance: fc.oneof(
    { arbitrary: fc.constant<Step['maintenance']>([]), weight: 4 },
    { arbitrary: fc.array(fc.record({ site: fc.nat(SITES.length - 1), fromS: fc.integer({ min: -20, max: 20 }), untilS: fc.option(fc.integer({ min: 1, max: 40 })) }), { maxLength: 2 }), weight: 1 },
  ),
  actions: fc.array(fc.record({ kind: fc.constantFrom('ack' as const, 'shelve' as const), pick: fc.nat(50) }), { maxLength: 2 }),
});

function subjectOf(rule: AlarmRule, i: number): AlarmSubject {
  if (rule.condition.kind === 'mcu_disconnected') return { kind: 'mcu', id: 'mcu', siteId: null };
  const e = ENDPOINTS[i % ENDPOINTS.length]!;
  return { kind: 'endpoint', id: e.id, siteId: e.siteId };
}

function samplesOf(s: Step): ConditionSample[] {
  return s.samples.map((x) => {
    const rule = RULES[x.rule]!;
    const degraded = rule.condition.kind === 'degraded';
    return { ruleId: rule.id, subject: subjectOf(rule, x.subject), active: degraded ? x.value > 2 : x.active, ...(degraded ? { value: x.value, unit: '%' } : {}) };
  });
}

/** An operator's acknowledgement or shelf, applied to a copy of the book as the engine applies it. */
function act(book: Map<string, Alarm>, a: Action, now: number): Map<string, Alarm> {
  const alarms = [...book.values()];
  if (alarms.length === 0) return book;
  const alarm = alarms[a.pick % alarms.length]!;
  const r = a.kind === 'ack' ? acknowledge(alarm, 'op', '', now) : shelve(alarm, 'op', 'test', now + 4_000, 3600, now);
  return r.ok ? new Map(book).set(alarm.id, r.alarm) : book;
}

const ids = (list: readonly Alarm[]) => list.map((a) => a.id);

describe('evaluate against the whole-book reference', () => {
  it('gives the same book and the same changes at every step of random timelines', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 40 }), (steps) => {
        let fast = new Map<string, Alarm>();
        let whole = new Map<string, Alarm>();
        let now = T0;
        let windows: Maintenance[] = [];
        for (const s of steps) {
          now += s.advanceMs;
          if (s.maintenance.length > 0) windows = s.maintenance.map((m) => ({ siteId: SITES[m.site]!, by: 'tech', at: now, reason: 'r', from: now + m.fromS * 1000, until: m.untilS === null ? null : now + m.untilS * 1000 }));
          const ctx: EvaluationContext = { rules: RULES, ancestorsOf, maintenance: windows, now };
          const samples = samplesOf(s);
          const a = evaluate(fast, samples, ctx);
          const b = evaluateWholeBook(whole, samples, ctx);
          expect(a.book).toBe(fast); // updated in place
          expect([...a.book.entries()]).toEqual([...b.book.entries()]);
          expect(ids(a.changed)).toEqual(ids(b.changed));
          // what each changed alarm was: the reference's book before the step (it copies)
          expect(a.changed.map((x) => a.previous.get(x.id) ?? null)).toEqual(b.changed.map((x) => whole.get(x.id) ?? null));
          expect(ids(a.annunciate)).toEqual(ids(b.annunciate));
          expect(ids(a.activated)).toEqual(ids(b.activated));
          fast = a.book;
          whole = b.book;
          for (const action of s.actions) {
            fast = act(fast, action, now);
            whole = act(whole, action, now);
          }
        }
      }),
      { numRuns: 400 },
    );
  });
});
