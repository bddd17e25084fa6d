import type { Health } from './api/contract.js';
import type { ConferencesView } from './conference.js';
import type { EngineEvent } from './events.js';
import type { NetworkView } from './inventory.js';
import type { MonitoringStatsView, PollResult } from './monitoring.js';
import type { ScopeView } from './scope.js';
import type { EndpointStatus, StatusDelta, StatusSnapshot } from './status.js';

/**
 * Filters for the live payloads a scoped supervisor receives (network, status, events,
 * conferences, engine figures). Each one keeps only what belongs to the scope's sites and
 * endpoints and redacts out-of-scope site names from free text. Pure; the engine caches the
 * results per scope (one filter per distinct scope per change, not per client).
 */

/**
 * The scope's part of the tree. Ancestors above the scope roots are left out (their ids and
 * names too), so a root's `parent` reads null; a `district` outside the scope reads null.
 */
export function scopeNetwork(net: NetworkView, view: ScopeView): NetworkView {
  const sites = net.sites
    .filter((s) => view.siteIds.has(s.id))
    .map((s) => ({
      ...s,
      parent: s.parent !== null && view.siteIds.has(s.parent) ? s.parent : null,
      district: s.district !== null && view.siteIds.has(s.district) ? s.district : null,
    }));
  return { ...net, sites };
}

function scopeStatus(s: EndpointStatus, view: ScopeView): EndpointStatus {
  return s.remoteSite === null ? s : { ...s, remoteSite: view.redact(s.remoteSite) };
}

/** The scope's endpoints; `seq` is the caller's (the engine's per-scope channel numbers them). */
export function scopeStatuses(statuses: readonly EndpointStatus[], view: ScopeView): EndpointStatus[] {
  return statuses.filter((s) => view.endpointIds.has(s.endpointId)).map((s) => scopeStatus(s, view));
}

export function scopeStatusSnapshot(snap: StatusSnapshot, view: ScopeView, seq: number): StatusSnapshot {
  return { kind: 'snapshot', seq, statuses: scopeStatuses(snap.statuses, view) };
}

/**
 * A delta as the scope sees it, or null when nothing in it is the scope's (the channel then sends
 * nothing and its seq does not move). `wasVisible` says which removed endpoints the scope knew.
 */
export function scopeStatusDelta(
  delta: StatusDelta,
  view: ScopeView,
  seq: number,
  wasVisible: (endpointId: string) => boolean,
): StatusDelta | null {
  const updates = scopeStatuses(delta.updates, view);
  const removed = delta.removed.filter(wasVisible);
  return updates.length || removed.length ? { kind: 'delta', seq, updates, removed } : null;
}

/**
 * An event the scope may see: one about its endpoint or site, or an engine-wide one (neither
 * endpoint nor site, such as a trap from an unknown source); its text with hidden names redacted.
 */
export function scopeEvent(e: EngineEvent, view: ScopeView): EngineEvent | null {
  if (e.endpointId !== null && !view.endpointIds.has(e.endpointId)) return null;
  if (e.endpointId === null && e.siteId !== null && !view.siteIds.has(e.siteId)) return null;
  return { ...e, text: view.redact(e.text) };
}

export function scopeEvents(events: readonly EngineEvent[], view: ScopeView): EngineEvent[] {
  const out: EngineEvent[] = [];
  for (const e of events) {
    const s = scopeEvent(e, view);
    if (s) out.push(s);
  }
  return out;
}

/**
 * Conferences with only the participants at the scope's endpoints; a conference with none of
 * them is left out. Anything counted from it is counted from this filtered list, never the MCU's.
 */
export function scopeConferences(v: ConferencesView, view: ScopeView): ConferencesView {
  const conferences = v.conferences.flatMap((c) => {
    const participants = c.participants.filter((p) => p.endpointId !== null && view.endpointIds.has(p.endpointId));
    return participants.length ? [{ ...c, name: view.redact(c.name), participants }] : [];
  });
  return { mcu: { ...v.mcu, message: view.redact(v.mcu.message) }, conferences };
}

/** Health with the scope's endpoint count, not the network's. */
export function scopeHealth(h: Health, view: ScopeView): Health {
  return { ...h, endpoints: view.endpointIds.size };
}

/**
 * The poller's figures are engine-wide aggregates (rates, latencies, counters) with no site in
 * them; only the endpoint count, which would give the network's size, is the scope's.
 */
export function scopeMonitoring(m: MonitoringStatsView | null, view: ScopeView): MonitoringStatsView | null {
  return m === null ? null : { ...m, poller: { ...m.poller, endpoints: view.endpointIds.size } };
}

/** The scope's codecs' poll results only. */
export function scopePollResults(list: readonly PollResult[], view: ScopeView): PollResult[] {
  return list.filter((r) => view.endpointIds.has(r.endpointId));
}
