import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import snmp from 'net-snmp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { validateDeviceProfile, type DeviceProfile } from '../../../shared/device-profile.js';
import type { SnmpSettings } from '../../../shared/inventory.js';
import { createSnmpPoller, type PolledEndpoint, type PollSample, type SnmpPoller } from '../../../electron/engine/snmp/poller.js';
import { SampleLog } from './collect.js';
import { Snmpd } from './snmpd.js';

// The interface the poller watches (issue 12 item 4), against Debian's snmpd: with this machine's
// own ifTable (lo at ifIndex 1, whatever else), and with recorded walks served by snmpd in place
// of its IF-MIB (walks/*.snmprec): interfaces that do not depend on the machine, an agent without
// ifXTable whose 32-bit counter wraps between two polls, one without counters, a lone loopback,
// and an agent that restarts with its interfaces renumbered.

const generic = ((): DeviceProfile => {
  const r = validateDeviceProfile(JSON.parse(readFileSync(join(import.meta.dirname, '../../../assets/profiles/generic-mib2.json'), 'utf8')));
  if (!r.ok) throw new Error(r.issues.join('\n'));
  return r.profile;
})();
const V2C: SnmpSettings = { version: '2c', community: 'public' };

const agents: Snmpd[] = [];
let poller: SnmpPoller | null = null;
afterEach(async () => {
  await poller?.close();
  poller = null;
});
afterAll(async () => {
  await Promise.all(agents.map((a) => a.dispose()));
});

async function agent(walk?: string): Promise<Snmpd> {
  const a = await Snmpd.start(walk ? { walk } : {});
  agents.push(a);
  return a;
}

function start(log: SampleLog, intervalMs = 400, interfaceRetryMs?: number): SnmpPoller {
  poller = createSnmpPoller({ intervalMs, timeoutMs: 500, retries: 1, onSample: log.onSample, onLog: log.onLog, ...(interfaceRetryMs ? { interfaceRetryMs } : {}) });
  return poller;
}

const ep = (id: string, a: Snmpd, extra: Partial<PolledEndpoint> = {}): PolledEndpoint => ({ endpointId: id, host: '127.0.0.1', port: a.port, snmp: V2C, profile: generic, ...extra });
const rate = (s: PollSample, m: 'rxBps' | 'txBps') => s.values[m];
/** The n-th answered sample that has a rate (the first reading of a counter has none). */
const withRate = (log: SampleLog, id: string, skip = 0) => log.next(id, (s) => typeof s.values.rxBps === 'number', skip);

describe("this machine's interfaces (Debian snmpd)", () => {
  let snmpd: Snmpd;
  beforeAll(async () => {
    snmpd = await agent();
  });

  it('without a name: never lo (ifIndex 1); named lo: ifIndex 1, with a traffic rate from its 64-bit counters', async () => {
    const log = new SampleLog();
    const p = start(log);
    p.setEndpoints([ep('auto', snmpd), ep('lo', snmpd, { interface: { name: 'lo' } })]);
    const named = await withRate(log, 'lo');
    expect(p.watchedIfIndex?.('lo')).toBe(1);
    expect(named.values.ifOperUp).toBe(true);
    // The poller's own SNMP traffic crosses lo (snmpd refreshes its counters every few seconds).
    await log.next('lo', (s) => (s.values.rxBps as number) > 0, 0, 12_000);
    expect(log.lines.join('\n')).toMatch(/snmp lo: watching interface lo \(ifIndex 1, named in the inventory, by ifName\)/);
    const auto = await log.next('auto', (s) => s.answered && 'ifOperUp' in s.values);
    const chosen = p.watchedIfIndex?.('auto');
    if (chosen === null) {
      // A machine with nothing up but lo: no interface is watched, and the sample says why.
      expect(auto.values).toMatchObject({ ifOperUp: null, rxBps: null, txBps: null });
      expect(auto.problems.join('\n')).toMatch(/interface: no interface to watch/);
    } else {
      expect(chosen).not.toBe(1);
      expect(auto.values.ifOperUp).toBe(true);
      expect(log.lines.join('\n')).toMatch(new RegExp(`snmp auto: watching interface (?!lo )\\S+ \\(ifIndex ${chosen}, the first one up that is not a loopback\\)`));
    }
  });

  it('SNMPv1 has no Counter64: the 32-bit ifInOctets/ifOutOctets are read instead', async () => {
    const log = new SampleLog();
    const p = start(log);
    p.setEndpoints([ep('v1', snmpd, { snmp: { version: '1', community: 'public' }, interface: { name: 'lo' } })]);
    const s = await withRate(log, 'v1');
    expect(s.values.txBps).toEqual(expect.any(Number));
    await log.next('v1', (x) => (x.values.rxBps as number) > 0, 0, 12_000);
    expect(log.lines.join('\n')).toMatch(/snmp v1: watching interface lo \(ifIndex 1, named in the inventory, by ifName; 32-bit counters/);
    expect(p.watchedIfIndex?.('v1')).toBe(1);
  });
});

describe('recorded walks served by snmpd', () => {
  it('ifTable + ifXTable: the first interface up and not a loopback (eth1), or the one named (eth0, down), or a name not found', async () => {
    const a = await agent('codec-ifxtable.snmprec');
    const log = new SampleLog();
    const p = start(log);
    p.setEndpoints([ep('auto', a), ep('eth0', a, { interface: { name: 'eth0' } }), ep('typo', a, { interface: { name: 'eth9' } })]);
    const auto = await withRate(log, 'auto');
    expect(p.watchedIfIndex?.('auto')).toBe(3);
    expect(auto.values.ifOperUp).toBe(true);
    // 250 000 and 125 000 octets/s in the walk: 2 and 1 Mbit/s from the 64-bit counters.
    expect(auto.values.rxBps).toBeGreaterThan(2e6 * 0.85);
    expect(auto.values.rxBps).toBeLessThan(2e6 * 1.15);
    expect(rate(auto, 'txBps')).toBeGreaterThan(1e6 * 0.85);
    expect(rate(auto, 'txBps')).toBeLessThan(1e6 * 1.15);
    expect(auto.problems).toEqual([]);

    const eth0 = await withRate(log, 'eth0');
    expect(p.watchedIfIndex?.('eth0')).toBe(2);
    expect(eth0.values).toMatchObject({ ifOperUp: false, rxBps: 0, txBps: 0 });

    const typo = await log.next('typo', (s) => s.answered && 'ifOperUp' in s.values);
    expect(p.watchedIfIndex?.('typo')).toBeNull();
    expect(typo.values).toMatchObject({ ifOperUp: null, rxBps: null, txBps: null });
    expect(typo.problems).toContain('interface: interface "eth9" not found by ifName or ifDescr (interfaces: lo, eth0, eth1)');
    expect(typo.values.uptimeS).toEqual(expect.any(Number)); // the rest of the poll goes on
  });

  it('no ifXTable: matched by ifDescr, 32-bit counters, and a wrap between two polls is a rate, not a reset', async () => {
    const a = await agent('codec-no-ifxtable.snmprec');
    const log = new SampleLog();
    const p = start(log, 400);
    p.setEndpoints([ep('old', a), ep('named', a, { interface: { name: 'LAN port 1' } })]);
    const session = snmp.createSession('127.0.0.1', 'public', { port: a.port, version: snmp.Version2c });
    const ifInOctets = () =>
      new Promise<number>((resolve, reject) => session.get(['1.3.6.1.2.1.2.2.1.10.2'], (err, vbs) => (err ? reject(err) : resolve(Number(vbs![0]!.value)))));
    // ifInOctets.2 starts 1.6 MB below 2^32 and grows 1 MB/s (8 Mbit/s): it wraps about 1.6 s in.
    const first = await withRate(log, 'old');
    expect(await ifInOctets()).toBeGreaterThanOrEqual(4293367296); // not yet wrapped after the first rate
    await log.until(() => log.of('old').filter((s) => typeof s.values.rxBps === 'number').length >= 6 && Date.now() - Date.parse(first.at) > 2500, 'polls across the wrap', 10_000);
    expect(await ifInOctets()).toBeLessThan(4293367296); // wrapped since: one pair of polls straddles it
    session.close();
    const rates = log.of('old').map((s) => s.values.rxBps).filter((v): v is number => typeof v === 'number');
    for (const r of rates) {
      expect(r).toBeGreaterThan(8e6 * 0.85);
      expect(r).toBeLessThan(8e6 * 1.15);
    }
    expect(log.of('old').flatMap((s) => s.problems).join('\n')).not.toMatch(/counter-reset|implausible/);
    expect(p.watchedIfIndex?.('old')).toBe(2);
    expect(p.watchedIfIndex?.('named')).toBe(2);
    expect(log.lines.join('\n')).toMatch(/snmp old: watching interface LAN port 1 \(ifIndex 2, the first one up that is not a loopback; 32-bit counters/);
    expect(log.lines.join('\n')).toMatch(/snmp named: watching interface LAN port 1 \(ifIndex 2, named in the inventory, by ifDescr; 32-bit counters/);
  });

  it('neither 64- nor 32-bit counters: null rates with the reason, interface state still read', async () => {
    const a = await agent('codec-no-counters.snmprec');
    const log = new SampleLog();
    start(log).setEndpoints([ep('bare', a)]);
    const s = await log.next('bare', (x) => x.answered && 'ifOperUp' in x.values);
    expect(s.values).toMatchObject({ ifOperUp: true, rxBps: null, txBps: null });
    expect(s.problems).toEqual([
      'rxBps: the agent has neither ifHCInOctets.4 nor ifInOctets.4 (interface em0)',
      'txBps: the agent has neither ifHCOutOctets.4 nor ifOutOctets.4 (interface em0)',
    ]);
  });

  it('a lone loopback is never chosen; named, it is watched', async () => {
    const a = await agent('loopback-only.snmprec');
    const log = new SampleLog();
    const p = start(log, 300, 900);
    p.setEndpoints([ep('lone', a), ep('lo', a, { interface: { name: 'lo' } })]);
    const lone = await log.next('lone', (s) => s.answered && 'ifOperUp' in s.values);
    expect(lone.values).toMatchObject({ ifOperUp: null, rxBps: null, txBps: null });
    expect(lone.problems.join('\n')).toMatch(/^interface: no interface to watch: only a loopback \(lo\); name the interface in the inventory/);
    expect(p.watchedIfIndex?.('lone')).toBeNull();
    const lo = await withRate(log, 'lo');
    expect(lo.values.ifOperUp).toBe(true);
    expect(p.watchedIfIndex?.('lo')).toBe(1);
    // Looked for again every interfaceRetryMs, and logged once: the problem did not change.
    await log.until(() => log.of('lone').length >= 6, 'six polls');
    expect(log.lines.filter((l) => l.startsWith('snmp lone: no interface to watch'))).toHaveLength(1);
    expect(log.of('lone').slice(-1)[0]!.problems.join('\n')).toMatch(/only a loopback/);
  });

  it('an agent that restarts with its interfaces renumbered is looked up again in the same poll (sysUpTime went back)', async () => {
    const a = await agent('codec-ifxtable.snmprec');
    const log = new SampleLog();
    const p = start(log, 1000);
    p.setEndpoints([ep('codec', a)]);
    await log.next('codec', (s) => typeof s.values.rxBps === 'number');
    await log.until(() => (log.of('codec').at(-1)?.values.uptimeS as number | undefined ?? 0) >= 2, 'two seconds of uptime', 8000);
    expect(p.watchedIfIndex?.('codec')).toBe(3);
    // Restart right after a poll, well within the interval: no poll fails in between.
    const before = log.of('codec').length;
    await log.next('codec', () => true, before);
    await a.stop();
    await a.useWalk('codec-ifxtable-renumbered.snmprec');
    await a.resume();
    const after = await log.next('codec', () => true, before + 1);
    expect(after.answered).toBe(true);
    expect(after.problems.join('\n')).toMatch(/interface: the agent restarted; watching interface eth1 \(ifIndex 5, the first one up that is not a loopback\)/);
    expect('rxBps' in after.values).toBe(false); // read at the old index: not shown
    expect(p.watchedIfIndex?.('codec')).toBe(5);
    // From the new row: 500 000 octets/s → 4 Mbit/s.
    const next = await log.next('codec', (s) => typeof s.values.rxBps === 'number', log.of('codec').indexOf(after) + 1, 6000);
    expect(next.values.rxBps).toBeGreaterThan(4e6 * 0.85);
    expect(next.values.rxBps).toBeLessThan(4e6 * 1.15);
  });

  it('an agent that comes back after a failed poll is looked up again', async () => {
    const a = await agent('codec-ifxtable.snmprec');
    const log = new SampleLog();
    const p = start(log, 300);
    p.setEndpoints([ep('flaky', a)]);
    await log.next('flaky', (s) => typeof s.values.rxBps === 'number');
    expect(p.watchedIfIndex?.('flaky')).toBe(3);
    await a.stop();
    await a.useWalk('codec-ifxtable-renumbered.snmprec');
    const down = log.of('flaky').length;
    await log.next('flaky', (s) => !s.answered, down);
    expect(p.watchedIfIndex?.('flaky')).toBeNull(); // forgotten after the failure
    await a.resume();
    await log.next('flaky', (s) => s.answered && s.values.ifOperUp === true, down, 8000);
    expect(p.watchedIfIndex?.('flaky')).toBe(5);
  });
});
