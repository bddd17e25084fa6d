import { z } from 'zod';
import { jsonPath } from '../inventory.js';
import { MEETING_DRAFT_SHAPE, MeetingIdSchema, durationProblem, refineMeetingFields, type Meeting, type MeetingDraft } from './meeting.js';
import { recurrenceProblem } from './recurrence.js';
import { formatLocalDateTime, parseDateTimeInput, toIsoInstant, utcToLocal } from './zoned-time.js';

/**
 * What the booking form sends to create or edit a meeting. `start` and `end` are local
 * `YYYY-MM-DDTHH:mm` in the inventory's time zone (or ISO instants with Z / an offset); they
 * become UTC instants in `toMeetingDraft`, which needs the zone and so is not part of the schema.
 */

const DateTimeInputSchema = z.string().min(1, 'must not be empty').max(40);

const REQUEST_SHAPE = { ...MEETING_DRAFT_SHAPE, start: DateTimeInputSchema, end: DateTimeInputSchema };

/** Create: no id, no version (storage assigns them). */
export const BookingRequestSchema = z
  .strictObject(REQUEST_SHAPE)
  .superRefine((r, ctx) => refineMeetingFields({ emergency: r.emergency, emergencyReason: r.emergencyReason }, ctx));
export type BookingRequest = z.infer<typeof BookingRequestSchema>;
export type BookingRequestInput = z.input<typeof BookingRequestSchema>;

/** Edit or extension: the whole meeting again, with its id and the version the editor last saw. */
export const BookingEditSchema = z
  .strictObject({ id: MeetingIdSchema, version: z.number().int().min(1), ...REQUEST_SHAPE })
  .superRefine((r, ctx) => refineMeetingFields({ emergency: r.emergency, emergencyReason: r.emergencyReason }, ctx));
export type BookingEdit = z.infer<typeof BookingEditSchema>;
export type BookingEditInput = z.input<typeof BookingEditSchema>;

/** A problem with one field of the request: `path` like `$.start` or `$.participants.sites[2]`. */
export interface FieldIssue {
  readonly path: string;
  readonly message: string;
}

export type DraftResult =
  | { readonly ok: true; readonly draft: MeetingDraft }
  | { readonly ok: false; readonly issues: readonly FieldIssue[] };

/** Local times → UTC instants; end after start; the series fits its start. */
export function toMeetingDraft(request: BookingRequest, timeZone: string): DraftResult {
  const issues: FieldIssue[] = [];
  const start = parseDateTimeInput(request.start, timeZone);
  const end = parseDateTimeInput(request.end, timeZone);
  if (!start.ok) issues.push({ path: '$.start', message: start.message });
  if (!end.ok) issues.push({ path: '$.end', message: end.message });
  if (start.ok && end.ok) {
    const problem = durationProblem(start.value, end.value);
    if (problem) issues.push({ path: '$.end', message: problem });
    if (request.recurrence) {
      const rp = recurrenceProblem(start.value, request.recurrence, timeZone);
      if (rp) issues.push({ path: jsonPath(['recurrence', rp.field]), message: rp.message });
    }
  }
  if (issues.length || !start.ok || !end.ok) return { ok: false, issues };
  const { start: _s, end: _e, ...rest } = request;
  const draft: MeetingDraft = { ...rest, start: toIsoInstant(start.value), end: toIsoInstant(end.value) };
  return { ok: true, draft };
}

function zodIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.flatMap((i) =>
    i.code === 'unrecognized_keys'
      ? i.keys.map((k) => ({ path: jsonPath([...i.path, k]), message: `unknown field "${k}"` }))
      : [{ path: jsonPath(i.path), message: i.message }],
  );
}

/** With other fields wrong, the start and end are still checked, so the form shows every problem at once. */
function withTimeIssues(raw: unknown, error: z.ZodError, timeZone: string): FieldIssue[] {
  const issues = zodIssues(error);
  const fields = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  for (const key of ['start', 'end'] as const) {
    const value = fields[key];
    const path = jsonPath([key]);
    if (typeof value !== 'string' || value === '' || issues.some((i) => i.path === path)) continue;
    const r = parseDateTimeInput(value, timeZone);
    if (!r.ok) issues.push({ path, message: r.message });
  }
  return issues;
}

/** Shape check and conversion in one: what the engine calls with the form's JSON. */
export function parseBookingRequest(raw: unknown, timeZone: string): DraftResult {
  const parsed = BookingRequestSchema.safeParse(raw);
  return parsed.success ? toMeetingDraft(parsed.data, timeZone) : { ok: false, issues: withTimeIssues(raw, parsed.error, timeZone) };
}

export type EditResult =
  | { readonly ok: true; readonly id: string; readonly version: number; readonly draft: MeetingDraft }
  | { readonly ok: false; readonly issues: readonly FieldIssue[] };

export function parseBookingEdit(raw: unknown, timeZone: string): EditResult {
  const parsed = BookingEditSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, issues: withTimeIssues(raw, parsed.error, timeZone) };
  const { id, version, ...request } = parsed.data;
  const r = toMeetingDraft(request, timeZone);
  return r.ok ? { ok: true, id, version, draft: r.draft } : r;
}

/** A stored meeting as the edit form shows it: local `YYYY-MM-DDTHH:mm` times in the zone. */
export function editRequestOf(m: Meeting, timeZone: string): BookingEdit {
  const { status: _s, bookedAt: _b, start, end, ...rest } = m;
  return {
    ...rest,
    start: formatLocalDateTime(utcToLocal(Date.parse(start), timeZone)),
    end: formatLocalDateTime(utcToLocal(Date.parse(end), timeZone)),
  };
}
