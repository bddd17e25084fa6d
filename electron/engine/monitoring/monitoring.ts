import type { DeviceProfile } from '../../../shared/device-profile.js';
import type { Inventory } from '../../../shared/inventory.js';
import type { PollResult } from '../../../shared/monitoring.js';
import { createReachabilityTracker, type ReachabilityTracker } from '../../../shared/reachability-tracker.js';
import { deriveReachability, isStale, reachabilityMeasuredAt, type DegradedThresholds, type PollState } from '../../../shared/status-derivation.js';
import type { Reachability } from '../../../shared/status.js';
import type { EventLog } from '../events/event-log.js';
import { createSnmpPoller, type PollerStats, type PollSample, type SnmpPoller, type SnmpPollerOptions } from '../snmp/poller.js';
import { createEndpointResolver, createTrapReceiver, trapUsersFrom, type TrapEvent, type TrapReceiver, type TrapReceiverStats } from '../snmp/trap-receiver.js';
import { REJECTION_LEAD } from '../snmp/trap-rejection.js';
import type { StatusTable } from '../status/status-table.js';
import { PollResults } from './poll-results.js';
import { degradedAfter, patchFromValues } from './quality.js';

/**
 * Answer-state flips are gathered this long before the tree is re-derived (the subtrees below the
 * flipped codecs' sites): one status flush, so a district going dark costs a pass or two, not one per codec.
 */
const TREE_BATCH_MS = 50;

export interface MonitoringOptions {
  readonly status: StatusTable;
  readonly events: EventLog;
  readonly profiles: ReadonlyMap<string, DeviceProfile>;
  /** Global bound on SNMP requests in flight. */
  readonly maxInFlight?: number;
  /** Listen for traps (from the inventory's `traps`); false to not listen at all. */
  readonly traps?: boolean;
  readonly now?: () => number;
  /** The SNMP poller (tests drive monitoring with hand-made samples through this). */
  readonly createPoller?: (options: SnmpPollerOptions) => SnmpPoller;
}

export interface MonitoringStats {
  readonly intervalMs: number;
  readonly poller: PollerStats;
  readonly traps: (TrapReceiverStats & { readonly port: number }) | null;
}

export interface Monitoring {
  setInventory(inventory: Inventory): void;
  stats(): MonitoringStats;
  /** Each codec's last poll (when, how long, why it failed) and its failures by kind. */
  pollResults(): PollResult[];
  close(): Promise<void>;
}

/**
 * Turns SNMP polls and traps into live status: each sample updates the endpoint's measured fields
 * (with their times), reachability is re-derived only when an endpoint's own answer state flips,
 * and then only below its site (so a dead district makes its communes unreachable, not down), quality
 * thresholds decide `degraded`, and a sweep marks values stale when no poll ended within two intervals.
 */
export async function startMonitoring(inventory: Inventory, options: MonitoringOptions): Promise<Monitoring> {
  const { status, events, profiles } = options;
  const now = options.now ?? Date.now;
  const settings = () => inventory.monitoring ?? { intervalS: 5, timeoutMs: 1000, retries: 1, degraded: undefined };
  const intervalMs = settings().intervalS * 1000;
  const thresholds: Partial<DegradedThresholds> = settings().degraded ?? {};
  const polls = new Map<string, PollState>();
  const ownState = new Map<string, Reachability>();
  /** When each silent endpoint's current run of timeouts began (the first, not the latest, timeout). */
  const silentSince = new Map<string, number>();
  /** Codecs shown unreachable whose parent came back: when that was seen (see applyTree). */
  const parentBackSince = new Map<string, number>();
  /** When the request behind each endpoint's latest outcome was sent. */
  const lastSentAt = new Map<string, number>();
  const lastProblems = new Map<string, string>();
  const siteOf = new Map<string, string>();
  const results = new PollResults();
  const parentOf = new Map<string, string>();
  const endpointsOf = new Map<string, string[]>();
  let treeDirty: NodeJS.Timeout | null = null;
  /** Built per inventory version (adopt); re-derives only the subtrees below codecs that flipped. */
  let tracker: ReachabilityTracker;
  /** Codecs whose own answer state flipped since the last pass. */
  const flipped = new Set<string>();
  /** Codecs whose derived reachability may differ from the status table's (changed or deferred). */
  const pending = new Set<string>();

  const log = (line: string): void => console.log(`bridgepoint: ${line}`);

  const poller = (options.createPoller ?? createSnmpPoller)({
    intervalMs,
    timeoutMs: settings().timeoutMs,
    retries: settings().retries,
    maxInFlight: options.maxInFlight,
    onSample: (id, sample) => onSample(id, sample),
    onLog: log,
  });

  function onSample(endpointId: string, sample: PollSample): void {
    const row = status.get(endpointId);
    if (!row) return;
    const at = Date.parse(sample.at);
    const prev = polls.get(endpointId);
    const poll: PollState = sample.answered
      ? { lastAnswerAt: at, lastTimeoutAt: prev?.lastTimeoutAt ?? null, consecutiveTimeouts: 0 }
      : { lastAnswerAt: prev?.lastAnswerAt ?? null, lastTimeoutAt: at, consecutiveTimeouts: (prev?.consecutiveTimeouts ?? 0) + 1 };
    polls.set(endpointId, poll);
    lastSentAt.set(endpointId, Date.parse(sample.sentAt ?? sample.at));
    results.note(endpointId, sample);
    if (sample.answered) silentSince.delete(endpointId);
    else if (!silentSince.has(endpointId)) silentSince.set(endpointId, at);

    const { patch, problems } = sample.answered ? patchFromValues(sample.values, sample.at) : { patch: {}, problems: [] };
    patch.measuredAt = { ...patch.measuredAt, reachability: sample.at };
    if (sample.answered) patch.stale = false;
    patch.degraded = sample.answered ? degradedAfter(row, patch, thresholds) : row.degraded;
    status.update(endpointId, patch);
    noteQuality(endpointId, row.degraded, patch.degraded);
    noteProblems(endpointId, [...sample.problems, ...problems, ...(sample.error && sample.answered ? [sample.error] : [])]);

    const own = deriveReachability(poll);
    if (ownState.get(endpointId) !== own) {
      ownState.set(endpointId, own);
      flipped.add(endpointId);
      // A timeout is the down event itself; other failures (a bad host name, garbage) are logged.
      if (!sample.answered && sample.error && sample.error !== 'timeout') noteProblems(endpointId, [sample.error]);
      treeDirty ??= setTimeout(applyTree, TREE_BATCH_MS);
    }
  }

  /**
   * Re-derive reachability below the codecs that flipped and apply what changed. A codec that just stopped
   * answering is not declared down while the site above it has not been polled since: if the
   * district is dark too, its communes become `unreachable` (one outage, not forty alarms). The
   * wait is at most two intervals.
   */
  function applyTree(): void {
    treeDirty = null;
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
    if (deferred) treeDirty = setTimeout(applyTree, Math.min(500, intervalMs / 4));
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
    return endpointsOf.get(site)!.some((id) => (reachabilityMeasuredAt(polls.get(id)) ?? -Infinity) < since && ownState.get(id) !== 'down');
  }

  function noteQuality(endpointId: string, was: boolean, is: boolean | undefined): void {
    if (is === undefined || is === was) return;
    const row = status.get(endpointId)!;
    const detail = `loss ${row.packetLossPct ?? '—'} %, jitter ${row.jitterMs ?? '—'} ms, latency ${row.latencyMs ?? '—'} ms`;
    events.add({ code: is ? 'degraded' : 'recovered', severity: is ? 'warning' : 'info', endpointId, siteId: row.siteId, text: detail });
  }

  /** One event when an endpoint's set of problems changes, not one per poll. */
  function noteProblems(endpointId: string, problems: readonly string[]): void {
    const key = problems.join('; ');
    if ((lastProblems.get(endpointId) ?? '') === key) return;
    lastProblems.set(endpointId, key);
    if (key) events.add({ code: 'poll-problem', severity: 'warning', endpointId, siteId: siteOf.get(endpointId) ?? null, text: key });
  }

  function onTrap(e: TrapEvent): void {
    if (!e.endpointId || !status.get(e.endpointId)) return;
    const { patch } = patchFromValues(e.set, e.at);
    status.update(e.endpointId, patch, true);
    events.add({ code: 'trap', severity: e.severity, endpointId: e.endpointId, siteId: siteOf.get(e.endpointId) ?? null, text: `${e.name} (${e.source})`, at: e.at });
  }

  // Stale sweep: measured values older than two intervals (no answer since) are stale, whether
  // the codec went silent or the poller fell behind.
  const sweep = setInterval(() => {
    const t = now();
    for (const [endpointId, poll] of polls) {
      const stale = isStale(poll.lastAnswerAt, t, intervalMs);
      const row = status.get(endpointId);
      if (row && row.stale !== stale) status.update(endpointId, { stale });
    }
  }, Math.min(1000, intervalMs));
  sweep.unref();

  let receiver: TrapReceiver | null = null;
  const trapTargets = (inv: Inventory) =>
    inv.sites.flatMap((s) => s.endpoints.map((e) => ({ endpointId: e.id, host: e.host, port: e.port, profile: profiles.get(e.profile)! })));
  let resolve = createEndpointResolver(trapTargets(inventory));
  const communities = (inv: Inventory) => [...new Set(inv.sites.flatMap((s) => s.endpoints.flatMap((e) => (e.snmp.version === '3' ? [] : [e.snmp.community]))))];
  const users = (inv: Inventory) => trapUsersFrom(inv.sites.flatMap((s) => s.endpoints.map((e) => e.snmp)));

  const adopt = (inv: Inventory): void => {
    inventory = inv;
    siteOf.clear();
    parentOf.clear();
    endpointsOf.clear();
    for (const s of inv.sites) {
      if (s.parent) parentOf.set(s.id, s.parent);
      endpointsOf.set(s.id, s.endpoints.map((e) => e.id));
      for (const e of s.endpoints) siteOf.set(e.id, s.id);
    }
    for (const id of [...polls.keys()]) {
      if (siteOf.has(id)) continue;
      polls.delete(id);
      silentSince.delete(id);
      ownState.delete(id);
      lastProblems.delete(id);
      lastSentAt.delete(id);
      parentBackSince.delete(id);
    }
    // A new index for the new tree, and every codec compared with the status table once (a site
    // moved under another district changes its communes' verdicts without any poll flipping).
    tracker = createReachabilityTracker(inv.sites, polls);
    flipped.clear();
    pending.clear();
    for (const id of siteOf.keys()) pending.add(id);
    if (polls.size > 0) treeDirty ??= setTimeout(applyTree, TREE_BATCH_MS);
    results.retain(new Set(siteOf.keys()));
    poller.setEndpoints(
      inv.sites.flatMap((s) =>
        s.endpoints.map((e) => ({ endpointId: e.id, host: e.host, port: e.port, snmp: e.snmp, profile: profiles.get(e.profile)!, interface: e.interface })),
      ),
    );
    resolve = createEndpointResolver(trapTargets(inv));
    receiver?.setAuth(communities(inv), users(inv));
  };
  adopt(inventory);

  if (options.traps !== false) {
    const traps = inventory.traps ?? { port: 162, fallbackPort: 10162 };
    try {
      receiver = await createTrapReceiver({
        port: traps.port,
        fallbackPort: traps.fallbackPort,
        address: inventory.traps?.address,
        communities: communities(inventory),
        users: users(inventory),
        resolveEndpoint: (source, varbinds) => {
          const endpoint = resolve(source, varbinds);
          const ifIndex = endpoint ? poller.watchedIfIndex?.(endpoint.endpointId) : undefined;
          return endpoint && ifIndex !== undefined ? { ...endpoint, ifIndex } : endpoint;
        },
        onTrap,
        // At the rate of its log line (a few per 10 s per reason and address), never per packet.
        onReject: (r) =>
          events.add({
            code: 'trap-rejected',
            severity: 'warning',
            endpointId: r.endpointId,
            siteId: r.endpointId ? (siteOf.get(r.endpointId) ?? null) : null,
            text: `${REJECTION_LEAD[r.reason]} from ${r.source.address}:${r.source.port}: ${r.detail}`,
          }),
        onLog: log,
      });
    } catch (e) {
      await poller.close();
      clearInterval(sweep);
      throw e;
    }
  }

  return {
    setInventory: adopt,
    stats: () => ({ intervalMs, poller: poller.stats(), traps: receiver ? { ...receiver.stats(), port: receiver.port } : null }),
    pollResults: () => results.list(),
    async close() {
      clearInterval(sweep);
      if (treeDirty) clearTimeout(treeDirty);
      await Promise.all([poller.close(), receiver?.close()]);
    },
  };
}
