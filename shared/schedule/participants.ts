import { toNetworkView, type Inventory, type NetworkView } from '../inventory.js';
import type { ParticipantGroup, Participants } from './meeting.js';

/**
 * The inventory as the schedule rules see it: sites with their tier and resolved district
 * (`districtResolver`, via the network view), in file order, and the zone all times are in.
 */
export interface DirectorySite {
  readonly id: string;
  readonly name: string;
  readonly tier: string;
  readonly district: string | null;
}

export interface SiteDirectory {
  readonly timezone: string;
  readonly tiers: readonly string[];
  /** Sites in inventory order. */
  readonly sites: readonly DirectorySite[];
  readonly byId: ReadonlyMap<string, DirectorySite>;
}

export function siteDirectory(view: NetworkView): SiteDirectory {
  const sites = view.sites.map((s) => ({ id: s.id, name: s.name, tier: s.tier, district: s.district }));
  return { timezone: view.timezone, tiers: [...view.tiers], sites, byId: new Map(sites.map((s) => [s.id, s])) };
}

export function siteDirectoryFromInventory(inv: Inventory): SiteDirectory {
  return siteDirectory(toNetworkView(inv));
}

export interface ExpandedParticipants {
  /** Every participant site, explicit or through a group, once each, in inventory order. */
  readonly siteIds: readonly string[];
  /** Explicit site ids that are not in the inventory. */
  readonly unknownSiteIds: readonly string[];
  /** Groups naming a district or tier the inventory does not have. */
  readonly unknownGroups: readonly ParticipantGroup[];
  /** Known groups that have no sites (a district without communes; a tier nobody is on). */
  readonly emptyGroups: readonly ParticipantGroup[];
}

/** The sites a group stands for, or null when it names a district or tier that does not exist. */
export function groupMembers(group: ParticipantGroup, dir: SiteDirectory): DirectorySite[] | null {
  switch (group.type) {
    case 'all-sites':
      return [...dir.sites];
    case 'tier':
      return dir.tiers.includes(group.tier) ? dir.sites.filter((s) => s.tier === group.tier) : null;
    case 'district-communes': {
      // The district's lower tiers: communes, wards and towns (and any extension sites filed
      // under the district on a lower tier), never the district hall itself.
      const district = dir.byId.get(group.district);
      if (!district) return null;
      const rank = dir.tiers.indexOf(district.tier);
      return dir.sites.filter((s) => s.id !== district.id && s.district === district.id && dir.tiers.indexOf(s.tier) > rank);
    }
  }
}

export function expandParticipants(p: Participants, dir: SiteDirectory): ExpandedParticipants {
  const chosen = new Set<string>();
  const unknownSiteIds: string[] = [];
  const unknownGroups: ParticipantGroup[] = [];
  const emptyGroups: ParticipantGroup[] = [];
  for (const id of p.sites) {
    if (dir.byId.has(id)) chosen.add(id);
    else if (!unknownSiteIds.includes(id)) unknownSiteIds.push(id);
  }
  for (const g of p.groups) {
    const members = groupMembers(g, dir);
    if (members === null) unknownGroups.push(g);
    else if (members.length === 0) emptyGroups.push(g);
    else members.forEach((s) => chosen.add(s.id));
  }
  const siteIds = dir.sites.filter((s) => chosen.has(s.id)).map((s) => s.id);
  return { siteIds, unknownSiteIds, unknownGroups, emptyGroups };
}

/**
 * Every site a meeting occupies: its participants and its host site (known sites only). This is
 * also the number of MCU ports it takes.
 */
export function meetingSiteIds(m: { hostSiteId: string; participants: Participants }, dir: SiteDirectory): ReadonlySet<string> {
  const ids = new Set(expandParticipants(m.participants, dir).siteIds);
  if (dir.byId.has(m.hostSiteId)) ids.add(m.hostSiteId);
  return ids;
}

/** A short English description of a group, for messages: "all communes of UBND huyện Ba Bể". */
export function describeGroup(group: ParticipantGroup, dir?: SiteDirectory): string {
  switch (group.type) {
    case 'all-sites':
      return 'all sites';
    case 'tier':
      return `all sites of tier "${group.tier}"`;
    case 'district-communes':
      return `all communes of ${dir?.byId.get(group.district)?.name ?? `"${group.district}"`}`;
  }
}
