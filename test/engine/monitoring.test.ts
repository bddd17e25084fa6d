import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEngine, type Engine } from '../../electron/engine/engine.js';
import { EventLog } from '../../electron/engine/events/event-log.js';
import { startMonitoring } from '../../electron/engine/monitoring/monitoring.js';
import { StatusTable } from '../../electron/engine/status/status-table.js';
import { loadProfiles } from '../../electron/engine/snmp/profiles.js';
import { startSimulator, type Simulator } from '../../electron/simulator/simulator.js';
import { validateInventory, type Inventory } from '../../shared/inventory.js';
import type { EngineEvent } from '../../shared/events.js';
import { smallInventory, writeInventory } from '../fixtures/inventory.js';

/** The engine's monitoring end to end: real SNMP agents (the simulator), real polls and traps. */
const raw = { ...smallInventory(), monitoring: { intervalS: 1, timeoutMs: 300, retries: 0 }, traps: { port: 23162, address: '127.0.0.1' } } as Record<string, unknown>;
(raw.sites as { endpoints: { port: number; profile: string }[] }[]).forEach((s, i) => (s.endpoints[0]!.port = 23100 + i));
(raw.sites as { endpoints: { profile: string }[] }[])[0]!.endpoints[0]!.profile = 'polycom-group'; // has loss, jitter, latency
delete raw.mcu;

let engine: Engine;
let sim: Simulator;
const events: EngineEvent[] = [];

beforeAll(async () => {
  const r = validateInventory(raw);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  const profiles = loadProfiles();
  sim = await startSimulator({ inventory: r.inventory as Inventory, profiles, trapTarget: { host: '127.0.0.1', port: 23162 }, scenario: 'static' });
  engine = await startEngine({ inventoryPath: writeInventory(raw), profiles, flushMs: 10 });
  engine.subscribe({ user: 't', role: 'technician' }, 'events', (e) => events.push(e as EngineEvent));
});
afterAll(async () => {
  await engine?.close();
  await sim?.close();
});

const until = async (what: () => boolean, ms = 8000): Promise<void> => {
  const end = Date.now() + ms;
  while (!what()) {
    if (Date.now() > end) throw new Error(`timed out waiting; now ${JSON.stringify(Object.fromEntries([...engine.inventory().sites].map((s) => [s.id, reach(`${s.id}-1`)])))}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};
const reach = (id: string) => engine.status.get(id)?.reachability;

describe('monitoring against simulated codecs', () => {
  it('marks values stale when no poll has ended within two intervals', async () => {
    const r = validateInventory(raw);
    if (!r.ok) throw new Error('fixture');
    const status = new StatusTable(5);
    status.setEndpoints(r.inventory.sites.flatMap((s) => s.endpoints.map((e) => ({ endpointId: e.id, siteId: s.id }))));
    let skew = 0;
    const m = await startMonitoring(r.inventory, { status, events: new EventLog(), profiles: loadProfiles(), traps: false, now: () => Date.now() + skew });
    try {
      await until(() => status.get('na-ri-1')!.reachability === 'up');
      expect(status.get('na-ri-1')!.stale).toBe(false);
      skew = 2500; // the clock moves past two 1 s intervals since the last poll ended
      await until(() => status.get('na-ri-1')!.stale === true, 3000);
    } finally {
      await m.close();
    }
  });

  it('brings every endpoint up with measured values and their times', async () => {
    await until(() => engine.inventory().sites.every((s) => reach(`${s.id}-1`) === 'up'));
    const row = engine.status.get('ba-be-1')!;
    expect(row.uptimeS).toBeGreaterThan(0);
    expect(row.ifOperUp).toBe(true);
    // The simulated codec's interface is looked up (ifIndex 1, eth0) and its 64-bit counters read.
    await until(() => typeof engine.status.get('ba-be-1')!.rxBps === 'number');
    expect(engine.status.get('ba-be-1')!.rxBps).toBeGreaterThan(0);
    expect(row.measuredAt.uptimeS).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(row.stale).toBe(false);
    expect(engine.monitoring!.stats().poller.answered).toBeGreaterThan(0);
    // Coming up for the first time is not an event: no burst of "up" at start.
    expect(events.filter((e) => e.code === 'up')).toEqual([]);
  });

  it('shows a dark district as down and its communes as unreachable, not down', { timeout: 15_000 }, async () => {
    expect(sim.applyFault({ target: 'ba-be', kind: 'down' })).toEqual({ ok: true });
    await until(() => reach('ba-be-1') === 'down' && reach('ba-be-cho-ra-1') === 'unreachable' && reach('ba-be-nam-mau-1') === 'unreachable');
    expect(reach('na-ri-kim-hy-1')).toBe('up');
    expect(events.find((e) => e.code === 'unreachable' && e.endpointId === 'ba-be-cho-ra-1')).toMatchObject({ text: 'ba-be', severity: 'warning' });
    expect(events.some((e) => e.code === 'down' && e.endpointId === 'ba-be-1')).toBe(true);
    // The linkDown the codec sends as it goes dark arrives as a trap event.
    expect(events.some((e) => e.code === 'trap' && e.endpointId === 'ba-be-1' && e.text.startsWith('linkDown'))).toBe(true);
  });

  it('shows the district and its communes up again once the fault clears, no commune ever down', { timeout: 20_000 }, async () => {
    // Every status batch during the recovery: no commune of Ba Bể ever reads down.
    const communes = engine.inventory().sites.filter((s) => s.parent === 'ba-be').map((s) => `${s.id}-1`);
    const down = new Set<string>();
    const off = engine.status.onDelta((d) => d.updates.forEach((u) => u.reachability === 'down' && communes.includes(u.endpointId) && down.add(u.endpointId)));
    expect(sim.applyFault({ target: 'ba-be', kind: 'clear' })).toEqual({ ok: true });
    await until(() => reach('ba-be-1') === 'up' && communes.every((id) => reach(id) === 'up'), 12_000);
    off();
    expect([...down]).toEqual([]);
    expect(engine.status.get('ba-be-1')!.stale).toBe(false);
  });

  it('flags degraded quality from loss over the threshold', async () => {
    expect(sim.applyFault({ target: 'ubnd-tinh-1', kind: 'loss', value: 5 })).toEqual({ ok: true });
    await until(() => engine.status.get('ubnd-tinh-1')!.degraded === true);
    expect(events.some((e) => e.code === 'degraded' && e.endpointId === 'ubnd-tinh-1')).toBe(true);
    sim.applyFault({ target: 'ubnd-tinh-1', kind: 'clear' });
    await until(() => engine.status.get('ubnd-tinh-1')!.degraded === false);
  });
});

describe('one outage, one alarm', () => {
  it('never declares a commune down when its district is dark too', { timeout: 15_000 }, async () => {
    const before = events.length;
    // Every status batch as it leaves the engine: a commune is never unreachable behind a district that still reads up.
    const inconsistent: string[] = [];
    const off = engine.status.onDelta(() => {
      if (reach('na-ri-kim-hy-1') === 'unreachable' && reach('na-ri-1') === 'up') inconsistent.push(new Date().toISOString());
    });
    expect(sim.applyFault({ target: 'na-ri', kind: 'down' })).toEqual({ ok: true });
    await until(() => reach('na-ri-1') === 'down' && reach('na-ri-kim-hy-1') === 'unreachable');
    off();
    expect(inconsistent).toEqual([]);
    const outage = events.slice(before);
    expect(outage.filter((e) => e.code === 'down').map((e) => e.endpointId)).toEqual(['na-ri-1']);
    expect(outage.some((e) => e.code === 'unreachable' && e.endpointId === 'na-ri-kim-hy-1')).toBe(true);
    // The district's down reached the log before its communes' unreachable.
    expect(outage.findIndex((e) => e.code === 'down')).toBeLessThan(outage.findIndex((e) => e.code === 'unreachable'));
    sim.applyFault({ target: 'na-ri', kind: 'clear' });
    await until(() => reach('na-ri-kim-hy-1') === 'up', 6000);
  });
});
