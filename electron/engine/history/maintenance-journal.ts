import type { Maintenance } from '../../../shared/alarms/alarm-book.js';
import type { MaintenanceRecord } from './history-store.js';

/**
 * The alarm service's maintenance windows, recorded for history as they are planned (availability
 * needs past windows): a site's subtree, from its `from`, until its planned `until` or open-ended.
 * A window the alarm service no longer has ends when it is seen gone, or at its planned end if
 * that came first (it ended by itself); a planned one never ended before it began keeps no time.
 */
export class MaintenanceJournal {
  private readonly open: Map<string, MaintenanceRecord>;
  private pending = new Map<string, MaintenanceRecord>();

  /** `recorded`: the windows the store still holds open (one per site). */
  constructor(recorded: readonly MaintenanceRecord[]) {
    this.open = new Map(recorded.map((m) => [m.siteId, m]));
  }

  /** Record each window of `list` not yet recorded; end those `list` no longer has. */
  sync(list: readonly Maintenance[], now: number): void {
    for (const [siteId, w] of this.open) {
      if (list.some((m) => m.siteId === siteId && m.from === w.start && m.until === w.end)) continue;
      const endedAt = Math.max(w.start, now);
      const ended = { ...w, end: w.end === null ? endedAt : Math.min(w.end, endedAt) };
      this.pending.set(`${siteId}\u0000${w.start}`, ended);
      this.open.delete(siteId);
    }
    for (const m of list) {
      if (this.open.has(m.siteId)) continue;
      const w: MaintenanceRecord = { siteId: m.siteId, subtree: true, start: m.from, end: m.until, by: m.by, reason: m.reason };
      this.open.set(m.siteId, w);
      this.pending.set(`${m.siteId}\u0000${m.from}`, w);
    }
  }

  /** The records to write since the last `taken` (kept until then, so a failed flush retries them). */
  writes(): Iterable<MaintenanceRecord> {
    return this.pending.values();
  }

  taken(): void {
    this.pending = new Map();
  }
}
