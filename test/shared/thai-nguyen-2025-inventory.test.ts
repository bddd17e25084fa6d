import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { districtResolver, validateInventory, type Inventory } from '../../shared/inventory';
import { thaiNguyen2025 } from '../../scripts/thai-nguyen-2025';

// The second embedded demo: the Bắc Kạn demo after the 2025 reform, two tiers.
const read = (name: string): Inventory => {
  const r = validateInventory(JSON.parse(readFileSync(new URL(`../../assets/inventory/${name}`, import.meta.url), 'utf8')));
  if (!r.ok) throw new Error(`${name} is invalid: ${JSON.stringify(r.issues)}`);
  return r.inventory;
};
const bacKan = read('bac-kan.json');
const inv = read('thai-nguyen-2025.json');
const endpoints = (i: Inventory) => i.sites.flatMap((s) => s.endpoints);

describe('assets/inventory/thai-nguyen-2025.json', () => {
  it('is exactly what scripts/make-thai-nguyen-2025.mjs makes from the Bắc Kạn demo', () => {
    expect(inv).toEqual(thaiNguyen2025(bacKan));
  });

  it('has two tiers: the provincial sites, and every commune straight under the provincial People’s Committee', () => {
    expect(inv.tiers).toEqual(['province', 'commune']);
    expect(inv.sites.filter((s) => s.tier === 'province')).toHaveLength(5);
    const communes = inv.sites.filter((s) => s.tier === 'commune');
    expect(communes).toHaveLength(108);
    expect(new Set(communes.map((s) => s.parent))).toEqual(new Set(['ubnd-tinh']));
    // No district anywhere: the resolver finds none.
    const districtOf = districtResolver(inv);
    expect(inv.sites.filter((s) => districtOf(s.id) !== null)).toEqual([]);
  });

  it('keeps every codec of the Bắc Kạn demo with its id, address and port (the simulator’s range is unchanged)', () => {
    expect(endpoints(inv).map((e) => e.id).sort()).toEqual(endpoints(bacKan).map((e) => e.id).sort());
    const before = new Map(endpoints(bacKan).map((e) => [e.id, e]));
    for (const e of endpoints(inv)) expect([e.host, e.port, e.uri]).toEqual([before.get(e.id)!.host, before.get(e.id)!.port, before.get(e.id)!.uri]);
    const ports = endpoints(inv).map((e) => e.port);
    expect([Math.min(...ports), Math.max(...ports), new Set(ports).size]).toEqual([16100, 16221, 121]);
    expect(inv.traps).toEqual(bacKan.traps);
    expect(inv.mcu).toEqual(bacKan.mcu);
  });

  it('names the former district halls’ codecs, now under the provincial People’s Committee', () => {
    const ubnd = inv.sites.find((s) => s.id === 'ubnd-tinh')!;
    expect(ubnd.endpoints.map((e) => e.name)).toContain('Hội trường UBND huyện Ba Bể (cũ)');
    expect(ubnd.endpoints).toHaveLength(9);
  });
});
