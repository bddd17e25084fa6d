import { OutageTracker, type Outage } from '../../../shared/history/outage-tracker.js';
import type { EndpointStatus, Reachability } from '../../../shared/status.js';
import type { OutageWrite } from './history-store.js';
import type { NetworkTree } from './network-tree.js';

/**
 * Reachability transitions → outage writes waiting for the next flush (history-service.ts). The
 * intervals come from shared/history/outage-tracker.ts; this adds the engine's part:
 * - a transition never goes before the endpoint's last one (a late verdict is moved up to it);
 * - `behind` (for unreachable) is the nearest site above whose codecs read down or unreachable and
 *   none up, as the monitoring derives it, read when the transition arrives;
 * - a piece replaced at the instant it opened has no length and is dropped from the store.
 */
export class OutageRecorder {
  private readonly tracker = new OutageTracker();
  private pending = new Map<string, OutageWrite>();

  constructor(
    private readonly tree: () => NetworkTree,
    private readonly status: (endpointId: string) => EndpointStatus | undefined,
  ) {}

  /** The site of the endpoint's open outage, if any. */
  openSite(endpointId: string): string | null {
    return this.tracker.openOutage(endpointId)?.siteId ?? null;
  }

  /** Feed one transition (`mcuOut`: the MCU is out of reach then); false when the tracker refused it (logged). */
  transition(endpointId: string, siteId: string, reachability: Reachability, at: number, mcuOut = false): boolean {
    const when = Math.max(at, this.tracker.lastAt(endpointId) ?? -Infinity);
    const before = this.tracker.openOutage(endpointId);
    const behind = reachability === 'unreachable' ? this.behind(siteId) : null;
    const r = this.tracker.apply({ endpointId, siteId, reachability, at: when, behind, mcuOut });
    if (!r.ok) {
      console.error(`bridgepoint: history: transition of ${endpointId} refused (${r.error.code})`);
      return false;
    }
    for (const c of r.closed) this.put(c);
    // Replaced at the instant it opened: a piece of no length, not stored.
    if (before && this.tracker.openOutage(endpointId) !== before && !r.closed.some((c) => c.start === before.start)) {
      this.pending.set(`${endpointId}\u0000${before.start}`, { kind: 'drop', endpointId, start: before.start });
    }
    if (r.opened) this.put(r.opened);
    return true;
  }

  /** The writes gathered since the last `taken` (kept until then, so a failed flush retries them). */
  writes(): Iterable<OutageWrite> {
    return this.pending.values();
  }

  /** The writes returned by `writes` are stored. */
  taken(): void {
    this.pending = new Map();
  }

  private put(o: Outage): void {
    this.pending.set(`${o.endpointId}\u0000${o.start}`, { kind: 'put', outage: o });
  }

  /** The nearest site above whose codecs read down or unreachable, none up (deriveNetworkReachability's rule). */
  private behind(siteId: string): string | null {
    const t = this.tree();
    for (const a of t.ancestorsOf(siteId)) {
      const eps = t.siteOf.get(a)?.endpoints ?? [];
      let out = false;
      let up = false;
      for (const e of eps) {
        const r = this.status(e.id)?.reachability;
        out ||= r === 'down' || r === 'unreachable';
        up ||= r === 'up';
      }
      if (out && !up) return a;
    }
    return null;
  }
}
