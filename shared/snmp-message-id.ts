/**
 * The number an SNMP answer is matched to its request by, read from the first bytes of a datagram
 * without decoding the rest: the PDU's request-id for SNMPv1 and v2c, the header's msgID for
 * SNMPv3 (the PDU itself may be encrypted). This is what net-snmp keys its requests by
 * (Message.getReqId), so a socket shared by many sessions can hand each answer to its session.
 *
 *   v1/v2c: SEQUENCE { INTEGER version (0|1), OCTET STRING community, PDU (context tag 0xA0..0xA8) { INTEGER request-id, ... } }
 *   v3:     SEQUENCE { INTEGER version (3), SEQUENCE msgGlobalData { INTEGER msgID, ... }, ... }
 *
 * Only the bytes read must be there: an answer cut short after its request-id still reaches its
 * session, whose library then reports it as unreadable. Anything else (not BER, another version,
 * a length running past the end, an integer longer than 4 bytes) is null. Never throws.
 */

export interface SnmpMessageId {
  /** 0 = v1, 1 = v2c, 3 = v3. */
  readonly version: 0 | 1 | 3;
  readonly id: number;
}

const SEQUENCE = 0x30;
const INTEGER = 0x02;
const OCTET_STRING = 0x04;
/** GetRequest … Report: every PDU with a request-id in its first field (the v1 Trap-PDU, 0xA4, has none). */
const isRequestIdPdu = (tag: number): boolean => tag >= 0xa0 && tag <= 0xa8 && tag !== 0xa4;

export function snmpMessageId(buf: Uint8Array): SnmpMessageId | null {
  const r = new Cursor(buf);
  if (r.header(SEQUENCE) === null) return null;
  const version = r.integer();
  if (version === 0 || version === 1) {
    const community = r.header(OCTET_STRING);
    if (community === null || !r.skip(community)) return null;
    const tag = r.byte();
    if (tag === null || !isRequestIdPdu(tag) || r.length() === null) return null;
    const id = r.integer();
    return id === null ? null : { version, id };
  }
  if (version === 3) {
    if (r.header(SEQUENCE) === null) return null;
    const id = r.integer();
    return id === null ? null : { version, id };
  }
  return null;
}

/** Reads forward through a buffer; every read checks the bounds and returns null past them. */
class Cursor {
  private at = 0;

  constructor(private readonly buf: Uint8Array) {}

  byte(): number | null {
    return this.at < this.buf.length ? this.buf[this.at++]! : null;
  }

  /** A definite length (short or long form, at most 4 bytes of length); null if absent or indefinite. */
  length(): number | null {
    const first = this.byte();
    if (first === null) return null;
    if (first < 0x80) return first;
    const n = first & 0x7f;
    if (n === 0 || n > 4) return null;
    let len = 0;
    for (let i = 0; i < n; i++) {
      const b = this.byte();
      if (b === null) return null;
      len = len * 256 + b;
    }
    return len;
  }

  /** The tag `tag` and its length; null on another tag. */
  header(tag: number): number | null {
    if (this.byte() !== tag) return null;
    return this.length();
  }

  skip(n: number): boolean {
    if (this.at + n > this.buf.length) return false;
    this.at += n;
    return true;
  }

  /** A signed INTEGER of 1 to 4 content bytes (as net-snmp reads Integer32; it refuses longer ones). */
  integer(): number | null {
    const len = this.header(INTEGER);
    if (len === null || len < 1 || len > 4 || this.at + len > this.buf.length) return null;
    let value = 0;
    for (let i = 0; i < len; i++) value = value * 256 + this.buf[this.at + i]!;
    if (this.buf[this.at]! & 0x80) value -= 2 ** (8 * len);
    this.at += len;
    return value;
  }
}
