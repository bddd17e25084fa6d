import { afterEach, describe, expect, it } from 'vitest';
import type { Identity } from '../../../shared/roles.js';
import { world, type World } from './history-world.js';

/**
 * Outages of cause 'mcu' through the service, on a simulated clock: while the MCU is out of reach
 * every codec that is up has an outage of that cause; one that is down keeps its own.
 */

const TECH: Identity = { user: 'kythuat', role: 'technician' };
const T0 = Date.UTC(2026, 5, 8, 2, 0, 0);
const at = (s: number) => T0 + Math.round(s * 1000);
const iso = (s: number) => new Date(at(s)).toISOString();
const ALL_UP = { 'ubnd-tinh-1': 'up', 'ba-be-1': 'up', 'na-ri-1': 'up', 'ba-be-cho-ra-1': 'up', 'ba-be-cho-ra-2': 'up', 'ba-be-nam-mau-1': 'up', 'na-ri-kim-hy-1': 'up' } as const;
const CODECS = Object.keys(ALL_UP);

let worlds: World[] = [];
const open = (...args: Parameters<typeof world>) => {
  const w = world(...args);
  worlds.push(w);
  return w;
};
afterEach(() => {
  for (const w of worlds) w.close();
  worlds = [];
});
const outagesOf = (w: World, endpointId: string) => w.history.history(TECH, { endpointId, metric: 'latencyMs', from: at(0), to: at(3600) })!.outages;
const lengthS = (o: { start: string; end: string | null }) => (Date.parse(o.end!) - Date.parse(o.start)) / 1000;

describe('MCU outages in the history service', () => {
  it('gives every codec that is up one MCU outage of the MCU’s 90 s, exact to the second, and counts it in availability', () => {
    const w = open({ now: at(0), withMcu: true });
    w.mcu(at(1), 'ok');
    w.verdicts(at(2), { ...ALL_UP });
    // The driver loses the MCU at 100.25 s; the console hears of it 50 ms later, retries, and is back at 190.25 s.
    w.mcu(at(100.3), 'disconnected', at(100.25));
    w.mcu(at(104), 'connecting');
    w.mcu(at(104.5), 'disconnected');
    w.mcu(at(190.3), 'ok', at(190.25));
    w.at(at(1000));
    for (const id of CODECS) {
      const list = outagesOf(w, id);
      expect(list, id).toHaveLength(1);
      expect(list[0]).toMatchObject({ start: iso(100.25), end: iso(190.25), cause: 'mcu', behind: null });
      expect(Math.abs(lengthS(list[0]!) - 90)).toBeLessThanOrEqual(1);
    }
    const province = w.history.availability(TECH, { from: at(0), to: at(1000), groupBy: 'province' }).rows[0]!;
    expect(province.downMsByCause).toEqual({ down: 0, unreachable: 0, mcu: CODECS.length * 90_000 });
    expect(province.outages).toBe(CODECS.length);
  });

  it('leaves a codec that is down its own cause, and gives it the MCU cause for the part it is up', () => {
    const w = open({ now: at(0), withMcu: true });
    w.mcu(at(1), 'ok');
    w.verdicts(at(2), { ...ALL_UP });
    w.verdicts(at(50), { 'na-ri-1': 'down' }); // down before the MCU is lost, back during it
    w.mcu(at(100), 'disconnected');
    w.verdicts(at(120), { 'ba-be-1': 'down' }); // down during the MCU's outage, back after it
    w.verdicts(at(150), { 'na-ri-1': 'up' });
    w.mcu(at(190), 'ok');
    w.verdicts(at(200), { 'ba-be-1': 'up' });
    w.at(at(1000));
    const pieces = (id: string) => outagesOf(w, id).map((o) => [o.cause, (Date.parse(o.start) - T0) / 1000, (Date.parse(o.end!) - T0) / 1000]);
    expect(pieces('na-ri-1')).toEqual([
      ['down', 50, 150],
      ['mcu', 150, 190],
    ]);
    expect(pieces('ba-be-1')).toEqual([
      ['mcu', 100, 120],
      ['down', 120, 200],
    ]);
    expect(pieces('ubnd-tinh-1')).toEqual([['mcu', 100, 190]]);
    // Abutting pieces are one outage: Na Rì's district counts one of 140 s for its own codec.
    const naRi = w.history.availability(TECH, { from: at(0), to: at(1000), groupBy: 'site' }).rows.find((r) => r.group === 'na-ri')!;
    expect(naRi).toMatchObject({ outages: 1, downMs: 140_000, downMsByCause: { down: 100_000, unreachable: 0, mcu: 40_000 } });
  });

  it('claims nothing for codecs whose state is unknown, nor without an MCU, and ends an MCU outage when the MCU can no longer be judged', () => {
    const w = open({ now: at(0), withMcu: true });
    w.mcu(at(1), 'ok');
    w.verdicts(at(2), { 'ba-be-1': 'up' });
    w.mcu(at(100), 'disconnected');
    w.at(at(130));
    expect(outagesOf(w, 'ba-be-1')).toEqual([{ start: iso(100), end: null, cause: 'mcu', behind: null }]);
    expect(outagesOf(w, 'na-ri-1')).toEqual([]);
    // The MCU is taken out of the configuration: no verdict, the outage ends there.
    w.mcu(at(140), 'bad_config');
    expect(outagesOf(w, 'ba-be-1')).toEqual([{ start: iso(100), end: iso(140), cause: 'mcu', behind: null }]);

    const none = open({ now: at(0) });
    none.verdicts(at(2), { ...ALL_UP });
    none.mcu(at(100), 'disconnected');
    none.at(at(200));
    expect(outagesOf(none, 'ba-be-1')).toEqual([]);
  });
});
