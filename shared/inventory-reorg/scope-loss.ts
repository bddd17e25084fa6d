import type { Inventory } from '../inventory.js';
import type { ScopeLoss } from './reorg-api.js';

/**
 * The scoped accounts a change leaves pointing at sites that are gone (a supervisor scoped to a
 * district that was merged or removed sees nothing of it afterwards): each with the ids it would
 * lose, in its scope's order. Accounts are never changed by a reorganisation; this is the warning
 * that lets a technician fix their scopes in Accounts.
 */
export function scopeLosses(accounts: readonly { readonly user: string; readonly scope: readonly string[] }[], before: Inventory, after: Inventory): ScopeLoss[] {
  const had = new Set(before.sites.map((s) => s.id));
  const has = new Set(after.sites.map((s) => s.id));
  return accounts.flatMap((a) => {
    const lost = a.scope.filter((id) => had.has(id) && !has.has(id));
    return lost.length ? [{ user: a.user, lost }] : [];
  });
}
