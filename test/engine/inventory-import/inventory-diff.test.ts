import { describe, expect, it } from 'vitest';
import type { Inventory } from '../../../shared/inventory';
import { applyImport, diffInventories } from '../../../electron/engine/inventory/import/inventory-diff';
import { inventoryToCsvBytes } from '../../../electron/engine/inventory/import/csv-inventory';
import { importCsv } from '../../../electron/engine/inventory/import/validate-import';
import { demoInventory, small, validated } from './csv';

/** The small network with one of each kind of change. */
function edited(): Inventory {
  const inv = structuredClone(small());
  const byId = (id: string) => inv.sites.find((s) => s.id === id)!;
  byId('ba-be').name = 'UBND huyện Ba Bể (mới)'; // site changed
  byId('na-ri-kim-hy').parent = 'ba-be'; // site moved
  inv.sites = inv.sites.filter((s) => s.id !== 'ba-be-nam-mau'); // site removed (with its endpoint)
  inv.sites.push({ id: 'na-ri-luong-thuong', name: 'UBND xã Lương Thượng', tier: 'commune', parent: 'na-ri', endpoints: [] }); // site added
  const ep = byId('ubnd-tinh').endpoints[0]!;
  ep.host = '10.9.0.1'; // endpoint changed, with a secret
  ep.snmp = { version: '2c', community: 'new-community' };
  byId('na-ri').endpoints.push({ ...byId('ba-be').endpoints[0]!, id: 'na-ri-2', name: 'Phòng họp 2' }); // endpoint added
  byId('ba-be').endpoints.push(byId('na-ri-kim-hy').endpoints.pop()!); // endpoint moved
  return validated(inv);
}

describe('diffInventories', () => {
  it('lists one of each kind: added, changed, moved and removed sites and endpoints', () => {
    const d = diffInventories(small(), edited());
    expect(d.network).toEqual([]);
    expect(d.empty).toBe(false);
    expect(d.sites.added).toEqual([{ id: 'na-ri-luong-thuong', name: 'UBND xã Lương Thượng', parent: 'na-ri' }]);
    expect(d.sites.changed).toEqual([
      { ref: { id: 'ba-be', name: 'UBND huyện Ba Bể (mới)', parent: 'ubnd-tinh' }, changes: [{ field: 'name', from: 'UBND huyện Ba Bể', to: 'UBND huyện Ba Bể (mới)' }] },
    ]);
    expect(d.sites.moved).toEqual([{ ref: { id: 'na-ri-kim-hy', name: 'UBND xã Kim Hỷ', parent: 'ba-be' }, from: 'na-ri', to: 'ba-be' }]);
    expect(d.sites.removed).toEqual([{ id: 'ba-be-nam-mau', name: 'UBND xã Nam Mẫu', parent: 'ba-be' }]);

    expect(d.endpoints.added).toEqual([{ id: 'na-ri-2', name: 'Phòng họp 2', site: 'na-ri' }]);
    expect(d.endpoints.changed).toEqual([
      {
        ref: { id: 'ubnd-tinh-1', name: 'Phòng họp trực tuyến', site: 'ubnd-tinh' },
        changes: [{ field: 'host', from: '127.0.0.1', to: '10.9.0.1' }, { field: 'snmp.community', secret: true }],
      },
    ]);
    expect(d.endpoints.moved).toEqual([{ ref: { id: 'na-ri-kim-hy-1', name: 'Phòng họp trực tuyến', site: 'ba-be' }, from: 'na-ri-kim-hy', to: 'ba-be' }]);
    expect(d.endpoints.removed).toEqual([{ id: 'ba-be-nam-mau-1', name: 'Phòng họp trực tuyến', site: 'ba-be-nam-mau' }]);
  });

  it('never shows a secret, old or new: communities, SNMPv3 keys, the MCU password', () => {
    const a = demoInventory();
    const b = structuredClone(a);
    const ep = b.sites[0]!.endpoints[0]!;
    if (ep.snmp.version !== '3') throw new Error('the demo starts with a v3 endpoint');
    ep.snmp.authKey = 'n3w-auth-key';
    ep.snmp.privKey = 'n3w-priv-key';
    b.sites[5]!.endpoints[0]!.snmp = { version: '2c', community: 'n3w-community' };
    b.mcu = { ...b.mcu!, password: 'n3w-password', url: 'https://mcu.backan.gov.vn:445' };
    const d = diffInventories(a, b);
    const text = JSON.stringify(d);
    for (const secret of ['bp-demo-auth-key', 'bp-demo-priv-key', 'public', 'demo"', 'n3w-']) expect(text).not.toContain(secret);
    expect(d.network).toEqual([{ field: 'mcu.url', from: 'http://127.0.0.1:18443', to: 'https://mcu.backan.gov.vn:445' }, { field: 'mcu.password', secret: true }]);
    expect(d.endpoints.changed.flatMap((c) => c.changes)).toEqual([
      { field: 'snmp.authKey', secret: true },
      { field: 'snmp.privKey', secret: true },
      { field: 'snmp.community', secret: true },
    ]);
  });

  it('is empty for the same inventory in another order', () => {
    const a = demoInventory();
    expect(diffInventories(a, { ...a, sites: [...a.sites].reverse() }).empty).toBe(true);
  });
});

describe('applyImport', () => {
  it('gives the whole new inventory and its diff; the current one is untouched', () => {
    const current = small();
    const before = structuredClone(current);
    const next = edited();
    const r = applyImport(current, { sites: next.sites });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.inventory).toStrictEqual(next);
    expect(r.diff.sites.added).toHaveLength(1);
    expect(current).toStrictEqual(before);
  });

  it('is all or nothing: one bad record and nothing comes back, with every problem', () => {
    const current = small();
    const before = structuredClone(current);
    const sites = structuredClone(edited().sites) as unknown as Record<string, unknown>[];
    sites[0]!['parent'] = 'nowhere';
    (sites[1]!['endpoints'] as Record<string, unknown>[])[0]!['host'] = 'http://10.0.0.1/';
    const r = applyImport(current, { sites });
    expect(r).toEqual({
      ok: false,
      errors: [
        expect.objectContaining({ path: '$.sites[1].endpoints[0].host', code: 'invalid_host', params: expect.objectContaining({ value: 'http://10.0.0.1/' }) }),
        expect.objectContaining({ path: '$.sites[0].parent', code: 'unknown_parent' }),
      ],
    });
    expect('inventory' in r).toBe(false);
    expect(current).toStrictEqual(before);
  });

  it('takes network fields from a JSON import and keeps the rest', () => {
    const current = small();
    const r = applyImport(current, { sites: current.sites, name: 'Tỉnh Thái Nguyên' });
    expect(r.ok && r.inventory.name).toBe('Tỉnh Thái Nguyên');
    expect(r.ok && r.inventory.mcu).toEqual(current.mcu);
    expect(r.ok && r.diff.network).toEqual([{ field: 'name', from: 'Tỉnh Thử', to: 'Tỉnh Thái Nguyên' }]);
  });

  it('applies a CSV export of the demo to itself as no change', () => {
    const demo = demoInventory();
    const imported = importCsv(inventoryToCsvBytes(demo), demo);
    if (!imported.ok) throw new Error(JSON.stringify(imported.errors));
    const r = applyImport(demo, imported.inventory);
    expect(r.ok && r.diff.empty).toBe(true);
    expect(r.ok && r.inventory).toStrictEqual(demo);
  });
});
