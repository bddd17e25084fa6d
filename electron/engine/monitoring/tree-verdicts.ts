import type { Inventory } from '../../../shared/inventory.js';
import { createReachabilityTracker, type ReachabilityTracker } from '../../../shared/reachability-tracker.js';
import { reachabilityMeasuredAt, type PollState } from '../../../shared/status-derivation.js';
import type { Reachability } from '../../../shared/status.js';
import type { EventLog } from '../events/event-log.js';
import type { StatusTable } from '../status/status-table.js';

/**
 * Answer-state flips are gathered this long before the tree is re-derived (the subtrees below the
 * flipped codecs' sites): one status flush, so a district going dark costs a pass or two, not one per codec.
 */
const TREE_BATCH_MS = 50;

/** What monitoring knows about each codec's polls; read, never written, here. */
export interface TreeVerdictInputs {
  readonly status: StatusTable;
  readonly events: EventLog;
  readonly now: () => number;
  readonly intervalMs: number;
  readonly polls: ReadonlyMap<string, PollState>;
  /** Each codec's own answer state (deriveReachability of its latest poll). */
  readonly ownState: ReadonlyMap<string, Reachability>;
  /** When each silent codec's current run of timeouts began. */
  readonly silentSince: ReadonlyMap<string, number>;
  /** When the request behind each codec's latest outcome was sent. */
  readonly lastSentAt: ReadonlyMap<string, number>;
  /**
   * Poll these codecs now, out of their cycle: the site above a codec that went silent, so its
   * verdict (down, or unreachable behind that site) need not wait for the site's next turn.
   */
  readonly confirm?: (endpointIds: readonly string[]) => void;
}

export interface TreeVerdicts {
  /** A codec's own answer state flipped: re-derive below its site on the next pass. */
  flipped(endpointId: string): void;
  /** A new inventory: a new index, and every codec compared with the status table once. */
  setInventory(inventory: Inventory): void;
  close(): void;
}

/**
 * The tree's reachability verdicts written into the status table, with their events: re-derived
 * (shared/reachability-tracker.ts) only below the codecs whose own answer state flipped, and
 * applied with the waits that keep one outage one alarm (see applyTree).
 */
export function createTreeVerdicts(inputs: TreeVerdictInputs): TreeVerdicts {
  const { status, events, now, intervalMs, polls, ownState, silentSince, lastSentAt } = inputs;
  /** The parent codecs asked to confirm, and when (asked again only once they have answered or timed out since). */
  const confirming = new Map<string, number>();
  /** Codecs shown unreachable whose parent came back: when that was seen (see waitsForOwnPoll). */
  const parentBackSince = new Map<string, number>();
  const siteOf = new Map<string, string>();
  const parentOf = new Map<string, string>();
  const endpointsOf = new Map<string, string[]>();
  /** Built per inventory version; re-derives only the subtrees below codecs that flipped. */
  let tracker: ReachabilityTracker = createReachabilityTracker([], polls);
  /** Codecs whose own answer state flipped since the last pass. */
  const flipped = new Set<string>();
  /** Codecs whose derived reachability may differ from the status table's (changed or deferred). */
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | null = null;

  /**
   * Re-derive reachability below the codecs that flipped and apply what changed. A codec that just stopped
   * answering is not declared down while the site above it has not been polled since: if the
   * district is dark too, its communes become `unreachable` (one outage, not forty alarms). The
   * wait is at most two intervals.
   */
  function applyTree(): void {
    timer = null;
    for (const id of tracker.update(flipped)) pending.add(id);
    flipped.clear();
    let deferred = false;
    // Unreachable ones last, and only once the site they are behind shows it: a commune is never
    // "unreachable behind Ba Bể" while Ba Bể itself still reads up (its "down" may be waiting).
    const ordered = [...pending]
      .flatMap((id) => {
        const r = tracker.endpoint(id);
        return r ? [[id, r] as const] : [];
      })
      .sort(([, a], [, b]) => Number(a.reachability === 'unreachable') - Number(b.reachability === 'unreachable'));
    pending.clear();
    for (const [endpointId, r] of ordered) {
      const row = status.get(endpointId);
      if (!row || row.reachability === r.reachability) continue;
      if ((r.reachability === 'down' && awaitingParent(endpointId)) || (r.reachability === 'unreachable' && r.behind !== null && !siteShownOut(r.behind)) || waitsForOwnPoll(endpointId, r.reachability, row.reachability)) {
        deferred = true;
        pending.add(endpointId);
        continue;
      }
      parentBackSince.delete(endpointId);
      const at = r.measuredAt === null ? new Date(now()).toISOString() : new Date(r.measuredAt).toISOString();
      status.update(endpointId, { reachability: r.reachability, measuredAt: { reachability: at } });
      // First contact is not news: a start or an inventory reload logs no burst of "up" events.
      if (r.reachability === 'unknown' || (r.reachability === 'up' && row.reachability === 'unknown')) continue;
      const code = r.reachability === 'up' ? 'up' : r.reachability === 'down' ? 'down' : 'unreachable';
      events.add({
        code,
        severity: code === 'up' ? 'info' : code === 'down' ? 'critical' : 'warning',
        endpointId,
        siteId: r.siteId,
        text: r.behind ? r.behind : '',
        at,
      });
    }
    if (deferred) timer = setTimeout(applyTree, Math.min(500, intervalMs / 4));
  }

  /**
   * A codec shown unreachable behind a site that came back is not declared down on a failed poll
   * from before: it stays unreachable until a poll of its own, sent after the site came back,
   * decides (a probe sent into the outage times out after the recovery, and is no verdict). The
   * wait is at most three intervals (one cycle, with room for jitter and a busy poller).
   */
  function waitsForOwnPoll(endpointId: string, derived: Reachability, shown: Reachability): boolean {
    if (derived !== 'down' || shown !== 'unreachable') {
      parentBackSince.delete(endpointId);
      return false;
    }
    const since = parentBackSince.get(endpointId) ?? now();
    parentBackSince.set(endpointId, since);
    const decidedBy = lastSentAt.get(endpointId) ?? -Infinity;
    return decidedBy <= since && now() - since <= 3 * intervalMs;
  }

  /** True when a codec of the site reads down or unreachable in the status table. */
  function siteShownOut(siteId: string): boolean {
    return (endpointsOf.get(siteId) ?? []).some((id) => {
      const r = status.get(id)?.reachability;
      return r === 'down' || r === 'unreachable';
    });
  }

  /** True while the nearest ancestor site with codecs has not been polled since this one went silent. */
  function awaitingParent(endpointId: string): boolean {
    // From the first timeout of this silence: measured from the latest one, a parent polled just
    // before its child in every cycle would keep the child waiting forever.
    const since = silentSince.get(endpointId) ?? null;
    if (since === null || now() - since > 2 * intervalMs) return false;
    let site = parentOf.get(siteOf.get(endpointId) ?? '');
    while (site !== undefined && (endpointsOf.get(site)?.length ?? 0) === 0) site = parentOf.get(site);
    if (site === undefined) return false;
    // Wait while a codec of that site, not yet known to be down, has no outcome since the silence began.
    const unconfirmed = endpointsOf.get(site)!.filter((id) => (reachabilityMeasuredAt(polls.get(id)) ?? -Infinity) < since && ownState.get(id) !== 'down');
    // Ask for those polls now: the wait is then one answer (or one timeout), not a cycle. One
    // request at a time per codec, however many children wait on it.
    const ask = unconfirmed.filter((id) => {
      const askedAt = confirming.get(id);
      return askedAt === undefined || askedAt <= (reachabilityMeasuredAt(polls.get(id)) ?? -Infinity);
    });
    for (const id of ask) confirming.set(id, now());
    if (ask.length) inputs.confirm?.(ask);
    return unconfirmed.length > 0;
  }

  return {
    flipped(endpointId) {
      flipped.add(endpointId);
      timer ??= setTimeout(applyTree, TREE_BATCH_MS);
    },
    setInventory(inv) {
      siteOf.clear();
      parentOf.clear();
      endpointsOf.clear();
      for (const s of inv.sites) {
        if (s.parent) parentOf.set(s.id, s.parent);
        endpointsOf.set(s.id, s.endpoints.map((e) => e.id));
        for (const e of s.endpoints) siteOf.set(e.id, s.id);
      }
      for (const id of [...parentBackSince.keys()]) if (!siteOf.has(id)) parentBackSince.delete(id);
      for (const id of [...confirming.keys()]) if (!siteOf.has(id)) confirming.delete(id);
      // A moved site changes its communes' verdicts without any poll flipping: compare them all once.
      tracker = createReachabilityTracker(inv.sites, polls);
      flipped.clear();
      pending.clear();
      for (const id of siteOf.keys()) pending.add(id);
      if (polls.size > 0) timer ??= setTimeout(applyTree, TREE_BATCH_MS);
    },
    close() {
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
