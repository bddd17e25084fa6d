import fc from 'fast-check';
import { int, notification, octets, oid, TAG, tlv, varbind } from '../engine/snmp/ber.js';

/**
 * Arbitraries for SNMP datagrams, shared by the trap receiver and poller fuzz suites: values of
 * every tag with contents of any length (what a decoder must survive, and what an encoder may not
 * be able to write back), varbind lists, and byte-level mutations of valid messages.
 */

const bytes = (maxLength: number) => fc.uint8Array({ maxLength }).map((b) => Buffer.from(b));

/** One value TLV: a known SNMP tag with contents of the wrong length as often as the right one, or any tag at all. */
export const valueTlv: fc.Arbitrary<Buffer> = fc.oneof(
  fc.integer().map((n) => int(n)),
  fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map((n) => tlv(TAG.Integer, signedBytes(n))),
  fc.constantFrom(TAG.Counter, TAG.Gauge, TAG.TimeTicks, TAG.Counter64, TAG.IpAddress, TAG.Integer, TAG.BitString, 0x44 /* Opaque */).chain((tag) => bytes(12).map((b) => tlv(tag, b))),
  fc.string({ maxLength: 40 }).map((s) => octets(s)),
  bytes(8).map((b) => tlv(TAG.OID, b)),
  fc.constantFrom(TAG.Null, TAG.NoSuchObject, TAG.NoSuchInstance, TAG.EndOfMibView).chain((tag) => bytes(2).map((b) => tlv(tag, b))),
  fc.integer({ min: 0, max: 255 }).chain((tag) => bytes(16).map((b) => tlv(tag, b))),
);

export const oidText: fc.Arbitrary<string> = fc.array(fc.nat({ max: 2 ** 31 }), { minLength: 1, maxLength: 12 }).map((arcs) => `1.3.6.1.${arcs.join('.')}`);

export const varbinds = (maxLength: number): fc.Arbitrary<Buffer[]> => fc.array(fc.tuple(oidText, valueTlv).map(([o, v]) => varbind(o, v)), { maxLength });

/** Two's-complement big-endian bytes of n (BER INTEGER contents). */
export function signedBytes(n: bigint): Buffer {
  let hex = (n < 0n ? -n - 1n : n).toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  let b = Buffer.from(hex, 'hex');
  if (n < 0n) b = Buffer.from(b.map((x) => ~x & 0xff));
  const signSet = b.length > 0 && (b[0]! & 0x80) !== 0;
  if (b.length === 0 || (n >= 0n && signSet)) return Buffer.concat([Buffer.from([0]), b]);
  if (n < 0n && !signSet) return Buffer.concat([Buffer.from([0xff]), b]);
  return b;
}

export type Mutation =
  | { readonly op: 'flip'; readonly at: number; readonly bit: number }
  | { readonly op: 'set'; readonly at: number; readonly value: number }
  | { readonly op: 'insert'; readonly at: number; readonly value: number }
  | { readonly op: 'delete'; readonly at: number }
  | { readonly op: 'truncate'; readonly at: number };

const at = fc.nat({ max: 4096 });
const byte = fc.integer({ min: 0, max: 255 });
export const mutations: fc.Arbitrary<Mutation[]> = fc.array(
  fc.oneof(
    fc.record({ op: fc.constant('flip' as const), at, bit: fc.integer({ min: 0, max: 7 }) }),
    fc.record({ op: fc.constant('set' as const), at, value: byte }),
    fc.record({ op: fc.constant('insert' as const), at, value: byte }),
    fc.record({ op: fc.constant('delete' as const), at }),
    fc.record({ op: fc.constant('truncate' as const), at }),
  ),
  { minLength: 1, maxLength: 4 },
);

/** `packet` with the mutations applied (positions taken modulo its length). */
export function mutate(packet: Buffer, list: readonly Mutation[]): Buffer {
  let b = Buffer.from(packet);
  for (const m of list) {
    if (b.length === 0) break;
    const i = m.at % b.length;
    if (m.op === 'flip') b[i] = b[i]! ^ (1 << m.bit);
    else if (m.op === 'set') b[i] = m.value;
    else if (m.op === 'insert') b = Buffer.concat([b.subarray(0, i), Buffer.from([m.value]), b.subarray(i)]);
    else if (m.op === 'delete') b = Buffer.concat([b.subarray(0, i), b.subarray(i + 1)]);
    else b = b.subarray(0, i);
  }
  return b;
}

/** A v1 Trap-PDU: enterprise, agent-addr, generic, specific, time-stamp, varbinds. */
export function trapV1(community: string, extra: readonly Buffer[] = []): Buffer {
  const pdu = tlv(TAG.TrapV1, [oid('1.3.6.1.4.1.8072.3.2.10'), octets(Buffer.from([127, 0, 0, 1]), TAG.IpAddress), int(2), int(0), int(4200, TAG.TimeTicks), tlv(TAG.Sequence, extra)]);
  return tlv(TAG.Sequence, [int(0), octets(community), pdu]);
}

/** Valid notifications with the accepted community, to mutate. */
export function validNotifications(community: string): Buffer[] {
  const ifIndex = varbind('1.3.6.1.2.1.2.2.1.1.1', int(1));
  return [
    trapV1(community, [ifIndex]),
    notification(TAG.TrapV2, community, '1.3.6.1.6.3.1.1.5.3', [ifIndex]),
    notification(TAG.InformRequest, community, '1.3.6.1.4.1.2684.1.1.0.33', [varbind('1.3.6.1.4.1.2684.1.1.21.0', octets('4.5'))], 77),
  ];
}
