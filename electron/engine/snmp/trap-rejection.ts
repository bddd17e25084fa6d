import type snmp from 'net-snmp';
import { TRAP_REJECT_REASONS, type TrapRejectReason } from '../../../shared/monitoring.js';

export { TRAP_REJECT_REASONS, type TrapRejectReason } from '../../../shared/monitoring.js';

/**
 * What an error from net-snmp's receiver means for the datagram that caused it: why it was
 * dropped (a reason code, counted) and a detail for the log that never quotes a community.
 */
export interface TrapRejection {
  readonly reason: TrapRejectReason;
  readonly detail: string;
}

/** Socket errors net-snmp passes to the callback; bind() reports them, they are no datagram. */
export const BIND_ERRORS = new Set(['EACCES', 'EADDRINUSE', 'EADDRNOTAVAIL', 'EPERM']);

/** The log line's lead, per reason: "<lead> from 10.0.0.1:162: <detail>". */
export const REJECTION_LEAD: Record<TrapRejectReason, string> = {
  auth: 'rejected a notification',
  malformed: 'unreadable packet',
  unencodable_reply: 'dropped an inform whose acknowledgement cannot be encoded',
  unexpected_pdu: 'ignored a PDU that is no notification',
  no_trap_oid: 'dropped a notification',
  library_error: 'the SNMP library failed on a packet',
  over_budget: 'dropped unread a datagram',
};

/** The plural for the flood log's summary: "… and 9,999 more <noun> from 10.0.0.1 in the last 10 s". */
export const REJECTION_NOUN: Record<TrapRejectReason, string> = {
  auth: 'rejected notifications',
  malformed: 'unreadable packets',
  unencodable_reply: 'informs that cannot be acknowledged',
  unexpected_pdu: 'PDUs that are no notification',
  no_trap_oid: 'notifications without snmpTrapOID.0',
  library_error: 'packets the SNMP library failed on',
  over_budget: 'datagrams dropped unread',
};

export function zeroReasons(): Record<TrapRejectReason, number> {
  return Object.fromEntries(TRAP_REJECT_REASONS.map((r) => [r, 0])) as Record<TrapRejectReason, number>;
}

/** The rejection an error passed to net-snmp's receiver callback stands for; null for a socket error. */
export function classifyReceiverError(error: snmp.SnmpError): TrapRejection | null {
  if (typeof error.code === 'string' && BIND_ERRORS.has(error.code)) return null;
  const inner = error.error instanceof Error ? error.error.message : String(error.error ?? '');
  switch (error.name) {
    case 'ProcessingError':
      // The patched library names a reply it could not encode (patches/net-snmp+*.patch).
      if (/^Failure to encode/.test(error.message)) return { reason: 'unencodable_reply', detail: short(inner || error.message) };
      return { reason: 'malformed', detail: short(inner || error.message) };
    case 'RequestFailedError':
    case 'ResponseInvalidError':
      return { reason: 'auth', detail: authReason(error.message) };
    case 'RequestInvalidError':
      return { reason: 'unexpected_pdu', detail: short(error.message) };
    default:
      return { reason: 'library_error', detail: short(error.message) };
  }
}

/** net-snmp's messages name the community; the log says what was wrong without the secret. */
export function authReason(message: string): string {
  if (/community not found/i.test(message)) return 'unknown community';
  if (/user not found/i.test(message)) return 'unknown SNMPv3 user';
  if (/requires (authentication|privacy)/i.test(message)) return 'SNMPv3 security level lower than the user requires';
  if (/digest/i.test(message)) return 'wrong digest (authentication key)';
  if (/decrypt/i.test(message)) return 'decryption error (privacy key)';
  return 'refused by the authorizer';
}

function short(text: string): string {
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}
