import type { Reachability } from '../status.js';

/**
 * Reachability transitions → outage intervals, the raw material of link-health history (issue
 * 10). Pure: the caller feeds transitions with their times and stores what comes out; nothing
 * here reads a clock.
 *
 * Rules:
 * - An outage is time in `down` or `unreachable`. `up` ends it; so does `unknown` (the engine lost
 *   track: no downtime is claimed past the last verdict that showed it). `unknown` or `up` with no
 *   outage open changes nothing, so an endpoint first seen as unknown has no outage.
 * - Each interval has one cause and one `behind`. When either changes (down → unreachable once
 *   the parent is found dark, or the dark ancestor moves up the tree), the interval is closed and
 *   the next opened at the same millisecond: the pieces abut, their minutes add up to the whole,
 *   and availability.ts counts a run of abutting pieces as ONE outage.
 * - The MCU (shared/history/mcu-reachability.ts): while it is out of reach no site can meet, so a
 *   codec that reads `up` is in an outage of cause 'mcu' (the caller sends `mcuOut: true` with the
 *   codec's transitions and again for every codec when the MCU's verdict changes). A codec that is
 *   down or unreachable keeps its own cause: the pieces abut and count as one outage; `unknown`
 *   claims nothing, MCU or not.
 * - Times are kept to the millisecond. An interval of no duration (down and up at the same ms, or
 *   a cause replaced at the instant it was set) carries no downtime and is dropped.
 * - Transitions of one endpoint must not go back in time: the tracker REJECTS an older one (a live
 *   stream that does is a bug or a clock step, and the intervals it would rewrite are already
 *   stored). Equal times are applied in the order given. `outagesFrom` SORTS a batch instead.
 */

export const OUTAGE_CAUSES = ['down', 'unreachable', 'mcu'] as const;
export type OutageCause = (typeof OUTAGE_CAUSES)[number];

export interface ReachabilityTransition {
  readonly endpointId: string;
  /** The endpoint's site (from the inventory at the time). */
  readonly siteId: string;
  readonly reachability: Reachability;
  /** Epoch ms of the verdict (EndpointReachability.measuredAt). */
  readonly at: number;
  /** For `unreachable`: the nearest ancestor site that is down; otherwise null. */
  readonly behind: string | null;
  /** The MCU is out of reach at `at`: a codec that is up is in an outage of cause 'mcu'. */
  readonly mcuOut?: boolean;
}

export interface Outage {
  readonly endpointId: string;
  readonly siteId: string;
  readonly start: number;
  /** Null while open. */
  readonly end: number | null;
  readonly cause: OutageCause;
  readonly behind: string | null;
}

export type TrackerError =
  | { readonly code: 'out_of_order'; readonly params: { readonly endpointId: string; readonly at: number; readonly lastAt: number } }
  | { readonly code: 'invalid_time'; readonly params: { readonly endpointId: string; readonly at: number } };

export type ApplyResult =
  | { readonly ok: true; readonly closed: readonly Outage[]; readonly opened: Outage | null }
  | { readonly ok: false; readonly error: TrackerError };

/** The cause a transition puts an endpoint in, or null when it is not an outage. */
export function causeOf(t: Pick<ReachabilityTransition, 'reachability' | 'mcuOut'>): OutageCause | null {
  if (t.reachability === 'down' || t.reachability === 'unreachable') return t.reachability;
  return t.reachability === 'up' && t.mcuOut ? 'mcu' : null;
}

interface EndpointState {
  lastAt: number;
  open: Outage | null;
}

export class OutageTracker {
  private readonly state = new Map<string, EndpointState>();

  /**
   * `resume`: the outages left open when the engine stopped (end null; closed ones are ignored),
   * so they continue rather than restart. Each one's start is its endpoint's last time.
   */
  constructor(resume: readonly Outage[] = []) {
    for (const o of resume) if (o.end === null) this.state.set(o.endpointId, { lastAt: o.start, open: o });
  }

  /** Feed one transition; says which interval it closed (to store) and which it opened. */
  apply(t: ReachabilityTransition): ApplyResult {
    if (!Number.isFinite(t.at)) return { ok: false, error: { code: 'invalid_time', params: { endpointId: t.endpointId, at: t.at } } };
    const s = this.state.get(t.endpointId);
    if (s && t.at < s.lastAt) {
      return { ok: false, error: { code: 'out_of_order', params: { endpointId: t.endpointId, at: t.at, lastAt: s.lastAt } } };
    }
    const cause = causeOf(t);
    const behind = cause === 'unreachable' ? t.behind : null;
    const open = s?.open ?? null;
    const same = open !== null && cause === open.cause && behind === open.behind && t.siteId === open.siteId;
    const closed: Outage[] = [];
    let next = same ? open : null;
    if (open && !same && t.at > open.start) closed.push({ ...open, end: t.at });
    let opened: Outage | null = null;
    if (cause !== null && !same) {
      opened = { endpointId: t.endpointId, siteId: t.siteId, start: t.at, end: null, cause, behind };
      next = opened;
    }
    this.state.set(t.endpointId, { lastAt: t.at, open: next });
    return { ok: true, closed, opened };
  }

  /** The outage open for an endpoint now, if any. */
  openOutage(endpointId: string): Outage | null {
    return this.state.get(endpointId)?.open ?? null;
  }

  /** Every open outage, by endpoint id (what to persist at shutdown and pass back as `resume`). */
  openOutages(): Outage[] {
    const out: Outage[] = [];
    for (const s of this.state.values()) if (s.open) out.push(s.open);
    return out.sort((a, b) => (a.endpointId < b.endpointId ? -1 : a.endpointId > b.endpointId ? 1 : 0));
  }

  /** The time of the last transition accepted for an endpoint; null if none. */
  lastAt(endpointId: string): number | null {
    return this.state.get(endpointId)?.lastAt ?? null;
  }
}

/**
 * The outages of a batch of transitions (a replay from storage), closed and still open, sorted by
 * start then endpoint. The batch is sorted by time first (stable: equal times keep their order), so
 * order in the input does not matter. Throws RangeError on a time that is not a finite number.
 */
export function outagesFrom(transitions: readonly ReachabilityTransition[]): Outage[] {
  const tracker = new OutageTracker();
  const out: Outage[] = [];
  const sorted = transitions.map((t, i) => ({ t, i })).sort((a, b) => a.t.at - b.t.at || a.i - b.i);
  for (const { t } of sorted) {
    const r = tracker.apply(t);
    if (!r.ok) throw new RangeError(`outagesFrom: ${r.error.code} for ${t.endpointId} at ${t.at}`);
    out.push(...r.closed);
  }
  out.push(...tracker.openOutages());
  return out.sort((a, b) => a.start - b.start || (a.endpointId < b.endpointId ? -1 : a.endpointId > b.endpointId ? 1 : 0));
}
