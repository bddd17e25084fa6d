import type { Inventory } from '../../../shared/inventory.js';
import { expandOccurrences, type Meeting, type Occurrence, type SchedulePolicy, type SiteDirectory } from '../../../shared/schedule/index.js';
import type { MeetingStore } from './meeting-store.js';
import type { RunStore } from './run-store.js';

/** What every part of the schedule shares: storage, the clock, the inventory and its zone. */
export interface ScheduleContext {
  readonly store: MeetingStore;
  readonly runs: RunStore;
  readonly now: () => number;
  readonly inventory: () => Inventory;
  /** The inventory as the rules see it (sites, tiers, time zone). */
  readonly directory: () => SiteDirectory;
  readonly policy: Partial<SchedulePolicy>;
  /** Tell subscribers of the `schedule` stream that these meetings changed. */
  readonly changed: (ids: readonly string[]) => void;
}

export const MINUTE = 60_000;

/**
 * The occurrence that matters now: the one running at `now`, else the next one to start; null
 * when every occurrence is over.
 */
export function currentOccurrence(m: Meeting, timeZone: string, now: number): Occurrence | null {
  const { occurrences } = expandOccurrences(m, timeZone);
  return occurrences.find((o) => o.end > now) ?? null;
}

/** Whether a series has occurrences after this one (so ending it is not the meeting's end). */
export function hasLaterOccurrence(m: Meeting, timeZone: string, occurrenceStart: number): boolean {
  return expandOccurrences(m, timeZone).occurrences.some((o) => o.start > occurrenceStart);
}

/** The endpoint a site is dialled on and checked by: its first one with a SIP URI, else its first. */
export function siteEndpoint(inv: Inventory, siteId: string): { id: string; uri: string | null } | null {
  const site = inv.sites.find((s) => s.id === siteId);
  const e = site?.endpoints.find((x) => x.uri) ?? site?.endpoints[0];
  return e ? { id: e.id, uri: e.uri ?? null } : null;
}

/** Every endpoint id → its site id. */
export function siteOfEndpoint(inv: Inventory): Map<string, string> {
  return new Map(inv.sites.flatMap((s) => s.endpoints.map((e) => [e.id, s.id] as const)));
}

/** The sites a meeting brings together, the host first, then the participants in inventory order. */
export function orderedSites(m: Meeting, dir: SiteDirectory, siteIds: ReadonlySet<string>): string[] {
  const rest = dir.sites.filter((s) => siteIds.has(s.id) && s.id !== m.hostSiteId).map((s) => s.id);
  return siteIds.has(m.hostSiteId) ? [m.hostSiteId, ...rest] : rest;
}
