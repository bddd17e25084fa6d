import { z } from 'zod';
import { isAnnunciable, isChattering, isStaleAlarm, ALARM_STATES, type Alarm } from './alarm-machine.js';
import { ALARM_PRIORITIES } from './alarm-rules.js';

/** Alarms as the API carries them: times as ISO 8601, and the flags every view reads. */
const iso = z.string();

export const AlarmViewSchema = z.object({
  id: z.string(),
  ruleId: z.string(),
  priority: z.enum(ALARM_PRIORITIES),
  subject: z.object({ kind: z.enum(['endpoint', 'mcu', 'poller', 'meeting']), id: z.string(), siteId: z.string().nullable() }),
  state: z.enum(ALARM_STATES),
  activeSince: iso.nullable(),
  returnedAt: iso.nullable(),
  value: z.number().nullable(),
  unit: z.string().nullable(),
  valueAt: iso.nullable(),
  ack: z.object({ by: z.string(), at: iso, comment: z.string() }).nullable(),
  shelved: z.object({ by: z.string(), at: iso, reason: z.string(), until: iso }).nullable(),
  outOfService: z.object({ by: z.string(), at: iso, reason: z.string(), siteId: z.string() }).nullable(),
  suppressedBy: z.string().nullable(),
  /** Told to the operator (active, unacknowledged, not shelved, out of service or suppressed). */
  annunciable: z.boolean(),
  chattering: z.boolean(),
  standing: z.boolean(),
});
export type AlarmView = z.infer<typeof AlarmViewSchema>;

const isoOf = (t: number | null): string | null => (t === null ? null : new Date(t).toISOString());

export function toAlarmView(a: Alarm, now: number): AlarmView {
  return {
    id: a.id,
    ruleId: a.ruleId,
    priority: a.priority,
    subject: a.subject,
    state: a.state,
    activeSince: isoOf(a.activeSince),
    returnedAt: isoOf(a.returnedAt),
    value: a.value,
    unit: a.unit,
    valueAt: isoOf(a.valueAt),
    ack: a.ack && { ...a.ack, at: isoOf(a.ack.at)! },
    shelved: a.shelved && { ...a.shelved, at: isoOf(a.shelved.at)!, until: isoOf(a.shelved.until)! },
    outOfService: a.outOfService && { ...a.outOfService, at: isoOf(a.outOfService.at)! },
    suppressedBy: a.suppressedBy,
    annunciable: isAnnunciable(a),
    chattering: isChattering(a, now),
    standing: isStaleAlarm(a, now),
  };
}

const alarmIdSchema = z.string().min(1).max(300);

/** listAlarms: the current alarms (not normal ones), optionally filtered. */
export const AlarmListInputSchema = z.strictObject({
  priority: z.array(z.enum(ALARM_PRIORITIES)).max(4).optional(),
  state: z.array(z.enum(ALARM_STATES)).max(4).optional(),
  /** A site id: alarms of that site and every site below it. */
  siteId: z.string().min(1).max(200).optional(),
  /** Include alarms suppressed by design, shelved or out of service (hidden by default). */
  includeHidden: z.boolean().optional(),
});

export const AcknowledgeInputSchema = z.strictObject({
  ids: z.array(alarmIdSchema).min(1).max(500),
  comment: z.string().max(500).default(''),
});

export const ShelveInputSchema = z.strictObject({
  id: alarmIdSchema,
  reason: z.string().max(500),
  /** How long, in minutes (at most the configured maximum, default 8 h). */
  minutes: z.number().int().positive(),
});

export const AlarmIdInputSchema = z.strictObject({ id: alarmIdSchema });

export const MaintenanceInputSchema = z.strictObject({
  siteId: z.string().min(1).max(200),
  reason: z.string().max(500),
  /** When the window begins, an ISO instant (default now; at most a minute in the past). */
  from: z.string().max(40).optional(),
  /** When it ends by itself, an ISO instant (after `from`, at most 31 days later); none: until ended. */
  until: z.string().max(40).optional(),
});

export const MaintenanceViewSchema = z.object({
  siteId: z.string(),
  by: z.string(),
  /** When it was set. */
  at: iso,
  reason: z.string(),
  from: iso,
  until: iso.nullable(),
  /** Planned (begins later) or in force now. */
  phase: z.enum(['planned', 'in-force']),
});

export const JOURNAL_KINDS = ['activated', 'returned', 'normal', 'acknowledged', 'shelved', 'unshelved', 'flood-started', 'flood-ended', 'maintenance-ended'] as const;
export const AlarmJournalEntrySchema = z.object({
  seq: z.number().int(),
  at: iso,
  kind: z.enum(JOURNAL_KINDS),
  alarmId: z.string().nullable(),
  priority: z.enum(ALARM_PRIORITIES).nullable(),
  siteId: z.string().nullable(),
  user: z.string().nullable(),
  /** The comment, the shelving reason, the value at activation, the flood's areas, the maintenance's reason. */
  detail: z.string(),
});
export type AlarmJournalEntry = z.infer<typeof AlarmJournalEntrySchema>;

export const AlarmJournalInputSchema = z.strictObject({
  limit: z.number().int().min(1).max(1000).optional(),
  beforeSeq: z.number().int().optional(),
  alarmId: alarmIdSchema.optional(),
});

export const FloodViewSchema = z.object({
  since: iso.nullable(),
  /** New alarms per area (district id) since the flood began. */
  byArea: z.record(z.string(), z.number()),
});

export const AlarmKpisSchema = z.object({
  from: iso,
  to: iso,
  activations: z.number(),
  perTenMinutes: z.object({ average: z.number(), peak: z.number() }),
  floodPct: z.number(),
  top10: z.array(z.object({ alarmId: z.string(), count: z.number() })),
  top10SharePct: z.number(),
  chattering: z.array(z.string()),
  stale: z.array(z.string()),
});

export const AlarmKpisInputSchema = z.strictObject({
  /** The period, ISO instants; default the last 24 hours. */
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});

/** The alarms stream: everything current at once, then what changed, with what to annunciate. */
export const AlarmStreamSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('snapshot'), alarms: z.array(AlarmViewSchema), flood: FloodViewSchema }),
  z.object({
    kind: z.literal('changed'),
    alarms: z.array(AlarmViewSchema),
    /** Ids to annunciate now (sound, notification); empty during a flood. */
    annunciate: z.array(z.string()),
    flood: FloodViewSchema,
  }),
]);
export type AlarmStreamPayload = z.infer<typeof AlarmStreamSchema>;
