import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InventorySchema, type Inventory } from '../../shared/inventory.js';
import { ProvinceModel, type SimEvent } from '../../electron/simulator/province-model.js';
import { initialCodec, SCENARIOS, stepCodec, viewCodec } from '../../electron/simulator/codec-model.js';

// The model alone, with a made-up clock: hours of the Bắc Kạn province in well under a second.

const backan: Inventory = InventorySchema.parse(JSON.parse(readFileSync(new URL('../../assets/inventory/bac-kan.json', import.meta.url), 'utf8')));
const HOUR = 3600_000;

function run(model: ProvinceModel, fromMs: number, toMs: number, stepMs: number, each: (now: number, events: SimEvent[]) => void): void {
  for (let now = fromMs + stepMs; now <= toMs; now += stepMs) each(now, model.step(now));
}

describe('codec model', () => {
  it('is deterministic for a seed and the step times, and differs across seeds', () => {
    const walk = (seed: number) => {
      let s = initialCodec(0, seed, SCENARIOS.lively);
      const seen: string[] = [];
      for (let t = 1000; t <= 2 * HOUR; t += 1000) {
        s = stepCodec(s, t, SCENARIOS.lively, true);
        if (t % 60_000 === 0) seen.push(JSON.stringify(viewCodec(s, t)));
      }
      return seen;
    };
    expect(walk(42)).toEqual(walk(42));
    expect(walk(43)).not.toEqual(walk(42));
  });

  it('counters never run backwards while the codec stays up', () => {
    let s = initialCodec(0, 9, SCENARIOS.lively);
    let last = viewCodec(s, 0);
    for (let t = 250; t <= HOUR; t += 250) {
      if (t % 1000 === 0) s = stepCodec(s, t, SCENARIOS.lively, true);
      const v = viewCodec(s, t);
      if (v.uptimeS >= last.uptimeS) {
        expect(v.rxBits).toBeGreaterThanOrEqual(last.rxBits);
        expect(v.txBits).toBeGreaterThanOrEqual(last.txBits);
      }
      last = v;
    }
  });
});

describe('province model', () => {
  it('calm: most codecs idle and up, plausible call quality, calls start and end', () => {
    const model = new ProvinceModel(backan, { seed: 1, scenario: 'calm', now: 0 });
    const ids = model.endpointIds();
    let samples = 0, dark = 0, inCall = 0, lowLoss = 0, callSamples = 0;
    const kinds = new Map<string, number>();
    run(model, 0, 8 * HOUR, 5000, (now, events) => {
      events.forEach((e) => kinds.set(e.kind, (kinds.get(e.kind) ?? 0) + 1));
      if (now % 60_000) return;
      for (const id of ids) {
        samples++;
        if (!model.isAnswering(id)) { dark++; continue; }
        const v = model.view(id, now)!;
        if (!v.inCall) continue;
        inCall++;
        callSamples++;
        if (v.packetLossPct! <= 0.5) lowLoss++;
        expect(v.bitrateKbps).toBeGreaterThanOrEqual(1152);
        expect(v.bitrateKbps).toBeLessThanOrEqual(4096);
        expect(v.jitterMs!).toBeLessThanOrEqual(60);
        expect(v.latencyMs!).toBeGreaterThanOrEqual(1);
        expect(v.latencyMs!).toBeLessThanOrEqual(100);
        expect(v.remoteSite).toBe('MCU-BKN');
      }
    });
    expect(dark / samples).toBeLessThan(0.05); // not a sea of red
    expect(inCall / samples).toBeGreaterThan(0.05);
    expect(inCall / samples).toBeLessThan(0.4);
    expect(lowLoss / callSamples).toBeGreaterThan(0.9);
    expect(kinds.get('callUp')).toBeGreaterThan(20);
    expect(kinds.get('callDown')).toBeGreaterThan(20);
    expect(kinds.get('excessive') ?? 0).toBeLessThan(kinds.get('callUp')!);
  });

  it('lively: a whole district goes dark at once and comes back', () => {
    const model = new ProvinceModel(backan, { seed: 3, scenario: 'lively', now: 0 });
    const communes = backan.sites.filter((s) => s.parent === 'ba-be').flatMap((s) => s.endpoints.map((e) => e.id));
    expect(communes.length).toBeGreaterThan(3);
    let wholeDistrictsDark = 0;
    run(model, 0, 3 * HOUR, 1000, () => {
      const byDistrict = new Map<string, boolean[]>();
      for (const site of backan.sites.filter((s) => s.tier === 'commune')) {
        const list = byDistrict.get(site.parent!) ?? [];
        list.push(...site.endpoints.map((e) => model.isAnswering(e.id)));
        byDistrict.set(site.parent!, list);
      }
      for (const answering of byDistrict.values()) if (answering.length > 3 && answering.every((a) => !a)) wholeDistrictsDark++;
    });
    expect(wholeDistrictsDark).toBeGreaterThan(0);
    expect(model.endpointIds().filter((id) => !model.isAnswering(id)).length).toBeLessThan(model.endpointIds().length / 4);
  });

  it('static: nothing happens on its own, values stay put', () => {
    const model = new ProvinceModel(backan, { seed: 5, scenario: 'static', now: 0 });
    const before = model.view('ba-be-1', 0)!;
    const events: SimEvent[] = [];
    run(model, 0, 2 * HOUR, 1000, (_now, e) => events.push(...e));
    expect(events).toEqual([]);
    const after = model.view('ba-be-1', 2 * HOUR)!;
    expect({ ...after, uptimeS: 0, rxBits: 0, txBits: 0 }).toEqual({ ...before, uptimeS: 0, rxBits: 0, txBits: 0 });
    expect(after.uptimeS - before.uptimeS).toBeCloseTo(7200, 3);
  });

  it('a call placed by the MCU holds until hung up', () => {
    const model = new ProvinceModel(backan, { seed: 1, scenario: 'calm', now: 0 });
    expect(model.setCall('ba-be-1', { inCall: true, remote: 'MCU-BKN' }, 0)).toEqual([{ endpointId: 'ba-be-1', kind: 'callUp', remote: 'MCU-BKN' }]);
    let downs = 0;
    run(model, 0, 6 * HOUR, 10_000, (_n, events) => (downs += events.filter((e) => e.endpointId === 'ba-be-1' && e.kind === 'callDown').length));
    expect(model.isAnswering('ba-be-1')).toBe(true); // no power cut here for this seed
    expect(downs).toBe(0);
    expect(model.view('ba-be-1', 6 * HOUR)!.inCall).toBe(true);
    expect(model.setCall('ba-be-1', { inCall: false }, 6 * HOUR)).toEqual([{ endpointId: 'ba-be-1', kind: 'callDown', remote: 'MCU-BKN' }]);
    expect(model.setCall('nowhere', { inCall: true }, 0)).toBeNull();
  });

  it('faults: a district target covers its communes; down ends in a reboot; overrides and expiry', () => {
    const model = new ProvinceModel(backan, { seed: 1, scenario: 'static', now: 0 });
    const district = model.resolveTarget('ba-be')!;
    expect(district).toContain('ba-be-1');
    expect(district.length).toBe(1 + backan.sites.filter((s) => s.parent === 'ba-be').length);
    expect(model.resolveTarget('ubnd-tinh')).toEqual(['ubnd-tinh-1']);
    expect(model.resolveTarget('nope')).toBeNull();

    const events = model.applyFault(district, 'down', undefined, 60_000, 1000);
    expect(events.map((e) => e.kind)).toEqual(district.map(() => 'dark'));
    const back = model.step(61_000);
    expect(back.filter((e) => e.kind === 'back')).toHaveLength(district.length);
    expect(back.every((e) => e.kind !== 'back' || e.rebooted)).toBe(true);
    expect(model.view('ba-be-1', 61_000)!.uptimeS).toBe(0);

    const loss = model.applyFault(['ba-be-1'], 'loss', 7, null, 62_000);
    expect(loss).toEqual([{ endpointId: 'ba-be-1', kind: 'excessive', metric: 'packetLossPct', value: 7 }]);
    expect(model.view('ba-be-1', 62_000)!.packetLossPct).toBe(7);
    expect(model.applyFault(['ba-be-1'], 'loss', 9, null, 63_000)).toEqual([]); // still above: no repeat
    model.applyFault(['ba-be-1'], 'clear', undefined, null, 64_000);
    expect(model.view('ba-be-1', 64_000)!.packetLossPct).toBeNull();
  });
});
