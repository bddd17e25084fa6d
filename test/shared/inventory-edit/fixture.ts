import { validateInventory, type Inventory } from '../../../shared/inventory.js';
import type { EndpointFields, SiteFields, SnmpEdit } from '../../../shared/inventory-edit/edit-api.js';

/** A small province: a province site, two districts, three communes, codecs with each SNMP kind. */
export function province(): Inventory {
  const r = validateInventory({
    name: 'Tỉnh thử',
    tiers: ['province', 'district', 'commune'],
    sites: [
      { id: 'tinh', name: 'UBND tỉnh', tier: 'province', endpoints: [{ id: 'tinh-1', name: 'Phòng họp tỉnh', host: '10.0.0.1', snmp: { version: '2c', community: 'bi-mat' } }] },
      { id: 'ba-be', name: 'UBND huyện Ba Bể', tier: 'district', parent: 'tinh', endpoints: [] },
      { id: 'na-ri', name: 'UBND huyện Na Rì', tier: 'district', parent: 'tinh', district: 'Na Rì', endpoints: [] },
      {
        id: 'cho-ra',
        name: 'UBND xã Chợ Rã',
        tier: 'commune',
        parent: 'ba-be',
        endpoints: [
          { id: 'cho-ra-1', name: 'Chợ Rã 1', host: '10.0.1.1', port: 16101, snmp: { version: '3', user: 'vc', level: 'authPriv', authProtocol: 'sha', authKey: 'auth-key-1', privProtocol: 'aes', privKey: 'priv-key-1' }, interface: { name: 'eth0' } },
          { id: 'cho-ra-2', name: 'Chợ Rã 2', host: '10.0.1.2', uri: 'sip:cho-ra-2@vc.example.vn' },
        ],
      },
      { id: 'dia-linh', name: 'UBND xã Địa Linh', tier: 'commune', parent: 'ba-be', endpoints: [] },
      { id: 'kim-hy', name: 'UBND xã Kim Hỷ', tier: 'commune', parent: 'na-ri', endpoints: [] },
    ],
  });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.inventory;
}

export const PROFILES: ReadonlySet<string> = new Set(['generic-mib2', 'cisco-tc']);

export const commune = (over: Partial<SiteFields> = {}): SiteFields => ({ name: 'UBND xã Mới', tier: 'commune', district: null, ...over });

export const codec = (over: Partial<EndpointFields> = {}): EndpointFields => ({
  name: 'Codec mới',
  host: '10.0.9.9',
  port: 161,
  profile: 'generic-mib2',
  uri: null,
  interfaceName: null,
  ...over,
});

export const v2c = (community: string | null = 'public'): SnmpEdit => ({ version: '2c', community });
export const v3 = (over: Partial<Extract<SnmpEdit, { version: '3' }>> = {}): SnmpEdit => ({
  version: '3',
  user: 'vc',
  level: 'authPriv',
  authProtocol: 'sha',
  authKey: 'auth-key-2',
  privProtocol: 'aes',
  privKey: 'priv-key-2',
  ...over,
});
