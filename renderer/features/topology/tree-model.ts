import type { NetworkView, SiteView } from '../../../shared/inventory.js';
import { foldQuery, matchesFolded } from '../../../shared/text.js';

/**
 * The site tree as data: one section per tier (the network's `tiers`, in order, whatever their
 * number), and within a tier, sites that belong to a district other than themselves grouped
 * under that district. Pure functions, so the shape is testable without a DOM.
 */
export interface SiteGroup {
  /** Unique in the tree: `<tier>/<district>`, or `<tier>/` for the ungrouped sites. */
  readonly key: string;
  readonly district: string | null;
  /** The district site's name, or the district as written; null for the ungrouped sites. */
  readonly label: string | null;
  readonly sites: readonly SiteView[];
}

export interface TierModel {
  readonly tier: string;
  /** All the tier's sites (counters use these, whatever the filter). */
  readonly sites: readonly SiteView[];
  readonly endpointIds: readonly string[];
  readonly groups: readonly SiteGroup[];
}

export function buildTiers(network: NetworkView): TierModel[] {
  const byId = new Map(network.sites.map((s) => [s.id, s]));
  // Tiers are data; a site on a tier the list forgot still gets a section rather than vanishing.
  const tiers = [...network.tiers];
  for (const s of network.sites) if (!tiers.includes(s.tier)) tiers.push(s.tier);

  return tiers.map((tier) => {
    const sites = network.sites.filter((s) => s.tier === tier);
    const groups = new Map<string, { district: string | null; sites: SiteView[] }>();
    const ungrouped: SiteView[] = [];
    for (const site of sites) {
      const d = site.district;
      if (d === null || d === site.id) {
        ungrouped.push(site);
        continue;
      }
      let g = groups.get(d);
      if (!g) groups.set(d, (g = { district: d, sites: [] }));
      g.sites.push(site);
    }
    const list: SiteGroup[] = [];
    if (ungrouped.length) list.push({ key: `${tier}/`, district: null, label: null, sites: ungrouped });
    for (const [d, g] of groups) {
      list.push({ key: `${tier}/${d}`, district: d, label: byId.get(d)?.name ?? d, sites: g.sites });
    }
    return { tier, sites, endpointIds: sites.flatMap((s) => s.endpoints.map((e) => e.id)), groups: list };
  });
}

/** The same tiers keeping only sites whose name matches (diacritics folded); empty groups go. */
export function filterTiers(tiers: readonly TierModel[], query: string): TierModel[] {
  const words = foldQuery(query);
  if (words.length === 0) return [...tiers];
  return tiers.map((t) => ({
    ...t,
    groups: t.groups
      .map((g) => ({ ...g, sites: g.sites.filter((s) => matchesFolded(s.name, words)) }))
      .filter((g) => g.sites.length > 0),
  }));
}

export function countShown(tiers: readonly TierModel[]): number {
  return tiers.reduce((n, t) => n + t.groups.reduce((m, g) => m + g.sites.length, 0), 0);
}

/** One focusable row of the tree, in display order. */
export type NavItem =
  | { readonly kind: 'group'; readonly key: string; readonly groupKey: string; readonly expanded: boolean }
  | { readonly kind: 'site'; readonly key: string; readonly siteId: string; readonly groupKey: string | null };

export const siteKey = (siteId: string): string => `site:${siteId}`;
export const groupRowKey = (groupKey: string): string => `group:${groupKey}`;

/** Whether a group shows its sites: expanded by default; while filtering, always. */
export function isExpanded(groupKey: string, collapsed: ReadonlySet<string>, filtering: boolean): boolean {
  return filtering || !collapsed.has(groupKey);
}

export function navItems(tiers: readonly TierModel[], collapsed: ReadonlySet<string>, filtering: boolean): NavItem[] {
  const out: NavItem[] = [];
  for (const t of tiers) {
    for (const g of t.groups) {
      const grouped = g.label !== null;
      const expanded = !grouped || isExpanded(g.key, collapsed, filtering);
      if (grouped) out.push({ kind: 'group', key: groupRowKey(g.key), groupKey: g.key, expanded });
      if (!expanded) continue;
      for (const s of g.sites) out.push({ kind: 'site', key: siteKey(s.id), siteId: s.id, groupKey: grouped ? g.key : null });
    }
  }
  return out;
}
