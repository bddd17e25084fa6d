import type { Socket } from 'node:dgram';
import { EventEmitter } from 'node:events';
import snmp from 'net-snmp';
import { describe, expect, it } from 'vitest';
import { snmpMessageId } from '../../shared/snmp-message-id.js';
import { empty, int, message, octets, response, TAG, tlv, varbind } from '../engine/snmp/ber.js';

const UPTIME = '1.3.6.1.2.1.1.3.0';

/** A v3 message as an agent sends it: the header with `msgID`, then opaque security parameters and PDU. */
function v3(msgId: number, rest: Buffer = octets(Buffer.alloc(40, 7))): Buffer {
  const header = tlv(TAG.Sequence, [int(msgId), int(65507), octets(Buffer.from([3])), int(3)]);
  return tlv(TAG.Sequence, [int(3), header, octets(tlv(TAG.Sequence, [octets('engine'), int(1), int(2), octets('user'), octets(''), octets('')])), rest]);
}

/** What a real net-snmp session sends, and the id it then waits on (the key of its request table). */
async function sentBy(make: (dgramModule: { createSocket(): Socket }) => snmp.Session, ask: (s: snmp.Session) => void): Promise<{ datagram: Buffer; id: number }> {
  let datagram: Buffer | null = null;
  const fake = new (class extends EventEmitter {
    send(buf: Buffer, offset: number, length: number, _port: number, _address: string, cb: (e: Error | null) => void) {
      datagram = Buffer.from(buf.subarray(offset, offset + length));
      queueMicrotask(() => cb(null));
    }
    close() {
      queueMicrotask(() => this.emit('close'));
    }
    ref() {}
    unref() {}
  })();
  const session = make({ createSocket: () => fake as unknown as Socket });
  session.on('error', () => {});
  ask(session);
  await new Promise((r) => setTimeout(r, 5));
  const ids = Object.keys((session as unknown as { reqs: Record<string, unknown> }).reqs).map(Number);
  session.close();
  expect(ids).toHaveLength(1);
  return { datagram: datagram!, id: ids[0]! };
}

describe('snmpMessageId', () => {
  it('reads the request-id of v1 and v2c messages of every PDU type that has one', () => {
    for (const version of [0, 1]) {
      for (const tag of [TAG.GetRequest, TAG.GetNextRequest, TAG.GetResponse, 0xa3, 0xa5, TAG.InformRequest, TAG.TrapV2, TAG.Report]) {
        expect(snmpMessageId(message(version, 'public', tag, 4242, [varbind(UPTIME, empty(TAG.Null))]))).toEqual({ version, id: 4242 });
      }
    }
  });

  it('reads ids of every width, sign and long-form lengths', () => {
    for (const id of [0, 1, 127, 128, 255, 256, 65535, 65536, 99_999_999, 2 ** 31 - 1, -1, -128, -129, -(2 ** 31)]) {
      expect(snmpMessageId(response(1, 'public', id, []))).toEqual({ version: 1, id });
      expect(snmpMessageId(v3(id))).toEqual({ version: 3, id });
    }
    // A 300-byte community (length 0x82 01 2c) and 60 KB of varbinds (length 0x82 …).
    const long = response(1, 'c'.repeat(300), 77, [varbind(UPTIME, octets('x'.repeat(60_000)))]);
    expect(long[1]).toBe(0x82);
    expect(snmpMessageId(long)).toEqual({ version: 1, id: 77 });
    // Lengths in three and four bytes (0x83, 0x84), as BER allows.
    const body = Buffer.concat([int(1), octets('public'), tlv(TAG.GetResponse, [int(78), int(0), int(0), tlv(TAG.Sequence, [])])]);
    expect(snmpMessageId(Buffer.concat([Buffer.from([0x30, 0x83, 0, 0, body.length]), body]))).toEqual({ version: 1, id: 78 });
    expect(snmpMessageId(Buffer.concat([Buffer.from([0x30, 0x84, 0, 0, 0, body.length]), body]))).toEqual({ version: 1, id: 78 });
  });

  it('reads the id net-snmp itself waits on, for v2c and for v3 (msgID, not the PDU id)', async () => {
    const v2c = await sentBy(
      (dgramModule) => snmp.createSession('127.0.0.1', 'public', { version: snmp.Version2c, dgramModule, retries: 0 }),
      (s) => s.get([UPTIME], () => {}),
    );
    expect(snmpMessageId(v2c.datagram)).toEqual({ version: 1, id: v2c.id });
    const user = { name: 'u', level: snmp.SecurityLevel.authPriv, authProtocol: snmp.AuthProtocols.sha, authKey: 'authkey123', privProtocol: snmp.PrivProtocols.aes, privKey: 'privkey123' };
    const v3req = await sentBy(
      (dgramModule) => snmp.createV3Session('127.0.0.1', user, { dgramModule, retries: 0 }),
      (s) => s.get([UPTIME], () => {}),
    );
    expect(snmpMessageId(v3req.datagram)).toEqual({ version: 3, id: v3req.id });
  });

  it('an answer cut short after its id still has the id; cut before, none; never a throw', () => {
    for (const whole of [response(1, 'public', 123456, [varbind(UPTIME, int(5, TAG.TimeTicks))]), v3(654321)]) {
      const id = snmpMessageId(whole)!.id;
      // The id's last byte: the first prefix long enough to hold it.
      let firstWithId = -1;
      for (let n = 0; n <= whole.length; n++) {
        const got = snmpMessageId(whole.subarray(0, n));
        if (got !== null) {
          expect(got.id).toBe(id);
          if (firstWithId < 0) firstWithId = n;
        } else {
          expect(firstWithId).toBe(-1); // once readable, every longer prefix is too
        }
      }
      expect(firstWithId).toBeGreaterThan(5);
      expect(firstWithId).toBeLessThan(whole.length);
    }
  });

  it('refuses what is no SNMP message with an id', () => {
    const refused = [
      Buffer.alloc(0),
      Buffer.from('hello, this is not BER'),
      Buffer.from([0x30, 0x80, 0x02, 0x01, 0x01]), // indefinite length
      Buffer.from([0x30, 0x85, 1, 0, 0, 0, 0]), // five length bytes
      message(2, 'public', TAG.GetResponse, 1, []), // no such version
      message(0, 'public', TAG.TrapV1, 1, []), // the v1 Trap-PDU has no request-id
      message(1, 'public', 0xa9, 1, []), // no such PDU
      tlv(TAG.Sequence, [int(1), int(5), tlv(TAG.GetResponse, [int(1)])]), // community not a string
      tlv(TAG.Sequence, [int(1), octets('public'), tlv(TAG.GetResponse, [octets('id')])]), // id not an integer
      tlv(TAG.Sequence, [int(1), octets('public'), tlv(TAG.GetResponse, [tlv(TAG.Integer, Buffer.from([0, 1, 2, 3, 4]))])]), // 5-byte id
      tlv(TAG.Sequence, [int(1), octets('public'), tlv(TAG.GetResponse, [tlv(TAG.Integer, Buffer.alloc(0))])]), // empty id
      tlv(TAG.Sequence, [int(3), int(5)]), // v3 without its header sequence
      Buffer.from([0x30, 0x10, 0x02, 0x01, 0x01, 0x04, 0x7f, 0x61]), // community longer than the datagram
    ];
    for (const b of refused) expect(snmpMessageId(b)).toBeNull();
  });

  it('never throws on random bytes or on a valid message with random bytes changed', () => {
    let seed = 1;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const base = response(1, 'public', 99, [varbind(UPTIME, int(5, TAG.TimeTicks))]);
    for (let i = 0; i < 20_000; i++) {
      const b = i % 2 ? Buffer.from(Array.from({ length: Math.floor(rand() * 64) }, () => Math.floor(rand() * 256))) : Buffer.from(base);
      if (i % 2 === 0) b[Math.floor(rand() * b.length)] = Math.floor(rand() * 256);
      const got = snmpMessageId(b);
      if (got !== null) expect(Number.isSafeInteger(got.id)).toBe(true);
    }
  });
});
