import { describe, expect, it } from 'vitest';
import { cidrRange, endpointsFromResponders, inventoryHosts, nameFrom } from '../../shared/discovery.js';
import { validateInventory, type Inventory } from '../../shared/inventory.js';

describe('cidrRange', () => {
  it('lists the host addresses: without network and broadcast, except /31 and /32', () => {
    const r = cidrRange('10.20.0.0/29');
    expect(r).toEqual({ ok: true, cidr: '10.20.0.0/29', prefix: 29, addresses: ['10.20.0.1', '10.20.0.2', '10.20.0.3', '10.20.0.4', '10.20.0.5', '10.20.0.6'] });
    expect(cidrRange('10.20.0.6/31')).toMatchObject({ cidr: '10.20.0.6/31', addresses: ['10.20.0.6', '10.20.0.7'] });
    expect(cidrRange(' 192.168.7.9/32 ')).toMatchObject({ cidr: '192.168.7.9/32', addresses: ['192.168.7.9'] });
  });

  it('clears host bits, and a /22 is the largest: 1,022 hosts across four /24s', () => {
    const r = cidrRange('127.1.2.3/22');
    if (!r.ok) throw new Error('refused');
    expect(r.cidr).toBe('127.1.0.0/22');
    expect(r.addresses).toHaveLength(1022);
    expect([r.addresses[0], r.addresses.at(-1)]).toEqual(['127.1.0.1', '127.1.3.254']);
    expect(r.addresses).toContain('127.1.1.255'); // inside the range, a host like any other
  });

  it('refuses larger ranges with their size, malformed text, and ranges without hosts', () => {
    expect(cidrRange('10.0.0.0/21')).toEqual({ ok: false, reason: 'cidr_too_large', params: { cidr: '10.0.0.0/21', prefix: 21, addresses: 2048, maxPrefix: 22, maxAddresses: 1024 } });
    expect(cidrRange('0.0.0.0/0')).toMatchObject({ ok: false, reason: 'cidr_too_large' });
    for (const bad of ['', '10.0.0.0', '10.0.0.0/', '/24', '10.0.0/24', '10.0.0.0.0/24', '10.0.0.256/24', '10.0.0.0/33', '10.0.0.0/-1', '10.0.0.0/024', '010.0.0.0/24', 'ten/24', '::1/128', '10.0.0.0/24/1']) {
      expect(cidrRange(bad), bad).toMatchObject({ ok: false, reason: 'cidr_malformed' });
    }
    expect(cidrRange('x'.repeat(500))).toMatchObject({ params: { cidr: 'x'.repeat(50) } });
    for (const none of ['0.0.0.0/24', '224.0.0.0/24', '239.1.1.0/24', '255.255.255.0/24']) expect(cidrRange(none), none).toMatchObject({ ok: false, reason: 'cidr_not_unicast' });
  });
});

const inv = (): Inventory => {
  const r = validateInventory({
    name: 'Thử',
    tiers: ['province', 'commune'],
    sites: [
      { id: 'tinh', name: 'Tỉnh', tier: 'province', endpoints: [{ id: 'codec-10-0-0-1', name: 'Cũ', host: '10.0.0.9', port: 161 }] },
      { id: 'xa', name: 'Xã', tier: 'commune', parent: 'tinh', endpoints: [{ id: 'xa-1', name: 'Xã 1', host: '10.0.0.2', port: 1161 }] },
    ],
  });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.inventory;
};

describe('endpoints from responders', () => {
  it('ids from the address (port when not 161, a suffix only on a clash), names from sysName, the suggested profile or the fallback', () => {
    const snmp = { version: '2c' as const, community: 'c' };
    const eps = endpointsFromResponders(
      inv(),
      [
        { address: '10.0.0.1', port: 161, sysName: 'UBND xã Chợ Rã\r\n', suggestedProfile: 'cisco-telepresence' },
        { address: '10.0.0.2', port: 1161, sysName: null, suggestedProfile: null },
        { address: '10.0.0.3', port: 161, sysName: '   ', suggestedProfile: null },
      ],
      snmp,
      'generic-mib2',
    );
    expect(eps).toEqual([
      { id: 'codec-10-0-0-1-2', name: 'UBND xã Chợ Rã', host: '10.0.0.1', port: 161, profile: 'cisco-telepresence', snmp },
      { id: 'codec-10-0-0-2-1161', name: '10.0.0.2', host: '10.0.0.2', port: 1161, profile: 'generic-mib2', snmp },
      { id: 'codec-10-0-0-3', name: '10.0.0.3', host: '10.0.0.3', port: 161, profile: 'generic-mib2', snmp },
    ]);
    expect(eps[0]!.snmp).not.toBe(snmp);
  });

  it('names: control characters out, one line, at most 200 characters, never half a character', () => {
    expect(nameFrom('a\u0000b\tc')).toBe('a b c');
    expect(nameFrom('😀'.repeat(300))).toBe('😀'.repeat(200));
    expect(nameFrom('\u0001\u0002')).toBeNull();
  });

  it('the inventory by host:port', () => {
    const hosts = inventoryHosts(inv());
    expect(hosts.get('10.0.0.2:1161')).toEqual({ endpointId: 'xa-1', siteId: 'xa' });
    expect(hosts.get('10.0.0.2:161')).toBeUndefined();
  });
});
