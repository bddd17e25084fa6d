import type { RequestName, StreamName } from './api/contract.js';

/**
 * How every request and stream of the contract treats a scoped caller (a supervisor limited to
 * some subtrees), in one table. A request or stream added to the contract without a row here
 * fails to type-check and fails test/shared/scope-rules.test.ts.
 *
 * - public: the answer holds nothing about particular sites (or only the caller's own account).
 * - filtered: the engine runs the request, then keeps the scope's part with the named filter; an
 *   input naming something outside the scope answers exactly as a missing id would (not_found,
 *   or an empty list where a missing id gives one), so there is no existence oracle.
 * - forbidden: refused for a scoped caller, whatever the role (defence in depth: only
 *   supervisors are scoped, and they may not call these by role anyway).
 */
export const SCOPE_FILTERS = [
  'health',
  'network',
  'statusSnapshot',
  'monitoring',
  'pollResults',
  'events',
  'conferences',
  'meetings',
  'readiness',
  'attendance',
  'scheduleExport',
  'attendanceExport',
  'alarms',
  'alarmJournal',
  'maintenance',
  'availability',
  'history',
  'healthReport',
] as const;
export type ScopeFilter = (typeof SCOPE_FILTERS)[number];

export type ScopeRule =
  | { readonly kind: 'public'; readonly why: string }
  | { readonly kind: 'forbidden'; readonly why: string }
  | { readonly kind: 'filtered'; readonly filter: ScopeFilter };

const own = { kind: 'public', why: "the caller's own session or account" } as const;
const techOnly = { kind: 'forbidden', why: 'technicians only: inventory, accounts and sessions of the whole network' } as const;
const control = { kind: 'forbidden', why: 'control and booking act on the whole network; scoped accounts are read-only' } as const;
const filtered = (filter: ScopeFilter) => ({ kind: 'filtered', filter }) as const;

export const REQUEST_SCOPE_RULES: { readonly [N in RequestName]: ScopeRule } = {
  login: own,
  logout: own,
  setPassword: own,
  whoami: own,
  listUsers: techOnly,
  createUser: techOnly,
  updateUser: techOnly,
  deleteUser: techOnly,
  listSessions: techOnly,
  revokeSession: techOnly,
  reloadInventory: techOnly,
  previewInventoryImport: techOnly,
  applyInventoryImport: techOnly,
  previewInventoryReorganisation: techOnly,
  applyInventoryReorganisation: techOnly,
  exportInventory: techOnly,
  undoInventoryChange: techOnly,
  getInventoryUndo: techOnly,
  getInventoryEditBase: techOnly,
  editInventory: techOnly,
  testEndpointConnection: techOnly,
  startDiscovery: techOnly,
  cancelDiscovery: techOnly,
  getDiscovery: techOnly,
  addDiscovered: techOnly,
  injectFault: techOnly,
  getHealth: filtered('health'),
  getNetwork: filtered('network'),
  getStatusSnapshot: filtered('statusSnapshot'),
  getMonitoring: filtered('monitoring'),
  getPollResults: filtered('pollResults'),
  listEvents: filtered('events'),
  getConferences: filtered('conferences'),
  muteParticipant: control,
  muteAllExceptChair: control,
  setLayout: control,
  dialOut: control,
  connectSites: control,
  disconnectParticipant: control,
  endConference: control,
  listAudit: {
    kind: 'forbidden',
    why: "control actions across the whole network, with targets and parameters as JSON: no per-site filter can be trusted to catch every reference",
  },
  listAlarms: filtered('alarms'),
  acknowledgeAlarms: control,
  shelveAlarm: control,
  unshelveAlarm: control,
  listMaintenance: filtered('maintenance'),
  setMaintenance: techOnly,
  clearMaintenance: techOnly,
  listAlarmJournal: filtered('alarmJournal'),
  getAlarmKpis: { kind: 'forbidden', why: 'KPIs count and name the alarms of the whole network' },
  getAvailability: filtered('availability'),
  getHistory: filtered('history'),
  getHealthReport: filtered('healthReport'),
  listMeetings: filtered('meetings'),
  checkBooking: control,
  bookMeeting: control,
  editMeeting: control,
  cancelMeeting: control,
  getReadiness: filtered('readiness'),
  startMeeting: control,
  getAttendance: filtered('attendance'),
  exportSchedule: filtered('scheduleExport'),
  exportAttendance: filtered('attendanceExport'),
};

export type StreamScopeRule = { readonly kind: 'filtered'; readonly how: string } | { readonly kind: 'public'; readonly why: string };

/** Every stream about the network is filtered per scope, through one channel per distinct scope (electron/engine/scope); `session` is the caller's own. */
export const STREAM_SCOPE_RULES: { readonly [S in StreamName]: StreamScopeRule } = {
  status: { kind: 'filtered', how: 'a per-scope channel with its own seq: snapshot and deltas of the scope’s endpoints only; an empty delta is not sent' },
  conferences: { kind: 'filtered', how: 'scopeConferences on every change; an unchanged filtered view is not sent again' },
  schedule: { kind: 'filtered', how: 'scopeScheduleEvent: meetings the scope sees (or saw), their readiness boards filtered' },
  events: { kind: 'filtered', how: 'scopeEvent: events of the scope’s endpoints and sites, and engine-wide ones' },
  alarms: { kind: 'filtered', how: 'scopeAlarmPayload per subscriber: alarms of the scope’s sites and engine-wide ones (MCU, poller), outside references hidden; an empty change is not sent' },
  session: own,
};
