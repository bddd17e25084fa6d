import { describe, expect, it } from 'vitest';
import { alarmKpis, type Activation } from '../../../shared/alarms/alarm-kpis.js';
import { newAlarm, observe } from '../../../shared/alarms/alarm-machine.js';
import type { AlarmRule } from '../../../shared/alarms/alarm-rules.js';
import { floodMs, inFlood, NO_FLOOD, noteNewAlarm, tickFlood, type FloodState } from '../../../shared/alarms/flood.js';

const MIN = 60_000;

function feed(times: number[], area = 'ba-be', start: FloodState = NO_FLOOD): { state: FloodState; annunciated: number[] } {
  let state = start;
  const annunciated: number[] = [];
  for (const t of times) {
    state = tickFlood(state, t);
    const r = noteNewAlarm(state, t, area);
    state = r.state;
    if (r.annunciate) annunciated.push(t);
  }
  return { state, annunciated };
}

describe('alarm flood', () => {
  it('annunciates 10 alarms in 10 minutes one by one, and the 11th starts a flood', () => {
    const ten = Array.from({ length: 10 }, (_, i) => i * 30_000);
    expect(feed(ten).annunciated).toHaveLength(10);
    expect(inFlood(feed(ten).state)).toBe(false);
    const eleven = feed([...ten, 5 * MIN + 1]);
    expect(eleven.annunciated).toHaveLength(10);
    expect(inFlood(eleven.state)).toBe(true);
    expect(eleven.state.byArea).toEqual({ 'ba-be': 1 });
  });

  it('summarises by area while the flood lasts', () => {
    let { state } = feed(Array.from({ length: 11 }, (_, i) => i * 1000));
    for (const [t, area] of [
      [12_000, 'ba-be'],
      [13_000, 'cho-don'],
      [14_000, 'ba-be'],
    ] as const) {
      const r = noteNewAlarm(state, t, area);
      expect(r.annunciate).toBe(false);
      state = r.state;
    }
    expect(state.byArea).toEqual({ 'ba-be': 3, 'cho-don': 1 });
  });

  it('ends once fewer than 5 arrived in the last 10 minutes, and counts the time in flood', () => {
    const { state } = feed(Array.from({ length: 11 }, (_, i) => i * 1000));
    expect(state.since).toBe(10_000);
    // At 10 min + 6 s, the first 7 have left the window: 4 remain (< 5).
    expect(inFlood(tickFlood(state, 10 * MIN + 5_000))).toBe(true); // 5 remain
    const after = tickFlood(state, 10 * MIN + 6_000);
    expect(inFlood(after)).toBe(false);
    expect(after.past).toEqual([{ start: 10_000, end: 10 * MIN + 6_000 }]);
    expect(floodMs(after, 0, 20 * MIN)).toBe(10 * MIN - 4_000);
    expect(floodMs(after, 5 * MIN, 6 * MIN)).toBe(MIN);
    // A flood still running counts up to the end of the range.
    expect(floodMs(state, 0, 20_000)).toBe(10_000);
  });
});

describe('alarm KPIs', () => {
  const rule: AlarmRule = { id: 'r', priority: 'low', condition: { kind: 'stale' }, onDelayS: 0, offDelayS: 0 };
  const subject = (id: string) => ({ kind: 'endpoint' as const, id, siteId: id });

  it('rate per 10 minutes, top-10 share, flood share, chattering and standing alarms', () => {
    const acts: Activation[] = [];
    // 12 distinct alarms once each in the first 10 minutes, and 'a' 8 more times in the second.
    for (let i = 0; i < 12; i++) acts.push({ alarmId: `x${i}`, at: i * 1000 });
    for (let i = 0; i < 8; i++) acts.push({ alarmId: 'a', at: 10 * MIN + i * 1000 });
    acts.push({ alarmId: 'late', at: 60 * MIN }); // outside [0, 60 min)

    let chatter = newAlarm(rule, subject('c'), 0);
    for (const [t, v] of [
      [59 * MIN + 30_000, true],
      [59 * MIN + 35_000, false],
      [59 * MIN + 40_000, true],
      [59 * MIN + 45_000, false],
      [59 * MIN + 50_000, true],
    ] as const)
      chatter = observe(chatter, { active: v }, rule, t);
    const standing = observe(newAlarm(rule, subject('s'), 0), { active: true }, rule, 0);
    const { state: flood } = feed(Array.from({ length: 11 }, (_, i) => i * 1000));
    const ended = tickFlood(flood, 12 * MIN); // flood from 10 s to 12 min

    const k = alarmKpis(acts, [chatter, standing], ended, 0, 60 * MIN);
    expect(k.activations).toBe(20);
    expect(k.perTenMinutes).toEqual({ average: 3.3, peak: 12 });
    expect(k.top10[0]).toEqual({ alarmId: 'a', count: 8 });
    expect(k.top10).toHaveLength(10);
    expect(k.top10SharePct).toBe(85); // 8 + 9 of 20
    expect(k.floodPct).toBe(19.7); // (12 min − 10 s) of 60 min
    expect(k.chattering).toEqual(['r@endpoint:c']);
    expect(k.stale).toEqual([]);
    expect(alarmKpis([], [standing], NO_FLOOD, 0, 24 * 60 * MIN).stale).toEqual(['r@endpoint:s']);
  });
});
