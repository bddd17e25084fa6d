import { z } from 'zod';
import { ALL_ROLES, type Role } from '../roles.js';
import {
  CreateUserInputSchema,
  IdentitySchema,
  LoginInputSchema,
  LoginResultSchema,
  SessionInfoSchema,
  SetPasswordInputSchema,
  UpdateUserInputSchema,
  UserNameSchema,
  UserSchema,
} from '../accounts.js';
import { NetworkViewSchema } from '../inventory.js';
import { ConnectionTestInputSchema, ConnectionTestResultSchema } from '../connection-test.js';
import { AddDiscoveredInputSchema, DiscoveryStartInputSchema, DiscoverySweepSchema, SweepIdSchema } from '../discovery.js';
import { StatusEventSchema, StatusSnapshotSchema } from '../status.js';
import { EngineEventSchema } from '../events.js';
import { FaultRequestSchema, MonitoringStatsSchema, PollResultSchema } from '../monitoring.js';
import { ActionResultSchema, ConferencesViewSchema, LayoutSchema } from '../conference.js';
import {
  AcknowledgeInputSchema,
  AlarmIdInputSchema,
  AlarmJournalEntrySchema,
  AlarmJournalInputSchema,
  AlarmKpisInputSchema,
  AlarmKpisSchema,
  AlarmListInputSchema,
  AlarmStreamSchema,
  AlarmViewSchema,
  MaintenanceInputSchema,
  MaintenanceViewSchema,
  ShelveInputSchema,
} from '../alarms/alarm-api.js';
import { AuditEntrySchema, AuditQuerySchema } from '../audit.js';
import {
  AttendanceSchema,
  BookingOutcomeSchema,
  CheckBookingInputSchema,
  ExportFileSchema,
  ListMeetingsInputSchema,
  MeetingIdSchema,
  ReadinessSchema,
  ScheduledMeetingSchema,
  ScheduleEventSchema,
  StartResultSchema,
} from '../schedule/api.js';
import { ReorgApplyInputSchema, ReorgPreviewInputSchema, ReorgPreviewSchema } from '../inventory-reorg/reorg-api.js';
import { ApplyImportInputSchema, ApplyImportResultSchema, ExportInputSchema, ExportResultSchema, ImportFileInputSchema, ImportPreviewSchema, InventoryUndoSchema } from '../inventory-import-api.js';
import { EditBaseInputSchema, EditBaseSchema, EditInventoryInputSchema, EditInventoryResultSchema } from '../inventory-edit/edit-api.js';
import { AvailabilityInputSchema, AvailabilitySchema, HistoryInputSchema, HistorySchema } from '../history/history-api.js';
import { HealthReportInputSchema, ReportFileSchema } from '../reports/health-report-api.js';

/**
 * The ConsoleApi contract: every request the renderer (or a script over HTTP) may make, with its
 * input and output schemas and the roles allowed to call it; and every event stream. Both
 * transports (Electron IPC and WebSocket) and the HTTP RPC are generated from this one table.
 */
export interface RequestSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly summary: string;
  readonly roles: readonly Role[];
  readonly input: I;
  readonly output: O;
}

const none = z.object({}).strict();
/** Who runs live sessions: operators, and technicians standing in for them. */
const CONTROL: readonly Role[] = ['operator', 'technician'];
const conferenceId = z.string().min(1);
const participantId = z.string().min(1);
const spec = <I extends z.ZodType, O extends z.ZodType>(s: RequestSpec<I, O>): RequestSpec<I, O> => s;

export const HealthSchema = z.object({
  ok: z.boolean(),
  version: z.string(),
  endpoints: z.number().int(),
  mcu: z.enum(['none', 'connecting', 'ok', 'disconnected', 'auth_failed', 'bad_config']),
});
export type Health = z.infer<typeof HealthSchema>;

export { IdentitySchema };

export const InventorySummarySchema = z.object({
  name: z.string(),
  sites: z.number().int(),
  endpoints: z.number().int(),
});

/** Requests a caller may make without a login session (the RPC gate skips the role check). */
export const ANONYMOUS_REQUESTS: readonly string[] = ['login'];

const ok = z.object({ ok: z.literal(true) });

export const requests = {
  login: spec({
    summary: 'Log in with a user name and password; returns a bearer token. Failed attempts slow down per account and address.',
    roles: ALL_ROLES,
    input: LoginInputSchema,
    output: LoginResultSchema,
  }),
  logout: spec({
    summary: "End the caller's own session (its WebSocket closes).",
    roles: ALL_ROLES,
    input: none,
    output: ok,
  }),
  listUsers: spec({
    summary: 'Every account with its role, scope and state (never a password).',
    roles: ['technician'],
    input: none,
    output: z.array(UserSchema),
  }),
  createUser: spec({
    summary: 'Create an account (technician, operator, or supervisor scoped to subtrees).',
    roles: ['technician'],
    input: CreateUserInputSchema,
    output: UserSchema,
  }),
  updateUser: spec({
    summary: "Change an account's name, role, scope, or disable it (ends its sessions at once). The last technician stays.",
    roles: ['technician'],
    input: UpdateUserInputSchema,
    output: UserSchema,
  }),
  deleteUser: spec({
    summary: 'Delete an account and end its sessions. The last technician cannot be deleted.',
    roles: ['technician'],
    input: z.strictObject({ user: UserNameSchema }),
    output: ok,
  }),
  setPassword: spec({
    summary: "Set a password: one's own (with the current one), or any account's as a technician.",
    roles: ALL_ROLES,
    input: SetPasswordInputSchema,
    output: ok,
  }),
  listSessions: spec({
    summary: 'Open login sessions: who, from where, since when, until when.',
    roles: ['technician'],
    input: none,
    output: z.array(SessionInfoSchema),
  }),
  revokeSession: spec({
    summary: 'End a login session at once (its WebSocket closes).',
    roles: ['technician'],
    input: z.strictObject({ id: z.string().min(1).max(200) }),
    output: ok,
  }),
  whoami: spec({
    summary: 'The caller as the engine sees it (user, role, scope, session).',
    roles: ALL_ROLES,
    input: none,
    output: IdentitySchema,
  }),
  getHealth: spec({
    summary: 'Engine version, endpoint count and MCU connection state.',
    roles: ALL_ROLES,
    input: none,
    output: HealthSchema,
  }),
  getNetwork: spec({
    summary: 'The inventory tree (province, tiers, sites, endpoints) without secrets.',
    roles: ALL_ROLES,
    input: none,
    output: NetworkViewSchema,
  }),
  getStatusSnapshot: spec({
    summary: 'Every endpoint status with the sequence number of the last delta it contains.',
    roles: ALL_ROLES,
    input: none,
    output: StatusSnapshotSchema,
  }),
  reloadInventory: spec({
    summary: 'Re-read the inventory file; on any error the running inventory is kept.',
    roles: ['technician'],
    input: none,
    output: InventorySummarySchema,
  }),
  previewInventoryImport: spec({
    summary: 'Read an inventory file (CSV or JSON, base64) without applying it: every problem at once (row and column, or path), or the change it would make.',
    roles: ['technician'],
    input: ImportFileInputSchema,
    output: ImportPreviewSchema,
  }),
  applyInventoryImport: spec({
    summary: 'Apply an inventory file previewed against baseVersion: all or nothing, live (no restart), the file replaced atomically.',
    roles: ['technician'],
    input: ApplyImportInputSchema,
    output: ApplyImportResultSchema,
  }),
  previewInventoryReorganisation: spec({
    summary: 'Reorganise the network without applying it (merge sites, move sites, remove a tier): every problem, or the change it would make.',
    roles: ['technician'],
    input: ReorgPreviewInputSchema,
    output: ReorgPreviewSchema,
  }),
  applyInventoryReorganisation: spec({
    summary: 'Apply a reorganisation previewed against baseVersion: all or nothing, live, through the same backup and atomic write as an import.',
    roles: ['technician'],
    input: ReorgApplyInputSchema,
    output: ApplyImportResultSchema,
  }),
  undoInventoryChange: spec({
    summary: 'Go back to the inventory before the last applied change (one step per call), live; the file is replaced atomically.',
    roles: ['technician'],
    input: none,
    output: ApplyImportResultSchema,
  }),
  getInventoryUndo: spec({
    summary: 'How many earlier inventories are kept to undo to, and when and by whom the newest change was made.',
    roles: ['technician'],
    input: none,
    output: InventoryUndoSchema,
  }),
  exportInventory: spec({
    summary: 'The running inventory as CSV (UTF-8 with BOM, for Excel) or JSON, base64; it holds the SNMP secrets.',
    roles: ['technician'],
    input: ExportInputSchema,
    output: ExportResultSchema,
  }),
  getInventoryEditBase: spec({
    summary: "What the inventory editor's forms start from: the inventory version to edit against, the device profiles, a site's own district and a codec's settings without its secrets (only whether each is set).",
    roles: ['technician'],
    input: EditBaseInputSchema,
    output: EditBaseSchema,
  }),
  editInventory: spec({
    summary: 'Add, edit, move or delete one site or codec against baseVersion, live (no restart, ids kept): refused whole with its problems (a code and the field), or made through the committer (backup, atomic write).',
    roles: ['technician'],
    input: EditInventoryInputSchema,
    output: EditInventoryResultSchema,
  }),
  testEndpointConnection: spec({
    summary:
      "Test an endpoint's connection settings as typed, before they go into the inventory: one SNMP GET of sysDescr, sysObjectID and sysUpTime (1 s timeout, 1 retry); what went wrong as a code with its values, and the profile the sysObjectID suggests. At most a few at once per account.",
    roles: ['technician'],
    input: ConnectionTestInputSchema,
    output: ConnectionTestResultSchema,
  }),
  startDiscovery: spec({
    summary:
      'Sweep an IPv4 range (at most a /22) for SNMP agents with one set of settings (v1/v2c community or v3 user) and port, at most ratePerS requests a second (200 at most): one GET of sysName, sysDescr and sysObjectID per address, one attempt. One sweep at a time per engine; returns the sweep to poll with getDiscovery.',
    roles: ['technician'],
    input: DiscoveryStartInputSchema,
    output: DiscoverySweepSchema,
  }),
  cancelDiscovery: spec({
    summary: 'Stop a running sweep: nothing more is sent; what answered so far is kept.',
    roles: ['technician'],
    input: SweepIdSchema,
    output: DiscoverySweepSchema,
  }),
  getDiscovery: spec({
    summary: "A sweep's progress (addresses done of total, requests sent) and its responders so far, each with its suggested profile and the inventory's endpoint at the same host:port.",
    roles: ['technician'],
    input: SweepIdSchema,
    output: DiscoverySweepSchema,
  }),
  addDiscovered: spec({
    summary: "Add chosen responders of a sweep to a site as new endpoints (ids from the address, names from sysName, the sweep's SNMP settings), live; the file is replaced atomically and the change can be undone.",
    roles: ['technician'],
    input: AddDiscoveredInputSchema,
    output: ApplyImportResultSchema,
  }),
  getMonitoring: spec({
    summary: 'Poller and trap receiver figures: poll cycle, overruns, in flight, timeouts, traps received and rejected.',
    roles: ALL_ROLES,
    input: none,
    output: MonitoringStatsSchema.nullable(),
  }),
  getPollResults: spec({
    summary: "Each codec's last poll (when it ended, how long it took, why it failed) and its failures by kind since the engine started; empty when the engine does not poll.",
    roles: ALL_ROLES,
    input: none,
    output: z.array(PollResultSchema),
  }),
  listEvents: spec({
    summary: 'Recent events (traps, up/down, degraded), newest first, optionally for one endpoint or site.',
    roles: ALL_ROLES,
    input: z.strictObject({ endpointId: z.string().optional(), siteId: z.string().optional(), limit: z.number().int().min(1).max(1000).optional() }),
    output: z.array(EngineEventSchema),
  }),
  injectFault: spec({
    summary: 'Demo and training only: break a simulated site or endpoint (down, loss, jitter, latency) or clear it.',
    roles: ['technician'],
    input: FaultRequestSchema,
    output: z.object({ ok: z.literal(true) }),
  }),
  getConferences: spec({
    summary: 'Every conference on the MCU with its roster joined to the inventory, and the MCU connection state.',
    roles: ALL_ROLES,
    input: none,
    output: ConferencesViewSchema,
  }),
  muteParticipant: spec({
    summary: "Mute or unmute a participant's audio and/or video (what the MCU receives from it).",
    roles: CONTROL,
    input: z.strictObject({ conferenceId, participantId, audio: z.boolean().optional(), video: z.boolean().optional() }).refine(
      (v) => v.audio !== undefined || v.video !== undefined,
      'give audio and/or video',
    ),
    output: ActionResultSchema,
  }),
  muteAllExceptChair: spec({
    summary: "Mute every participant's audio except the chair's; one result per participant.",
    roles: CONTROL,
    input: z.strictObject({ conferenceId, chairParticipantId: participantId }),
    output: z.array(ActionResultSchema),
  }),
  setLayout: spec({
    summary: 'Choose the screen layout for one participant, or for the whole conference when no participant is given.',
    roles: CONTROL,
    input: z.strictObject({ conferenceId, participantId: participantId.optional(), layout: LayoutSchema }),
    output: ActionResultSchema,
  }),
  dialOut: spec({
    summary: 'Bring an endpoint (by inventory id) or any URI into a conference.',
    roles: CONTROL,
    input: z
      .strictObject({ conferenceId, endpointId: z.string().min(1).optional(), uri: z.string().min(3).optional() })
      .refine((v) => (v.endpointId === undefined) !== (v.uri === undefined), 'give exactly one of endpointId or uri'),
    output: ActionResultSchema,
  }),
  connectSites: spec({
    summary: 'Dial out every site of a district (its communes too), of a tier, or a list of sites; one result per site.',
    roles: CONTROL,
    input: z
      .strictObject({
        conferenceId,
        district: z.string().min(1).optional(),
        tier: z.string().min(1).optional(),
        siteIds: z.array(z.string().min(1)).min(1).max(5000).optional(),
      })
      .refine((v) => [v.district, v.tier, v.siteIds].filter((x) => x !== undefined).length === 1, 'give exactly one of district, tier or siteIds'),
    output: z.array(ActionResultSchema),
  }),
  disconnectParticipant: spec({
    summary: 'Drop a participant from a conference.',
    roles: CONTROL,
    input: z.strictObject({ conferenceId, participantId }),
    output: ActionResultSchema,
  }),
  endConference: spec({
    summary: 'End a conference for everyone.',
    roles: CONTROL,
    input: z.strictObject({ conferenceId }),
    output: ActionResultSchema,
  }),
  listAudit: spec({
    summary: 'The audit log of every state-changing request (refused ones too), newest first; filters by user, action, result, time and target; paged with beforeId.',
    roles: ALL_ROLES,
    input: AuditQuerySchema,
    output: z.array(AuditEntrySchema),
  }),
  listAlarms: spec({
    summary: 'Current alarms (every state but normal), by priority, state and subtree; suppressed, shelved and out-of-service ones on request.',
    roles: ALL_ROLES,
    input: AlarmListInputSchema,
    output: z.array(AlarmViewSchema),
  }),
  acknowledgeAlarms: spec({
    summary: 'Acknowledge alarms with a comment; all or nothing (an unknown id or one with nothing to acknowledge changes none).',
    roles: ['technician', 'operator'],
    input: AcknowledgeInputSchema,
    output: z.object({ acknowledged: z.array(AlarmViewSchema) }),
  }),
  shelveAlarm: spec({
    summary: 'Shelve an alarm for some minutes (at most the configured maximum, 8 h by default), with a reason; it unshelves by itself.',
    roles: ['technician', 'operator'],
    input: ShelveInputSchema,
    output: AlarmViewSchema,
  }),
  unshelveAlarm: spec({
    summary: 'Take an alarm off the shelf before its time.',
    roles: ['technician', 'operator'],
    input: AlarmIdInputSchema,
    output: AlarmViewSchema,
  }),
  listMaintenance: spec({
    summary: 'Maintenance windows, one per site: from, until (null: until ended), planned or in force (the subtree\'s alarms out of service while in force).',
    roles: ALL_ROLES,
    input: none,
    output: z.array(MaintenanceViewSchema),
  }),
  setMaintenance: spec({
    summary:
      "Plan a maintenance window for a site and everything below it, with a reason, from `from` (default now, at most a minute back) until `until` (after from, at most 31 days; none: until ended), replacing the site's window: its alarms are kept but out of service while it is in force.",
    roles: ['technician'],
    input: MaintenanceInputSchema,
    output: MaintenanceViewSchema,
  }),
  clearMaintenance: spec({
    summary: 'End (or call off, if planned) the maintenance window of a site.',
    roles: ['technician'],
    input: z.strictObject({ siteId: z.string().min(1).max(200) }),
    output: ok,
  }),
  listAlarmJournal: spec({
    summary: 'The alarm journal, newest first: activations, returns, acknowledgements, shelves, floods; paged with beforeSeq.',
    roles: ALL_ROLES,
    input: AlarmJournalInputSchema,
    output: z.array(AlarmJournalEntrySchema),
  }),
  getAlarmKpis: spec({
    summary: 'Alarm KPIs over a period (default the last 24 h): rate per 10 minutes, % of time in flood, top-10 share, chattering and standing alarms.',
    roles: ALL_ROLES,
    input: AlarmKpisInputSchema,
    output: AlarmKpisSchema,
  }),
  getAvailability: spec({
    summary:
      'Availability over a period per site, district, tier or the province: time-weighted %, downtime, outages, longest, MTTR, time excluded (maintenance, engine not running), p95 loss/jitter/latency; working hours on request. A scoped supervisor gets figures over their endpoints only.',
    roles: ALL_ROLES,
    input: AvailabilityInputSchema,
    output: AvailabilitySchema,
  }),
  getHistory: spec({
    summary: "One endpoint's loss, jitter, latency or bitrate over a period (min, mean, max, p95 per bucket, at the finest level kept within 2,000 points) and its outages in it.",
    roles: ALL_ROLES,
    input: HistoryInputSchema,
    output: HistorySchema,
  }),
  getHealthReport: spec({
    summary:
      'The link-health report of a day, a week (Mon–Sun) or a month, for the province or one district, as CSV (Excel) or PDF (A4), in Vietnamese or English: availability, outages, p95 loss/jitter/latency per district (or commune), the worst sites, meetings booked/held/disrupted, maintenance left out, the change against the previous period. A scoped supervisor gets their part only.',
    roles: ALL_ROLES,
    input: HealthReportInputSchema,
    output: ReportFileSchema,
  }),
  listMeetings: spec({
    summary: 'Meetings with occurrences on the given local days (from, to inclusive; the inventory time zone).',
    roles: ALL_ROLES,
    input: ListMeetingsInputSchema,
    output: z.array(ScheduledMeetingSchema),
  }),
  checkBooking: spec({
    summary: 'Dry run of a booking or edit against the rules and the schedule: violations as data, nothing stored.',
    roles: CONTROL,
    input: CheckBookingInputSchema,
    output: BookingOutcomeSchema,
  }),
  bookMeeting: spec({
    summary: 'Book a meeting (checked against the 3-day notice, conflicts and MCU capacity; refused with every violation listed).',
    roles: CONTROL,
    input: z.strictObject({ request: z.unknown() }),
    output: BookingOutcomeSchema,
  }),
  editMeeting: spec({
    summary: 'Change or extend a meeting (the same checks; refused when someone else changed it first).',
    roles: CONTROL,
    input: z.strictObject({ request: z.unknown() }),
    output: BookingOutcomeSchema,
  }),
  cancelMeeting: spec({
    summary: 'Cancel a booked or ready meeting.',
    roles: CONTROL,
    input: z.strictObject({ id: MeetingIdSchema, version: z.number().int().positive(), reason: z.string().max(500).optional() }),
    output: BookingOutcomeSchema,
  }),
  getReadiness: spec({
    summary: "A meeting's readiness board: each participant site reachable, dialable, not in another call.",
    roles: ALL_ROLES,
    input: z.strictObject({ meetingId: MeetingIdSchema }),
    output: ReadinessSchema,
  }),
  startMeeting: spec({
    summary: "Start a meeting: dial out every participant, apply its layout, mute all but the host; a result per site.",
    roles: CONTROL,
    input: z.strictObject({ meetingId: MeetingIdSchema, siteIds: z.array(z.string()).optional() }),
    output: StartResultSchema,
  }),
  getAttendance: spec({
    summary: 'Who joined when, who dropped and for how long, link quality per site during a meeting.',
    roles: ALL_ROLES,
    input: z.strictObject({ meetingId: MeetingIdSchema }),
    output: AttendanceSchema,
  }),
  exportSchedule: spec({
    summary: "The schedule of the given days as iCalendar (.ics).",
    roles: ALL_ROLES,
    input: ListMeetingsInputSchema,
    output: ExportFileSchema,
  }),
  exportAttendance: spec({
    summary: "A meeting's attendance report as CSV.",
    roles: ALL_ROLES,
    input: z.strictObject({ meetingId: MeetingIdSchema }),
    output: ExportFileSchema,
  }),
} as const;

export interface StreamSpec<P extends z.ZodType = z.ZodType> {
  readonly summary: string;
  readonly roles: readonly Role[];
  readonly payload: P;
}

export const streams = {
  status: {
    summary: 'Endpoint status: a snapshot on subscribe, then sequence-numbered delta batches.',
    roles: ALL_ROLES,
    payload: StatusEventSchema,
  } satisfies StreamSpec,
  conferences: {
    summary: 'Conferences and the MCU state: the whole view on subscribe and after every change.',
    roles: ALL_ROLES,
    payload: ConferencesViewSchema,
  } satisfies StreamSpec,
  schedule: {
    summary: 'Meetings changed, and the readiness of meetings starting within 30 minutes (on subscribe and on change).',
    roles: ALL_ROLES,
    payload: ScheduleEventSchema,
  } satisfies StreamSpec,
  events: {
    summary: 'Each new event of the event log as it happens.',
    roles: ALL_ROLES,
    payload: EngineEventSchema,
  } satisfies StreamSpec,
  alarms: {
    summary: 'Alarms: every current alarm on subscribe, then what changed, with the ids to annunciate (none while a flood is summarised).',
    roles: ALL_ROLES,
    payload: AlarmStreamSchema,
  } satisfies StreamSpec,
  session: {
    summary: "The caller's login session: { ended: true } once it ends (logout, expiry, revoke, account disabled or changed).",
    roles: ALL_ROLES,
    payload: z.object({ ended: z.literal(true) }),
  } satisfies StreamSpec,
} as const;

export type RequestName = keyof typeof requests;
export type StreamName = keyof typeof streams;
export type RequestInput<N extends RequestName> = z.input<(typeof requests)[N]['input']>;
export type RequestOutput<N extends RequestName> = z.output<(typeof requests)[N]['output']>;
export type StreamPayload<S extends StreamName> = z.output<(typeof streams)[S]['payload']>;

export function isRequestName(name: string): name is RequestName {
  return Object.hasOwn(requests, name);
}
export function isStreamName(name: string): name is StreamName {
  return Object.hasOwn(streams, name);
}
