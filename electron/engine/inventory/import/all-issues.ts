import { crossCheck, validateInventory, type Inventory, type InventoryIssue } from '../../../../shared/inventory.js';

/**
 * Every issue of an inventory, not only the first kind: validateInventory stops after the shape
 * check, so an unknown parent would wait for a bad host to be fixed first. Here the cross-record
 * rules (shared/inventory.ts crossCheck) also run on records the shape check rejected, wherever
 * the fields they read are usable; an issue on a field the shape check already named is left out.
 */
export function inventoryIssues(raw: unknown): { readonly issues: readonly InventoryIssue[]; readonly inventory: Inventory | null } {
  const result = validateInventory(raw);
  if (result.ok) return { issues: [], inventory: result.inventory };
  const forCross = crossCheckable(raw);
  if (!forCross) return { issues: result.issues, inventory: null };
  const named = new Set(result.issues.map((i) => i.path));
  return { issues: [...result.issues, ...crossCheck(forCross).filter((i) => !named.has(i.path))], inventory: null };
}

type Rec = Record<string, unknown>;
const isRecord = (v: unknown): v is Rec => v !== null && typeof v === 'object' && !Array.isArray(v);
const optionalText = (v: unknown): boolean => v === undefined || typeof v === 'string';

/**
 * `raw` with what crossCheck reads made safe (a missing `endpoints` or `snmp` as the schema's
 * defaults), or null when those fields are of the wrong kind and only the shape issues can be told.
 */
function crossCheckable(raw: unknown): Inventory | null {
  if (!isRecord(raw) || !Array.isArray(raw['tiers']) || !raw['tiers'].every((t) => typeof t === 'string')) return null;
  if (!Array.isArray(raw['sites'])) return null;
  const sites: Rec[] = [];
  for (const s of raw['sites'] as unknown[]) {
    if (!isRecord(s) || !optionalText(s['id']) || !optionalText(s['tier']) || !optionalText(s['parent'])) return null;
    const endpoints = s['endpoints'] ?? [];
    if (!Array.isArray(endpoints) || !endpoints.every((e) => isRecord(e) && optionalText(e['id']) && (e['snmp'] === undefined || isRecord(e['snmp'])))) return null;
    sites.push({ ...s, endpoints: endpoints.map((e: Rec) => ({ ...e, snmp: e['snmp'] ?? { version: '2c', community: 'public' } })) });
  }
  return { ...raw, sites } as unknown as Inventory;
}
