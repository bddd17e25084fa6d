import { z } from 'zod';

/**
 * Conferences as the console shows them (`GET /api/v1/conferences`): calls on the MCU and their
 * rosters, joined to the inventory by URI. A roster not yet fully received after a (re)connect is
 * `rosterKnown: false` and is never shown as live.
 */
export const LAYOUTS = [
  'automatic',
  'allEqual',
  'speakerOnly',
  'telepresence',
  'stacked',
  'allEqualQuarters',
  'allEqualNinths',
  'allEqualSixteenths',
  'onePlusFive',
  'onePlusSeven',
  'onePlusNine',
] as const;
export const LayoutSchema = z.enum(LAYOUTS);
export type Layout = z.infer<typeof LayoutSchema>;

/**
 * A layout as the MCU reports it: one of LAYOUTS, or a name the console cannot set and has no
 * drawing for (CMS also has allEqualTwentyFifths, onePlusN, and newer versions add more). Kept
 * by name so it can be shown as such, never dropped or taken for another.
 */
export const ReportedLayoutSchema = z.string().min(1).max(100);
export type ReportedLayout = Layout | (string & {});
export const isLayout = (v: unknown): v is Layout => typeof v === 'string' && (LAYOUTS as readonly string[]).includes(v);

/** The MCU connection, a closed set (Companion-style). */
export const MCU_STATES = ['none', 'connecting', 'ok', 'disconnected', 'auth_failed', 'bad_config'] as const;
export type McuState = (typeof MCU_STATES)[number];

/** What keeps the MCU from being usable beyond the state itself (worded by the UI's catalogue). */
export const MCU_PROBLEMS = ['frame_too_large'] as const;
export type McuProblem = (typeof MCU_PROBLEMS)[number];

export const McuStatusSchema = z.object({
  state: z.enum(MCU_STATES),
  /** Why, for people: "401 from POST /api/v1/authTokens", "retrying in 4 s". */
  message: z.string(),
  since: z.string(),
  /** A fault that persists across reconnects (e.g. an events frame over the driver's size cap). */
  problem: z.enum(MCU_PROBLEMS).nullable().optional(),
  /** When the next connection attempt is due (ISO), while waiting to retry. */
  retryAt: z.string().nullable().optional(),
  /**
   * Connected, but the events socket has shown no sign of life since `lastHeardAt` and has not yet
   * answered a check: rosters are the last received, not confirmed live.
   */
  unconfirmed: z.boolean().optional(),
  lastHeardAt: z.string().nullable().optional(),
});
export type McuStatus = z.infer<typeof McuStatusSchema>;

export const PARTICIPANT_STATES = ['initial', 'ringing', 'connected', 'onHold', 'disconnected'] as const;

export const ParticipantSchema = z.object({
  /** The MCU's participant id (roster); actions map it to call legs inside the driver. */
  id: z.string(),
  /** The inventory endpoint with this URI, when there is one. */
  endpointId: z.string().nullable(),
  name: z.string(),
  uri: z.string(),
  state: z.enum(PARTICIPANT_STATES),
  audioMuted: z.boolean().nullable(),
  videoMuted: z.boolean().nullable(),
  activeSpeaker: z.boolean(),
  layout: ReportedLayoutSchema.nullable(),
});
export type Participant = z.infer<typeof ParticipantSchema>;

export const ConferenceSchema = z.object({
  id: z.string(),
  name: z.string(),
  layout: ReportedLayoutSchema.nullable(),
  rosterKnown: z.boolean(),
  participants: z.array(ParticipantSchema),
});
export type Conference = z.infer<typeof ConferenceSchema>;

/** Every conference with the MCU's state: the `conferences` stream sends this whole on each change. */
export const ConferencesViewSchema = z.object({
  mcu: McuStatusSchema,
  conferences: z.array(ConferenceSchema),
});
export type ConferencesView = z.infer<typeof ConferencesViewSchema>;

/** The result of one action on one target; bulk actions return one per target. */
export const ActionResultSchema = z.object({
  target: z.string(),
  ok: z.boolean(),
  error: z.string().nullable(),
  /**
   * For the catalogue, when the refusal has words of its own: `{ reason, ...values }` as an
   * ApiError's params (`errors.reason.<reason>`), e.g. `call_legs_partly_failed` with the legs.
   */
  params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
});
export type ActionResult = z.infer<typeof ActionResultSchema>;
