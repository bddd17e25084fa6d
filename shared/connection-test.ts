import { z } from 'zod';
import { EndpointConnectionSchema } from './inventory.js';

/**
 * A technician's connection test of an endpoint before it goes into the inventory (issue 12
 * item 3): one SNMP GET of sysDescr, sysObjectID and sysUpTime with the settings as typed, and
 * what came of it. Every way it can go wrong is a code with the values to word it with
 * (`inventoryTest.<code>` in assets/locales/inventory-test.<lang>.json), never an exception.
 */
export const CONNECTION_TEST_CODES = [
  /** The host name did not resolve: `host`, `why` (ENOTFOUND, EAI_AGAIN, timeout …). */
  'unresolvable_host',
  /** The network said the address cannot be reached (ICMP): `host`, `address`. */
  'unreachable_host',
  /** v1/v2c: nothing came back (an agent drops a wrong community silently): `address`, `port`, `attempts`, `timeoutMs`. */
  'no_answer',
  /** v3: nothing came back, not even a discovery Report: `address`, `port`, `attempts`, `timeoutMs`. */
  'no_answer_v3',
  /**
   * v3 authPriv: the agent answered the discovery but never the request. An agent that cannot
   * decrypt an AES request (wrong privacy key or protocol) drops it, as Net-SNMP does, rather than
   * send usmStatsDecryptionErrors: `user`, `privProtocol`.
   */
  'silent_after_discovery',
  /** Report usmStatsUnknownUserNames: `user`. */
  'unknown_user',
  /** Report usmStatsWrongDigests (wrong auth key or protocol), or a response failing our digest check: `user`, `authProtocol`. */
  'wrong_digest',
  /** Report usmStatsDecryptionErrors (wrong privacy key or protocol), or a response we cannot decrypt: `user`, `privProtocol`. */
  'decryption_error',
  /** Report usmStatsUnsupportedSecLevels: the user exists, not at this level: `user`, `level`. */
  'unsupported_security_level',
  /** Report usmStatsNotInTimeWindows, or a response outside our time window. */
  'not_in_time_window',
  /** Report usmStatsUnknownEngineIDs after discovery. */
  'unknown_engine_id',
  /** This Node.js cannot do the privacy protocol (DES under OpenSSL 3): `privProtocol`. */
  'privacy_unsupported',
  /** noSuchObject / noSuchInstance, or v1 noSuchName: `object` (sysObjectID …), `oid`. */
  'no_such_object',
  /** An answer of the wrong SNMP type: `object`, `oid`, `type`. */
  'unexpected_value',
  /** Another error-status (genErr, authorizationError …): `status`. */
  'agent_error',
  /** The answer came from another address or port than asked: `from`, `expected` (values still shown). */
  'foreign_source',
  /** A datagram the SNMP library could not read. */
  'malformed_response',
  /** A readable answer that breaks the protocol (wrong version, PDU type, community, varbinds). */
  'protocol_error',
  /** The request could not be sent: `message`. */
  'send_failed',
  /** Anything else: `message`. */
  'internal',
] as const;
export type ConnectionTestCode = (typeof CONNECTION_TEST_CODES)[number];

/** The params each code comes with: what its words in the catalogues may use. */
export const CONNECTION_TEST_PARAMS: { readonly [C in ConnectionTestCode]: readonly string[] } = {
  unresolvable_host: ['host', 'why'],
  unreachable_host: ['host', 'address'],
  no_answer: ['address', 'port', 'attempts', 'timeoutMs'],
  no_answer_v3: ['address', 'port', 'attempts', 'timeoutMs'],
  silent_after_discovery: ['user', 'privProtocol'],
  unknown_user: ['user'],
  wrong_digest: ['user', 'authProtocol'],
  decryption_error: ['user', 'privProtocol'],
  unsupported_security_level: ['user', 'level'],
  not_in_time_window: [],
  unknown_engine_id: [],
  privacy_unsupported: ['privProtocol'],
  no_such_object: ['object', 'oid'],
  unexpected_value: ['object', 'oid', 'type'],
  agent_error: ['status'],
  foreign_source: ['from', 'expected'],
  malformed_response: [],
  protocol_error: ['detail'],
  send_failed: ['message'],
  internal: ['message'],
};

export const ConnectionTestInputSchema = EndpointConnectionSchema;
export type ConnectionTestInput = z.output<typeof ConnectionTestInputSchema>;

const param = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const ConnectionTestResultSchema = z.object({
  /** The agent answered all three from the address asked: the settings work as typed. */
  ok: z.boolean(),
  /** Round trip of the answer (of the last attempt), when one came. */
  rttMs: z.number().nullable(),
  sysDescr: z.string().nullable(),
  sysObjectID: z.string().nullable(),
  uptimeS: z.number().nullable(),
  /** The profile whose sysObjectIdPrefixes match sysObjectID (longest prefix), if any. */
  suggestedProfile: z.string().nullable(),
  failure: z.object({ code: z.enum(CONNECTION_TEST_CODES), params: z.record(z.string(), param) }).nullable(),
});
export type ConnectionTestResult = z.infer<typeof ConnectionTestResultSchema>;
export type ConnectionTestFailure = NonNullable<ConnectionTestResult['failure']>;
