import type { DeviceProfile } from '../../../shared/device-profile.js';
import type { Inventory } from '../../../shared/inventory.js';
import type { PollResult } from '../../../shared/monitoring.js';
import { deriveReachability, isStale, type DegradedThresholds, type PollState } from '../../../shared/status-derivation.js';
import type { Reachability } from '../../../shared/status.js';
import type { EventLog } from '../events/event-log.js';
import { createSnmpPoller, type PollerStats, type PollSample, type SnmpPoller, type SnmpPollerOptions } from '../snmp/poller.js';
import { createEndpointResolver, createTrapReceiver, trapUsersFrom, type TrapEvent, type TrapReceiver, type TrapReceiverStats } from '../snmp/trap-receiver.js';
import { REJECTION_LEAD } from '../snmp/trap-rejection.js';
import type { StatusTable } from '../status/status-table.js';
import { PollResults } from './poll-results.js';
import { degradedAfter, patchFromValues } from './quality.js';
import { createTreeVerdicts } from './tree-verdicts.js';

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
  /** The poller's overruns so far: cheap, for the alarm rule that reads it every step. */
  pollerOverruns(): number;
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
  /** When the request behind each endpoint's latest outcome was sent. */
  const lastSentAt = new Map<string, number>();
  const lastProblems = new Map<string, string>();
  const siteOf = new Map<string, string>();
  const results = new PollResults();
  // The site above a codec that went silent is polled at once, so the verdict waits one answer, not a cycle.
  const confirm = (ids: readonly string[]): void => poller.pollNow?.(ids);
  const verdicts = createTreeVerdicts({ status, events, now, intervalMs, polls, ownState, silentSince, lastSentAt, confirm });

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
      // A timeout is the down event itself; other failures (a bad host name, garbage) are logged.
      if (!sample.answered && sample.error && sample.error !== 'timeout') noteProblems(endpointId, [sample.error]);
      verdicts.flipped(endpointId);
    }
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
    for (const s of inv.sites) for (const e of s.endpoints) siteOf.set(e.id, s.id);
    for (const id of [...polls.keys()]) {
      if (siteOf.has(id)) continue;
      polls.delete(id);
      silentSince.delete(id);
      ownState.delete(id);
      lastProblems.delete(id);
      lastSentAt.delete(id);
    }
    verdicts.setInventory(inv);
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
      verdicts.close();
      throw e;
    }
  }

  return {
    setInventory: adopt,
    stats: () => ({ intervalMs, poller: poller.stats(), traps: receiver ? { ...receiver.stats(), port: receiver.port } : null }),
    pollerOverruns: () => poller.overruns(),
    pollResults: () => results.list(),
    async close() {
      clearInterval(sweep);
      verdicts.close();
      await Promise.all([poller.close(), receiver?.close()]);
    },
  };
}
