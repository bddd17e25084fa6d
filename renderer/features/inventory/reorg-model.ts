import type { SiteView } from '../../../shared/inventory.js';
import type { ReorgKind, ReorgOperation } from '../../../shared/inventory-reorg/reorg-api.js';
import { matchesFolded } from '../../../shared/text.js';

/** What the Reorganise panel has chosen so far. */
export interface ReorgChoice {
  readonly kind: ReorgKind;
  /** merge and move: the tier whose sites are listed to pick from; removeTier: the tier to remove. */
  readonly tier: string;
  readonly picked: ReadonlySet<string>;
  readonly target: string;
}

/** The operation to send, or null while the choice is incomplete. */
export function operationOf(c: ReorgChoice): ReorgOperation | null {
  if (c.kind === 'removeTier') return c.tier ? { kind: 'removeTier', tier: c.tier } : null;
  if (c.picked.size === 0 || !c.target) return null;
  return c.kind === 'merge' ? { kind: 'merge', sources: [...c.picked], target: c.target } : { kind: 'move', sites: [...c.picked], parent: c.target };
}

/** The sites of a tier to pick from, in inventory order, narrowed by a name filter (tones folded). */
export function pickable(sites: readonly SiteView[], tier: string, filter: string): SiteView[] {
  return sites.filter((s) => s.tier === tier && matchesFolded(s.name, filter));
}

/** Where the picked sites may go: the same tier's other sites (merge), or any site of a tier above (move). */
export function targets(sites: readonly SiteView[], tiers: readonly string[], c: ReorgChoice): SiteView[] {
  if (c.kind === 'merge') return sites.filter((s) => s.tier === c.tier && !c.picked.has(s.id));
  const rank = tiers.indexOf(c.tier);
  return sites.filter((s) => tiers.indexOf(s.tier) < rank && tiers.indexOf(s.tier) >= 0);
}

/** The tiers a whole-tier removal may name: every one but the top. */
export const removableTiers = (tiers: readonly string[]) => tiers.slice(1);
