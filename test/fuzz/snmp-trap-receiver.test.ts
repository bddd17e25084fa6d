import { createSocket, type Socket } from 'node:dgram';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeviceProfile } from '../../shared/device-profile.js';
import { createEndpointResolver, createTrapReceiver, type TrapEvent, type TrapReceiver } from '../../electron/engine/snmp/trap-receiver.js';
import { int, message, notification, octets, TAG, tlv, varbind } from '../engine/snmp/ber.js';
import { FUZZ_SEED, fuzzRuns } from './fuzz-target.js';
import { mutate, mutations, valueTlv, validNotifications, varbinds, oidText } from './snmp-datagrams.js';

/**
 * The trap receiver against mutated and generated BER datagrams over real UDP on loopback, with
 * the accepted community (so they reach net-snmp's decoder, its authorizer and its inform reply):
 * the process stays up, and every datagram ends up counted, as a notification received or as one
 * rejected (by reason), or answered (an SNMPv3 discovery Report); a good trap after each batch
 * is still delivered. Fixed seed, bounded runs; FUZZ_RUNS raises them.
 */

const COMMUNITY = 'public';
const profile: DeviceProfile = { id: 'p', name: 'p', mib: 'test', metrics: {}, traps: [] };
const events: TrapEvent[] = [];
const lines: string[] = [];
let receiver: TrapReceiver;
let sender: Socket;
let answers = 0;

beforeAll(async () => {
  receiver = await createTrapReceiver({
    port: 0,
    address: '127.0.0.1',
    communities: [COMMUNITY],
    users: [],
    resolveEndpoint: createEndpointResolver([{ endpointId: 'ba-be-1', host: '127.0.0.1', port: 161, profile }]),
    onTrap: (e) => void events.push(e),
    onLog: (l) => void lines.push(l),
    // Every datagram to the parser: the budget for bad senders would drop most of them unread.
    badPerSecond: Number.POSITIVE_INFINITY,
  });
  sender = createSocket('udp4');
  sender.on('message', () => answers++);
  await new Promise<void>((resolve) => sender.bind(0, '127.0.0.1', resolve));
});

afterAll(async () => {
  sender?.close();
  await receiver?.close();
});

const handled = () => {
  const s = receiver.stats();
  return s.received + s.rejected + answers;
};

/** Send one datagram; resolve once the receiver has counted or answered it. */
async function deliver(packet: Buffer): Promise<void> {
  const before = handled();
  await new Promise<void>((resolve, reject) => sender.send(packet, receiver.port, '127.0.0.1', (e) => (e ? reject(e) : resolve())));
  const deadline = Date.now() + 2000;
  while (handled() === before) {
    if (Date.now() > deadline) throw new Error(`datagram neither counted nor answered: ${packet.toString('hex')}`);
    await new Promise((r) => setTimeout(r, 1));
  }
}

async function stillReceives(): Promise<void> {
  const n = events.length;
  await deliver(notification(TAG.TrapV2, COMMUNITY, '1.3.6.1.6.3.1.1.5.4'));
  expect(events.length).toBe(n + 1);
}

const params = (runs: number) => ({ seed: FUZZ_SEED, numRuns: fuzzRuns(runs) });
const TIMEOUT_MS = Math.max(20_000, fuzzRuns(2000) * 10);

describe('trap receiver fuzz (UDP on loopback)', () => {
  it('regressions from issue #14: the BIT STRING inform and the >32-bit INTEGER inform are rejected, not thrown', async () => {
    const before = receiver.stats().rejectedBy.unencodable_reply;
    await deliver(notification(TAG.InformRequest, COMMUNITY, '1.3.6.1.4.1.1.0.1', [varbind('1.3.6.1.4.1.1.2', tlv(TAG.BitString, Buffer.from([0, 0xff])))]));
    await deliver(notification(TAG.InformRequest, COMMUNITY, '1.3.6.1.4.1.1.0.1', [varbind('1.3.6.1.4.1.1.3', int(2 ** 40))]));
    expect(receiver.stats().rejectedBy.unencodable_reply).toBe(before + 2);
    await stillReceives();
  });

  it('mutated valid notifications', async () => {
    const bases = validNotifications(COMMUNITY);
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: bases.length - 1 }), mutations, async (i, list) => {
        await deliver(mutate(bases[i]!, list));
      }),
      params(2000),
    );
    await stillReceives();
  }, TIMEOUT_MS);

  it('generated notifications and informs: any value of any tag, any number of varbinds', async () => {
    const before = receiver.stats();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(TAG.TrapV2, TAG.InformRequest), oidText, varbinds(30), async (pdu, trapOid, vbs) => {
        await deliver(notification(pdu, COMMUNITY, trapOid, vbs));
      }),
      params(2000),
    );
    const after = receiver.stats();
    // Both outcomes happen: the generator is not only making garbage, nor only good notifications.
    expect(after.received).toBeGreaterThan(before.received);
    expect(after.rejectedBy.unencodable_reply).toBeGreaterThan(before.rejectedBy.unencodable_reply);
    await stillReceives();
  }, TIMEOUT_MS);

  it('any PDU tag, any version, raw bytes', async () => {
    const [linesBefore, started] = [lines.length, Date.now()];
    const datagram = fc.oneof(
      fc.tuple(fc.integer({ min: -1, max: 4 }), fc.integer({ min: 0xa0, max: 0xaf }), fc.nat(), varbinds(5)).map(([v, tag, id, vbs]) => message(v, COMMUNITY, tag, id, vbs)),
      fc.tuple(valueTlv, valueTlv).map(([a, b]) => tlv(TAG.Sequence, [a, octets(COMMUNITY), b])),
      fc.uint8Array({ minLength: 1, maxLength: 600 }).map((b) => Buffer.from(b)),
    );
    await fc.assert(
      fc.asyncProperty(datagram, async (d) => {
        await deliver(d);
      }),
      params(2000),
    );
    await stillReceives();
    // The log stayed a log: per 10 s window a few lines (and a summary) per kind and sender, not one per packet.
    const windows = Math.ceil((Date.now() - started) / 10_000) + 1;
    expect(lines.length - linesBefore).toBeLessThanOrEqual(windows * 8 * 4);
    expect(lines.length - linesBefore).toBeLessThan(fuzzRuns(2000) / 10);
  }, TIMEOUT_MS);
});
