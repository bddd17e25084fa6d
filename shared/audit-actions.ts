import type { RequestName } from './api/contract.js';

/**
 * Which requests of the contract the audit gate records. Every request is classified (a test
 * checks the contract against this table): `audited` changes state and is recorded once by the
 * gate, refused calls included; `read` only looks; `self` is recorded by its own service
 * (login, which has no caller yet: the accounts service writes its successes and failures).
 */
export type AuditClass = 'audited' | 'read' | 'self';

export const AUDIT_CLASSES: Readonly<Record<RequestName, AuditClass>> = {
  login: 'self',
  logout: 'audited',
  listUsers: 'read',
  createUser: 'audited',
  updateUser: 'audited',
  deleteUser: 'audited',
  setPassword: 'audited',
  listSessions: 'read',
  revokeSession: 'audited',
  whoami: 'read',
  getHealth: 'read',
  getNetwork: 'read',
  getStatusSnapshot: 'read',
  reloadInventory: 'audited',
  previewInventoryImport: 'read',
  applyInventoryImport: 'audited',
  previewInventoryReorganisation: 'read',
  applyInventoryReorganisation: 'audited',
  // The file holds every SNMP secret: who took it, and when, is on record.
  exportInventory: 'audited',
  undoInventoryChange: 'audited',
  getInventoryUndo: 'read',
  getInventoryEditBase: 'read',
  editInventory: 'audited',
  testEndpointConnection: 'audited',
  // A sweep sends up to a thousand requests into the network: who swept what is on record.
  startDiscovery: 'audited',
  cancelDiscovery: 'audited',
  getDiscovery: 'read',
  addDiscovered: 'audited',
  getMonitoring: 'read',
  getPollResults: 'read',
  listEvents: 'read',
  injectFault: 'audited',
  getConferences: 'read',
  muteParticipant: 'audited',
  muteAllExceptChair: 'audited',
  setLayout: 'audited',
  dialOut: 'audited',
  connectSites: 'audited',
  disconnectParticipant: 'audited',
  endConference: 'audited',
  listAudit: 'read',
  listAlarms: 'read',
  acknowledgeAlarms: 'audited',
  shelveAlarm: 'audited',
  unshelveAlarm: 'audited',
  listMaintenance: 'read',
  setMaintenance: 'audited',
  clearMaintenance: 'audited',
  listAlarmJournal: 'read',
  getAlarmKpis: 'read',
  getAvailability: 'read',
  getHistory: 'read',
  getHealthReport: 'read',
  listMeetings: 'read',
  checkBooking: 'read',
  bookMeeting: 'audited',
  editMeeting: 'audited',
  cancelMeeting: 'audited',
  getReadiness: 'read',
  startMeeting: 'audited',
  getAttendance: 'read',
  exportSchedule: 'read',
  exportAttendance: 'read',
};

/** The requests the gate records, in the contract's order. */
export const AUDITED_ACTIONS: readonly RequestName[] = (Object.keys(AUDIT_CLASSES) as RequestName[]).filter((n) => AUDIT_CLASSES[n] === 'audited');

/** Actions written by a service rather than the gate (login successes and failures). */
export const SELF_AUDITED_ACTIONS: readonly string[] = ['login', 'loginFailed', 'logoutFailed'];

export function isAudited(method: string): method is RequestName {
  return Object.hasOwn(AUDIT_CLASSES, method) && AUDIT_CLASSES[method as RequestName] === 'audited';
}

/** What an audited request acts on, read from its (possibly invalid) input. */
export type TargetRef =
  | { readonly kind: 'meeting' | 'conference' | 'endpoint' | 'site' | 'district' | 'tier' | 'user' | 'session' | 'uri' | 'alarm' | 'host' | 'range'; readonly id: string }
  | { readonly kind: 'participant'; readonly conferenceId: string; readonly id: string }
  | { readonly kind: 'sites' | 'alarms'; readonly ids: readonly string[] }
  | { readonly kind: 'self' | 'inventory' | 'network' };

const str = (o: Record<string, unknown>, k: string): string | null => (typeof o[k] === 'string' && o[k] !== '' ? (o[k] as string) : null);

/** The target of a request; never throws, whatever the input (a refused call is recorded too). */
export function targetOf(method: string, input: unknown): TargetRef {
  const o: Record<string, unknown> = input && typeof input === 'object' && !Array.isArray(input) ? (input as Record<string, unknown>) : {};
  const req: Record<string, unknown> = o['request'] && typeof o['request'] === 'object' ? (o['request'] as Record<string, unknown>) : {};
  const conferenceId = str(o, 'conferenceId');
  switch (method) {
    case 'logout':
      return { kind: 'self' };
    case 'createUser':
    case 'updateUser':
    case 'deleteUser':
    case 'setPassword':
      return str(o, 'user') ? { kind: 'user', id: str(o, 'user')! } : { kind: 'self' };
    case 'revokeSession':
      return str(o, 'id') ? { kind: 'session', id: str(o, 'id')! } : { kind: 'network' };
    case 'reloadInventory':
    case 'applyInventoryImport':
    case 'applyInventoryReorganisation':
    case 'exportInventory':
    case 'undoInventoryChange':
      return { kind: 'inventory' };
    case 'editInventory': {
      // The site or codec the edit names (a new one by the id it is given).
      const edit: Record<string, unknown> = o['edit'] && typeof o['edit'] === 'object' ? (o['edit'] as Record<string, unknown>) : {};
      const op = str(edit, 'op') ?? '';
      if (!str(edit, 'id')) return { kind: 'inventory' };
      return { kind: op.endsWith('Endpoint') ? 'endpoint' : 'site', id: str(edit, 'id')! };
    }
    case 'testEndpointConnection': {
      // host:port as asked (never the community or keys); the default port as the schema fills it in.
      const host = str(o, 'host');
      const port = typeof o['port'] === 'number' && Number.isInteger(o['port']) ? o['port'] : 161;
      if (!host) return { kind: 'network' };
      return { kind: 'host', id: `${host.includes(':') ? `[${host}]` : host}:${port}` };
    }
    case 'startDiscovery': {
      // The range and port as asked (never the community or keys).
      const cidr = str(o, 'cidr');
      const port = typeof o['port'] === 'number' && Number.isInteger(o['port']) ? o['port'] : 161;
      return cidr ? { kind: 'range', id: `${cidr.slice(0, 50)}:${port}` } : { kind: 'network' };
    }
    case 'cancelDiscovery':
      return { kind: 'network' };
    case 'addDiscovered':
      return str(o, 'siteId') ? { kind: 'site', id: str(o, 'siteId')! } : { kind: 'inventory' };
    case 'injectFault':
      return str(o, 'target') ? { kind: 'site', id: str(o, 'target')! } : { kind: 'network' };
    case 'muteParticipant':
    case 'disconnectParticipant':
    case 'setLayout': {
      const pid = str(o, 'participantId');
      if (conferenceId && pid) return { kind: 'participant', conferenceId, id: pid };
      return conferenceId ? { kind: 'conference', id: conferenceId } : { kind: 'network' };
    }
    case 'dialOut':
      if (str(o, 'endpointId')) return { kind: 'endpoint', id: str(o, 'endpointId')! };
      if (str(o, 'uri')) return { kind: 'uri', id: str(o, 'uri')! };
      return conferenceId ? { kind: 'conference', id: conferenceId } : { kind: 'network' };
    case 'connectSites':
      if (str(o, 'district')) return { kind: 'district', id: str(o, 'district')! };
      if (str(o, 'tier')) return { kind: 'tier', id: str(o, 'tier')! };
      if (Array.isArray(o['siteIds'])) return { kind: 'sites', ids: o['siteIds'].filter((s): s is string => typeof s === 'string') };
      return conferenceId ? { kind: 'conference', id: conferenceId } : { kind: 'network' };
    case 'muteAllExceptChair':
    case 'endConference':
      return conferenceId ? { kind: 'conference', id: conferenceId } : { kind: 'network' };
    case 'bookMeeting':
      return { kind: 'meeting', id: 'new' };
    case 'editMeeting':
      return str(req, 'id') ? { kind: 'meeting', id: str(req, 'id')! } : { kind: 'network' };
    case 'cancelMeeting':
      return str(o, 'id') ? { kind: 'meeting', id: str(o, 'id')! } : { kind: 'network' };
    case 'acknowledgeAlarms':
      return Array.isArray(o['ids']) ? { kind: 'alarms', ids: o['ids'].filter((s): s is string => typeof s === 'string') } : { kind: 'network' };
    case 'shelveAlarm':
    case 'unshelveAlarm':
      return str(o, 'id') ? { kind: 'alarm', id: str(o, 'id')! } : { kind: 'network' };
    case 'setMaintenance':
    case 'clearMaintenance':
      return str(o, 'siteId') ? { kind: 'site', id: str(o, 'siteId')! } : { kind: 'network' };
    case 'startMeeting':
      return str(o, 'meetingId') ? { kind: 'meeting', id: str(o, 'meetingId')! } : { kind: 'network' };
    default:
      return { kind: 'network' };
  }
}

/** The stored form of a target: `meeting:m-1`, `sites:a,b`, `inventory`. */
export function targetKey(t: TargetRef): string {
  if (t.kind === 'participant') return `participant:${t.conferenceId}/${t.id}`;
  if (t.kind === 'sites' || t.kind === 'alarms') return `${t.kind}:${t.ids.join(',')}`;
  if ('id' in t) return `${t.kind}:${t.id}`;
  return t.kind;
}

const SECRET_KEY = /pass(word|phrase)?|secret|token|community|auth.?key|priv.?key|credential/i;

/** A request's input with every secret-looking field removed (passwords, tokens, SNMP keys). */
export function withoutSecrets(value: unknown, depth = 0): unknown {
  if (depth > 8) return null;
  if (Array.isArray(value)) return value.map((v) => withoutSecrets(v, depth + 1));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (!SECRET_KEY.test(k)) out[k] = withoutSecrets(v, depth + 1);
    return out;
  }
  return value;
}
