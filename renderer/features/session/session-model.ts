import { requests } from '../../../shared/api/contract.js';
import type { Conference, McuStatus, Participant, ReportedLayout } from '../../../shared/conference.js';
import type { NetworkView, SiteView } from '../../../shared/inventory.js';
import { mayCall, type Identity } from '../../../shared/roles.js';
import { foldQuery, matchesFolded } from '../../../shared/text.js';
import type { PendingChange, PendingField } from '../../stores/conference-pending.js';

/**
 * The session view as data: what each control shows (the MCU's value, or the operator's pending
 * request over it), whether controls may be used and why not, and the site look-ups (roster rows
 * joined to the inventory, districts and tiers for bulk connect, dial-out search).
 */

/** A value as shown: the requested one while pending, else the MCU's. */
export interface Shown<T> {
  readonly value: T;
  readonly pending: boolean;
}

function overlay<T>(reported: T, pending: readonly PendingChange[], conferenceId: string, participantId: string | null, field: PendingField): Shown<T> {
  const p = pending.find((x) => x.conferenceId === conferenceId && x.participantId === participantId && x.field === field);
  return p ? { value: p.value as T, pending: true } : { value: reported, pending: false };
}

export interface ShownParticipant {
  readonly audioMuted: Shown<boolean | null>;
  readonly videoMuted: Shown<boolean | null>;
  readonly layout: Shown<ReportedLayout | null>;
  /** A disconnect is on its way. */
  readonly leaving: boolean;
}

export function shownParticipant(conferenceId: string, p: Participant, pending: readonly PendingChange[]): ShownParticipant {
  return {
    audioMuted: overlay(p.audioMuted, pending, conferenceId, p.id, 'audioMuted'),
    videoMuted: overlay(p.videoMuted, pending, conferenceId, p.id, 'videoMuted'),
    layout: overlay(p.layout, pending, conferenceId, p.id, 'layout'),
    leaving: overlay(false, pending, conferenceId, p.id, 'leaving').pending,
  };
}

export interface ShownConference {
  readonly layout: Shown<ReportedLayout | null>;
  readonly ending: boolean;
}

export function shownConference(c: Conference, pending: readonly PendingChange[]): ShownConference {
  return { layout: overlay(c.layout, pending, c.id, null, 'layout'), ending: overlay(false, pending, c.id, null, 'ending').pending };
}

// --- who may act, and when -----------------------------------------------------------------

/** Why controls are off, most basic first; null when they may be used. */
export type BlockReason = 'link' | 'identity' | 'role' | 'mcu' | 'roster';

export interface GateInput {
  readonly linkOpen: boolean;
  readonly identity: Identity | null;
  readonly mcu: McuStatus | null;
  /** The conference's roster is known (for participant and conference actions). */
  readonly rosterKnown?: boolean;
}

/** Whether a role may run conference actions (the contract's roles for them). */
export function mayControl(identity: Identity | null): boolean {
  return identity !== null && mayCall(identity, requests.muteParticipant.roles);
}

export function controlBlock(g: GateInput): BlockReason | null {
  if (!g.linkOpen) return 'link';
  if (!g.identity) return 'identity';
  if (!mayControl(g.identity)) return 'role';
  if (!g.mcu || g.mcu.state !== 'ok') return 'mcu';
  if (g.rosterKnown === false) return 'roster';
  return null;
}

// --- roster rows ----------------------------------------------------------------------------

export interface RosterRow {
  readonly participant: Participant;
  /** The inventory site of its endpoint, when it is one of ours. */
  readonly site: SiteView | null;
  /** Site name from the inventory, else the MCU's name. */
  readonly name: string;
  readonly tier: string | null;
}

export function endpointSites(network: NetworkView | null): ReadonlyMap<string, SiteView> {
  const m = new Map<string, SiteView>();
  for (const s of network?.sites ?? []) for (const e of s.endpoints) m.set(e.id, s);
  return m;
}

const STATE_ORDER: Readonly<Record<Participant['state'], number>> = { connected: 0, onHold: 1, ringing: 2, initial: 3, disconnected: 4 };

/** The roster joined to the inventory: by tier (the network's order, outsiders last), then name; gone participants last. */
export function rosterRows(conference: Conference, sitesByEndpoint: ReadonlyMap<string, SiteView>, tiers: readonly string[], collator: Intl.Collator): RosterRow[] {
  const rows = conference.participants.map((p) => {
    const site = p.endpointId ? (sitesByEndpoint.get(p.endpointId) ?? null) : null;
    return { participant: p, site, name: site?.name ?? p.name, tier: site?.tier ?? null };
  });
  const tierIndex = (t: string | null): number => {
    const i = t === null ? -1 : tiers.indexOf(t);
    return i < 0 ? tiers.length : i;
  };
  const gone = (r: RosterRow): number => (r.participant.state === 'disconnected' ? 1 : 0);
  return rows.sort((a, b) => gone(a) - gone(b) || tierIndex(a.tier) - tierIndex(b.tier) || collator.compare(a.name, b.name));
}

export const participantStateOrder = (s: Participant['state']): number => STATE_ORDER[s];

/** The participants still in the call (not disconnected). */
export const present = (c: Conference): Participant[] => c.participants.filter((p) => p.state !== 'disconnected');

// --- bulk connect ---------------------------------------------------------------------------

export interface SiteChoice {
  readonly value: string;
  readonly name: string;
  readonly siteIds: readonly string[];
}

/** Districts as the engine resolves them (each site's `district`), named by their district site, in inventory order. */
export function districtChoices(network: NetworkView | null): SiteChoice[] {
  if (!network) return [];
  const byId = new Map(network.sites.map((s) => [s.id, s]));
  const groups = new Map<string, string[]>();
  for (const s of network.sites) {
    if (!s.district) continue;
    let g = groups.get(s.district);
    if (!g) groups.set(s.district, (g = []));
    g.push(s.id);
  }
  return [...groups].map(([d, siteIds]) => ({ value: d, name: byId.get(d)?.name ?? d, siteIds }));
}

export function tierChoices(network: NetworkView | null): SiteChoice[] {
  if (!network) return [];
  return network.tiers.map((tier) => ({ value: tier, name: tier, siteIds: network.sites.filter((s) => s.tier === tier).map((s) => s.id) }));
}

/**
 * Every site the console shows (the network as the engine sends it is already cut to the user's
 * scope), as the one choice of "connect every site in scope": a province-wide meeting in one go.
 */
export function scopeChoices(network: NetworkView | null): SiteChoice[] {
  if (!network || network.sites.length === 0) return [];
  return [{ value: 'scope', name: '', siteIds: network.sites.map((s) => s.id) }];
}

/** Sites of a choice already in the conference (one of their endpoints is present). */
export function sitesPresent(siteIds: readonly string[], conference: Conference | null, sitesByEndpoint: ReadonlyMap<string, SiteView>): Set<string> {
  const out = new Set<string>();
  if (!conference) return out;
  const wanted = new Set(siteIds);
  for (const p of present(conference)) {
    const site = p.endpointId ? sitesByEndpoint.get(p.endpointId) : undefined;
    if (site && wanted.has(site.id)) out.add(site.id);
  }
  return out;
}

/** The participant (if any) a site has in the conference, the most connected first. */
export function siteParticipant(siteId: string, conference: Conference | null, sitesByEndpoint: ReadonlyMap<string, SiteView>): Participant | null {
  if (!conference) return null;
  let best: Participant | null = null;
  for (const p of conference.participants) {
    if (!p.endpointId || sitesByEndpoint.get(p.endpointId)?.id !== siteId) continue;
    if (!best || STATE_ORDER[p.state] < STATE_ORDER[best.state]) best = p;
  }
  return best;
}

// --- dial out -------------------------------------------------------------------------------

export interface DialCandidate {
  readonly site: SiteView;
  /** The endpoint to dial (the first with a SIP URI). */
  readonly endpointId: string;
  readonly uri: string;
}

/** Sites whose name (or id, or URI) matches the query, diacritics folded; those with no SIP URI cannot be dialled. */
export function dialCandidates(network: NetworkView | null, query: string, limit = 8): DialCandidate[] {
  const words = foldQuery(query);
  if (!network || words.length === 0) return [];
  const out: DialCandidate[] = [];
  for (const site of network.sites) {
    const e = site.endpoints.find((x) => x.uri);
    if (!e?.uri) continue;
    if (!matchesFolded(`${site.name} ${site.id} ${e.uri}`, words)) continue;
    out.push({ site, endpointId: e.id, uri: e.uri });
    if (out.length >= limit) break;
  }
  return out;
}

/** A query that looks like a SIP URI (user@host), to dial as it is. */
export function looksLikeUri(query: string): boolean {
  return /^(sips?:)?[^\s@]+@[^\s@]+\.[^\s@]+$/.test(query.trim());
}
