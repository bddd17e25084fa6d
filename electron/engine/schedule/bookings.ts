import { randomUUID } from 'node:crypto';
import { ApiError } from '../../../shared/api/errors.js';
import type { Identity } from '../../../shared/roles.js';
import type { BookingOutcome, ScheduledMeeting } from '../../../shared/schedule/api.js';
import {
  checkBooking,
  checkTransition,
  endOfLocalDay,
  expandOccurrences,
  isVersionConflict,
  newMeeting,
  parseBookingEdit,
  parseBookingRequest,
  parseLocalDate,
  startOfLocalDay,
  toIsoInstant,
  type BookingCheck,
  type Meeting,
  type MeetingDraft,
  type MeetingStatus,
} from '../../../shared/schedule/index.js';
import type { ScheduleContext } from './context.js';
import type { WriteResult } from './meeting-store.js';

/**
 * Booking, editing and cancelling meetings, and the dry run the form calls as it is filled in.
 * Every refusal comes back as data (a BookingOutcome with ok: false): field problems as `issues`,
 * rule breaches as `violations`. The check and the write it leads to run in one transaction, so
 * two consoles cannot both take the same room. The audit gate records bookings, edits and
 * cancellations, refused ones too.
 */

type Issue = BookingOutcome['issues'][number];

/** The longest span listMeetings and exportSchedule answer for. */
const MAX_LIST_DAYS = 93;

export const VERSION_CONFLICT = 'changed by someone else since you opened it; reload to see their changes';

const refused = (issues: Issue[], meeting: Meeting | null = null): BookingOutcome => ({ ok: false, meeting, issues, violations: [], warnings: [], occurrences: [] });

function fromCheck(check: BookingCheck, meeting: Meeting | null): BookingOutcome {
  return {
    ok: check.ok,
    meeting,
    issues: [],
    violations: check.ok ? [] : check.violations.map((v) => ({ ...v })),
    warnings: check.warnings.map((w) => ({ ...w })),
    occurrences: [...check.occurrences],
  };
}


export class Bookings {
  constructor(private readonly ctx: ScheduleContext) {}

  /** Meetings with an occurrence on the local days from..to (inclusive), each with those occurrences. */
  list(from: string, to: string = from): ScheduledMeeting[] {
    const [start, end] = this.range(from, to);
    const tz = this.ctx.directory().timezone;
    const out: ScheduledMeeting[] = [];
    for (const meeting of this.ctx.store.overlapping(start, end)) {
      const occurrences = expandOccurrences(meeting, tz).occurrences.filter((o) => o.start < end && o.end > start);
      if (occurrences.length) out.push({ meeting, occurrences: [...occurrences] });
    }
    return out.sort((a, b) => a.occurrences[0]!.start - b.occurrences[0]!.start || a.meeting.title.localeCompare(b.meeting.title, 'vi') || a.meeting.id.localeCompare(b.meeting.id));
  }

  /** [start, end) in epoch ms of local days from..to; refuses a reversed or too long span. */
  range(from: string, to: string = from): [number, number] {
    const tz = this.ctx.directory().timezone;
    const f = parseLocalDate(from);
    const t = parseLocalDate(to);
    if (!f.ok) throw new ApiError('bad_request', `from: ${f.message}`);
    if (!t.ok) throw new ApiError('bad_request', `to: ${t.message}`);
    const start = startOfLocalDay(f.value, tz);
    const end = endOfLocalDay(t.value, tz);
    if (end <= start) throw new ApiError('bad_request', `to (${to}) is before from (${from})`);
    if (end - start > MAX_LIST_DAYS * 86_400_000) throw new ApiError('bad_request', `at most ${MAX_LIST_DAYS} days at a time`);
    return [start, end];
  }

  /** The dry run: a new booking, or (with `id`) an edit of that meeting. Nothing is stored. */
  check(request: unknown, id?: string): BookingOutcome {
    const tz = this.ctx.directory().timezone;
    if (id === undefined) {
      const parsed = parseBookingRequest(request, tz);
      return parsed.ok ? fromCheck(this.rules(parsed.draft), null) : refused([...parsed.issues]);
    }
    const previous = this.ctx.store.get(id);
    if (!previous) return refused([{ path: '$.id', message: `no meeting with id "${id}"` }]);
    const hasId = !!request && typeof request === 'object' && 'id' in request;
    const parsed = hasId ? parseBookingEdit(request, tz) : parseBookingRequest(request, tz);
    if (!parsed.ok) return refused([...parsed.issues]);
    const version = 'version' in parsed ? (parsed.version as number) : null;
    if (version !== null && isVersionConflict(previous, version)) return refused([{ path: '$.version', message: VERSION_CONFLICT }], previous);
    return fromCheck(this.rules(parsed.draft, previous), null);
  }

  book(caller: Identity, request: unknown): BookingOutcome {
    const tz = this.ctx.directory().timezone;
    const parsed = parseBookingRequest(request, tz);
    const result = !parsed.ok
      ? refused([...parsed.issues])
      : this.ctx.store.transaction(() => {
          const check = this.rules(parsed.draft);
          if (!check.ok) return fromCheck(check, null);
          const meeting = this.ctx.store.insert(newMeeting(parsed.draft, randomUUID(), toIsoInstant(this.ctx.now())), tz);
          return fromCheck(check, meeting);
        });
    this.stored(result);
    return result;
  }

  edit(caller: Identity, request: unknown): BookingOutcome {
    const tz = this.ctx.directory().timezone;
    const parsed = parseBookingEdit(request, tz);
    const result = !parsed.ok
      ? refused([...parsed.issues])
      : this.ctx.store.transaction(() => {
          const previous = this.ctx.store.get(parsed.id);
          if (!previous) return refused([{ path: '$.id', message: `no meeting with id "${parsed.id}"` }]);
          if (isVersionConflict(previous, parsed.version)) return refused([{ path: '$.version', message: VERSION_CONFLICT }], previous);
          const check = this.rules(parsed.draft, previous);
          if (!check.ok) return fromCheck(check, null);
          // A ready meeting that moves must have its readiness checked again.
          const moved = Date.parse(previous.start) !== Date.parse(parsed.draft.start);
          const status: MeetingStatus = previous.status === 'ready' && moved ? 'booked' : previous.status;
          const write = this.ctx.store.update({ ...previous, ...parsed.draft, status }, parsed.version, tz);
          return write.ok ? fromCheck(check, write.meeting) : this.writeRefused(write);
        });
    this.stored(result);
    return result;
  }

  cancel(caller: Identity, req: { id: string; version: number; reason?: string }): BookingOutcome {
    const tz = this.ctx.directory().timezone;
    const result = this.ctx.store.transaction((): BookingOutcome => {
      const stored = this.ctx.store.get(req.id);
      if (!stored) return refused([{ path: '$.id', message: `no meeting with id "${req.id}"` }]);
      if (isVersionConflict(stored, req.version)) return refused([{ path: '$.version', message: VERSION_CONFLICT }], stored);
      const t = checkTransition(stored.status, 'cancelled');
      if (!t.ok) return refused([{ path: '$.id', message: t.message }]);
      const write = this.ctx.store.setStatus(stored, 'cancelled', tz, req.reason?.trim() || '');
      if (!write.ok) return this.writeRefused(write);
      return { ok: true, meeting: write.meeting, issues: [], violations: [], warnings: [], occurrences: [...expandOccurrences(write.meeting, tz).occurrences] };
    });
    this.stored(result);
    return result;
  }

  /**
   * A status change the engine makes by itself (ready, live, ended), checked with the transition
   * rules; re-read once if the row moved on meanwhile. Returns the stored meeting, or null.
   */
  transition(meeting: Meeting, to: MeetingStatus): Meeting | null {
    const tz = this.ctx.directory().timezone;
    let current: Meeting | null = meeting;
    for (let attempt = 0; attempt < 2 && current; attempt++) {
      if (current.status === to) return current;
      const t = checkTransition(current.status, to);
      if (!t.ok) {
        console.error(`bridgepoint: meeting ${meeting.id}: ${t.message}`);
        return null;
      }
      const write = this.ctx.store.setStatus(current, to, tz);
      if (write.ok) {
        this.ctx.changed([meeting.id]);
        return write.meeting;
      }
      current = write.reason === 'version' ? write.current : null;
    }
    return null;
  }

  /**
   * A weekly series whose occurrence ended goes back to booked for the next one. The transition
   * table (shared/schedule/status.ts) has no live → booked, so this is the one write that does
   * not go through checkTransition; it is only made for a live series with occurrences to come.
   */
  reopenSeries(meeting: Meeting): Meeting | null {
    if (meeting.status !== 'live' || !meeting.recurrence) return null;
    const write = this.ctx.store.setStatus(meeting, 'booked', this.ctx.directory().timezone);
    if (!write.ok) return null;
    this.ctx.changed([meeting.id]);
    return write.meeting;
  }

  /** The rules against the stored meetings that could collide with the draft. */
  private rules(draft: MeetingDraft, previous?: Meeting): BookingCheck {
    const dir = this.ctx.directory();
    const occ = expandOccurrences(draft, dir.timezone).occurrences;
    const from = Math.min(...occ.map((o) => o.start));
    const to = Math.max(...occ.map((o) => o.end));
    const existing = Number.isFinite(from) && Number.isFinite(to) ? this.ctx.store.overlapping(from, to) : [];
    return checkBooking(draft, { directory: dir, existing, now: this.ctx.now(), policy: this.ctx.policy, ...(previous ? { previous } : {}) });
  }

  private writeRefused(write: Extract<WriteResult, { ok: false }>): BookingOutcome {
    return write.reason === 'version'
      ? refused([{ path: '$.version', message: VERSION_CONFLICT }], write.current)
      : refused([{ path: '$.id', message: 'the meeting no longer exists' }]);
  }

  /** Tell the schedule's watchers about a stored change. */
  private stored(result: BookingOutcome): void {
    if (result.ok && result.meeting) this.ctx.changed([result.meeting.id]);
  }
}
