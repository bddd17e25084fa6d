import { readFileSync } from 'node:fs';
import netSnmp from 'net-snmp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STANDARD_TRAPS, validateDeviceProfile, type DeviceProfile } from '../../shared/device-profile.js';
import { InventorySchema, type Inventory } from '../../shared/inventory.js';
import { startSimulator, type Simulator } from '../../electron/simulator/simulator.js';
import { getValue, snmp, v2c, v3, type CliVarbind } from './snmp-cli.js';

// The simulated province queried by Debian's snmpget/snmpwalk (a peer nobody here wrote), its traps
// caught by a plain net-snmp receiver. Ports 21101–21105 for agents, 21162 for traps.

const COMMUNITY = 'bp-test';
const USER = { name: 'bp-sim', authKey: 'sim-auth-key-1', privKey: 'sim-priv-key-1' };
const TRAP_PORT = 21162;
const P = { tinh: 21101, huyenA: 21102, xaA1: 21103, xaA2: 21104, huyenB: 21105 } as const;
const V3 = v3(USER.name, USER.authKey, USER.privKey);
const V2 = v2c(COMMUNITY);

const OID = {
  sysUpTime: '1.3.6.1.2.1.1.3.0',
  sysName: '1.3.6.1.2.1.1.5.0',
  ifOperStatus: '1.3.6.1.2.1.2.2.1.8.1',
  ifHCInOctets: '1.3.6.1.2.1.31.1.1.1.6.1',
  trapOid: '1.3.6.1.6.3.1.1.4.1.0',
  trapAddress: '1.3.6.1.6.3.18.1.3.0',
} as const;

function loadProfiles(): Map<string, DeviceProfile> {
  const out = new Map<string, DeviceProfile>();
  for (const id of ['generic-mib2', 'polycom-group', 'cisco-telepresence']) {
    const r = validateDeviceProfile(JSON.parse(readFileSync(new URL(`../../assets/profiles/${id}.json`, import.meta.url), 'utf8')));
    if (!r.ok) throw new Error(`${id}: ${r.issues.join('; ')}`);
    out.set(id, r.profile);
  }
  return out;
}

function inventory(): Inventory {
  const ep = (id: string, port: number, profile: string, snmp: object) => ({ id, name: 'Phòng họp', host: '127.0.0.1', port, profile, snmp });
  const community = { version: '2c', community: COMMUNITY };
  const user = { version: '3', user: USER.name, level: 'authPriv', authProtocol: 'sha', authKey: USER.authKey, privProtocol: 'aes', privKey: USER.privKey };
  return InventorySchema.parse({
    name: 'Tỉnh Thử', tiers: ['province', 'district', 'commune'], traps: { port: TRAP_PORT },
    sites: [
      { id: 'tinh', name: 'UBND tỉnh', tier: 'province', endpoints: [ep('tinh-1', P.tinh, 'polycom-group', user)] },
      { id: 'huyen-a', name: 'Huyện A', tier: 'district', parent: 'tinh', endpoints: [ep('huyen-a-1', P.huyenA, 'cisco-telepresence', community)] },
      { id: 'xa-a1', name: 'Xã A1', tier: 'commune', parent: 'huyen-a', endpoints: [ep('xa-a1-1', P.xaA1, 'generic-mib2', community)] },
      { id: 'xa-a2', name: 'Xã A2', tier: 'commune', parent: 'huyen-a', endpoints: [ep('xa-a2-1', P.xaA2, 'polycom-group', community)] },
      { id: 'huyen-b', name: 'Huyện B', tier: 'district', parent: 'tinh', endpoints: [ep('huyen-b-1', P.huyenB, 'generic-mib2', { version: '1', community: COMMUNITY })] },
    ],
  });
}

type Trap = netSnmp.Notification;
const traps: Trap[] = [];
const text = (v: unknown) => (Buffer.isBuffer(v) ? v.toString('utf8') : String(v));
const vb = (t: Trap, oid: string) => t.pdu.varbinds.find((v) => v.oid === oid);
const sysName = (t: Trap) => text(vb(t, OID.sysName)?.value);
const trapOid = (t: Trap) => (t.pdu.type === 164 ? `generic-${t.pdu.generic}` : text(vb(t, OID.trapOid)?.value));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The first trap matching `pred` among those received from index `since` on. */
async function waitForTrap(pred: (t: Trap) => boolean, since = 0, ms = 3000): Promise<Trap> {
  for (const end = Date.now() + ms; Date.now() < end; await sleep(20)) {
    const hit = traps.slice(since).find(pred);
    if (hit) return hit;
  }
  throw new Error(`no such trap within ${ms} ms; got ${traps.map((t) => `${sysName(t)}:${trapOid(t)}`).join(', ')}`);
}

const silent = async (auth: string[], port: number) => {
  const r = await snmp('snmpget', auth, port, [OID.sysUpTime]);
  return !r.ok && r.timeout;
};
const answers = async (auth: string[], port: number) => (await snmp('snmpget', auth, port, [OID.sysUpTime])).ok;
const num = (v: CliVarbind) => Number(v.value);

let sim: Simulator;
let receiver: netSnmp.Receiver;

beforeAll(async () => {
  receiver = netSnmp.createReceiver({ port: TRAP_PORT, address: '127.0.0.1' }, (_err, n) => void (n && traps.push(n)));
  receiver.getAuthorizer().addCommunity(COMMUNITY);
  receiver.getAuthorizer().addUser({
    name: USER.name, level: netSnmp.SecurityLevel.authPriv, authProtocol: netSnmp.AuthProtocols.sha, authKey: USER.authKey,
    privProtocol: netSnmp.PrivProtocols.aes, privKey: USER.privKey,
  });
  sim = await startSimulator({ inventory: inventory(), profiles: loadProfiles(), scenario: 'static', seed: 7, tickMs: 100 });
});
afterAll(async () => {
  await sim?.close();
  receiver?.close();
});

describe('simulated codecs answer real SNMP tools', () => {
  it('starts one agent per endpoint and sends coldStart naming each codec (v1, v2c and v3)', async () => {
    expect(sim.endpoints()).toBe(5);
    for (const id of ['tinh-1', 'huyen-a-1', 'xa-a1-1', 'xa-a2-1']) {
      const t = await waitForTrap((t) => sysName(t) === id && trapOid(t) === STANDARD_TRAPS.coldStart);
      expect(text(vb(t, OID.trapAddress)?.value)).toBe('127.0.0.1');
    }
    await waitForTrap((t) => sysName(t) === 'huyen-b-1' && trapOid(t) === 'generic-0');
  });

  it('generic-mib2: sysUpTime and Counter64 grow, ifOperStatus up', async () => {
    const [t1, c1] = [await getValue(V2, P.xaA1, OID.sysUpTime), await getValue(V2, P.xaA1, OID.ifHCInOctets)];
    await sleep(300);
    const [t2, c2] = [await getValue(V2, P.xaA1, OID.sysUpTime), await getValue(V2, P.xaA1, OID.ifHCInOctets)];
    expect(t1.type).toBe('Timeticks');
    expect(num(t2) - num(t1)).toBeGreaterThanOrEqual(25);
    expect(c1.type).toBe('Counter64');
    expect(BigInt(c2.value)).toBeGreaterThan(BigInt(c1.value));
    expect(await getValue(V2, P.xaA1, OID.ifOperStatus)).toMatchObject({ type: 'INTEGER', value: '1' });
    expect((await getValue(V2, P.xaA1, OID.sysName)).value).toBe('xa-a1-1');
    expect(await answers(v2c(COMMUNITY, '1'), P.huyenB)).toBe(true);
  });

  it('polycom-group over v3 authPriv: call state, remote and numeric-string quality per the profile', async () => {
    const base = '1.3.6.1.4.1.2684.1.1';
    expect(await getValue(V3, P.tinh, `${base}.99.1.0`)).toMatchObject({ type: 'INTEGER', value: '1' }); // idle
    expect(sim.setCall('tinh-1', { inCall: true, remote: 'MCU-BKN' })).toBe(true);
    const r = await snmp('snmpget', V3, P.tinh, [`${base}.99.1.0`, `${base}.2.0`, `${base}.21.0`, `${base}.22.0`, `${base}.23.0`, `${base}.99.2.0`, `${base}.5.0`]);
    if (!r.ok) throw new Error(r.error);
    const [state, remote, loss, jitter, latency, rate, mic] = r.varbinds;
    expect(state!.value).toBe('4');
    expect(remote!.value).toBe('MCU-BKN');
    expect(loss!.type).toBe('STRING');
    expect(Number(loss!.value)).toBeGreaterThanOrEqual(0);
    expect(Number(loss!.value)).toBeLessThanOrEqual(0.5);
    expect(Number(jitter!.value)).toBeGreaterThanOrEqual(2);
    expect(Number(jitter!.value)).toBeLessThanOrEqual(20);
    expect(Number(latency!.value)).toBeGreaterThanOrEqual(15);
    expect(Number(latency!.value)).toBeLessThanOrEqual(85);
    expect(num(rate!)).toBeGreaterThanOrEqual(1920);
    expect(num(rate!)).toBeLessThanOrEqual(4096);
    expect(mic!.value).toBe('unmuted');
    expect(sim.setCall('tinh-1', { inCall: false })).toBe(true);
    expect((await getValue(V3, P.tinh, `${base}.21.0`)).value).toBe('');
  });

  it('v3 fails with wrong keys, and the v3 agent ignores communities', async () => {
    const [wrongAuth, wrongPriv, community, wrongCommunity] = await Promise.all([
      snmp('snmpget', v3(USER.name, 'wrong-auth-key', USER.privKey), P.tinh, [OID.sysUpTime]),
      snmp('snmpget', v3(USER.name, USER.authKey, 'wrong-priv-key'), P.tinh, [OID.sysUpTime]),
      silent(V2, P.tinh),
      silent(v2c('public'), P.xaA1),
    ]);
    expect(wrongAuth.ok).toBe(false);
    expect(wrongPriv.ok).toBe(false);
    expect([community, wrongCommunity]).toEqual([true, true]);
  });

  it('cisco-telepresence: a call-table row only while in call', async () => {
    const state = '1.3.6.1.4.1.9.9.644.1.4.8.1.11';
    const loss = '1.3.6.1.4.1.9.9.644.1.4.10.1.14';
    const idle = await snmp('snmpgetnext', V2, P.huyenA, [state]);
    expect(idle.ok && idle.varbinds[0]!.oid.startsWith(`${state}.`)).toBe(false);
    expect(sim.setCall('huyen-a-1', { inCall: true })).toBe(true);
    const walk = await snmp('snmpbulkwalk', V2, P.huyenA, ['1.3.6.1.4.1.9.9.644']);
    if (!walk.ok) throw new Error(walk.error);
    const row = (col: string) => walk.varbinds.find((v) => v.oid.startsWith(`${col}.`))!;
    expect(row(state).value).toBe('8'); // inProgress
    expect(row('1.3.6.1.4.1.9.9.644.1.4.8.1.2').value).toBe('MCU-BKN');
    expect(row(loss).type).toBe('Gauge32');
    expect(num(row(loss)) * 0.000001).toBeLessThanOrEqual(0.5); // micropercent → %
    expect(row('1.3.6.1.4.1.9.9.644.1.4.10.1.22').type).toBe('Counter64');
    // Exact values through the profile's scale: 2.5 % → 2 500 000 micropercent; 42 ms jitter as Counter64.
    sim.applyFault({ target: 'huyen-a-1', kind: 'loss', value: 2.5 });
    sim.applyFault({ target: 'huyen-a-1', kind: 'jitter', value: 42 });
    const faulty = await snmp('snmpwalk', V2, P.huyenA, ['1.3.6.1.4.1.9.9.644.1.4.10']);
    expect(faulty.ok && faulty.varbinds.filter((v) => v.type).map((v) => [v.type, v.value])).toEqual([['Gauge32', '2500000'], ['Counter64', '42']]);
    sim.applyFault({ target: 'huyen-a-1', kind: 'clear' });
    expect(sim.setCall('huyen-a-1', { inCall: false })).toBe(true);
    const after = await snmp('snmpgetnext', V2, P.huyenA, [state]);
    expect(after.ok && after.varbinds[0]!.oid.startsWith(`${state}.`)).toBe(false);
  });

  it('static scenario keeps values stable between reads', async () => {
    sim.setCall('xa-a2-1', { inCall: true });
    const oids = ['21', '22', '23', '99.2'].map((o) => `1.3.6.1.4.1.2684.1.1.${o}.0`);
    const first = await snmp('snmpget', V2, P.xaA2, oids);
    await sleep(450); // several model steps at tickMs 100
    const second = await snmp('snmpget', V2, P.xaA2, oids);
    expect(first.ok && second.ok).toBe(true);
    expect(second).toEqual(first);
    sim.setCall('xa-a2-1', { inCall: false });
  });
});

describe('faults', () => {
  it('down silences the codec with a linkDown first; clear brings it back rebooted', async () => {
    const before = num(await getValue(V2, P.xaA1, OID.sysUpTime));
    const mark = traps.length;
    expect(sim.applyFault({ target: 'xa-a1-1', kind: 'down' })).toEqual({ ok: true });
    const down = await waitForTrap((t) => sysName(t) === 'xa-a1-1' && trapOid(t) === STANDARD_TRAPS.linkDown, mark);
    expect(text(vb(down, OID.ifOperStatus)?.value)).toBe('2');
    const t0 = Date.now();
    expect(await silent(V2, P.xaA1)).toBe(true);
    expect(Date.now() - t0).toBeLessThan(2500);
    expect(sim.applyFault({ target: 'xa-a1-1', kind: 'clear' })).toEqual({ ok: true });
    const after = num(await getValue(V2, P.xaA1, OID.sysUpTime));
    expect(after).toBeLessThan(Math.min(before, 1000));
    await waitForTrap((t) => sysName(t) === 'xa-a1-1' && trapOid(t) === STANDARD_TRAPS.coldStart, mark);
    await waitForTrap((t) => sysName(t) === 'xa-a1-1' && trapOid(t) === STANDARD_TRAPS.linkUp, mark);
  });

  it('a district fault silences its communes too, not the rest of the province', { timeout: 10_000 }, async () => {
    const mark = traps.length;
    expect(sim.applyFault({ target: 'huyen-a', kind: 'down', durationS: 60 })).toEqual({ ok: true });
    const checks = await Promise.all([silent(V2, P.huyenA), silent(V2, P.xaA1), silent(V2, P.xaA2), answers(V3, P.tinh), answers(v2c(COMMUNITY, '1'), P.huyenB)]);
    expect(checks).toEqual([true, true, true, true, true]);
    for (const id of ['huyen-a-1', 'xa-a1-1', 'xa-a2-1']) await waitForTrap((t) => sysName(t) === id && trapOid(t) === STANDARD_TRAPS.linkDown, mark);
    expect(sim.applyFault({ target: 'huyen-a', kind: 'clear' })).toEqual({ ok: true });
    expect(await Promise.all([answers(V2, P.huyenA), answers(V2, P.xaA1), answers(V2, P.xaA2)])).toEqual([true, true, true]);
    // A province site is not a district: only its own codec goes.
    sim.applyFault({ target: 'tinh', kind: 'down' });
    expect(await Promise.all([silent(V3, P.tinh), answers(V2, P.huyenA)])).toEqual([true, true]);
    sim.applyFault({ target: 'tinh', kind: 'clear' });
  });

  it('loss shows in the value and sends the vendor trap; a fault with durationS clears itself', async () => {
    const lossOid = '1.3.6.1.4.1.2684.1.1.21.0';
    const mark = traps.length;
    expect(sim.applyFault({ target: 'xa-a2-1', kind: 'loss', value: 5, durationS: 0.4 })).toEqual({ ok: true });
    expect((await getValue(V2, P.xaA2, lossOid)).value).toBe('5');
    const t = await waitForTrap((t) => sysName(t) === 'xa-a2-1' && trapOid(t) === '1.3.6.1.4.1.2684.1.1.0.33', mark);
    expect(text(vb(t, lossOid)?.value)).toBe('5');
    await sleep(700);
    expect((await getValue(V2, P.xaA2, lossOid)).value).toBe(''); // idle again: nothing measured
  });

  it('call up and down send the profile traps with the remote site', async () => {
    const mark = traps.length;
    sim.setCall('xa-a2-1', { inCall: true, remote: 'MCU-TEST' });
    const up = await waitForTrap((t) => sysName(t) === 'xa-a2-1' && trapOid(t) === '1.3.6.1.4.1.2684.1.1.0.4', mark);
    expect(text(vb(up, '1.3.6.1.4.1.2684.1.1.2.0')?.value)).toBe('MCU-TEST');
    sim.setCall('xa-a2-1', { inCall: false });
    const down = await waitForTrap((t) => sysName(t) === 'xa-a2-1' && trapOid(t) === '1.3.6.1.4.1.2684.1.1.0.5', mark);
    expect(text(vb(down, '1.3.6.1.4.1.2684.1.1.2.0')?.value)).toBe('MCU-TEST');
  });

  it('bad requests give clear errors and never throw', () => {
    const bad = (f: unknown) => {
      const r = sim.applyFault(f);
      expect(r.ok).toBe(false);
      return r.ok ? '' : r.error;
    };
    expect(bad({ target: 'nowhere', kind: 'down' })).toMatch(/unknown target "nowhere"/);
    expect(bad({ target: 'tinh-1', kind: 'explode' })).toMatch(/kind/);
    expect(bad({ target: 'tinh-1', kind: 'loss' })).toMatch(/value: a loss fault needs a value/);
    expect(bad({ target: 'tinh-1', kind: 'loss', value: 150 })).toMatch(/at most 100/);
    expect(bad({ target: 'tinh-1', kind: 'jitter', value: -1 })).toMatch(/value: must not be negative/);
    expect(bad({ target: 'tinh-1', kind: 'down', durationS: 0 })).toMatch(/durationS/);
    expect(bad({ target: 'tinh-1', kind: 'down', extra: 1 })).toMatch(/extra/);
    expect(bad(null)).toMatch(/bad fault request/);
    expect(bad('down')).toMatch(/bad fault request/);
    expect(sim.setCall('nowhere', { inCall: true })).toBe(false);
  });

  it('a taken port names the endpoint and the port', async () => {
    await expect(startSimulator({ inventory: inventory(), profiles: loadProfiles(), trapTarget: null })).rejects.toThrow(
      /endpoint "tinh-1" on 127\.0\.0\.1:21101 \(udp\): the port is already in use/,
    );
    expect(await answers(V3, P.tinh)).toBe(true);
  });
});
