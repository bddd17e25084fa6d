/**
 * Just enough BER to play a misbehaving SNMP agent or trap sender from a raw UDP socket: read a
 * v1/v2c request, write any response or trap, including ones no real library would produce.
 */

export const TAG = {
  Integer: 0x02,
  BitString: 0x03,
  OctetString: 0x04,
  Null: 0x05,
  OID: 0x06,
  Sequence: 0x30,
  IpAddress: 0x40,
  Counter: 0x41,
  Gauge: 0x42,
  TimeTicks: 0x43,
  Counter64: 0x46,
  NoSuchObject: 0x80,
  NoSuchInstance: 0x81,
  EndOfMibView: 0x82,
  GetRequest: 0xa0,
  GetNextRequest: 0xa1,
  GetResponse: 0xa2,
  TrapV1: 0xa4,
  InformRequest: 0xa6,
  TrapV2: 0xa7,
  Report: 0xa8,
} as const;

function length(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  if (n < 0x100) return Buffer.from([0x81, n]);
  return Buffer.from([0x82, n >> 8, n & 0xff]);
}

export function tlv(tag: number, content: Buffer | readonly Buffer[]): Buffer {
  const body = Buffer.isBuffer(content) ? content : Buffer.concat(content as Buffer[]);
  return Buffer.concat([Buffer.from([tag]), length(body.length), body]);
}

export function int(n: number, tag: number = TAG.Integer): Buffer {
  const bytes: number[] = [];
  let v = n;
  do {
    bytes.unshift(v & 0xff);
    v = Math.floor(v / 256);
  } while (v !== 0 && v !== -1);
  // Keep the sign bit right: unsigned types and positive numbers need a leading 0 when the top bit is set.
  if (n >= 0 && (bytes[0]! & 0x80) !== 0) bytes.unshift(0);
  if (n < 0 && (bytes[0]! & 0x80) === 0) bytes.unshift(0xff);
  return tlv(tag, Buffer.from(bytes));
}

export function octets(s: string | Buffer, tag: number = TAG.OctetString): Buffer {
  return tlv(tag, Buffer.isBuffer(s) ? s : Buffer.from(s, 'utf8'));
}

export function oid(s: string): Buffer {
  const arcs = s.split('.').map(Number);
  const out: number[] = [arcs[0]! * 40 + arcs[1]!];
  for (const a of arcs.slice(2)) {
    const sub: number[] = [a & 0x7f];
    for (let v = Math.floor(a / 128); v > 0; v = Math.floor(v / 128)) sub.unshift((v & 0x7f) | 0x80);
    out.push(...sub);
  }
  return tlv(TAG.OID, Buffer.from(out));
}

export const empty = (tag: number): Buffer => tlv(tag, Buffer.alloc(0));

export function varbind(o: string, value: Buffer): Buffer {
  return tlv(TAG.Sequence, [oid(o), value]);
}

export function response(version: number, community: string, reqId: number, varbinds: readonly Buffer[], errorStatus = 0, errorIndex = 0): Buffer {
  return tlv(TAG.Sequence, [
    int(version),
    octets(community),
    tlv(TAG.GetResponse, [int(reqId), int(errorStatus), int(errorIndex), tlv(TAG.Sequence, varbinds)]),
  ]);
}

/** Any v1/v2c message: version, community and one PDU of `pduTag` with the usual four fields. */
export function message(version: number, community: string, pduTag: number, reqId: number, varbinds: readonly Buffer[]): Buffer {
  return tlv(TAG.Sequence, [int(version), octets(community), tlv(pduTag, [int(reqId), int(0), int(0), tlv(TAG.Sequence, varbinds)])]);
}

export const SNMP_TRAP_OID = '1.3.6.1.6.3.1.1.4.1.0';

/** A v2c TrapV2 or InformRequest: sysUpTime.0, snmpTrapOID.0 = `trapOid`, then `extra`. */
export function notification(pduTag: number, community: string, trapOid: string, extra: readonly Buffer[] = [], reqId = 1): Buffer {
  const head = [varbind('1.3.6.1.2.1.1.3.0', int(4200, TAG.TimeTicks)), varbind(SNMP_TRAP_OID, oid(trapOid))];
  return message(1, community, pduTag, reqId, [...head, ...extra]);
}

interface Tlv {
  readonly tag: number;
  readonly body: Buffer;
  readonly next: number;
}

function read(buf: Buffer, at: number): Tlv {
  const tag = buf[at]!;
  let len = buf[at + 1]!;
  let start = at + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + buf[start + i]!;
    start += n;
  }
  return { tag, body: buf.subarray(start, start + len), next: start + len };
}

function readInt(b: Buffer): number {
  let v = b.length && b[0]! & 0x80 ? -1 : 0;
  for (const byte of b) v = v * 256 + byte;
  return v;
}

function readOid(b: Buffer): string {
  const arcs = [Math.floor(b[0]! / 40), b[0]! % 40];
  let v = 0;
  for (const byte of b.subarray(1)) {
    v = v * 128 + (byte & 0x7f);
    if (!(byte & 0x80)) {
      arcs.push(v);
      v = 0;
    }
  }
  return arcs.join('.');
}

export interface Request {
  readonly version: number;
  readonly community: string;
  readonly pduType: number;
  readonly reqId: number;
  readonly oids: string[];
}

/** A v1/v2c request; throws on anything else (the fake agent ignores what it cannot read). */
export function parseRequest(buf: Buffer): Request {
  const msg = read(buf, 0).body;
  const version = read(msg, 0);
  const community = read(msg, version.next);
  const pdu = read(msg, community.next);
  const reqId = read(pdu.body, 0);
  const errStatus = read(pdu.body, reqId.next);
  const errIndex = read(pdu.body, errStatus.next);
  const list = read(pdu.body, errIndex.next).body;
  const oids: string[] = [];
  for (let at = 0; at < list.length; ) {
    const vb = read(list, at);
    oids.push(readOid(read(vb.body, 0).body));
    at = vb.next;
  }
  return { version: readInt(version.body), community: community.body.toString(), pduType: pdu.tag, reqId: readInt(reqId.body), oids };
}
