import { createSocket, type Socket } from 'node:dgram';
import snmp from 'net-snmp';
import type { SnmpSettings } from '../../../shared/inventory.js';
import type { RawVarbind } from '../../../shared/snmp-values.js';
import { containMessageHandlers } from './contain.js';
import { v3User } from './endpoint-session.js';
import { createFloodLog } from './flood-log.js';
import { DEFAULT_SENDER_BUDGET, SenderBudget } from './sender-budget.js';
import { decodeTrap, PDU_TRAP_V1, type TrapEvent } from './trap-decode.js';
import { BIND_ERRORS, classifyReceiverError, REJECTION_LEAD, REJECTION_NOUN, zeroReasons, type TrapRejection, type TrapRejectReason } from './trap-rejection.js';
import type { ResolvedEndpoint, TrapSource } from './trap-source.js';

export type { TrapEvent, TrapSeverity } from './trap-decode.js';
export { createEndpointResolver, type TrapSource, type TrapTarget } from './trap-source.js';
export type { TrapRejectReason } from './trap-rejection.js';

/**
 * The notification receiver on net-snmp's createReceiver: v1 and v2c traps, informs (net-snmp
 * sends the acknowledgement), v3 traps and informs. net-snmp's authorizer checks communities and
 * v3 users; what it refuses reaches us as an error in the callback (or, for a reportable v3
 * message, as a Report it sends back), and is counted by reason and logged here, never thrown.
 *
 * Hostile input: whatever the library throws while handling a datagram is caught at the socket
 * (contain.ts) and counted as 'library_error'; log lines about bad datagrams are rate-limited per
 * kind and source address (flood-log.ts), so a storm of bad packets is a few lines and a summary;
 * past 200 bad datagrams a second, a sender's further datagrams that second are counted
 * 'over_budget' without being parsed (sender-budget.ts), so a storm costs little CPU.
 */

/** A v3 user notifications may come from: the inventory's SNMPv3 settings without `version`. */
export type SnmpV3User = Omit<Extract<SnmpSettings, { version: '3' }>, 'version'>;

export interface TrapReceiverOptions {
  /** Default 162 (needs privileges on most systems; see fallbackPort). */
  port: number;
  /** Bound instead when `port` is not permitted (EACCES) or in use (EADDRINUSE). */
  fallbackPort?: number;
  address?: string;
  communities: string[];
  users: SnmpV3User[];
  resolveEndpoint: (source: TrapSource, varbinds: readonly RawVarbind[]) => ResolvedEndpoint | null;
  onTrap: (e: TrapEvent) => void;
  /**
   * A datagram was dropped; called at the rate its log line is written (a few per 10 s per
   * reason and address), with the endpoint its address alone names, if any.
   */
  onReject?: (r: TrapRejection & { readonly source: TrapSource; readonly endpointId: string | null }) => void;
  onLog?: (line: string) => void;
  /** Bad datagrams per second a sender (address and port) may send before the rest of that second is dropped unread (sender-budget.ts). */
  badPerSecond?: number;
}

export interface TrapReceiverStats {
  /** Notifications that passed net-snmp's checks and were decoded. */
  readonly received: number;
  /** Every datagram dropped, for any reason; `rejectedBy` splits it. */
  readonly rejected: number;
  readonly rejectedBy: Readonly<Record<TrapRejectReason, number>>;
  readonly unknownSource: number;
  /** rejectedBy.malformed */
  readonly malformed: number;
}

export interface TrapReceiver {
  /** The port actually bound. */
  readonly port: number;
  stats(): TrapReceiverStats;
  /** Replace the accepted communities and v3 users (after an inventory change). */
  setAuth(communities: readonly string[], users: readonly SnmpV3User[]): void;
  close(): Promise<void>;
}

/** The inventory's v3 users (deduplicated by name; the first wins) for `users`. */
export function trapUsersFrom(settings: readonly SnmpSettings[]): SnmpV3User[] {
  const seen = new Map<string, SnmpV3User>();
  for (const s of settings) {
    if (s.version !== '3' || seen.has(s.user)) continue;
    const { version: _v, ...user } = s;
    seen.set(s.user, user);
  }
  return [...seen.values()];
}

// usmStats counters a receiver's Report carries when it refuses a v3 message (RFC 3414): an
// unknown user, a wrong digest, an undecryptable PDU, an unsupported level. OID TLVs, so a byte
// search of the outgoing Report finds them. unknownEngineIDs (.4) is normal discovery, not counted.
const USM_REFUSALS = new Map(
  [
    [1, 'unsupported security level'],
    [3, 'unknown user'],
    [5, 'wrong digest (authentication key)'],
    [6, 'decryption error (privacy key)'],
  ].map(([n, why]) => [Buffer.from([0x06, 0x0a, 0x2b, 6, 1, 6, 3, 15, 1, 1, n as number, 0]), why as string]),
);

export async function createTrapReceiver(options: TrapReceiverOptions): Promise<TrapReceiver> {
  const log = options.onLog ?? (() => {});
  const flood = createFloodLog(log, 'trap receiver: ');
  const counts = { received: 0, rejected: 0, unknownSource: 0 };
  const rejectedBy = zeroReasons();
  const unknownLogged = new Set<string>();
  const badPerSecond = options.badPerSecond ?? DEFAULT_SENDER_BUDGET.badPerSecond;
  const budget = new SenderBudget({ ...DEFAULT_SENDER_BUDGET, badPerSecond });
  /** A datagram from a sender over its budget: counted, not read. */
  const admit = (rinfo: { address: string; port: number }): boolean => {
    if (budget.admits(`${rinfo.address}:${rinfo.port}`, Date.now())) return true;
    reject(rinfo, { reason: 'over_budget', detail: `over ${badPerSecond} bad datagrams this second` });
    return false;
  };

  /** Count a dropped datagram; log it (rate-limited) and tell onReject at the same rate. */
  function reject(rinfo: { address: string; port: number } | undefined, { reason, detail }: TrapRejection): void {
    counts.rejected++;
    rejectedBy[reason]++;
    if (rinfo && reason !== 'over_budget') budget.noteBad(`${rinfo.address}:${rinfo.port}`, Date.now());
    const address = rinfo?.address ?? 'an unknown sender';
    if (!flood.line(REJECTION_NOUN[reason], address, `trap receiver: ${REJECTION_LEAD[reason]} from ${where(rinfo)}: ${detail}`)) return;
    if (!rinfo || !options.onReject) return;
    const source: TrapSource = { address: rinfo.address, port: rinfo.port };
    try {
      options.onReject({ reason, detail, source, endpointId: options.resolveEndpoint(source, [])?.endpointId ?? null });
    } catch (e) {
      log(`trap receiver: onReject threw: ${String(e)}`);
    }
  }

  function onNotification(error: snmp.SnmpError | null, n: snmp.Notification | null): void {
    if (error) {
      const rejection = classifyReceiverError(error);
      if (rejection) reject(error.rinfo, rejection); // null: a socket error, handled by bind()
      return;
    }
    if (!n) return;
    try {
      handle(n);
    } catch (e) {
      reject(n.rinfo, { reason: 'library_error', detail: `could not handle the notification: ${String(e)}` });
    }
  }

  function handle(n: snmp.Notification): void {
    const at = new Date();
    const agentAddress = n.pdu.type === PDU_TRAP_V1 ? (n.pdu.agentAddr ?? null) : null;
    const source: TrapSource = { address: n.rinfo.address, port: n.rinfo.port, agentAddress };
    const varbinds = n.pdu.varbinds ?? [];
    const endpoint = options.resolveEndpoint(source, varbinds);
    const sourceText = `${n.rinfo.address}:${n.rinfo.port}`;
    const { event, problems } = decodeTrap({ at, pdu: n.pdu, source: sourceText, endpoint });
    if (!event) {
      reject(n.rinfo, { reason: 'no_trap_oid', detail: problems.join('; ') });
      return;
    }
    counts.received++;
    if (!endpoint) {
      counts.unknownSource++;
      // One line per unknown address (bounded), not one per trap: a misdirected device repeats.
      if (!unknownLogged.has(n.rinfo.address) && unknownLogged.size < 1000) {
        unknownLogged.add(n.rinfo.address);
        log(`trap receiver: notification from ${n.rinfo.address}, which is no endpoint in the inventory`);
      }
    }
    if (problems.length) flood.line('notifications with unreadable values', n.rinfo.address, `trap receiver: from ${sourceText}: ${problems.join('; ')}`);
    try {
      options.onTrap(event);
    } catch (e) {
      flood.line('onTrap failures', '', `trap receiver: onTrap threw: ${String(e)}`);
    }
  }

  let bound: { receiver: snmp.Receiver; socket: Socket; port: number };
  try {
    bound = await bind(options.port);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? '';
    if (options.fallbackPort === undefined || !BIND_ERRORS.has(code)) throw e;
    log(
      `trap receiver: cannot listen on UDP port ${options.port} (${code === 'EACCES' || code === 'EPERM' ? 'not permitted: ports below 1024 need privileges' : code === 'EADDRINUSE' ? 'in use by another program' : code}); listening on ${options.fallbackPort} instead: point the codecs' trap destination there`,
    );
    bound = await bind(options.fallbackPort);
  }

  /** One receiver on one port; resolves once listening, rejects with the bind error. */
  async function bind(port: number): Promise<{ receiver: snmp.Receiver; socket: Socket; port: number }> {
    let socket: Socket | null = null;
    const dgramModule = {
      createSocket(type: 'udp4' | 'udp6') {
        const created = createSocket(type);
        // net-snmp turns port 0 into 162; bind the port we were asked for (0: any free port).
        const bindSocket = created.bind.bind(created) as (port: number, address?: string) => Socket;
        (created as unknown as { bind: (p: number, a?: string) => Socket }).bind = (_p, a) => bindSocket(port, a ?? undefined);
        watchReports(created);
        containMessageHandlers(created, (e, rinfo) => reject(rinfo, { reason: 'library_error', detail: e instanceof Error ? e.message : String(e) }), admit);
        socket = created;
        return created;
      },
    };
    const receiver = snmp.createReceiver({ port, address: options.address ?? null, includeAuthentication: true, dgramModule }, onNotification);
    const s = socket as Socket | null;
    if (!s) throw new Error('net-snmp created no socket');
    await new Promise<void>((resolve, reject) => {
      const onError = (err: Error) => {
        s.off('listening', onListening);
        try {
          s.close();
        } catch {
          // never bound: nothing to close
        }
        reject(err);
      };
      const onListening = () => {
        s.off('error', onError);
        resolve();
      };
      s.once('error', onError);
      s.once('listening', onListening);
    });
    // After binding, net-snmp's own 'error' listener passes socket errors to onNotification.
    return { receiver, socket: s, port: s.address().port };
  }

  /** Count v3 messages the authorizer refused with a Report (reportable ones never reach the callback). */
  function watchReports(socket: Socket): void {
    const send = socket.send.bind(socket) as (...args: unknown[]) => void;
    (socket as unknown as { send: (...args: unknown[]) => void }).send = (...args: unknown[]) => {
      const [buf, , , port, address] = args as [unknown, unknown, unknown, unknown, unknown];
      if (Buffer.isBuffer(buf)) {
        for (const [pattern, why] of USM_REFUSALS) {
          if (buf.includes(pattern)) reject({ address: String(address), port: Number(port) }, { reason: 'auth', detail: `SNMPv3 ${why}` });
        }
      }
      send(...args);
    };
  }

  authorize(bound.receiver, options.communities, options.users);
  log(`trap receiver: listening on UDP ${options.address ?? '0.0.0.0'}:${bound.port}`);

  let closing: Promise<void> | null = null;
  return {
    port: bound.port,
    stats: () => ({ ...counts, rejectedBy: { ...rejectedBy }, malformed: rejectedBy.malformed }),
    setAuth(communities, users) {
      const a = bound.receiver.getAuthorizer();
      for (const c of a.getCommunities().slice()) a.deleteCommunity(c);
      for (const u of a.getUsers().slice()) a.deleteUser(u.name);
      authorize(bound.receiver, communities, users);
    },
    close() {
      flood.close();
      closing ??= new Promise<void>((resolve) => {
        bound.socket.once('close', () => resolve());
        try {
          bound.receiver.close();
        } catch {
          resolve();
        }
      });
      return closing;
    },
  };
}

function authorize(receiver: snmp.Receiver, communities: readonly string[], users: readonly SnmpV3User[]): void {
  const a = receiver.getAuthorizer();
  for (const c of communities) a.addCommunity(c);
  for (const u of users) a.addUser(v3User({ version: '3', ...u }));
}

function where(rinfo: { address: string; port: number } | undefined): string {
  return rinfo ? `${rinfo.address}:${rinfo.port}` : 'an unknown sender';
}
