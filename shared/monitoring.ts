import { z } from 'zod';

/**
 * Why the trap receiver dropped a datagram: a community or SNMPv3 user it does not accept ('auth'),
 * bytes that are not an SNMP message ('malformed'), an inform whose acknowledgement cannot be
 * encoded ('unencodable_reply': a value the decoder reads but SNMP does not allow, like a BIT
 * STRING or an INTEGER beyond 32 bits), a PDU that is no notification ('unexpected_pdu'), a
 * notification without snmpTrapOID.0 ('no_trap_oid'), a failure inside the SNMP library
 * ('library_error'), or a datagram not even read because its sender had sent too many bad ones
 * this second ('over_budget').
 */
export const TRAP_REJECT_REASONS = ['auth', 'malformed', 'unencodable_reply', 'unexpected_pdu', 'no_trap_oid', 'library_error', 'over_budget'] as const;
export type TrapRejectReason = (typeof TRAP_REJECT_REASONS)[number];

const percentiles = z.object({ p50: z.number().nullable(), p99: z.number().nullable(), max: z.number().nullable() });

/** How the poller and the trap receiver are doing: shown in the top bar, read by scripts. */
export const MonitoringStatsSchema = z.object({
  intervalMs: z.number(),
  poller: z.object({
    endpoints: z.number(),
    inFlight: z.number(),
    maxInFlight: z.number(),
    queued: z.number(),
    backedOff: z.number(),
    polls: z.number(),
    probes: z.number(),
    answered: z.number(),
    timeouts: z.number(),
    errors: z.number(),
    overruns: z.number(),
    pollsPerSecond: z.number(),
    pollCycleMs: percentiles,
    startDelayMs: percentiles,
    rttMs: percentiles,
    /** The poller's shared UDP sockets: how many, and what became of the datagrams they received. */
    socket: z
      .object({
        sockets: z.number(),
        views: z.number(),
        sent: z.number(),
        routed: z.number(),
        foreign: z.number(),
        unreadable: z.number(),
        unmatched: z.number(),
        idCollisions: z.number(),
        held: z.number(),
      })
      .optional(),
  }),
  traps: z
    .object({
      port: z.number(),
      received: z.number(),
      /** Every datagram dropped, for any reason; `rejectedBy` splits it. */
      rejected: z.number(),
      rejectedBy: z.record(z.enum(TRAP_REJECT_REASONS), z.number()),
      unknownSource: z.number(),
      /** rejectedBy.malformed, kept for older readers. */
      malformed: z.number(),
    })
    .nullable(),
});
export type MonitoringStatsView = z.infer<typeof MonitoringStatsSchema>;

/**
 * What made a poll fail, as a closed set (the engine's error text, which may quote the SNMP
 * library, stays in the log): no answer in time, an answer refused on SNMP credentials
 * (community, v3 user, keys, time window), a host name that does not resolve, a host or network
 * the system cannot reach, bytes that are no valid answer, an error status from the agent, or
 * anything else.
 */
export const POLL_FAILURE_KINDS = ['timeout', 'auth', 'unresolvable_host', 'unreachable_host', 'malformed', 'agent_error', 'other'] as const;
export type PollFailureKind = (typeof POLL_FAILURE_KINDS)[number];

/** One codec's last poll, and its failures by kind since the engine started (absent kinds: none). */
export const PollResultSchema = z.object({
  endpointId: z.string(),
  /** When the poll ended (answer or give-up), ISO 8601. */
  at: z.string(),
  /** From its first request to that end, retries included. */
  durationMs: z.number(),
  answered: z.boolean(),
  /** Why the last poll failed; null when it did not. */
  failure: z.enum(POLL_FAILURE_KINDS).nullable(),
  failures: z.partialRecord(z.enum(POLL_FAILURE_KINDS), z.number()),
});
export type PollResult = z.infer<typeof PollResultSchema>;

/** A fault for the simulated province (demo and training only; design.md). */
export const FaultRequestSchema = z.strictObject({
  target: z.string().min(1),
  kind: z.enum(['down', 'loss', 'jitter', 'latency', 'clear']),
  value: z.number().optional(),
  durationS: z.number().positive().optional(),
});
