import { oidHasPrefix, STANDARD_TRAPS, type DeviceProfile, type MetricSpec, type ProfileMetric } from '../../../shared/device-profile.js';
import { readMetric, SNMP_TYPE, type RawVarbind } from '../../../shared/snmp-values.js';
import type { MetricValue } from './types.js';

/**
 * A received notification (v1 Trap-PDU, v2c/v3 TrapV2 or InformRequest) → what it means for the
 * console: which notification (snmpTrapOID, or for v1 enterprise + specific / the generic trap),
 * how bad, and which status fields it sets at once. Pure: no sockets, no clock but the `at` given.
 */

export type TrapSeverity = 'info' | 'warning' | 'critical';

export interface TrapEvent {
  /** ISO time the notification arrived. */
  readonly at: string;
  readonly endpointId: string | null;
  /** Sender as seen on the wire, "address:port". */
  readonly source: string;
  readonly oid: string;
  readonly name: string;
  readonly severity: TrapSeverity;
  /** Status fields to apply at once. */
  readonly set: Partial<Record<ProfileMetric, MetricValue>>;
}

/** The parts of net-snmp's notification PDU we read. */
export interface NotificationPdu {
  readonly type: number;
  readonly varbinds: readonly RawVarbind[];
  readonly enterprise?: string;
  readonly generic?: number;
  readonly specific?: number;
}

export const PDU_TRAP_V1 = 164;
export const SNMP_TRAP_OID = '1.3.6.1.6.3.1.1.4.1.0';
const IF_INDEX = '1.3.6.1.2.1.2.2.1.1';
const IF_OPER_STATUS = '1.3.6.1.2.1.2.2.1.8';
const GENERIC_V1 = ['coldStart', 'warmStart', 'linkDown', 'linkUp', 'authenticationFailure', 'egpNeighborLoss'] as const;
const AUTHENTICATION_FAILURE = '1.3.6.1.6.3.1.1.5.5';

/**
 * The notification's OID candidates, best first. v1 enterprise-specific traps map to
 * enterprise.0.specific (RFC 3584 §3.1); some senders (net-snmp's own v1 trap()) put the ".0"
 * into the enterprise already, so enterprise.specific is tried too.
 */
export function notificationOids(pdu: NotificationPdu): string[] {
  if (pdu.type === PDU_TRAP_V1) {
    const generic = pdu.generic ?? 6;
    if (generic >= 0 && generic < 6) return [`1.3.6.1.6.3.1.1.5.${generic + 1}`];
    const ent = pdu.enterprise ?? '0.0';
    return [`${ent}.0.${pdu.specific ?? 0}`, `${ent}.${pdu.specific ?? 0}`];
  }
  const vb = pdu.varbinds.find((v) => v.oid === SNMP_TRAP_OID);
  return typeof vb?.value === 'string' && /^\d+(\.\d+)+$/.test(vb.value) ? [vb.value] : [];
}

export interface DecodeInput {
  readonly at: Date;
  readonly pdu: NotificationPdu;
  readonly source: string;
  /** `ifIndex`: the interface the poller watches (null: not known yet); absent: read from the profile's OID. */
  readonly endpoint: { readonly endpointId: string; readonly profile: DeviceProfile; readonly ifIndex?: number | null | undefined } | null;
}

export interface Decoded {
  /** null when the notification names no OID (a TrapV2 without snmpTrapOID.0). */
  readonly event: TrapEvent | null;
  /** Varbinds the profile could not decode; for the log. */
  readonly problems: string[];
}

export function decodeTrap({ at, pdu, source, endpoint }: DecodeInput): Decoded {
  const candidates = notificationOids(pdu);
  if (candidates.length === 0) return { event: null, problems: ['no snmpTrapOID.0 varbind'] };
  const profile = endpoint?.profile ?? null;
  const base = { at: at.toISOString(), endpointId: endpoint?.endpointId ?? null, source };
  const problems: string[] = [];

  const spec = profile && candidates.map((oid) => profile.traps.find((t) => t.oid === oid)).find((t) => t !== undefined);
  if (spec) {
    const set: Partial<Record<ProfileMetric, MetricValue>> = { ...spec.set };
    for (const [metric, prefix] of Object.entries(spec.varbinds ?? {}) as [ProfileMetric, string][]) {
      const vb = pdu.varbinds.find((v) => v.oid !== undefined && oidHasPrefix(v.oid, prefix));
      const metricSpec = profile.metrics[metric];
      if (!vb || !metricSpec) continue;
      const r = readMetric(asScalar(metricSpec), vb, { at: at.getTime() });
      if (r.ok) set[metric] = r.value;
      else problems.push(`${metric}: ${r.error.message}`);
    }
    return { event: { ...base, oid: spec.oid, name: spec.name, severity: spec.severity, set }, problems };
  }

  const oid = candidates[0]!;
  const standard = standardTrap(oid, pdu, profile, endpoint?.ifIndex);
  if (standard) return { event: { ...base, oid, ...standard }, problems };
  return { event: { ...base, oid, name: oid, severity: 'info', set: {} }, problems };
}

/** A trap varbind is one value: no table walk, no rate between two traps. */
function asScalar(spec: MetricSpec): MetricSpec {
  return { ...spec, column: false, rate: false };
}

function standardTrap(oid: string, pdu: NotificationPdu, profile: DeviceProfile | null, polledIfIndex: number | null | undefined): Pick<TrapEvent, 'name' | 'severity' | 'set'> | null {
  switch (oid) {
    case STANDARD_TRAPS.coldStart:
      return { name: 'coldStart', severity: 'warning', set: {} };
    case STANDARD_TRAPS.warmStart:
      return { name: 'warmStart', severity: 'warning', set: {} };
    case AUTHENTICATION_FAILURE:
      return { name: 'authenticationFailure', severity: 'warning', set: {} };
    case STANDARD_TRAPS.linkDown:
    case STANDARD_TRAPS.linkUp: {
      const up = oid === STANDARD_TRAPS.linkUp;
      const ifIndex = trapIfIndex(pdu);
      const watched = polledIfIndex === undefined ? watchedIfIndex(profile) : polledIfIndex;
      // The profile's ifOperUp follows one interface; a trap about another one changes nothing
      // (while that interface is not known yet, a link trap is taken as about it).
      const ours = ifIndex === null || watched === null || ifIndex === watched;
      const name = `${up ? 'linkUp' : 'linkDown'}${ifIndex === null ? '' : ` ifIndex ${ifIndex}`}`;
      const severity: TrapSeverity = up ? 'info' : ours ? 'critical' : 'warning';
      return { name, severity, set: ours && profile?.metrics.ifOperUp ? { ifOperUp: up } : {} };
    }
    default: {
      const i = GENERIC_V1.findIndex((_, n) => oid === `1.3.6.1.6.3.1.1.5.${n + 1}`);
      return i >= 0 ? { name: GENERIC_V1[i]!, severity: 'info', set: {} } : null;
    }
  }
}

/** ifIndex from an ifIndex.N varbind (its value) or an ifOperStatus.N / ifAdminStatus.N instance. */
export function trapIfIndex(pdu: NotificationPdu): number | null {
  for (const vb of pdu.varbinds) {
    if (!vb.oid) continue;
    if (oidHasPrefix(vb.oid, IF_INDEX) && vb.type === SNMP_TYPE.Integer && typeof vb.value === 'number') return vb.value;
    if (oidHasPrefix(vb.oid, IF_OPER_STATUS) || oidHasPrefix(vb.oid, '1.3.6.1.2.1.2.2.1.7')) {
      const n = Number(vb.oid.split('.').pop());
      if (Number.isInteger(n)) return n;
    }
  }
  return null;
}

/** The ifIndex whose ifOperStatus the profile polls, e.g. 1 for 1.3.6.1.2.1.2.2.1.8.1. */
function watchedIfIndex(profile: DeviceProfile | null): number | null {
  const oid = profile?.metrics.ifOperUp?.oid;
  if (!oid || !oidHasPrefix(oid, IF_OPER_STATUS) || oid === IF_OPER_STATUS) return null;
  const n = Number(oid.slice(IF_OPER_STATUS.length + 1));
  return Number.isInteger(n) ? n : null;
}
