import { createSocket, type Socket } from 'node:dgram';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BURST } from '../../../electron/engine/discovery/sweep-socket.js';
import { startEngine, type Engine } from '../../../electron/engine/engine.js';
import { loadProfiles } from '../../../electron/engine/snmp/profiles.js';
import { startSimulator, type Simulator } from '../../../electron/simulator/simulator.js';
import type { DiscoverySweep } from '../../../shared/discovery.js';
import type { Inventory } from '../../../shared/inventory.js';
import type { Identity } from '../../../shared/roles.js';
import { Snmpd, V3 } from '../snmp/snmpd.js';

// Discovery (issue 12 item 5) against real agents on loopback: Debian's snmpd on 127.0.0.1 and
// the simulator's codec agents on 127.0.0.2-4 (the one on .4 with another community), on one
// port; .5 is silent and .6 a bare socket that counts what reaches it. Every datagram the sweep
// sends is counted at the sender (the engine's discovery.onSend), with its time.

const TECH: Identity = { user: 'kythuat', role: 'technician' };
const profiles = loadProfiles();
const GOOD_V3 = { version: '3', user: V3.user, level: 'authPriv', authProtocol: 'sha', authKey: V3.authKey, privProtocol: 'aes', privKey: V3.privKey } as const;

let snmpd: Snmpd;
let sim: Simulator;
let engine: Engine;
let counter: Socket;
let atCounter = 0;
const sends: { address: string; at: number }[] = [];

function agents(port: number): Inventory {
  const ep = (id: string, host: string, profile: string, community: string) => ({ id, name: id, host, port, profile, snmp: { version: '2c' as const, community } });
  return {
    name: 'Thử',
    timezone: 'Asia/Ho_Chi_Minh',
    tiers: ['province'],
    sites: [
      {
        id: 'lab',
        name: 'Phòng thử',
        tier: 'province',
        endpoints: [ep('phong-hop-cho-ra', '127.0.0.2', 'cisco-telepresence', 'public'), ep('phong-hop-na-ri', '127.0.0.3', 'polycom-group', 'public'), ep('khac-community', '127.0.0.4', 'generic-mib2', 'rieng-tu')],
      },
    ],
  };
}

beforeAll(async () => {
  snmpd = await Snmpd.start();
  sim = await startSimulator({ inventory: agents(snmpd.port), profiles, trapTarget: null, scenario: 'static' });
  counter = createSocket('udp4');
  counter.on('message', () => atCounter++);
  await new Promise<void>((resolve) => counter.bind(snmpd.port, '127.0.0.6', resolve));
  engine = await startEngine({
    inventoryPath: null,
    monitoring: false,
    mcuDriver: null,
    accounts: { scryptCost: 10 },
    discovery: { timeoutMs: 300, onSend: (address) => sends.push({ address, at: performance.now() }) },
  });
});
afterAll(async () => {
  await engine?.close();
  await sim?.close();
  counter?.close();
  await snmpd?.dispose();
});

const ok = <T>(r: { ok: boolean; result?: unknown; error?: unknown }): T => {
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.result as T;
};
const err = (r: { ok: boolean; error?: unknown }) => {
  expect(r.ok).toBe(false);
  return r.error as { code: string; params?: Record<string, unknown> };
};

/** Poll the sweep as the panel does, until it ends. */
async function finished(sweepId: string): Promise<DiscoverySweep> {
  for (;;) {
    const s = ok<DiscoverySweep>(await engine.call(TECH, 'getDiscovery', { sweepId }));
    if (s.state !== 'running') return s;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The most datagrams sent in any window of one second. */
function busiestSecond(times: readonly number[]): number {
  let most = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (times[i]! - times[j]! >= 1000) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

describe('a sweep against real agents', () => {
  it('v2c: the agents with that community answer, with sysName, sysDescr, sysObjectID and the profile they suggest; one datagram per address', async () => {
    sends.length = 0;
    atCounter = 0;
    const started = ok<DiscoverySweep>(await engine.call(TECH, 'startDiscovery', { cidr: '127.0.0.0/29', port: snmpd.port, snmp: { version: '2c', community: 'public' } }));
    expect(started).toMatchObject({ cidr: '127.0.0.0/29', total: 6, state: 'running', ratePerS: 200, version: '2c' });
    expect(JSON.stringify(started)).not.toContain('public');
    const s = await finished(started.sweepId);
    expect(s).toMatchObject({ state: 'finished', total: 6, done: 6, sent: 6 });
    expect(s.endedAt).not.toBeNull();
    const by = new Map(s.responders.map((r) => [r.address, r]));
    // .4 has another community and drops ours; .5 and .6 are silent.
    expect([...by.keys()].sort()).toEqual(['127.0.0.1', '127.0.0.2', '127.0.0.3']);
    expect(by.get('127.0.0.1')).toMatchObject({ port: snmpd.port, sysObjectID: '1.3.6.1.4.1.8072.3.2.10', suggestedProfile: 'generic-mib2', inInventory: null });
    expect(by.get('127.0.0.1')!.sysDescr).toMatch(/Linux/);
    expect(by.get('127.0.0.2')).toMatchObject({ sysName: 'phong-hop-cho-ra', suggestedProfile: 'cisco-telepresence', sysDescr: expect.stringMatching(/simulated by Bridgepoint/) });
    expect(by.get('127.0.0.3')).toMatchObject({ sysName: 'phong-hop-na-ri', suggestedProfile: 'polycom-group' });
    expect(sends.map((x) => x.address).sort()).toEqual(['127.0.0.1', '127.0.0.2', '127.0.0.3', '127.0.0.4', '127.0.0.5', '127.0.0.6']);
    expect(atCounter).toBe(1);
  });

  it('a wrong community finds no one; v3 finds snmpd with its user and no one with an unknown user', async () => {
    const wrong = await finished(ok<DiscoverySweep>(await engine.call(TECH, 'startDiscovery', { cidr: '127.0.0.0/29', port: snmpd.port, snmp: { version: '2c', community: 'sai-roi' } })).sweepId);
    expect(wrong).toMatchObject({ state: 'finished', done: 6, responders: [] });
    const v3 = await finished(ok<DiscoverySweep>(await engine.call(TECH, 'startDiscovery', { cidr: '127.0.0.0/29', port: snmpd.port, snmp: GOOD_V3 })).sweepId);
    expect(v3.responders.map((r) => [r.address, r.suggestedProfile])).toEqual([['127.0.0.1', 'generic-mib2']]);
    const nobody = await finished(ok<DiscoverySweep>(await engine.call(TECH, 'startDiscovery', { cidr: '127.0.0.0/29', port: snmpd.port, snmp: { ...GOOD_V3, user: 'khong-co-ai' } })).sweepId);
    expect(nobody.responders).toEqual([]);
  });

  it('never more requests in a second than the rate, and a cancel stops sending at once', async () => {
    sends.length = 0;
    const port = snmpd.port;
    // 254 silent addresses at 50/s would take 5 s: cancel after 1.5 s.
    const s = ok<DiscoverySweep>(await engine.call(TECH, 'startDiscovery', { cidr: '127.0.9.0/24', port, snmp: { version: '2c', community: 'public' }, ratePerS: 50 }));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const cancelled = ok<DiscoverySweep>(await engine.call(TECH, 'cancelDiscovery', { sweepId: s.sweepId }));
    expect(cancelled.state).toBe('cancelled');
    const sentAtCancel = sends.length;
    expect(sentAtCancel).toBeGreaterThan(40);
    expect(sentAtCancel).toBeLessThanOrEqual(76);
    expect(busiestSecond(sends.map((x) => x.at))).toBeLessThanOrEqual(50);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(sends.length).toBe(sentAtCancel);
    expect(ok<DiscoverySweep>(await engine.call(TECH, 'getDiscovery', { sweepId: s.sweepId }))).toMatchObject({ state: 'cancelled', sent: sentAtCancel });

    // The full rate over a whole /24: 254 datagrams, never more than 200 in a second.
    sends.length = 0;
    const full = await finished(ok<DiscoverySweep>(await engine.call(TECH, 'startDiscovery', { cidr: '127.0.9.0/24', port, snmp: { version: '2c', community: 'public' } })).sweepId);
    expect(full).toMatchObject({ state: 'finished', total: 254, done: 254, sent: 254 });
    expect(busiestSecond(sends.map((x) => x.at))).toBeLessThanOrEqual(200);
    // Tokens come at 200 a second with at most BURST kept: 254 datagrams need at least (254 - BURST) / 200 s.
    expect(sends.at(-1)!.at - sends[0]!.at).toBeGreaterThanOrEqual((254 - BURST) * 5 - 1);
  });
});

describe('the requests', () => {
  it('refuses a range too large, malformed or without hosts, a second sweep at once, and callers who are not unscoped technicians', async () => {
    const start = (cidr: string, who: Identity = TECH) => engine.call(who, 'startDiscovery', { cidr, port: snmpd.port, snmp: { version: '2c', community: 'public' } });
    expect(err(await start('10.20.0.0/21'))).toMatchObject({ code: 'bad_request', params: { reason: 'cidr_too_large', prefix: 21, addresses: 2048, maxPrefix: 22 } });
    for (const bad of ['10.20.0.0', '10.20.0.256/24', '10.20.0.0/33', 'mot-hai-ba/24', '10.20.0.0/024']) {
      expect(err(await start(bad)), bad).toMatchObject({ code: 'bad_request', params: { reason: 'cidr_malformed' } });
    }
    expect(err(await start('224.0.0.0/24'))).toMatchObject({ params: { reason: 'cidr_not_unicast' } });
    const running = ok<DiscoverySweep>(await engine.call(TECH, 'startDiscovery', { cidr: '127.0.9.0/24', port: snmpd.port, snmp: { version: '2c', community: 'public' }, ratePerS: 20 }));
    expect(err(await start('127.0.0.0/29', { user: 'kythuat-2', role: 'technician' }))).toMatchObject({ code: 'too_many_requests', params: { reason: 'discovery_busy', cidr: '127.0.9.0/24', by: TECH.user } });
    ok(await engine.call(TECH, 'cancelDiscovery', { sweepId: running.sweepId }));
    expect(err(await start('127.0.0.0/29', { user: 'dieuhanh', role: 'operator' }))).toMatchObject({ code: 'forbidden' });
    expect(err(await start('127.0.0.0/29', { ...TECH, scope: ['ba-be'] }))).toMatchObject({ code: 'forbidden' });
    expect(err(await engine.call(TECH, 'startDiscovery', { cidr: '127.0.0.0/29', snmp: { version: '2c', community: 'public' }, ratePerS: 500 }))).toMatchObject({ code: 'bad_request' });
    expect(err(await engine.call(TECH, 'getDiscovery', { sweepId: 'khong-co' }))).toMatchObject({ code: 'not_found', params: { reason: 'unknown_sweep' } });

    const audited = engine.audit.list({ action: 'startDiscovery' });
    expect(audited.find((e) => e.result === 'failed' && e.error?.code === 'forbidden')).toMatchObject({ target: `range:127.0.0.0/29:${snmpd.port}` });
    expect(JSON.stringify(audited)).not.toContain('"public"');
    expect(engine.audit.list({ action: 'getDiscovery' })).toEqual([]);
  });

  it('adds chosen responders to a site (ids from the address, names from sysName), marks them as in the inventory, and undoes', async () => {
    const before = engine.inventory().sites.find((s) => s.id === 'na-ri')!.endpoints.length;
    const s = await finished(ok<DiscoverySweep>(await engine.call(TECH, 'startDiscovery', { cidr: '127.0.0.0/29', port: snmpd.port, snmp: { version: '2c', community: 'public' } })).sweepId);
    const added = ok<{ endpoints: number; undoable: number }>(await engine.call(TECH, 'addDiscovered', { sweepId: s.sweepId, siteId: 'na-ri', addresses: ['127.0.0.2', '127.0.0.3'] }));
    expect(added.undoable).toBeGreaterThan(0);
    const site = engine.inventory().sites.find((x) => x.id === 'na-ri')!;
    expect(site.endpoints.length).toBe(before + 2);
    expect(site.endpoints.slice(-2)).toEqual([
      { id: `codec-127-0-0-2-${snmpd.port}`, name: 'phong-hop-cho-ra', host: '127.0.0.2', port: snmpd.port, profile: 'cisco-telepresence', snmp: { version: '2c', community: 'public' } },
      { id: `codec-127-0-0-3-${snmpd.port}`, name: 'phong-hop-na-ri', host: '127.0.0.3', port: snmpd.port, profile: 'polycom-group', snmp: { version: '2c', community: 'public' } },
    ]);
    const again = ok<DiscoverySweep>(await engine.call(TECH, 'getDiscovery', { sweepId: s.sweepId }));
    expect(again.responders.find((r) => r.address === '127.0.0.2')!.inInventory).toEqual({ endpointId: `codec-127-0-0-2-${snmpd.port}`, siteId: 'na-ri' });
    expect(again.responders.find((r) => r.address === '127.0.0.1')!.inInventory).toBeNull();

    expect(err(await engine.call(TECH, 'addDiscovered', { sweepId: s.sweepId, siteId: 'na-ri', addresses: ['127.0.0.2'] }))).toMatchObject({ code: 'conflict', params: { reason: 'already_in_inventory', address: '127.0.0.2' } });
    expect(err(await engine.call(TECH, 'addDiscovered', { sweepId: s.sweepId, siteId: 'na-ri', addresses: ['127.0.0.5'] }))).toMatchObject({ params: { reason: 'not_a_responder', address: '127.0.0.5' } });
    expect(err(await engine.call(TECH, 'addDiscovered', { sweepId: s.sweepId, siteId: 'khong-co', addresses: ['127.0.0.1'] }))).toMatchObject({ code: 'not_found', params: { reason: 'unknown_site' } });
    expect(engine.inventory().sites.find((x) => x.id === 'na-ri')!.endpoints.length).toBe(before + 2);
    expect(engine.audit.list({ action: 'addDiscovered' }).map((e) => [e.target, e.result])).toEqual([
      ['site:khong-co', 'failed'],
      ['site:na-ri', 'failed'],
      ['site:na-ri', 'failed'],
      ['site:na-ri', 'ok'],
    ]);

    ok(await engine.call(TECH, 'undoInventoryChange', {}));
    expect(engine.inventory().sites.find((x) => x.id === 'na-ri')!.endpoints.length).toBe(before);
  });
});
