import type { Maintenance } from '../../../shared/alarms/alarm-book.js';
import { maintenanceSpan, nextMaintenanceBoundary, type MaintenanceSpanRefusal } from '../../../shared/alarms/maintenance-window.js';
import { ApiError } from '../../../shared/api/errors.js';
import type { Identity } from '../../../shared/roles.js';
import type { AlarmStore } from './alarm-store.js';

export interface MaintenanceRequest {
  readonly siteId: string;
  readonly reason: string;
  readonly from?: string;
  readonly until?: string;
}

/**
 * The alarm service's maintenance windows, one per site, kept in the database: planned with a
 * checked span, ended by a technician or by themselves at their end (journaled by no one, as a
 * shelf that runs out), with a timer to the next time one begins or ends so the service notices
 * it with no new samples, and listeners told of each change (link-health history).
 */
export class MaintenanceWindows {
  private list: Maintenance[];
  private readonly listeners = new Set<() => void>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private closed = false;

  constructor(
    private readonly store: AlarmStore,
    private readonly now: () => number,
    /** Called at each boundary (the service evaluates then). */
    private readonly onBoundary: () => void,
  ) {
    this.list = store.maintenance();
  }

  all(): Maintenance[] {
    return [...this.list];
  }

  /** Plan (or replace) a site's window; the caller has checked the site exists. */
  set(caller: Identity, input: MaintenanceRequest): Maintenance {
    if (input.reason.trim() === '') throw new ApiError('bad_request', 'give the reason for the maintenance', undefined, { field: 'reason', reason: 'reason_required' });
    const now = this.now();
    const span = maintenanceSpan(input, now);
    if (!span.ok) throw spanError(span.refusal);
    const m: Maintenance = { siteId: input.siteId, by: caller.user, at: now, reason: input.reason.trim(), from: span.from, until: span.until };
    this.store.setMaintenance(m);
    this.list = [...this.list.filter((x) => x.siteId !== input.siteId), m];
    return m;
  }

  clear(siteId: string): void {
    if (!this.store.clearMaintenance(siteId)) throw new ApiError('not_found', `site "${siteId}" is not in maintenance`, undefined, { siteId });
    this.list = this.list.filter((x) => x.siteId !== siteId);
  }

  /**
   * Windows whose end has come end by themselves: removed and journaled by no one at their planned
   * end (as a shelf that runs out) in one transaction, and the listeners told (as when a technician
   * ends one). If the database refuses, nothing is half-done: the windows stay as they were (out of
   * force anyway, their span being over) and are ended at the next step.
   */
  endElapsed(now: number): void {
    const ended = this.list.filter((m) => m.until !== null && m.until <= now);
    if (ended.length === 0) return;
    try {
      this.store.endMaintenance(
        ended.map((m) => m.siteId),
        ended.map((m) => ({ at: new Date(m.until!).toISOString(), kind: 'maintenance-ended' as const, alarmId: null, priority: null, siteId: m.siteId, user: null, detail: m.reason })),
      );
    } catch (e) {
      console.error('bridgepoint: maintenance: cannot end the elapsed windows (kept, retried at the next step):', e);
      return;
    }
    this.list = this.list.filter((m) => !ended.includes(m));
    this.changed();
  }

  /** A timer to the next window boundary, so a window begins and ends on time with no new samples. */
  arm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.closed) return;
    const now = this.now();
    const next = nextMaintenanceBoundary(this.list, now);
    if (next === null) return;
    // setTimeout holds at most ~24.8 days; a longer wait wakes once a day and looks again.
    this.timer = setTimeout(
      () => {
        this.timer = null;
        this.onBoundary();
        this.arm();
      },
      Math.min(next - now, 24 * 3600_000),
    );
    this.timer.unref?.();
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The list changed: the listeners told, the boundary timer set again. */
  changed(): void {
    for (const l of [...this.listeners]) {
      try {
        l();
      } catch (e) {
        console.error('bridgepoint: maintenance listener failed:', e);
      }
    }
    this.arm();
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.listeners.clear();
  }
}

function spanError(r: MaintenanceSpanRefusal): ApiError {
  switch (r.reason) {
    case 'maintenance_time_unreadable':
      return new ApiError('bad_request', `${r.field} is not a time (an ISO instant with its offset)`, undefined, { reason: r.reason, field: r.field });
    case 'maintenance_from_in_past':
      return new ApiError('bad_request', 'a maintenance window may begin at most a minute in the past', undefined, { reason: r.reason, field: r.field });
    case 'maintenance_until_not_after_from':
      return new ApiError('bad_request', 'a maintenance window ends after it begins', undefined, { reason: r.reason, field: r.field });
    case 'maintenance_too_long':
      return new ApiError('bad_request', `a maintenance window lasts at most ${r.maxDays} days`, undefined, { reason: r.reason, field: r.field, maxDays: r.maxDays });
  }
}
