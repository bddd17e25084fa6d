import { describe, expect, it } from 'vitest';
import type { Endpoint, Inventory } from '../../../shared/inventory.js';
import { applyInventoryEdit, type EditOutcome } from '../../../shared/inventory-edit/apply-edit.js';
import type { InventoryEdit } from '../../../shared/inventory-edit/edit-api.js';
import { checkEdit } from '../../../shared/inventory-edit/edit-rules.js';
import { codec, PROFILES, province, v2c, v3 } from './fixture.js';

const apply = (edit: InventoryEdit, inv: Inventory = province()) => applyInventoryEdit(inv, edit, PROFILES);
const problems = (o: EditOutcome) => (o.ok ? [] : o.problems.map((p) => ({ code: p.code, field: p.field, params: p.params })));
const endpoint = (o: EditOutcome, id: string): Endpoint | undefined => {
  if (!o.ok) throw new Error(JSON.stringify(o.problems));
  return o.inventory.sites.flatMap((s) => s.endpoints).find((e) => e.id === id);
};
const siteOf = (o: EditOutcome, id: string) => (o.ok ? o.inventory.sites.find((s) => s.endpoints.some((e) => e.id === id))?.id : undefined);

describe('inventory editor: endpoints', () => {
  it('adds a codec with every field to a site', () => {
    const o = apply({ op: 'addEndpoint', id: 'dia-linh-1', site: 'dia-linh', endpoint: codec({ port: 16105, uri: 'sip:dia-linh@vc.example.vn', interfaceName: 'GigabitEthernet0' }), snmp: v3() });
    expect(endpoint(o, 'dia-linh-1')).toEqual({
      id: 'dia-linh-1',
      name: 'Codec mới',
      host: '10.0.9.9',
      port: 16105,
      profile: 'generic-mib2',
      snmp: { version: '3', user: 'vc', level: 'authPriv', authProtocol: 'sha', authKey: 'auth-key-2', privProtocol: 'aes', privKey: 'priv-key-2' },
      interface: { name: 'GigabitEthernet0' },
      uri: 'sip:dia-linh@vc.example.vn',
    });
    expect(siteOf(o, 'dia-linh-1')).toBe('dia-linh');
  });

  it('keeps only the SNMPv3 settings its level uses', () => {
    expect(endpoint(apply({ op: 'addEndpoint', id: 'x-1', site: 'dia-linh', endpoint: codec(), snmp: v3({ level: 'noAuthNoPriv', authKey: null, privKey: null }) }), 'x-1')?.snmp).toEqual({ version: '3', user: 'vc', level: 'noAuthNoPriv' });
    expect(endpoint(apply({ op: 'addEndpoint', id: 'x-1', site: 'dia-linh', endpoint: codec(), snmp: v3({ level: 'authNoPriv', privKey: 'ignored-key' }) }), 'x-1')?.snmp).toEqual({ version: '3', user: 'vc', level: 'authNoPriv', authProtocol: 'sha', authKey: 'auth-key-2' });
  });

  it('refuses a bad host, a bad port, an unknown profile and a duplicate id, each under its field', () => {
    const o = apply({ op: 'addEndpoint', id: 'cho-ra-1', site: 'dia-linh', endpoint: codec({ host: 'http://10.0.0.1', port: 99999, profile: 'polycom-x' }), snmp: v2c() });
    expect(problems(o)).toEqual([
      { code: 'invalid_host', field: 'host', params: { value: 'http://10.0.0.1' } },
      { code: 'invalid_port', field: 'port', params: { value: '99999' } },
      { code: 'duplicate_id', field: 'id', params: { id: 'cho-ra-1', name: 'Chợ Rã 1' } },
      { code: 'unknown_profile', field: 'profile', params: { value: 'polycom-x' } },
    ]);
    expect(problems(apply({ op: 'addEndpoint', id: 'x-1', site: 'dia-linh', endpoint: codec({ port: Number.NaN, host: '' }), snmp: v2c() }))).toEqual([
      { code: 'missing_value', field: 'host', params: {} },
      { code: 'invalid_port', field: 'port', params: { value: '' } },
    ]);
    expect(problems(apply({ op: 'addEndpoint', id: 'x-1', site: 'khong-co', endpoint: codec(), snmp: v2c() }))).toEqual([{ code: 'unknown_site', field: 'site', params: { id: 'khong-co' } }]);
  });

  it('refuses an SNMPv3 key that is too short or missing for the level, and a new codec without a community', () => {
    expect(problems(apply({ op: 'addEndpoint', id: 'x-1', site: 'dia-linh', endpoint: codec(), snmp: v3({ authKey: 'short', privKey: null }) }))).toEqual([
      { code: 'key_too_short', field: 'authKey', params: { min: 8 } },
      { code: 'missing_value', field: 'privKey', params: { level: 'authPriv' } },
    ]);
    expect(problems(apply({ op: 'addEndpoint', id: 'x-1', site: 'dia-linh', endpoint: codec(), snmp: v3({ user: '' }) }))).toEqual([{ code: 'missing_value', field: 'user', params: {} }]);
    expect(problems(apply({ op: 'addEndpoint', id: 'x-1', site: 'dia-linh', endpoint: codec(), snmp: v2c(null) }))).toEqual([{ code: 'missing_value', field: 'community', params: {} }]);
  });

  it('edits a codec keeping its id and its SNMP settings when none are given', () => {
    const o = apply({ op: 'updateEndpoint', id: 'cho-ra-1', endpoint: codec({ name: 'Chợ Rã A', host: '10.0.1.11' }), snmp: null });
    expect(endpoint(o, 'cho-ra-1')).toEqual({
      id: 'cho-ra-1',
      name: 'Chợ Rã A',
      host: '10.0.1.11',
      port: 161,
      profile: 'generic-mib2',
      snmp: { version: '3', user: 'vc', level: 'authPriv', authProtocol: 'sha', authKey: 'auth-key-1', privProtocol: 'aes', privKey: 'priv-key-1' },
    });
    expect(siteOf(o, 'cho-ra-1')).toBe('cho-ra');
  });

  it('keeps a secret left empty and changes one typed', () => {
    const o = apply({ op: 'updateEndpoint', id: 'cho-ra-1', endpoint: codec(), snmp: v3({ user: 'vc2', authKey: null, privKey: 'priv-key-9', privProtocol: 'aes256b' }) });
    expect(endpoint(o, 'cho-ra-1')?.snmp).toEqual({ version: '3', user: 'vc2', level: 'authPriv', authProtocol: 'sha', authKey: 'auth-key-1', privProtocol: 'aes256b', privKey: 'priv-key-9' });
    expect(endpoint(apply({ op: 'updateEndpoint', id: 'tinh-1', endpoint: codec(), snmp: v2c(null) }), 'tinh-1')?.snmp).toEqual({ version: '2c', community: 'bi-mat' });
  });

  it('cannot keep a secret of another SNMP version: going from v2c to v3 needs the keys', () => {
    expect(problems(apply({ op: 'updateEndpoint', id: 'tinh-1', endpoint: codec(), snmp: v3({ authKey: null, privKey: null }) }))).toEqual([
      { code: 'missing_value', field: 'authKey', params: { level: 'authPriv' } },
      { code: 'missing_value', field: 'privKey', params: { level: 'authPriv' } },
    ]);
    expect(problems(apply({ op: 'updateEndpoint', id: 'cho-ra-1', endpoint: codec(), snmp: v2c(null) }))).toEqual([{ code: 'missing_value', field: 'community', params: {} }]);
  });

  it('moves a codec to another site and deletes one', () => {
    const moved = apply({ op: 'moveEndpoint', id: 'cho-ra-2', site: 'kim-hy' });
    expect(siteOf(moved, 'cho-ra-2')).toBe('kim-hy');
    expect(endpoint(moved, 'cho-ra-2')?.uri).toBe('sip:cho-ra-2@vc.example.vn');
    expect(problems(apply({ op: 'moveEndpoint', id: 'cho-ra-2', site: 'cho-ra' }))).toEqual([{ code: 'same_place', field: 'site', params: { name: 'UBND xã Chợ Rã' } }]);
    expect(problems(apply({ op: 'moveEndpoint', id: 'cho-ra-2', site: 'khong-co' }))).toEqual([{ code: 'unknown_site', field: 'site', params: { id: 'khong-co' } }]);
    const deleted = apply({ op: 'deleteEndpoint', id: 'cho-ra-2' });
    expect(endpoint(deleted, 'cho-ra-2')).toBeUndefined();
    expect(endpoint(deleted, 'cho-ra-1')).toBeDefined();
    expect(problems(apply({ op: 'deleteEndpoint', id: 'khong-co' }))).toEqual([{ code: 'unknown_endpoint', field: null, params: { id: 'khong-co' } }]);
  });

  it('judges kept secrets on the console from what it knows: that they are set', () => {
    const view = { tiers: ['province'], sites: [{ id: 's', name: 'S', tier: 'province', endpoints: [{ id: 'e', name: 'E' }] }] };
    const edit: InventoryEdit = { op: 'updateEndpoint', id: 'e', endpoint: codec(), snmp: v3({ authKey: null, privKey: null }) };
    expect(checkEdit(view, edit, { profiles: null, kept: () => ({ community: false, authKey: true, privKey: true }) })).toEqual([]);
    expect(checkEdit(view, edit, { profiles: null, kept: () => ({ community: false, authKey: true, privKey: false }) }).map((p) => p.field)).toEqual(['privKey']);
  });
});
