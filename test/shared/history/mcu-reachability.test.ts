import { describe, expect, it } from 'vitest';
import { MCU_STATES } from '../../../shared/conference.js';
import { MCU_UNSEEN, mcuVerdict, nextMcuReach, type McuReach } from '../../../shared/history/mcu-reachability.js';

const T0 = Date.UTC(2026, 5, 8, 2, 0, 0);
const at = (s: number) => T0 + s * 1000;
const iso = (s: number) => new Date(at(s)).toISOString();

/** Feed statuses (state, since in s, seen at s) and list the verdict changes with their times. */
function changes(feed: [state: (typeof MCU_STATES)[number], sinceS: number, seenS: number][]): [string, number][] {
  let reach: McuReach = MCU_UNSEEN;
  const out: [string, number][] = [];
  for (const [state, sinceS, seenS] of feed) {
    const r = nextMcuReach(reach, { state, since: iso(sinceS) }, at(seenS));
    reach = r.next;
    if (r.changed) out.push([reach.verdict, (reach.at - T0) / 1000]);
  }
  return out;
}

describe('mcuVerdict', () => {
  it('judges every connection state', () => {
    const table = MCU_STATES.map((s) => [s, mcuVerdict(s, 'reachable'), mcuVerdict(s, 'out'), mcuVerdict(s, 'unknown')]);
    expect(table).toEqual([
      ['none', 'unknown', 'unknown', 'unknown'],
      // An attempt in progress keeps the previous verdict.
      ['connecting', 'reachable', 'out', 'unknown'],
      ['ok', 'reachable', 'reachable', 'reachable'],
      ['disconnected', 'out', 'out', 'out'],
      // The MCU answered: reachable, whatever the console's login.
      ['auth_failed', 'reachable', 'reachable', 'reachable'],
      ['bad_config', 'unknown', 'unknown', 'unknown'],
    ]);
  });
});

describe('nextMcuReach', () => {
  it('dates a loss and a return by the driver’s since, exact, however late they are seen', () => {
    expect(
      changes([
        ['connecting', 0, 0],
        ['ok', 2, 2.05],
        ['disconnected', 100.25, 100.3],
        ['connecting', 100.25, 104],
        ['disconnected', 100.25, 104.5],
        ['ok', 190.25, 190.3],
      ]),
    ).toEqual([
      ['reachable', 2],
      ['out', 100.25],
      ['reachable', 190.25],
    ]);
  });

  it('claims nothing for the first failed attempts at start: the loss is dated when seen, not from the driver’s start', () => {
    // since is the driver's start (it has never been ok); the verdict comes with the first failure.
    expect(changes([['connecting', 0, 0], ['disconnected', 0, 3], ['ok', 9, 9.02]])).toEqual([
      ['out', 3],
      ['reachable', 9],
    ]);
  });

  it('ends an MCU outage when the console can no longer judge (no MCU, a bad configuration), and on a refused login', () => {
    expect(changes([['ok', 0, 0], ['disconnected', 10, 10], ['bad_config', 10, 20]])).toEqual([
      ['reachable', 0],
      ['out', 10],
      ['unknown', 20],
    ]);
    expect(changes([['ok', 0, 0], ['disconnected', 10, 10], ['auth_failed', 10, 30]])).toEqual([
      ['reachable', 0],
      ['out', 10],
      ['reachable', 30],
    ]);
  });

  it('never goes back before the previous change nor past now', () => {
    const out = nextMcuReach({ state: 'ok', verdict: 'reachable', at: at(50) }, { state: 'disconnected', since: iso(40) }, at(60));
    expect(out.next.at).toBe(at(50));
    const future = nextMcuReach({ state: 'ok', verdict: 'reachable', at: at(50) }, { state: 'disconnected', since: iso(90) }, at(60));
    expect(future.next.at).toBe(at(60));
    const garbled = nextMcuReach({ state: 'ok', verdict: 'reachable', at: at(50) }, { state: 'disconnected', since: 'not a time' }, at(61));
    expect(garbled.next.at).toBe(at(61));
  });
});
