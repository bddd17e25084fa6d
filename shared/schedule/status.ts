import type { MeetingDraft, MeetingStatus } from './meeting.js';

/**
 * A meeting's life: booked → ready (readiness checks have run, from 30 minutes before) → live →
 * ended; booked or ready → cancelled. Also allowed: ready → booked (the meeting was moved, or
 * readiness must run again) and booked → live (an emergency meeting booked minutes before its
 * start, or an operator starting despite a missing readiness pass: the start is never blocked).
 * ended and cancelled are final.
 */
export const STATUS_TRANSITIONS: Readonly<Record<MeetingStatus, readonly MeetingStatus[]>> = {
  booked: ['ready', 'live', 'cancelled'],
  ready: ['booked', 'live', 'cancelled'],
  live: ['ended'],
  ended: [],
  cancelled: [],
};

export function canTransition(from: MeetingStatus, to: MeetingStatus): boolean {
  return STATUS_TRANSITIONS[from].includes(to);
}

export type TransitionResult = { readonly ok: true } | { readonly ok: false; readonly message: string };

/** "a booked meeting", "an ended meeting". */
export function aStatus(s: MeetingStatus): string {
  return `${/^[aeiou]/.test(s) ? 'an' : 'a'} ${s}`;
}

export function checkTransition(from: MeetingStatus, to: MeetingStatus): TransitionResult {
  if (canTransition(from, to)) return { ok: true };
  const allowed = STATUS_TRANSITIONS[from];
  return {
    ok: false,
    message:
      from === to
        ? `the meeting is already ${from}`
        : `${aStatus(from)} meeting cannot become ${to}` + (allowed.length ? ` (it can become: ${allowed.join(', ')})` : ` (${from} is final)`),
  };
}

export function isFinalStatus(s: MeetingStatus): boolean {
  return STATUS_TRANSITIONS[s].length === 0;
}

/** Whether a meeting in this status holds its rooms, sites and MCU ports (counts for conflicts). */
export function holdsResources(s: MeetingStatus): boolean {
  return s === 'booked' || s === 'ready' || s === 'live';
}

export type DraftField = keyof MeetingDraft;

/**
 * What may still change: everything while booked or ready; while live, only the end (extend or
 * shorten), the notes and the default layout; nothing once ended or cancelled.
 */
export function editableFields(s: MeetingStatus): readonly DraftField[] | 'all' {
  if (s === 'booked' || s === 'ready') return 'all';
  if (s === 'live') return ['end', 'notes', 'defaultLayout'];
  return [];
}

/** JSON with object keys sorted, so key order never counts as a change. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    const entries = Object.entries(v).filter(([, x]) => x !== undefined);
    return `{${entries.sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, x]) => `${JSON.stringify(k)}:${canonical(x)}`).join(',')}}`;
  }
  return JSON.stringify(v) ?? 'undefined';
}
const same = (a: unknown, b: unknown) => canonical(a) === canonical(b);

/** The fields that differ between two drafts (instants compared as instants, not as text). */
export function changedFields(before: MeetingDraft, after: MeetingDraft): DraftField[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)] as DraftField[]);
  return [...keys].filter((k) => {
    if (k === 'start' || k === 'end') return Date.parse(before[k]) !== Date.parse(after[k]);
    return !same(before[k], after[k]);
  });
}

/** Optimistic concurrency: the editor saw `expected`, storage holds `stored`. */
export function isVersionConflict(stored: { readonly version: number }, expected: number): boolean {
  return stored.version !== expected;
}
