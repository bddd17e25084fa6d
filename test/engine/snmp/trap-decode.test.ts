import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateDeviceProfile, type DeviceProfile } from '../../../shared/device-profile.js';
import { SNMP_TYPE } from '../../../shared/snmp-values.js';
import { decodeTrap, notificationOids, SNMP_TRAP_OID, type NotificationPdu } from '../../../electron/engine/snmp/trap-decode.js';
import { createEndpointResolver, SNMP_TRAP_ADDRESS, SYS_NAME } from '../../../electron/engine/snmp/trap-source.js';

// Decoding and source matching are pure: fixed inputs, a fixed arrival time.

const load = (id: string): DeviceProfile => {
  const r = validateDeviceProfile(JSON.parse(readFileSync(join(import.meta.dirname, `../../../assets/profiles/${id}.json`), 'utf8')));
  if (!r.ok) throw new Error(r.issues.join('\n'));
  return r.profile;
};
const generic = load('generic-mib2');
const polycom = load('polycom-group');
const at = new Date('2025-03-01T08:00:00.000Z');
const V2 = 167;
const V1 = 164;
const trapOid = (oid: string) => ({ oid: SNMP_TRAP_OID, type: SNMP_TYPE.OID, value: oid });

describe('decodeTrap', () => {
  it('linkDown on the watched interface is critical and sets ifOperUp; on another interface it is a warning', () => {
    const pdu = (ifIndex: number): NotificationPdu => ({ type: V1, enterprise: '1.3.6.1.4.1.9', generic: 2, specific: 0, varbinds: [{ oid: `1.3.6.1.2.1.2.2.1.1.${ifIndex}`, type: SNMP_TYPE.Integer, value: ifIndex }] });
    // The poller watches ifIndex 1 for this endpoint (the profile's interface metrics are looked up at run time).
    const ours = decodeTrap({ at, pdu: pdu(1), source: '10.0.1.10:1024', endpoint: { endpointId: 'e', profile: generic, ifIndex: 1 } });
    expect(ours.event).toEqual({ at: at.toISOString(), endpointId: 'e', source: '10.0.1.10:1024', oid: '1.3.6.1.6.3.1.1.5.3', name: 'linkDown ifIndex 1', severity: 'critical', set: { ifOperUp: false } });
    const other = decodeTrap({ at, pdu: pdu(3), source: 's', endpoint: { endpointId: 'e', profile: generic, ifIndex: 1 } });
    expect(other.event).toMatchObject({ name: 'linkDown ifIndex 3', severity: 'warning', set: {} });
    // Watching ifIndex 3 instead: the same two traps the other way round.
    expect(decodeTrap({ at, pdu: pdu(3), source: 's', endpoint: { endpointId: 'e', profile: generic, ifIndex: 3 } }).event).toMatchObject({ severity: 'critical', set: { ifOperUp: false } });
    expect(decodeTrap({ at, pdu: pdu(1), source: 's', endpoint: { endpointId: 'e', profile: generic, ifIndex: 3 } }).event).toMatchObject({ severity: 'warning', set: {} });
    // Not known yet (no lookup so far): a link trap is taken as about the watched interface.
    expect(decodeTrap({ at, pdu: pdu(3), source: 's', endpoint: { endpointId: 'e', profile: generic, ifIndex: null } }).event).toMatchObject({ severity: 'critical', set: { ifOperUp: false } });
    // A profile with a fixed instance OID (ifOperStatus.1) and no poller's word: as the OID says.
    const fixed: DeviceProfile = { ...generic, metrics: { ...generic.metrics, ifOperUp: { oid: '1.3.6.1.2.1.2.2.1.8.1', encoding: 'integer', map: { '1': true, '2': false } } } };
    expect(decodeTrap({ at, pdu: pdu(3), source: 's', endpoint: { endpointId: 'e', profile: fixed } }).event).toMatchObject({ severity: 'warning', set: {} });
  });

  it('v1 enterprise-specific: enterprise.0.specific, and the enterprise-with-.0 form some senders use', () => {
    const standard: NotificationPdu = { type: V1, enterprise: '1.3.6.1.4.1.2684.1.1', generic: 6, specific: 4, varbinds: [] };
    const netSnmpStyle: NotificationPdu = { type: V1, enterprise: '1.3.6.1.4.1.2684.1.1.0', generic: 6, specific: 4, varbinds: [] };
    expect(notificationOids(standard)[0]).toBe('1.3.6.1.4.1.2684.1.1.0.4');
    for (const pdu of [standard, netSnmpStyle]) {
      expect(decodeTrap({ at, pdu, source: 's', endpoint: { endpointId: 'e', profile: polycom } }).event).toMatchObject({ name: 'callUp', set: { inCall: true } });
    }
  });

  it('profile varbinds are decoded by the profile; a bad one is a problem, the rest still applies', () => {
    const good: NotificationPdu = { type: V2, varbinds: [trapOid('1.3.6.1.4.1.2684.1.1.0.10'), { oid: '1.3.6.1.4.1.2684.1.1.5.0', type: SNMP_TYPE.OctetString, value: Buffer.from('muted') }] };
    expect(decodeTrap({ at, pdu: good, source: 's', endpoint: { endpointId: 'e', profile: polycom } }).event?.set).toEqual({ micMuted: true });
    const bad: NotificationPdu = { type: V2, varbinds: [trapOid('1.3.6.1.4.1.2684.1.1.0.4'), { oid: '1.3.6.1.4.1.2684.1.1.2.0', type: SNMP_TYPE.Integer, value: 7 }] };
    const d = decodeTrap({ at, pdu: bad, source: 's', endpoint: { endpointId: 'e', profile: polycom } });
    expect(d.event?.set).toEqual({ inCall: true });
    expect(d.problems.join()).toMatch(/remoteSite: .*expected string, got Integer/);
  });

  it('an unknown notification keeps its OID as name; a TrapV2 without snmpTrapOID.0 gives no event', () => {
    const unknown = decodeTrap({ at, pdu: { type: V2, varbinds: [trapOid('1.3.6.1.4.1.99.0.1')] }, source: 's', endpoint: null });
    expect(unknown.event).toMatchObject({ endpointId: null, name: '1.3.6.1.4.1.99.0.1', severity: 'info', set: {} });
    const none = decodeTrap({ at, pdu: { type: V2, varbinds: [{ oid: '1.3.6.1.2.1.1.3.0', type: SNMP_TYPE.TimeTicks, value: 5 }] }, source: 's', endpoint: null });
    expect(none.event).toBeNull();
    expect(none.problems).toEqual(['no snmpTrapOID.0 varbind']);
  });

  it('coldStart from a profile without ifOperUp sets nothing; linkUp without ifOperUp sets nothing', () => {
    const noIf = { ...generic, metrics: { uptimeS: generic.metrics.uptimeS } };
    const up = decodeTrap({ at, pdu: { type: V2, varbinds: [trapOid('1.3.6.1.6.3.1.1.5.4')] }, source: 's', endpoint: { endpointId: 'e', profile: noIf } });
    expect(up.event).toMatchObject({ name: 'linkUp', set: {} });
  });
});

describe('createEndpointResolver', () => {
  const eps = [
    { endpointId: 'a', host: '127.0.0.1', port: 20161, profile: generic },
    { endpointId: 'b', host: '127.0.0.1', port: 20162, profile: generic },
    { endpointId: 'c', host: '10.0.1.10', port: 161, profile: polycom },
  ];
  const resolve = createEndpointResolver(eps);
  const src = (address: string, port = 40000, agentAddress: string | null = null) => ({ address, port, agentAddress });

  it('a unique source address is enough (real codecs)', () => {
    expect(resolve(src('10.0.1.10'), [])?.endpointId).toBe('c');
  });

  it('shared address: sysName.0, then the source port, else unknown', () => {
    expect(resolve(src('127.0.0.1'), [{ oid: SYS_NAME, type: SNMP_TYPE.OctetString, value: Buffer.from('b') }])?.endpointId).toBe('b');
    expect(resolve(src('127.0.0.1', 20161), [])?.endpointId).toBe('a');
    expect(resolve(src('127.0.0.1'), [])).toBeNull();
  });

  it('sysName cannot claim an endpoint at another address', () => {
    expect(resolve(src('10.9.9.9'), [{ oid: SYS_NAME, type: SNMP_TYPE.OctetString, value: Buffer.from('c') }])).toBeNull();
  });

  it('snmpTrapAddress.0 or the v1 agent-addr name the codec behind a proxy', () => {
    expect(resolve(src('10.9.9.9'), [{ oid: SNMP_TRAP_ADDRESS, type: SNMP_TYPE.IpAddress, value: '10.0.1.10' }])?.endpointId).toBe('c');
    expect(resolve(src('10.9.9.9', 162, '10.0.1.10'), [])?.endpointId).toBe('c');
    expect(resolve(src('10.9.9.9', 162, '0.0.0.0'), [])).toBeNull();
  });
});
