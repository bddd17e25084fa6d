import { districtResolver, type Inventory } from '../../../shared/inventory.js';
import { isScoped, type Identity } from '../../../shared/roles.js';
import { scopeView, type ScopeView } from '../../../shared/scope.js';

/** The inventory's sites as history reads them: parents, districts, roots (built once per inventory). */
export interface NetworkTree {
  readonly inv: Inventory;
  readonly siteOf: ReadonlyMap<string, { id: string; name: string; tier: string; parent?: string; endpoints: readonly { id: string }[] }>;
  readonly ancestorsOf: (siteId: string) => string[];
  readonly districtOf: (siteId: string) => string | null;
  readonly roots: readonly string[];
}

/** The tree of the inventory `current()` returns, rebuilt only when that inventory changes. */
export function networkTree(current: () => Inventory): () => NetworkTree {
  let cached: NetworkTree | null = null;
  return () => {
    const inv = current();
    if (cached?.inv !== inv) {
      const siteOf = new Map(inv.sites.map((s) => [s.id, s]));
      const ancestorsOf = (site: string): string[] => {
        const out: string[] = [];
        for (let p = siteOf.get(site)?.parent; p && out.length < 64; p = siteOf.get(p)?.parent) out.push(p);
        return out;
      };
      const roots = inv.sites.filter((s) => !s.parent || !siteOf.has(s.parent)).map((s) => s.id);
      cached = { inv, siteOf, ancestorsOf, districtOf: districtResolver(inv), roots };
    }
    return cached;
  };
}

/** The caller's part of the network; null for a caller who sees all of it. */
export function viewOf(caller: Identity, inv: Inventory): ScopeView | null {
  return isScoped(caller) ? scopeView(inv.sites, caller.scope ?? []) : null;
}
