import type { DeviceProfile } from '../../../shared/device-profile.js';
import type { RawVarbind } from '../../../shared/snmp-values.js';

/**
 * Which endpoint sent a notification. Real codecs each have their own IP, so the source address
 * is enough; the simulator puts many codecs on 127.0.0.1, so more is needed. In order:
 *
 * 1. a sysName.0 varbind (1.3.6.1.2.1.1.5.0) equal to an endpoint id, when that endpoint's host
 *    is the sender's address (or v1 agent-addr): how the simulator names its codecs, and it cannot
 *    be used to pose as a codec at another address;
 * 2. an snmpTrapAddress.0 varbind (SNMP-COMMUNITY-MIB 1.3.6.1.6.3.18.1.3.0, which proxies and
 *    multi-homed agents add), or the v1 agent-addr, naming exactly one endpoint's host;
 * 3. source address and port equal to one endpoint's host and port (an agent that sends from its
 *    agent socket);
 * 4. the source address, when exactly one endpoint has that host.
 *
 * Hosts are compared as written in the inventory: give codecs as IP addresses (they are, in the
 * field) or resolve names before building the resolver.
 */

export const SYS_NAME = '1.3.6.1.2.1.1.5.0';
export const SNMP_TRAP_ADDRESS = '1.3.6.1.6.3.18.1.3.0';

export interface TrapSource {
  readonly address: string;
  readonly port: number;
  /** v1 Trap-PDU agent-addr, when present and not 0.0.0.0. */
  readonly agentAddress?: string | null;
}

export interface TrapTarget {
  readonly endpointId: string;
  readonly host: string;
  readonly port: number;
  readonly profile: DeviceProfile;
}

export type ResolvedEndpoint = {
  readonly endpointId: string;
  readonly profile: DeviceProfile;
  /** The ifIndex the poller watches for it (see SnmpPoller.watchedIfIndex); absent: as the profile's OID says. */
  readonly ifIndex?: number | null | undefined;
};

export function createEndpointResolver(endpoints: readonly TrapTarget[]): (source: TrapSource, varbinds: readonly RawVarbind[]) => ResolvedEndpoint | null {
  const byId = new Map(endpoints.map((e) => [e.endpointId, e]));
  const byHost = new Map<string, TrapTarget[]>();
  for (const e of endpoints) byHost.set(e.host, [...(byHost.get(e.host) ?? []), e]);
  const only = (host: string | null | undefined): TrapTarget | undefined => {
    const list = host ? byHost.get(host) : undefined;
    return list?.length === 1 ? list[0] : undefined;
  };
  const pick = (e: TrapTarget | undefined): ResolvedEndpoint | null => (e ? { endpointId: e.endpointId, profile: e.profile } : null);

  return (source, varbinds) => {
    const agent = source.agentAddress && source.agentAddress !== '0.0.0.0' ? source.agentAddress : null;
    const sysName = text(varbinds.find((v) => v.oid === SYS_NAME)?.value);
    const named = sysName ? byId.get(sysName) : undefined;
    if (named && (named.host === source.address || named.host === agent)) return pick(named);

    const trapAddress = varbinds.find((v) => v.oid === SNMP_TRAP_ADDRESS)?.value;
    const claimed = only(typeof trapAddress === 'string' ? trapAddress : null) ?? only(agent);
    if (claimed) return pick(claimed);

    const exact = byHost.get(source.address)?.find((e) => e.port === source.port);
    if (exact) return pick(exact);
    return pick(only(source.address));
  };
}

function text(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (v instanceof Uint8Array) return Buffer.from(v).toString('utf8');
  return null;
}
