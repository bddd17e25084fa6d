import { validateInventory, type Inventory } from '../shared/inventory.js';
import { reorganise } from '../shared/inventory-reorg/reorganise.js';

/**
 * The second embedded demo: the Bắc Kạn demo after Vietnam's 2025 reform. From 1 July 2025 the
 * district tier is gone and Bắc Kạn province is part of Thái Nguyên (Nghị quyết 202/2025/QH15;
 * its communes were rearranged by Nghị quyết 1683/NQ-UBTVQH15), so the network is two tiers:
 * the provincial sites, and the communes straight under the provincial People's Committee.
 *
 * Made only through the reorganisation operations a technician has (shared/inventory-reorg):
 * the district tier removed in one step, its eight halls' codecs kept under the provincial
 * People's Committee with their ids (renamed so the list says whose hall each was). The communes
 * keep their pre-reform names and sites: the public record at hand confirms the names of new
 * units (e.g. phường Bắc Kạn, phường Đức Xuân) but not which former communes each was formed
 * from, so no commune is merged here (see assets/inventory/README.md).
 *
 * `node scripts/make-thai-nguyen-2025.mjs` writes assets/inventory/thai-nguyen-2025.json; a unit
 * test checks the committed file is exactly what this makes.
 */
export function thaiNguyen2025(bacKan: Inventory): Inventory {
  const districts = new Map(bacKan.sites.filter((s) => s.tier === 'district').map((s) => [s.id, s.name]));
  const r = reorganise(bacKan, { kind: 'removeTier', tier: 'district' });
  if (!r.ok) throw new Error(`the Bắc Kạn demo cannot lose its district tier: ${JSON.stringify(r.problems)}`);
  const hallOf = new Map(bacKan.sites.filter((s) => districts.has(s.id)).flatMap((s) => s.endpoints.map((e) => [e.id, districts.get(s.id)!] as const)));
  const next: Inventory = {
    ...r.inventory,
    name: 'Thái Nguyên (khu vực Bắc Kạn cũ, từ 1/7/2025)',
    sites: r.inventory.sites.map((s) => ({
      ...s,
      endpoints: s.endpoints.map((e) => (hallOf.has(e.id) ? { ...e, name: `Hội trường ${hallOf.get(e.id)!} (cũ)` } : e)),
    })),
  };
  const checked = validateInventory(JSON.parse(JSON.stringify(next)));
  if (!checked.ok) throw new Error(`the two-tier demo is not a valid inventory: ${JSON.stringify(checked.issues)}`);
  return next;
}
