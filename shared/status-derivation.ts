import { z } from 'zod';
import type { Reachability } from './status.js';

/**
 * Pure status rules shared by the engine (which applies them after every poll or trap) and
 * anything that wants to explain them. Times are milliseconds since the epoch; every input that
 * is a measurement carries the time it was taken, and the outputs say which time they rest on.
 */

/** A value with the time it was measured. */
export interface Measured<T> {
  readonly value: T;
  readonly measuredAt: number;
}

/** What the poller knows about talking to one endpoint. */
export interface PollState {
  /** When an SNMP answer last arrived (any response, even an error PDU); null before the first. */
  readonly lastAnswerAt: number | null;
  /** When a poll last ended with no answer (timed out after its retries); null if none yet. */
  readonly lastTimeoutAt: number | null;
  /** Polls in a row without an answer, 0 after an answer. Taken as 1 when left out. */
  readonly consecutiveTimeouts?: number;
}

export interface ReachabilityOptions {
  /** Polls in a row without an answer before an endpoint counts as down (default 1). */
  readonly timeoutsToDown?: number;
}

/**
 * One endpoint on its own: up when the latest poll was answered, down once it stopped answering,
 * unknown before any poll ended. Never `unreachable`: that needs the tree (deriveNetworkReachability).
 */
export function deriveReachability(poll: PollState | undefined, options: ReachabilityOptions = {}): Exclude<Reachability, 'unreachable'> {
  if (!poll) return 'unknown';
  const { lastAnswerAt, lastTimeoutAt } = poll;
  const timeoutIsLatest = lastTimeoutAt !== null && (lastAnswerAt === null || lastTimeoutAt > lastAnswerAt);
  if (timeoutIsLatest) {
    const inARow = poll.consecutiveTimeouts ?? 1;
    if (inARow >= (options.timeoutsToDown ?? 1)) return 'down';
  }
  return lastAnswerAt !== null ? 'up' : 'unknown';
}

/** The time the reachability verdict rests on: the later of the last answer and the last timeout. */
export function reachabilityMeasuredAt(poll: PollState | undefined): number | null {
  if (!poll) return null;
  const { lastAnswerAt: a, lastTimeoutAt: t } = poll;
  return a === null ? t : t === null ? a : Math.max(a, t);
}

/** The part of the inventory the rules need; Inventory and NetworkView both fit. */
export interface SiteNode {
  readonly id: string;
  readonly parent?: string | null;
  readonly endpoints: readonly { readonly id: string }[];
}

export interface EndpointReachability {
  readonly siteId: string;
  readonly reachability: Reachability;
  /** When the poll that decided it ended; null while unknown. */
  readonly measuredAt: number | null;
  /** For `unreachable`: the nearest ancestor site that is down. Otherwise null. */
  readonly behind: string | null;
}

export interface SiteReachability {
  readonly reachability: Reachability;
  /** For `unreachable`: the nearest ancestor site that is down. Otherwise null. */
  readonly behind: string | null;
}

export interface NetworkReachability {
  readonly endpoints: Map<string, EndpointReachability>;
  readonly sites: Map<string, SiteReachability>;
}

/**
 * Every endpoint's reachability in one pass over the tree (O(sites + endpoints)), so the engine can
 * recompute after each change. A site is down when at least one of its endpoints is down and none
 * is up (unknown ones neither save nor sink it). An endpoint that is down while an ancestor site is
 * down is `unreachable`: the failure is upstream and the commune is not blamed. A down district is
 * itself down, never unreachable, unless a site above it is down too. Endpoints that answer stay up
 * whatever their ancestors show, unknown stays unknown, and a down endpoint at a site where
 * another endpoint answers stays down (the path to the site works).
 */
export function deriveNetworkReachability(
  sites: readonly SiteNode[],
  polls: ReadonlyMap<string, PollState>,
  options: ReachabilityOptions = {},
): NetworkReachability {
  const byId = new Map<string, SiteNode>();
  for (const s of sites) if (!byId.has(s.id)) byId.set(s.id, s);

  const own = new Map<string, Exclude<Reachability, 'unreachable'>>();
  const siteDown = new Set<string>();
  const siteUp = new Set<string>();
  for (const site of byId.values()) {
    let anyDown = false;
    let anyUp = false;
    for (const ep of site.endpoints) {
      const r = deriveReachability(polls.get(ep.id), options);
      own.set(ep.id, r);
      anyDown ||= r === 'down';
      anyUp ||= r === 'up';
    }
    if (anyUp) siteUp.add(site.id);
    else if (anyDown) siteDown.add(site.id);
  }

  // Nearest down ancestor of each site, memoised: each site is resolved once. A parent cycle (the
  // inventory validator rejects them; guarded anyway) ends the chain as if at a root.
  const behindOf = new Map<string, string | null>();
  const nearestDownAncestor = (start: string): string | null => {
    const chain: string[] = [];
    const onChain = new Set<string>();
    let cur: string | undefined = start;
    let found: string | null = null;
    while (cur !== undefined) {
      const known = behindOf.get(cur);
      if (known !== undefined) {
        found = known;
        break;
      }
      if (onChain.has(cur)) break;
      chain.push(cur);
      onChain.add(cur);
      const parent: string | null | undefined = byId.get(cur)?.parent;
      if (parent == null || !byId.has(parent)) break;
      if (siteDown.has(parent)) {
        found = parent;
        behindOf.set(cur, parent);
        chain.pop();
        break;
      }
      cur = parent;
    }
    // Every site left on the chain has the same nearest down ancestor as the last one resolved.
    for (const id of chain) behindOf.set(id, found);
    return behindOf.get(start) ?? null;
  };

  const endpoints = new Map<string, EndpointReachability>();
  const siteStates = new Map<string, SiteReachability>();
  for (const site of byId.values()) {
    const behind = nearestDownAncestor(site.id);
    for (const ep of site.endpoints) {
      const r = own.get(ep.id)!;
      // A codec that answers at the same site shows the path there works: the down one is to blame.
      const masked = r === 'down' && behind !== null && !siteUp.has(site.id);
      endpoints.set(ep.id, {
        siteId: site.id,
        reachability: masked ? 'unreachable' : r,
        measuredAt: reachabilityMeasuredAt(polls.get(ep.id)),
        behind: masked ? behind : null,
      });
    }
    const state: Reachability = siteUp.has(site.id) ? 'up' : siteDown.has(site.id) ? (behind !== null ? 'unreachable' : 'down') : 'unknown';
    siteStates.set(site.id, { reachability: state, behind: state === 'unreachable' ? behind : null });
  }
  return { endpoints, sites: siteStates };
}

export const QUALITY_METRICS = ['packetLossPct', 'jitterMs', 'latencyMs'] as const;
export type QualityMetric = (typeof QUALITY_METRICS)[number];

/** Limits above which a call is degraded (strictly above: exactly 1 % loss is not degraded). */
export const DegradedThresholdsSchema = z.strictObject({
  packetLossPct: z.number().nonnegative(),
  jitterMs: z.number().nonnegative(),
  latencyMs: z.number().nonnegative(),
});
export type DegradedThresholds = z.infer<typeof DegradedThresholdsSchema>;

export const DEFAULT_DEGRADED_THRESHOLDS: DegradedThresholds = Object.freeze({ packetLossPct: 1, jitterMs: 35, latencyMs: 150 });

/** A quality reading, bare or with its measurement time. EndpointStatus fits as a QualitySample. */
export type QualityReading = number | null | undefined | { readonly value: number | null; readonly measuredAt?: number | string };
export type QualitySample = { readonly [K in QualityMetric]?: QualityReading };

function readingValue(r: QualityReading): number | null {
  const v = typeof r === 'object' && r !== null ? r.value : r;
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** The metrics above their limit, in QUALITY_METRICS order. Unknown (null) values never count. */
export function degradedBy(sample: QualitySample, thresholds: Partial<DegradedThresholds> = {}): QualityMetric[] {
  const limits = { ...DEFAULT_DEGRADED_THRESHOLDS, ...thresholds };
  return QUALITY_METRICS.filter((m) => {
    const v = readingValue(sample[m]);
    return v !== null && v > limits[m];
  });
}

/** Loss > 1 %, jitter > 35 ms or latency > 150 ms by default; null metrics never degrade. */
export function isDegraded(sample: QualitySample, thresholds: Partial<DegradedThresholds> = {}): boolean {
  return degradedBy(sample, thresholds).length > 0;
}

/**
 * No fresh sample within `intervals` poll intervals (default 2): stale from exactly 2 intervals
 * after the last measurement. Accepts ms or an ISO string (as EndpointStatus.measuredAt holds).
 * Never measured (null) is not stale: it is unknown, and reachability says so. An unreadable time
 * is stale, since nothing vouches for the value.
 */
export function isStale(measuredAt: number | string | null | undefined, now: number, intervalMs: number, intervals = 2): boolean {
  if (!(intervalMs > 0) || !(intervals > 0)) throw new RangeError(`isStale: interval must be positive (got ${intervalMs} × ${intervals})`);
  if (measuredAt === null || measuredAt === undefined) return false;
  const t = typeof measuredAt === 'number' ? measuredAt : Date.parse(measuredAt);
  if (!Number.isFinite(t)) return true;
  return now - t >= intervalMs * intervals;
}
