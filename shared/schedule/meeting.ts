import { z } from 'zod';
import { LayoutSchema } from '../conference.js';
import { WEEKDAYS, parseInstant, parseLocalDate } from './zoned-time.js';

/**
 * A meeting on the province's video-conferencing network, as stored. Times are UTC instants
 * (`…Z`); the booking form sends local times, converted by `toMeetingDraft` (booking-request.ts).
 */

export const LIMITS = {
  title: 200,
  hostBody: 200,
  room: 120,
  notes: 2000,
  emergencyReason: 500,
  explicitSites: 2000,
  groups: 50,
  /** A single meeting (or each occurrence) lasts at most this long. */
  durationMinutes: 24 * 60,
  /** A weekly series expands to at most this many occurrences (two years of weekly briefings). */
  occurrences: 104,
} as const;

/** Same spelling as inventory ids (sites, districts). */
export const SiteIdSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(100)
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'use lower-case letters, digits, ".", "_" or "-"');

export const MeetingIdSchema = z.string().min(1, 'must not be empty').max(100).regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'not a meeting id');

/**
 * Kinds of meeting from the regulations, with stable codes. `source` and `item` point back to
 * the seed text: An Giang's Decision 2456/QĐ-UBND lists (1)–(5); Bắc Kạn's draft adds the rest.
 */
export const MEETING_KINDS = [
  'province-with-heads',
  'training',
  'annual-review',
  'topical-review',
  'central',
  'regular',
  'extraordinary',
  'working-session',
  'workshop',
  'briefing',
] as const;
export const MeetingKindSchema = z.enum(MEETING_KINDS);
export type MeetingKind = z.infer<typeof MeetingKindSchema>;

export const MEETING_KIND_SOURCES: Readonly<Record<MeetingKind, { readonly source: 'an-giang' | 'bac-kan'; readonly item?: number; readonly seedTerm: string }>> = {
  'province-with-heads': { source: 'an-giang', item: 1, seedTerm: 'Hội nghị của tỉnh với lãnh đạo cấp huyện, cấp xã' },
  training: { source: 'an-giang', item: 2, seedTerm: 'Tập huấn, triển khai' },
  'annual-review': { source: 'an-giang', item: 3, seedTerm: 'Tổng kết năm' },
  'topical-review': { source: 'an-giang', item: 4, seedTerm: 'Sơ kết, chuyên đề' },
  central: { source: 'an-giang', item: 5, seedTerm: 'Hội nghị trực tuyến của Trung ương' },
  regular: { source: 'bac-kan', seedTerm: 'Họp thường xuyên' },
  extraordinary: { source: 'bac-kan', seedTerm: 'Họp đột xuất, khẩn cấp' },
  'working-session': { source: 'bac-kan', seedTerm: 'Làm việc' },
  workshop: { source: 'bac-kan', seedTerm: 'Hội thảo' },
  briefing: { source: 'bac-kan', seedTerm: 'Giao ban' },
};

/**
 * Who chairs: `central` or one of the inventory's tiers. A string, not an enum, because tiers are
 * data (three before mid-2025, two after); `chairLevelsFor(tiers)` gives the allowed values.
 */
export const CENTRAL_CHAIR_LEVEL = 'central';
export const DEFAULT_CHAIR_LEVELS = [CENTRAL_CHAIR_LEVEL, 'province', 'district', 'commune'] as const;
export const ChairLevelSchema = z.string().min(1, 'must not be empty').max(50);
export function chairLevelsFor(tiers: readonly string[]): string[] {
  return [CENTRAL_CHAIR_LEVEL, ...tiers.filter((t) => t !== CENTRAL_CHAIR_LEVEL)];
}

export const MEETING_STATUSES = ['booked', 'ready', 'live', 'ended', 'cancelled'] as const;
export const MeetingStatusSchema = z.enum(MEETING_STATUSES);
export type MeetingStatus = z.infer<typeof MeetingStatusSchema>;

/** "All communes of district X" (sites on lower tiers in that district), "all sites of a tier", everyone. */
export const ParticipantGroupSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('district-communes'), district: SiteIdSchema }),
  z.strictObject({ type: z.literal('tier'), tier: z.string().min(1).max(50) }),
  z.strictObject({ type: z.literal('all-sites') }),
]);
export type ParticipantGroup = z.infer<typeof ParticipantGroupSchema>;

export const ParticipantsSchema = z
  .strictObject({
    sites: z.array(SiteIdSchema).max(LIMITS.explicitSites).default([]),
    groups: z.array(ParticipantGroupSchema).max(LIMITS.groups).default([]),
  })
  .superRefine((p, ctx) => {
    if (p.sites.length === 0 && p.groups.length === 0) {
      ctx.addIssue({ code: 'custom', message: 'choose at least one participant site or group', path: [] });
    }
    const seen = new Set<string>();
    p.sites.forEach((s, i) => {
      if (seen.has(s)) ctx.addIssue({ code: 'custom', message: `site "${s}" is listed twice`, path: ['sites', i] });
      seen.add(s);
    });
    const keys = p.groups.map((g) => JSON.stringify(g));
    keys.forEach((k, i) => {
      if (keys.indexOf(k) !== i) ctx.addIssue({ code: 'custom', message: 'this group is listed twice', path: ['groups', i] });
    });
  });
export type Participants = z.infer<typeof ParticipantsSchema>;

export const WeekdaySchema = z.enum(WEEKDAYS);

const fromParse = (parse: (s: string) => { ok: boolean; message?: string }) => (s: string, ctx: z.core.$RefinementCtx<string>) => {
  const r = parse(s);
  if (!r.ok) ctx.addIssue({ code: 'custom', message: r.message ?? 'invalid' });
};

/** A local calendar date, strict `YYYY-MM-DD`. */
export const LocalDateStringSchema = z.string().max(10, 'use YYYY-MM-DD').superRefine(fromParse(parseLocalDate));

/** A stored instant: strict ISO 8601 in UTC, ending in `Z`. */
export const InstantSchema = z
  .string()
  .max(30)
  .superRefine(fromParse((s) => (/^\d{4}-\d{2}-\d{2}T.*[+-]\d{2}:\d{2}$/.test(s) ? { ok: false, message: 'store instants in UTC (ending in Z)' } : parseInstant(s))));

/**
 * Weekly series in local time: every `every` weeks on `byWeekday`, from the meeting's start,
 * until a local date (inclusive) or for `count` occurrences (the first one included). The start's
 * own weekday must be one of `byWeekday`.
 */
export const RecurrenceSchema = z
  .strictObject({
    frequency: z.literal('weekly'),
    every: z.number().int().min(1, 'every 1 to 4 weeks').max(4, 'every 1 to 4 weeks').default(1),
    byWeekday: z
      .array(WeekdaySchema)
      .min(1, 'choose at least one weekday')
      .max(7)
      .refine((d) => new Set(d).size === d.length, 'a weekday is listed twice'),
    until: LocalDateStringSchema.optional(),
    count: z.number().int().min(1).max(LIMITS.occurrences, `at most ${LIMITS.occurrences} occurrences`).optional(),
  })
  .refine((r) => (r.until === undefined) !== (r.count === undefined), {
    message: 'give either an end date (until) or a number of occurrences (count), not both',
    path: ['until'],
  });
export type Recurrence = z.infer<typeof RecurrenceSchema>;

const text = (max: number) => z.string().trim().max(max, `at most ${max} characters`);
const required = (max: number) => text(max).min(1, 'must not be empty');

/** The fields a booking decides; shared by the stored meeting and the converted request. */
export const MEETING_DRAFT_SHAPE = {
  title: required(LIMITS.title),
  hostBody: required(LIMITS.hostBody),
  chairLevel: ChairLevelSchema,
  kind: MeetingKindSchema,
  hostSiteId: SiteIdSchema,
  room: required(LIMITS.room),
  participants: ParticipantsSchema,
  emergency: z.boolean().default(false),
  /** Why the 3-day notice is waived; required (non-blank) when `emergency`. */
  emergencyReason: text(LIMITS.emergencyReason).default(''),
  notes: text(LIMITS.notes).default(''),
  defaultLayout: LayoutSchema.default('automatic'),
  recurrence: RecurrenceSchema.nullable().default(null),
};

/** Issues every meeting-shaped object shares: emergency reason, end after start, duration. */
export function refineMeetingFields(
  m: { emergency: boolean; emergencyReason: string; start?: string; end?: string },
  ctx: z.core.$RefinementCtx<unknown>,
): void {
  if (m.emergency && m.emergencyReason.trim() === '') {
    ctx.addIssue({ code: 'custom', message: 'an emergency meeting needs a reason (epidemic, natural disaster, rescue, fire, …)', path: ['emergencyReason'] });
  }
  if (m.start === undefined || m.end === undefined) return;
  const s = parseInstant(m.start);
  const e = parseInstant(m.end);
  if (!s.ok || !e.ok) return;
  const problem = durationProblem(s.value, e.value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem, path: ['end'] });
}

/** Why an interval is not a meeting (end not after start, too long), or null. */
export function durationProblem(start: number, end: number): string | null {
  if (end <= start) return 'the end must be after the start';
  if (end - start > LIMITS.durationMinutes * 60_000) return `a meeting lasts at most ${LIMITS.durationMinutes / 60} hours`;
  return null;
}

export const MeetingSchema = z
  .strictObject({
    id: MeetingIdSchema,
    /** Optimistic concurrency: bumped by storage on every write; starts at 1. */
    version: z.number().int().min(1),
    ...MEETING_DRAFT_SHAPE,
    start: InstantSchema,
    end: InstantSchema,
    status: MeetingStatusSchema,
    /** When the booking was made (the notice rule counts from here). */
    bookedAt: InstantSchema,
  })
  .superRefine(refineMeetingFields);
export type Meeting = z.infer<typeof MeetingSchema>;
export type MeetingInput = z.input<typeof MeetingSchema>;

/** What a booking decides, before storage gives it an id, version, status and bookedAt. */
export type MeetingDraft = Omit<Meeting, 'id' | 'version' | 'status' | 'bookedAt'>;

/** A draft as stored for the first time. */
export function newMeeting(draft: MeetingDraft, id: string, bookedAt: string): Meeting {
  return { ...draft, id, version: 1, status: 'booked', bookedAt };
}

/** The draft part of a stored meeting (for re-checking it, or as the base of an edit). */
export function draftOf(m: Meeting): MeetingDraft {
  const { id: _id, version: _v, status: _s, bookedAt: _b, ...draft } = m;
  return draft;
}
