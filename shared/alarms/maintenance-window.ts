import type { OutOfService } from './alarm-machine.js';

/**
 * A planned maintenance window of a site or subtree (technicians set it; availability excludes
 * it too): set at `at` by `by`, in force from `from` until `until` (null: until someone ends it).
 * One window per site. Pure rules: when a window is in force, when the next one starts or ends,
 * and which spans a technician may ask for.
 */
export interface Maintenance extends OutOfService {
  /** When the window begins (epoch ms); `at` for a window set before windows were planned. */
  readonly from: number;
  /** When it ends by itself (epoch ms), null: open-ended. */
  readonly until: number | null;
}

export type MaintenancePhase = 'planned' | 'in-force' | 'ended';

/** The longest window a technician may plan (31 days). */
export const MAX_MAINTENANCE_MS = 31 * 24 * 3600_000;
/** How far in the past a window may begin (a minute: the time the form took to fill). */
export const MAINTENANCE_PAST_SLACK_MS = 60_000;

/** Where a window stands at `now`: in force while from ≤ now < until. */
export function maintenancePhase(m: Pick<Maintenance, 'from' | 'until'>, now: number): MaintenancePhase {
  if (now < m.from) return 'planned';
  return m.until === null || now < m.until ? 'in-force' : 'ended';
}

export function inForce(m: Pick<Maintenance, 'from' | 'until'>, now: number): boolean {
  return maintenancePhase(m, now) === 'in-force';
}

/** The next time after `now` a window begins or ends (null: none will). */
export function nextMaintenanceBoundary(list: readonly Pick<Maintenance, 'from' | 'until'>[], now: number): number | null {
  let next: number | null = null;
  for (const m of list) {
    for (const t of [m.from, m.until]) if (t !== null && t > now && (next === null || t < next)) next = t;
  }
  return next;
}

export type MaintenanceSpanRefusal =
  | { readonly reason: 'maintenance_time_unreadable'; readonly field: 'from' | 'until' }
  | { readonly reason: 'maintenance_from_in_past'; readonly field: 'from' }
  | { readonly reason: 'maintenance_until_not_after_from'; readonly field: 'until' }
  | { readonly reason: 'maintenance_too_long'; readonly field: 'until'; readonly maxDays: number };

export type MaintenanceSpan = { readonly ok: true; readonly from: number; readonly until: number | null } | { readonly ok: false; readonly refusal: MaintenanceSpanRefusal };

/** An ISO instant with its offset (or Z), as the API takes times. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

function readTime(s: string): number | null {
  if (!ISO_INSTANT.test(s)) return null;
  const t = Date.parse(s);
  return Number.isFinite(t) ? t : null;
}

/**
 * The span a technician asked for, read and checked: `from` defaults to now and may lie at most a
 * minute in the past; `until`, when given, comes after `from` and at most 31 days after it.
 */
export function maintenanceSpan(input: { readonly from?: string; readonly until?: string }, now: number, maxMs = MAX_MAINTENANCE_MS): MaintenanceSpan {
  const from = input.from === undefined ? now : readTime(input.from);
  if (from === null) return { ok: false, refusal: { reason: 'maintenance_time_unreadable', field: 'from' } };
  const until = input.until === undefined ? null : readTime(input.until);
  if (input.until !== undefined && until === null) return { ok: false, refusal: { reason: 'maintenance_time_unreadable', field: 'until' } };
  if (from < now - MAINTENANCE_PAST_SLACK_MS) return { ok: false, refusal: { reason: 'maintenance_from_in_past', field: 'from' } };
  if (until !== null && until <= from) return { ok: false, refusal: { reason: 'maintenance_until_not_after_from', field: 'until' } };
  if (until !== null && until - from > maxMs) return { ok: false, refusal: { reason: 'maintenance_too_long', field: 'until', maxDays: maxMs / (24 * 3600_000) } };
  return { ok: true, from, until };
}
