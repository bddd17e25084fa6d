import { isIPv4 } from 'node:net';
import { STANDARD_TRAPS, type DeviceProfile, type ProfileMetric, type TrapSpec } from '../../shared/device-profile.js';
import type { CodecView } from './codec-model.js';
import { encodeMetric } from './metric-encoding.js';
import type { SimEvent } from './province-model.js';
import { snmp, type Varbind } from './snmp-lib.js';

/**
 * Which notifications a codec sends for a model event, with their varbinds. Vendor traps are found
 * in the profile by what they say, not by name: `set.inCall` true/false → call up/down; no `set`
 * but a varbind for a quality metric (loss, jitter, latency) → that metric crossed its threshold;
 * no `set` but a varbind for micMuted/cameraMuted → the mute changed. Traps the profile describes
 * only in words (Cisco's ctpcStatNotificaion, whose value is a VariablePointer) are not sent.
 *
 * Every notification ends with two varbinds that name the codec, because all simulated agents
 * share 127.0.0.1 and the source address of a trap cannot tell them apart:
 *   snmpTrapAddress.0 (1.3.6.1.6.3.18.1.3.0, IpAddress) = the agent's inventory host (IPv4 only)
 *   sysName.0         (1.3.6.1.2.1.1.5.0, OCTET STRING) = the endpoint id
 * A trap receiver should match the endpoint on sysName.0 first, then on snmpTrapAddress.0, then on
 * the source address. sysUpTime.0 and snmpTrapOID.0 come first, as always (net-snmp adds them);
 * linkDown/linkUp carry IF-MIB's ifIndex.1, ifAdminStatus.1 and ifOperStatus.1 before the two.
 */

export const SNMP_TRAP_ADDRESS_OID = '1.3.6.1.6.3.18.1.3.0';
export const SYS_NAME_OID = '1.3.6.1.2.1.1.5.0';
const IF_INDEX = '1.3.6.1.2.1.2.2.1.1.1';
const IF_ADMIN_STATUS = '1.3.6.1.2.1.2.2.1.7.1';
const IF_OPER_STATUS = '1.3.6.1.2.1.2.2.1.8.1';

export interface PlannedTrap {
  /** snmpTrapOID.0 (the v2c form; the sender rewrites it for v1). */
  readonly oid: string;
  readonly varbinds: readonly Varbind[];
}

export function trapsFor(event: SimEvent | { readonly kind: 'coldStart' }, profile: DeviceProfile, view: CodecView, host: string, endpointId: string): PlannedTrap[] {
  const T = snmp.ObjectType;
  const identity: Varbind[] = [
    ...(isIPv4(host) ? [{ oid: SNMP_TRAP_ADDRESS_OID, type: T.IpAddress, value: host }] : []),
    { oid: SYS_NAME_OID, type: T.OctetString, value: endpointId },
  ];
  const link = (up: boolean): PlannedTrap => ({
    oid: up ? STANDARD_TRAPS.linkUp : STANDARD_TRAPS.linkDown,
    varbinds: [
      { oid: IF_INDEX, type: T.Integer, value: 1 },
      { oid: IF_ADMIN_STATUS, type: T.Integer, value: 1 },
      { oid: IF_OPER_STATUS, type: T.Integer, value: up ? 1 : 2 },
      ...identity,
    ],
  });
  const vendor = (specs: TrapSpec[]): PlannedTrap[] =>
    specs.map((spec) => ({ oid: spec.oid, varbinds: [...vendorVarbinds(spec, profile, view), ...identity] }));

  switch (event.kind) {
    case 'coldStart':
      return [{ oid: STANDARD_TRAPS.coldStart, varbinds: identity }];
    case 'dark':
      return [link(false)];
    case 'back':
      return event.rebooted ? [{ oid: STANDARD_TRAPS.coldStart, varbinds: identity }, link(true)] : [link(true)];
    case 'callUp':
    case 'callDown':
      return vendor(profile.traps.filter((t) => t.set?.inCall === (event.kind === 'callUp')));
    case 'excessive':
    case 'changed':
      return vendor(profile.traps.filter((t) => !t.set && t.varbinds?.[event.metric] !== undefined));
  }
}

function vendorVarbinds(spec: TrapSpec, profile: DeviceProfile, view: CodecView): Varbind[] {
  const out: Varbind[] = [];
  for (const [metric, prefix] of Object.entries(spec.varbinds ?? {}) as [ProfileMetric, string][]) {
    const m = profile.metrics[metric];
    if (!m) continue;
    const oid = m.column && prefix === m.oid ? `${prefix}.${view.callIndex ?? 1}` : prefix;
    const wire = encodeMetric(metric, m, view);
    out.push({ oid, type: wire.type, value: wire.value });
  }
  return out;
}
