import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DueQueue, dueAt } from '../../../shared/alarms/alarm-due.js';
import { newAlarm, type Alarm } from '../../../shared/alarms/alarm-machine.js';
import type { AlarmRule } from '../../../shared/alarms/alarm-rules.js';

const RULE: AlarmRule = { id: 'down', priority: 'critical', condition: { kind: 'endpoint_down' }, onDelayS: 2, offDelayS: 10 };
const base = newAlarm(RULE, { kind: 'endpoint', id: 'e', siteId: 's' }, 1000);
const shelf = (until: number) => ({ by: 'op', at: 0, reason: 'r', until });

describe('dueAt', () => {
  it('is when the delay or the shelf runs out, the earlier of the two; never when time changes nothing', () => {
    expect(dueAt(base, RULE)).toBe(Infinity);
    expect(dueAt({ ...base, condition: true, conditionSince: 5000 }, RULE)).toBe(7000);
    expect(dueAt({ ...base, state: 'unack', condition: false, conditionSince: 5000 }, RULE)).toBe(15000);
    expect(dueAt({ ...base, state: 'ack', condition: true }, RULE)).toBe(Infinity);
    const shelved: Alarm = { ...base, condition: true, conditionSince: 5000, shelved: shelf(6000) };
    expect(dueAt(shelved, RULE)).toBe(6000);
    expect(dueAt({ ...shelved, shelved: shelf(9000) }, RULE)).toBe(7000);
  });
});

describe('DueQueue', () => {
  it('gives back every id due by a time, earliest first, and keeps the rest', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 100 }), { maxLength: 200 }), fc.integer({ min: 0, max: 100 }), (times, now) => {
        const q = new DueQueue();
        times.forEach((t, i) => q.push(`a${i}`, t));
        q.push('never', Infinity);
        const popped = q.popDue(now);
        const expected = times.map((t, i) => [t, `a${i}`] as const).filter(([t]) => t <= now);
        expect(popped.map((id) => times[Number(id.slice(1))])).toEqual(expected.map(([t]) => t).sort((a, b) => a - b));
        expect(new Set(popped)).toEqual(new Set(expected.map(([, id]) => id)));
        expect(q.size).toBe(times.length - popped.length);
        expect(q.popDue(Number.MAX_SAFE_INTEGER)).toHaveLength(times.length - popped.length);
      }),
    );
  });
});
