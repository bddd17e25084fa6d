import { execFile } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeviceProfile } from '../../../shared/device-profile.js';
import { createEndpointResolver, createTrapReceiver, type TrapEvent, type TrapReceiver, type TrapRejectReason } from '../../../electron/engine/snmp/trap-receiver.js';
import { int, message, notification, octets, TAG, tlv, varbind } from './ber.js';
import { SampleLog } from './collect.js';
import { requireNetSnmpTools } from './snmpd.js';

// The notifications from issue #14 that killed the engine, and their neighbours: each is dropped,
// counted by reason and logged (a few lines, then a summary), and the receiver keeps receiving.

const profile: DeviceProfile = { id: 'p', name: 'p', mib: 'test', metrics: {}, traps: [] };
const log = new SampleLog();
const events: TrapEvent[] = [];
const rejects: { reason: TrapRejectReason; endpointId: string | null }[] = [];
let receiver: TrapReceiver;
let toolsDir: string;

beforeAll(async () => {
  requireNetSnmpTools();
  toolsDir = await mkdtemp(join(tmpdir(), 'bp-snmptools-'));
  receiver = await createTrapReceiver({
    port: 0,
    address: '127.0.0.1',
    communities: ['public'],
    users: [],
    resolveEndpoint: createEndpointResolver([{ endpointId: 'ba-be-1', host: '127.0.0.1', port: 161, profile }]),
    onTrap: (e) => {
      events.push(e);
      log.notify();
    },
    onReject: (r) => void rejects.push({ reason: r.reason, endpointId: r.endpointId }),
    onLog: log.onLog,
    badPerSecond: 5000, // the storm below is paced under it; the budget has its own test
  });
});

afterAll(async () => {
  await receiver?.close();
  if (toolsDir) await rm(toolsDir, { recursive: true, force: true });
});

/** Paced (a pause every 50 packets) so loopback's socket buffer does not drop any: the test counts them all. */
async function sendRaw(packets: Buffer[]): Promise<void> {
  const s = createSocket('udp4');
  for (const [i, p] of packets.entries()) {
    await new Promise<void>((resolve, reject) => s.send(p, receiver.port, '127.0.0.1', (err) => (err ? reject(err) : resolve())));
    if (i % 50 === 49) await new Promise((r) => setTimeout(r, 5));
  }
  s.close();
}

function inform(tool: 'snmpinform' | 'snmptrap', args: string[]): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile(`/usr/bin/${tool}`, ['-r', '0', '-t', '1', '-v', '2c', '-c', 'public', `127.0.0.1:${receiver.port}`, '', ...args], { env: { ...process.env, SNMP_PERSISTENT_DIR: toolsDir, SNMPCONFPATH: toolsDir, MIBS: '' } }, (err, _o, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stderr }),
    );
  });
}

const by = (reason: TrapRejectReason) => receiver.stats().rejectedBy[reason];

/** Send, wait until `reason` grew by `n`, and check nothing was delivered and the receiver still works. */
async function expectDropped(packets: Buffer[], reason: TrapRejectReason, n = packets.length): Promise<void> {
  const before = { ...receiver.stats(), reason: by(reason) };
  const delivered = events.length;
  await sendRaw(packets);
  await log.until(() => by(reason) === before.reason + n, `${n} × ${reason}`);
  expect(receiver.stats().rejected).toBe(before.rejected + n);
  expect(events.length).toBe(delivered);
  expect((await inform('snmptrap', ['1.3.6.1.6.3.1.1.5.1'])).code).toBe(0);
  await log.until(() => events.length > delivered, 'the next good trap');
}

describe('trap receiver: hostile notifications (issue #14)', () => {
  it('an inform with a BIT STRING varbind cannot be acknowledged: dropped as unencodable_reply, not thrown', async () => {
    await expectDropped([notification(TAG.InformRequest, 'public', '1.3.6.1.4.1.1.0.1', [varbind('1.3.6.1.4.1.1.2', tlv(TAG.BitString, Buffer.from([0, 0xff])))])], 'unencodable_reply');
    expect(log.lines.join('\n')).toMatch(/dropped an inform whose acknowledgement cannot be encoded from 127\.0\.0\.1:\d+: Unknown type '3'/);
  });

  it('an inform with an INTEGER beyond 32 bits: the same', async () => {
    await expectDropped([notification(TAG.InformRequest, 'public', '1.3.6.1.4.1.1.0.1', [varbind('1.3.6.1.4.1.1.3', int(2 ** 40))])], 'unencodable_reply');
    expect(log.lines.join('\n')).toMatch(/outside the signed 32-bit range/);
  });

  it('a GetRequest, a Response and a v2c Report are no notifications: unexpected_pdu', async () => {
    const vbs = [varbind('1.3.6.1.2.1.1.3.0', tlv(TAG.Null, Buffer.alloc(0)))];
    await expectDropped([message(1, 'public', TAG.GetRequest, 5, vbs), message(1, 'public', TAG.GetResponse, 6, vbs), message(1, 'public', TAG.Report, 7, vbs)], 'unexpected_pdu');
  });

  it('a TrapV2 without snmpTrapOID.0 is dropped as no_trap_oid', async () => {
    await expectDropped([message(1, 'public', TAG.TrapV2, 8, [varbind('1.3.6.1.2.1.1.3.0', int(1, TAG.TimeTicks))])], 'no_trap_oid');
  });

  it('a storm from one address: every packet counted, at most 3 log lines of each kind, onReject at the same rate', async () => {
    const linesBefore = log.lines.length;
    const rejectsBefore = rejects.length;
    const storm = Array.from({ length: 2000 }, (_, i) => (i % 2 ? Buffer.from([0x30, 0x05, 0x02, 0x01]) : notification(TAG.TrapV2, `guess${i}`, '1.3.6.1.6.3.1.1.5.1')));
    const before = { malformed: by('malformed'), auth: by('auth') };
    await sendRaw(storm);
    await log.until(() => by('malformed') === before.malformed + 1000 && by('auth') === before.auth + 1000, `the storm counted (${JSON.stringify(receiver.stats())})`);
    const lines = log.lines.slice(linesBefore);
    expect(lines.filter((l) => l.includes('unreadable packet from 127.0.0.1')).length).toBeLessThanOrEqual(3);
    expect(lines.filter((l) => l.includes('rejected a notification from 127.0.0.1')).length).toBeLessThanOrEqual(3);
    expect(lines.join('\n')).not.toMatch(/guess/); // no community strings in the log
    expect(rejects.length - rejectsBefore).toBeLessThanOrEqual(6);
    // The sender's address names one endpoint: the rejection is shown on it.
    expect(rejects.slice(rejectsBefore).every((r) => r.endpointId === 'ba-be-1')).toBe(true);
  }, 15_000);
});

describe('trap receiver: budget for senders of bad datagrams', () => {
  it('past badPerSecond bad datagrams, the rest of that second is counted over_budget unread; good senders are not affected', async () => {
    const lines: string[] = [];
    const got: TrapEvent[] = [];
    const r = await createTrapReceiver({ port: 0, address: '127.0.0.1', communities: ['public'], users: [], resolveEndpoint: () => null, onTrap: (e) => got.push(e), onLog: (l) => lines.push(l), badPerSecond: 50 });
    try {
      const storm = createSocket('udp4');
      const good = createSocket('udp4');
      const send = (s: typeof storm, p: Buffer) => new Promise<void>((resolve) => s.send(p, r.port, '127.0.0.1', () => resolve()));
      // 300 bad datagrams within a second from one socket (paced so loopback drops none), then good traps from another.
      for (let i = 0; i < 300; i++) {
        await send(storm, Buffer.from('not snmp'));
        if (i % 50 === 49) await new Promise((resolve) => setTimeout(resolve, 5));
      }
      for (let i = 0; i < 5; i++) await send(good, notification(TAG.TrapV2, 'public', '1.3.6.1.6.3.1.1.5.1'));
      await log.until(() => r.stats().rejected === 300 && got.length === 5, '300 rejected and 5 traps', 4000).catch(() => {});
      expect({ ...r.stats(), traps: got.length }).toMatchObject({ rejected: 300, traps: 5 });
      const { malformed, over_budget } = r.stats().rejectedBy;
      expect(malformed + over_budget).toBe(300);
      expect(malformed).toBeGreaterThanOrEqual(50);
      expect(over_budget).toBeGreaterThan(0); // sent within a second or two: most were not parsed
      expect(lines.filter((l) => l.includes('dropped unread a datagram')).length).toBeLessThanOrEqual(3);
      storm.close();
      good.close();
    } finally {
      await r.close();
    }
  });
});

describe('trap receiver: every value type snmpinform can send is acknowledged', () => {
  // snmpinform's value types; BITS ('b') goes out as an OCTET STRING, the 64-bit and float types as Opaque.
  const values: [string, string][] = [
    ['i', '-2147483648'], ['u', '4294967295'], ['t', '4294967295'], ['a', '10.0.0.1'], ['o', '1.3.6.1.4.1.1'], ['s', 'x'],
    ['x', 'ff00'], ['d', '1.2.3'], ['n', ''], ['b', '0 7 15'], ['U', '18446744073709551615'], ['I', '-9223372036854775808'], ['F', '1.5'], ['D', '2.5'],
  ];
  it.each(values)('type %s (%s)', async (type, value) => {
    const delivered = events.length;
    const r = await inform('snmpinform', ['1.3.6.1.4.1.1.0.9', '1.3.6.1.4.1.1.9', type, value]);
    expect(r.code, r.stderr).toBe(0);
    await log.until(() => events.length > delivered, 'the inform');
  });
});

describe('trap receiver: the raw builders', () => {
  it('make a well-formed trap that is delivered (so the drops above are about what they test)', async () => {
    const delivered = events.length;
    await sendRaw([notification(TAG.TrapV2, 'public', '1.3.6.1.6.3.1.1.5.1', [varbind('1.3.6.1.2.1.1.5.0', octets('ba-be-1'))])]);
    await log.until(() => events.length > delivered, 'the raw trap');
  });
});
