import { execFile } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateDeviceProfile, type DeviceProfile } from '../../../shared/device-profile.js';
import { createEndpointResolver, createTrapReceiver, type TrapEvent, type TrapReceiver } from '../../../electron/engine/snmp/trap-receiver.js';
import { SampleLog } from './collect.js';
import { freeUdpPort, requireNetSnmpTools, V3 } from './snmpd.js';

// Notifications sent by Debian's snmptrap / snmpinform (real peers), and bad ones from a raw socket.

function loadProfile(id: string): DeviceProfile {
  const r = validateDeviceProfile(JSON.parse(readFileSync(join(import.meta.dirname, `../../../assets/profiles/${id}.json`), 'utf8')));
  if (!r.ok) throw new Error(r.issues.join('\n'));
  return r.profile;
}

const polycom = loadProfile('polycom-group');
const log = new SampleLog();
const events: TrapEvent[] = [];
let receiver: TrapReceiver;
let toolsDir: string;
let target: string;

const resolveBaBe = createEndpointResolver([{ endpointId: 'ba-be-1', host: '127.0.0.1', port: 161, profile: polycom }]);

beforeAll(async () => {
  requireNetSnmpTools();
  toolsDir = await mkdtemp(join(tmpdir(), 'bp-snmptools-'));
  receiver = await createTrapReceiver({
    port: 0,
    address: '127.0.0.1',
    communities: ['public'],
    users: [{ user: V3.user, level: 'authPriv', authProtocol: 'sha', authKey: V3.authKey, privProtocol: 'aes', privKey: V3.privKey }],
    // As monitoring does: the resolved endpoint with the ifIndex its poller watches (1 here).
    resolveEndpoint: (source, varbinds) => {
      const e = resolveBaBe(source, varbinds);
      return e && { ...e, ifIndex: 1 };
    },
    onTrap: (e) => {
      events.push(e);
      log.notify();
    },
    onLog: log.onLog,
  });
  target = `127.0.0.1:${receiver.port}`;
});

afterAll(async () => {
  await receiver?.close();
  await receiver?.close(); // a second close is harmless
  if (toolsDir) await rm(toolsDir, { recursive: true, force: true });
});

/** Run snmptrap / snmpinform with no system config and a private persistent dir; resolve its exit code. */
function tool(bin: 'snmptrap' | 'snmpinform', args: string[]): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile(`/usr/bin/${bin}`, ['-r', '0', '-t', '1', ...args], { env: { ...process.env, SNMP_PERSISTENT_DIR: toolsDir, SNMPCONFPATH: toolsDir, MIBS: '' } }, (err, _out, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stderr }),
    );
  });
}

async function nextEvent(pred: (e: TrapEvent) => boolean): Promise<TrapEvent> {
  return log.until(() => events.find(pred), 'a trap event');
}

const V3_ARGS = ['-v', '3', '-u', V3.user, '-l', 'authPriv', '-a', 'SHA', '-A', V3.authKey, '-x', 'AES', '-X', V3.privKey];
const IF_INDEX_1 = ['1.3.6.1.2.1.2.2.1.1.1', 'i', '1'];

describe('trap receiver with snmptrap / snmpinform', () => {
  it('v1 linkDown (generic 2) with ifIndex 1 sets the interface down at once', async () => {
    const r = await tool('snmptrap', ['-v', '1', '-c', 'public', target, '1.3.6.1.4.1.8072.3.2.10', '127.0.0.1', '2', '0', '', ...IF_INDEX_1]);
    expect(r.code).toBe(0);
    const e = await nextEvent((x) => x.name === 'linkDown ifIndex 1');
    expect(e).toMatchObject({ endpointId: 'ba-be-1', oid: '1.3.6.1.6.3.1.1.5.3', severity: 'critical', set: { ifOperUp: false } });
    expect(e.source).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(Number.isNaN(Date.parse(e.at))).toBe(false);
  });

  it('v2c linkUp sets it up again', async () => {
    expect((await tool('snmptrap', ['-v', '2c', '-c', 'public', target, '', '1.3.6.1.6.3.1.1.5.4', ...IF_INDEX_1])).code).toBe(0);
    const e = await nextEvent((x) => x.name === 'linkUp ifIndex 1');
    expect(e).toMatchObject({ severity: 'info', set: { ifOperUp: true } });
  });

  it("v2c profile trap: Polycom callUp carries the remote site", async () => {
    const args = ['-v', '2c', '-c', 'public', target, '', '1.3.6.1.4.1.2684.1.1.0.4', '1.3.6.1.4.1.2684.1.1.2.0', 's', 'UBND huyen Na Ri'];
    expect((await tool('snmptrap', args)).code).toBe(0);
    const e = await nextEvent((x) => x.name === 'callUp');
    expect(e).toMatchObject({ endpointId: 'ba-be-1', severity: 'info', set: { inCall: true, remoteSite: 'UBND huyen Na Ri' } });
  });

  it('v1 enterprise-specific trap maps to enterprise.0.specific (Polycom callDown)', async () => {
    expect((await tool('snmptrap', ['-v', '1', '-c', 'public', target, '1.3.6.1.4.1.2684.1.1', '127.0.0.1', '6', '5', ''])).code).toBe(0);
    const e = await nextEvent((x) => x.name === 'callDown');
    expect(e).toMatchObject({ oid: '1.3.6.1.4.1.2684.1.1.0.5', set: { inCall: false, bitrateKbps: null } });
  });

  it('v2c inform is acknowledged (snmpinform exits 0) and decoded as coldStart', async () => {
    const r = await tool('snmpinform', ['-v', '2c', '-c', 'public', target, '', '1.3.6.1.6.3.1.1.5.1']);
    expect(r.code, r.stderr).toBe(0);
    expect(await nextEvent((x) => x.name === 'coldStart')).toMatchObject({ severity: 'warning', set: {} });
  });

  it('v3 authPriv (SHA/AES) trap and inform are received; the inform is acknowledged', async () => {
    const trap = await tool('snmptrap', [...V3_ARGS, '-e', '0x8000000001020304', target, '', '1.3.6.1.6.3.1.1.5.2']);
    expect(trap.code, trap.stderr).toBe(0);
    await nextEvent((x) => x.name === 'warmStart');
    const inform = await tool('snmpinform', [...V3_ARGS, target, '', '1.3.6.1.4.1.2684.1.1.0.33', '1.3.6.1.4.1.2684.1.1.21.0', 's', '4.5']);
    expect(inform.code, inform.stderr).toBe(0);
    const e = await nextEvent((x) => x.name === 'percentPacketLossExcessive');
    expect(e).toMatchObject({ severity: 'warning', set: { packetLossPct: 4.5 } });
  });

  it('unknown community, wrong v3 key and unknown v3 user are rejected, counted and logged', async () => {
    const before = receiver.stats();
    const received = events.length;
    await tool('snmptrap', ['-v', '2c', '-c', 'guessed', target, '', '1.3.6.1.6.3.1.1.5.1']);
    await log.until(() => receiver.stats().rejected === before.rejected + 1, 'the unknown community to be counted');
    expect(log.lines.join('\n')).toMatch(/rejected a notification from 127\.0\.0\.1:\d+: unknown community/);
    expect(log.lines.join('\n')).not.toMatch(/guessed/); // no community strings in the log

    const wrongKey = V3_ARGS.map((a) => (a === V3.authKey ? 'wrongwrong1' : a));
    await tool('snmptrap', [...wrongKey, '-e', '0x8000000001020305', target, '', '1.3.6.1.6.3.1.1.5.1']);
    await log.until(() => receiver.stats().rejected === before.rejected + 2, 'the wrong key to be counted');

    const unknown = await tool('snmpinform', ['-v', '3', '-u', 'intruder', '-l', 'noAuthNoPriv', target, '', '1.3.6.1.6.3.1.1.5.1']);
    expect(unknown.code).not.toBe(0); // refused with a Report, not acknowledged
    await log.until(() => receiver.stats().rejected === before.rejected + 3, 'the unknown user to be counted');
    expect(log.lines.join('\n')).toMatch(/SNMPv3 unknown user/);
    expect(events.length).toBe(received);
    expect(receiver.stats().received).toBe(before.received);
  });
});

describe('trap receiver bad input (raw UDP)', () => {
  async function sendRaw(packet: Buffer): Promise<void> {
    const s = createSocket('udp4');
    await new Promise<void>((resolve, reject) => s.send(packet, receiver.port, '127.0.0.1', (err) => (err ? reject(err) : resolve())));
    s.close();
  }

  it('truncated and garbage packets are counted as malformed, and the receiver keeps working', async () => {
    const before = receiver.stats().malformed;
    await sendRaw(Buffer.from([0x30, 0x82, 0x01, 0x00, 0x02, 0x01])); // claims 256 bytes, has 2
    await sendRaw(Buffer.from('GET / HTTP/1.1\r\n\r\n'));
    await log.until(() => receiver.stats().malformed === before + 2, 'two malformed packets');
    expect(log.lines.join('\n')).toMatch(/unreadable packet from 127\.0\.0\.1:\d+/);
    expect((await tool('snmptrap', ['-v', '2c', '-c', 'public', target, '', '1.3.6.1.6.3.1.1.5.3', '1.3.6.1.2.1.2.2.1.1.1', 'i', '2'])).code).toBe(0);
    const e = await nextEvent((x) => x.name === 'linkDown ifIndex 2');
    expect(e).toMatchObject({ severity: 'warning', set: {} }); // not the interface the profile watches
  });
});

describe('trap receiver: ports and sources', () => {
  it('a port in use gives one clear log line and the fallback port', async () => {
    const busy = createSocket('udp4');
    await new Promise<void>((resolve) => busy.bind(0, '127.0.0.1', resolve));
    const busyPort = busy.address().port;
    const fallbackPort = await freeUdpPort();
    const lines: string[] = [];
    try {
      const r = await createTrapReceiver({ port: busyPort, fallbackPort, address: '127.0.0.1', communities: [], users: [], resolveEndpoint: () => null, onTrap: () => {}, onLog: (l) => lines.push(l) });
      expect(r.port).toBe(fallbackPort);
      await r.close();
      expect(lines.filter((l) => l.includes(`cannot listen on UDP port ${busyPort}`))).toHaveLength(1);
      expect(lines.join('\n')).toMatch(/in use by another program.*listening on \d+ instead/);
      // Without a fallback the bind error is the caller's to report.
      await expect(createTrapReceiver({ port: busyPort, address: '127.0.0.1', communities: [], users: [], resolveEndpoint: () => null, onTrap: () => {} })).rejects.toMatchObject({ code: 'EADDRINUSE' });
    } finally {
      busy.close();
    }
  });

  it('many codecs on 127.0.0.1: sysName.0 names the endpoint; an ambiguous sender is counted as unknown', async () => {
    const got: TrapEvent[] = [];
    const lines: string[] = [];
    const endpoints = ['cho-ra-1', 'na-ri-1'].map((endpointId, i) => ({ endpointId, host: '127.0.0.1', port: 20161 + i, profile: polycom }));
    const r = await createTrapReceiver({
      port: 0,
      address: '127.0.0.1',
      communities: ['public'],
      users: [],
      resolveEndpoint: createEndpointResolver(endpoints),
      onTrap: (e) => got.push(e),
      onLog: (l) => lines.push(l),
    });
    try {
      const to = `127.0.0.1:${r.port}`;
      await tool('snmptrap', ['-v', '2c', '-c', 'public', to, '', '1.3.6.1.4.1.2684.1.1.0.4', '1.3.6.1.2.1.1.5.0', 's', 'na-ri-1']);
      await tool('snmptrap', ['-v', '2c', '-c', 'public', to, '', '1.3.6.1.4.1.2684.1.1.0.4']);
      await log.until(() => got.length === 2, 'two traps');
      const [named, anonymous] = [got.find((e) => e.endpointId !== null), got.find((e) => e.endpointId === null)];
      expect(named).toMatchObject({ endpointId: 'na-ri-1', name: 'callUp' });
      expect(anonymous).toMatchObject({ endpointId: null, oid: '1.3.6.1.4.1.2684.1.1.0.4', name: '1.3.6.1.4.1.2684.1.1.0.4' });
      expect(r.stats()).toMatchObject({ received: 2, unknownSource: 1, rejected: 0 });
      expect(lines.join('\n')).toMatch(/from 127\.0\.0\.1, which is no endpoint in the inventory/);
    } finally {
      await r.close();
    }
  });
});
