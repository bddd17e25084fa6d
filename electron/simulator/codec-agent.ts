import { createHash } from 'node:crypto';
import dgram, { type Socket } from 'node:dgram';
import { isIPv6 } from 'node:net';
import type { DeviceProfile } from '../../shared/device-profile.js';
import type { Endpoint, SnmpSettings } from '../../shared/inventory.js';
import type { CodecView } from './codec-model.js';
import { buildProfileMib } from './profile-mib.js';
import { snmp, type SnmpUser } from './snmp-lib.js';

/**
 * One codec's SNMP agent (net-snmp Agent) on its inventory host:port, answering with its
 * community or v3 user only. While the codec is dark the agent drops every datagram unread, as a
 * dead codec would: no answer at all, not an error. It answers again as soon as it is back.
 */

export interface CodecAgentSource {
  /** Whether the codec answers right now. */
  answering(): boolean;
  view(): CodecView;
}

export interface CodecAgent {
  readonly endpointId: string;
  /** The engine ID (hex) the agent answers with; its traps use it too. */
  readonly engineId: string;
  syncCalls(): void;
  close(): Promise<void>;
}

export async function startCodecAgent(
  endpoint: Endpoint, siteName: string, profile: DeviceProfile, source: CodecAgentSource,
): Promise<CodecAgent> {
  const engineId = engineIdFor(endpoint.id);
  const transport = isIPv6(endpoint.host) ? 'udp6' : 'udp4';
  let socket: Socket | null = null;
  // The agent's Listener creates its socket through this module; the gate sits in front of
  // net-snmp's own message handler, so a dark codec never even parses the request.
  const dgramModule = {
    createSocket(type: 'udp4' | 'udp6'): Socket {
      const s = dgram.createSocket(type);
      const on = s.on.bind(s);
      s.on = ((event: string, listener: (...args: unknown[]) => void) =>
        on(event, event === 'message' ? (...args: unknown[]) => void (source.answering() && listener(...args)) : listener)) as unknown as Socket['on'];
      socket = s;
      return s;
    },
  };
  // Errors for single packets (unknown community, bad digest) are the poller's problem, not ours.
  const agent = snmp.createAgent({ port: endpoint.port, address: endpoint.host, transport, engineID: engineId, dgramModule }, () => {});
  const bindFailure = await new Promise<NodeJS.ErrnoException | null>((resolve) => {
    socket!.once('listening', () => resolve(null));
    socket!.once('error', (e: NodeJS.ErrnoException) => resolve(e));
  });
  if (bindFailure) {
    try {
      agent.close();
    } catch {
      // never bound: nothing to close
    }
    throw bindError(endpoint, bindFailure);
  }
  authorize(agent.getAuthorizer(), endpoint.snmp);
  const mib = buildProfileMib(agent.getMib(), profile, { endpointId: endpoint.id, siteName }, () => source.view());

  let closed: Promise<void> | null = null;
  return {
    endpointId: endpoint.id,
    engineId,
    syncCalls: () => mib.syncCalls(source.view()),
    close: () => (closed ??= new Promise<void>((resolve) => agent.close(() => resolve()))),
  };
}

function bindError(endpoint: Endpoint, e: NodeJS.ErrnoException): Error {
  const why = e.code === 'EADDRINUSE' ? 'the port is already in use' : e.code === 'EADDRNOTAVAIL' ? 'that address is not on this machine' : e.message;
  return new Error(`simulator: cannot start the agent of endpoint "${endpoint.id}" on ${endpoint.host}:${endpoint.port} (udp): ${why}`);
}

/** A stable engine ID per endpoint (RFC 3411 format, like net-snmp's own: 80 00B983 80 + 12 bytes). */
export function engineIdFor(endpointId: string): string {
  return `8000b98380${createHash('sha256').update(endpointId).digest('hex').slice(0, 24)}`;
}

export function snmpUser(s: Extract<SnmpSettings, { version: '3' }>): SnmpUser {
  const level = s.level ?? (s.privKey ? 'authPriv' : s.authKey ? 'authNoPriv' : 'noAuthNoPriv');
  const user: SnmpUser = { name: s.user, level: snmp.SecurityLevel[level] };
  if (level !== 'noAuthNoPriv') {
    user.authProtocol = snmp.AuthProtocols[s.authProtocol ?? 'sha'];
    user.authKey = s.authKey;
  }
  if (level === 'authPriv') {
    user.privProtocol = snmp.PrivProtocols[s.privProtocol ?? 'aes'];
    user.privKey = s.privKey;
  }
  return user;
}

function authorize(auth: { addCommunity(c: string): void; addUser(u: SnmpUser): void }, s: SnmpSettings): void {
  if (s.version === '3') auth.addUser(snmpUser(s));
  else auth.addCommunity(s.community);
}
