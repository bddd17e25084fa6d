import { describe, expect, it } from 'vitest';
import {
  acknowledge,
  alarmId,
  isAnnunciable,
  isChattering,
  isStaleAlarm,
  newAlarm,
  observe,
  parseAlarmId,
  shelve,
  tick,
  unshelve,
  type Alarm,
} from '../../../shared/alarms/alarm-machine.js';
import type { AlarmRule, AlarmSubject } from '../../../shared/alarms/alarm-rules.js';

const rule: AlarmRule = { id: 'endpoint-down', priority: 'critical', condition: { kind: 'endpoint_down' }, onDelayS: 10, offDelayS: 20 };
const subject: AlarmSubject = { kind: 'endpoint', id: 'cho-ra-codec', siteId: 'cho-ra' };
const S = 1000;
const on = { active: true };
const off = { active: false };

/** Feeds readings at the given seconds; returns the alarm after each. */
function run(steps: [number, boolean][], start: Alarm = newAlarm(rule, subject, 0)): Alarm[] {
  const out: Alarm[] = [];
  let a = start;
  for (const [t, active] of steps) {
    a = observe(a, active ? on : off, rule, t * S);
    out.push(a);
  }
  return out;
}

describe('an alarm through its ISA-18.2 states', () => {
  it('is raised only when the condition has held for the on-delay', () => {
    const states = run([
      [0, true],
      [5, true],
      [9, true],
      [10, true],
    ]).map((a) => a.state);
    expect(states).toEqual(['normal', 'normal', 'normal', 'unack']);
  });

  it('ignores a condition that flickers shorter than the on-delay', () => {
    const states = run([
      [0, true],
      [6, false],
      [8, true],
      [16, true],
      [18, true],
    ]).map((a) => a.state);
    expect(states).toEqual(['normal', 'normal', 'normal', 'normal', 'unack']);
  });

  it('returns after the off-delay and stays latched until acknowledged', () => {
    const timeline = run([
      [0, true],
      [10, true],
      [11, false],
      [30, false],
      [31, false],
    ]);
    expect(timeline.map((a) => a.state)).toEqual(['normal', 'unack', 'unack', 'unack', 'rtn_unack']);
    expect(timeline[4]!.returnedAt).toBe(31 * S);
    const acked = acknowledge(timeline[4]!, 'dieuhanh', 'đã gọi huyện', 40 * S);
    expect(acked).toMatchObject({ ok: true, alarm: { state: 'normal', ack: { by: 'dieuhanh', comment: 'đã gọi huyện', at: 40 * S } } });
  });

  it('an acknowledged alarm that clears goes back to normal without another acknowledgement', () => {
    const [, active] = run([
      [0, true],
      [10, true],
    ]);
    const acked = acknowledge(active!, 'dieuhanh', '', 12 * S);
    if (!acked.ok) throw new Error('refused');
    expect(acked.alarm.state).toBe('ack');
    const after = run(
      [
        [13, false],
        [33, false],
      ],
      acked.alarm,
    );
    expect(after.map((a) => a.state)).toEqual(['ack', 'normal']);
  });

  it('raises a returned, unacknowledged alarm again as a new activation', () => {
    const t = run([
      [0, true],
      [10, true],
      [11, false],
      [31, false],
      [32, true],
      [42, true],
    ]);
    expect(t.map((a) => a.state)).toEqual(['normal', 'unack', 'unack', 'rtn_unack', 'rtn_unack', 'unack']);
    expect(t[5]!.activeSince).toBe(42 * S);
    expect(t[5]!.activations).toEqual([10 * S, 42 * S]);
  });

  it('refuses to acknowledge what needs no acknowledgement', () => {
    expect(acknowledge(newAlarm(rule, subject, 0), 'a', '', 0)).toEqual({ ok: false, refusal: { reason: 'nothing_to_acknowledge' } });
  });

  it('applies delays on time alone (tick), without a new reading', () => {
    const started = observe(newAlarm(rule, subject, 0), on, rule, 0);
    expect(tick(started, rule, 9_999).state).toBe('normal');
    expect(tick(started, rule, 10_000).state).toBe('unack');
  });

  it('keeps the value with its unit and time', () => {
    const a = observe(newAlarm(rule, subject, 0), { active: true, value: 4.2, unit: '%' }, rule, 5 * S);
    expect(a).toMatchObject({ value: 4.2, unit: '%', valueAt: 5 * S });
  });
});

describe('shelving', () => {
  const active = run([
    [0, true],
    [10, true],
  ])[1]!;
  const HOUR = 3600 * S;

  it('needs a reason and a time no later than the maximum, and not in the past', () => {
    expect(shelve(active, 'dieuhanh', '  ', 11 * S + HOUR, 8 * 3600, 11 * S)).toEqual({ ok: false, refusal: { reason: 'reason_required' } });
    expect(shelve(active, 'dieuhanh', 'bảo trì', 11 * S, 8 * 3600, 11 * S)).toEqual({ ok: false, refusal: { reason: 'shelve_in_past' } });
    expect(shelve(active, 'dieuhanh', 'bảo trì', 11 * S + 8 * HOUR + 1, 8 * 3600, 11 * S)).toEqual({ ok: false, refusal: { reason: 'shelve_too_long', maxS: 8 * 3600 } });
    expect(shelve(active, 'dieuhanh', 'bảo trì', 11 * S + 8 * HOUR, 8 * 3600, 11 * S).ok).toBe(true);
  });

  it('hides the alarm from annunciation and unshelves itself to the second', () => {
    expect(isAnnunciable(active)).toBe(true);
    const r = shelve(active, 'dieuhanh', 'đường truyền đang sửa', 11 * S + 60 * S, 8 * 3600, 11 * S);
    if (!r.ok) throw new Error('refused');
    expect(isAnnunciable(r.alarm)).toBe(false);
    expect(r.alarm.state).toBe('unack'); // shelving changes what is shown, not what is known
    expect(tick(r.alarm, rule, 70_999).shelved).not.toBeNull();
    expect(tick(r.alarm, rule, 71_000).shelved).toBeNull();
  });

  it('unshelves on request, and refuses when not shelved', () => {
    const r = shelve(active, 'a', 'x', 20 * S, 3600, 11 * S);
    if (!r.ok) throw new Error('refused');
    expect(unshelve(r.alarm)).toMatchObject({ ok: true, alarm: { shelved: null } });
    expect(unshelve(active)).toEqual({ ok: false, refusal: { reason: 'not_shelved' } });
  });
});

describe('nuisance alarms', () => {
  const quick: AlarmRule = { ...rule, onDelayS: 0, offDelayS: 0 };
  it('is chattering at 3 activations within 60 s, not at 2', () => {
    let a = newAlarm(quick, subject, 0);
    const toggles: [number, boolean][] = [
      [0, true],
      [5, false],
      [20, true],
      [25, false],
    ];
    for (const [t, v] of toggles) a = observe(a, { active: v }, quick, t * S);
    expect(isChattering(a, 26 * S)).toBe(false);
    a = observe(a, on, quick, 50 * S);
    expect(isChattering(a, 50 * S)).toBe(true);
    // A minute later the first two have left the window.
    expect(isChattering(a, 75 * S)).toBe(false);
  });

  it('is stale after 24 hours active', () => {
    const a = observe(newAlarm(quick, subject, 0), on, quick, 0);
    expect(isStaleAlarm(a, 24 * 3600 * S - 1)).toBe(false);
    expect(isStaleAlarm(a, 24 * 3600 * S)).toBe(true);
  });
});

describe('alarm ids', () => {
  it('name their rule and subject, and parse back', () => {
    const id = alarmId('endpoint-down', { kind: 'endpoint', id: 'ba-be-1', siteId: 'ba-be' });
    expect(id).toBe('endpoint-down@endpoint:ba-be-1');
    expect(parseAlarmId(id)).toEqual({ ruleId: 'endpoint-down', kind: 'endpoint', subjectId: 'ba-be-1' });
    expect(parseAlarmId('trap-link-down@endpoint:a@b:c')).toEqual({ ruleId: 'trap-link-down', kind: 'endpoint', subjectId: 'a@b:c' });
    expect(parseAlarmId('no-subject')).toBeNull();
    expect(parseAlarmId('@endpoint:x')).toBeNull();
  });
});
