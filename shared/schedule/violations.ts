import { z } from 'zod';
import type { MeetingStatus, ParticipantGroup } from './meeting.js';
import type { Occurrence } from './recurrence.js';

/** The rules' knobs; parse a config section with the schema to get the defaults. */
export const SchedulePolicySchema = z.strictObject({
  /** "trước 3 ngày": how many days of notice a non-emergency booking needs. */
  noticeDays: z.number().int().min(0).max(60).default(3),
  /**
   * `calendar-days` (default): the start's local date is at least `noticeDays` after the booking's
   * local date, whatever the hour. `elapsed`: start − bookedAt ≥ noticeDays × 24 h.
   */
  noticeMode: z.enum(['calendar-days', 'elapsed']).default('calendar-days'),
  /** How many sites the MCU can connect at once. */
  portCapacity: z.number().int().min(1).max(100_000).default(150),
  /** Minimum gap between two meetings sharing a room or site (and held ports), in minutes. */
  setupBufferMinutes: z.number().int().min(0).max(240).default(0),
  /** A start this many minutes in the past still counts as "now" (the form has minute precision). */
  pastGraceMinutes: z.number().int().min(0).max(60).default(5),
});
export type SchedulePolicy = z.infer<typeof SchedulePolicySchema>;
export type NoticeMode = SchedulePolicy['noticeMode'];
export const DEFAULT_SCHEDULE_POLICY: SchedulePolicy = Object.freeze(SchedulePolicySchema.parse({}));

export function resolvePolicy(p?: Partial<SchedulePolicy>): SchedulePolicy {
  return { ...DEFAULT_SCHEDULE_POLICY, ...p };
}

/** The other meeting in a conflict: which one, and which occurrence of it (local date, times). */
export interface MeetingRef {
  readonly id: string;
  readonly title: string;
  /** That occurrence's start and end (UTC instants). */
  readonly start: string;
  readonly end: string;
  readonly occurrenceDate: string;
}

export interface SiteRef {
  readonly id: string;
  readonly name: string;
}

/**
 * Why a booking is refused. Every variant carries `message` (English, times as dd/MM/yyyy HH:mm
 * in the inventory's zone) and the data to say it in another language. `occurrenceDate` is the
 * local date (YYYY-MM-DD) of the candidate's occurrence concerned.
 */
export type Violation =
  | {
      readonly rule: 'notice';
      readonly occurrenceDate: string;
      readonly start: string;
      readonly bookedAt: string;
      readonly noticeDays: number;
      readonly noticeMode: NoticeMode;
      /** The earliest start that would meet the notice rule if booked now. */
      readonly earliestStart: string;
      readonly message: string;
    }
  | { readonly rule: 'emergency-reason'; readonly message: string }
  | { readonly rule: 'invalid-time'; readonly message: string }
  | { readonly rule: 'in-past'; readonly field: 'start' | 'end'; readonly at: string; readonly now: string; readonly message: string }
  | { readonly rule: 'unknown-site'; readonly field: 'hostSiteId' | 'participants'; readonly siteIds: readonly string[]; readonly message: string }
  | { readonly rule: 'unknown-group'; readonly group: ParticipantGroup; readonly message: string }
  | { readonly rule: 'no-participants'; readonly message: string }
  | { readonly rule: 'chair-level'; readonly chairLevel: string; readonly allowed: readonly string[]; readonly message: string }
  | { readonly rule: 'recurrence'; readonly field: 'byWeekday' | 'until'; readonly message: string }
  | { readonly rule: 'nonexistent-occurrence'; readonly occurrenceDate: string; readonly message: string }
  | { readonly rule: 'not-editable'; readonly status: MeetingStatus; readonly fields: readonly string[]; readonly message: string }
  | {
      readonly rule: 'host-room';
      readonly occurrenceDate: string;
      readonly other: MeetingRef;
      readonly site: SiteRef;
      readonly room: string;
      readonly message: string;
    }
  | {
      readonly rule: 'participant-site';
      readonly occurrenceDate: string;
      readonly other: MeetingRef;
      /** Every site both meetings need at that time. */
      readonly sites: readonly SiteRef[];
      readonly message: string;
    }
  | {
      readonly rule: 'port-capacity';
      readonly occurrenceDate: string;
      /** The stretch of time over capacity (UTC instants, end exclusive). */
      readonly from: string;
      readonly to: string;
      /** Most sites connected at once in that stretch, this meeting included. */
      readonly peak: number;
      readonly capacity: number;
      /** This meeting's own sites. */
      readonly ports: number;
      /** The other meetings running during that stretch, with their sites. */
      readonly others: readonly (MeetingRef & { readonly ports: number })[];
      readonly message: string;
    };
export type RuleName = Violation['rule'];

/** Worth showing, never blocking. */
export type Warning =
  | { readonly rule: 'notice-exempt'; readonly occurrenceDate: string; readonly reason: string; readonly message: string }
  | { readonly rule: 'empty-group'; readonly group: ParticipantGroup; readonly message: string };

/** The verdict on a booking; `occurrences` are the candidate's (one unless it recurs). */
export type BookingCheck =
  | { readonly ok: true; readonly warnings: readonly Warning[]; readonly occurrences: readonly Occurrence[] }
  | {
      readonly ok: false;
      readonly violations: readonly Violation[];
      readonly warnings: readonly Warning[];
      readonly occurrences: readonly Occurrence[];
    };
