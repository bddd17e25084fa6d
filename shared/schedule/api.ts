import { z } from 'zod';
import { ActionResultSchema } from '../conference.js';
import { BookingEditSchema, BookingRequestSchema } from './booking-request.js';
import { LocalDateStringSchema, MeetingIdSchema, MeetingSchema } from './meeting.js';

/**
 * What crosses the boundary for the schedule: the day's meetings with their occurrences, booking
 * verdicts (rule violations come back as data, never as errors), readiness and attendance.
 * Violations and warnings are validated loosely here (rule + message + their data); their full
 * types are in violations.ts.
 */
const RuleMessage = z.looseObject({ rule: z.string(), message: z.string() });

export const OccurrenceSchema = z.object({ index: z.number().int(), date: z.string(), start: z.number(), end: z.number() });

export const ScheduledMeetingSchema = z.object({ meeting: MeetingSchema, occurrences: z.array(OccurrenceSchema) });
export type ScheduledMeeting = z.infer<typeof ScheduledMeetingSchema>;

export const ListMeetingsInputSchema = z.strictObject({ from: LocalDateStringSchema, to: LocalDateStringSchema.optional() });

/** A booking, an edit, or a dry run of either (the form's live check). */
export const BookingOutcomeSchema = z.object({
  ok: z.boolean(),
  meeting: MeetingSchema.nullable(),
  /** Problems in the fields themselves (a wrong date, a missing title), with JSON paths. */
  issues: z.array(z.object({ path: z.string(), message: z.string() })),
  violations: z.array(RuleMessage),
  warnings: z.array(RuleMessage),
  occurrences: z.array(OccurrenceSchema),
});
export type BookingOutcome = z.infer<typeof BookingOutcomeSchema>;

export const CheckBookingInputSchema = z.strictObject({
  request: z.unknown(),
  /** For an edit: the meeting being changed (excluded from its own conflicts). */
  id: MeetingIdSchema.optional(),
});

export const ReadinessSiteSchema = z.object({
  siteId: z.string(),
  endpointId: z.string().nullable(),
  /** Answers SNMP now. */
  reachable: z.boolean().nullable(),
  /** The MCU is connected, so it can be dialled. */
  mcuReady: z.boolean(),
  /** The conference it is in now, if another one. */
  busyIn: z.string().nullable(),
  ready: z.boolean(),
  reasons: z.array(z.string()),
});

export const ReadinessSchema = z.object({
  meetingId: z.string(),
  occurrenceStart: z.number(),
  checkedAt: z.string(),
  /** checking: from 30 min before; summary: from 15 min before (alarm raised for sites not ready). */
  phase: z.enum(['not-yet', 'checking', 'summary', 'started']),
  ready: z.number().int(),
  notReady: z.number().int(),
  sites: z.array(ReadinessSiteSchema),
});
export type Readiness = z.infer<typeof ReadinessSchema>;

export const StartResultSchema = z.object({
  meetingId: z.string(),
  conferenceId: z.string().nullable(),
  results: z.array(ActionResultSchema),
});

export const AttendanceSiteSchema = z.object({
  siteId: z.string(),
  siteName: z.string(),
  firstJoinedAt: z.string().nullable(),
  lastLeftAt: z.string().nullable(),
  connectedMs: z.number(),
  drops: z.number().int(),
  droppedMs: z.number(),
  lossAvgPct: z.number().nullable(),
  lossMaxPct: z.number().nullable(),
  jitterAvgMs: z.number().nullable(),
  latencyAvgMs: z.number().nullable(),
});
export const AttendanceSchema = z.object({ meetingId: z.string(), title: z.string(), sites: z.array(AttendanceSiteSchema) });
export type Attendance = z.infer<typeof AttendanceSchema>;

export const ExportFileSchema = z.object({ filename: z.string(), mime: z.string(), content: z.string() });

export const ScheduleEventSchema = z.object({
  /** Meetings that were booked, edited, cancelled or changed status. */
  changed: z.array(z.string()),
  /** Readiness of meetings starting within 30 minutes. */
  readiness: z.array(ReadinessSchema),
});
export type ScheduleEvent = z.infer<typeof ScheduleEventSchema>;

export { BookingEditSchema, BookingRequestSchema, MeetingIdSchema };
