import { describe, expect, it, vi } from 'vitest';
import { checkStream, dispatch, type Handlers } from '../../electron/engine/rpc/dispatch.js';
import { requests } from '../../shared/api/contract.js';
import { ApiError } from '../../shared/api/errors.js';
import { ROLES, type Identity } from '../../shared/roles.js';

const as = (role: Identity['role']): Identity => ({ user: `u-${role}`, role });

function handlers(overrides: Partial<Handlers> = {}): Handlers {
  const ok = () => ({ ok: true as const });
  return {
    login: () => ({ token: 't', identity: { user: 'u', role: 'operator' }, idleTimeoutS: 1800, absoluteExpiresAt: '' }),
    logout: ok,
    listUsers: () => [],
    createUser: vi.fn(() => ({ user: 'u', displayName: 'U', role: 'operator' as const, scope: [], disabled: false, createdAt: '', lastLoginAt: null })),
    updateUser: vi.fn(() => ({ user: 'u', displayName: 'U', role: 'operator' as const, scope: [], disabled: false, createdAt: '', lastLoginAt: null })),
    deleteUser: ok,
    setPassword: ok,
    listSessions: () => [],
    revokeSession: ok,
    whoami: (_i, caller) => ({ user: caller.user, role: caller.role }),
    getHealth: () => ({ ok: true, version: '1', endpoints: 0, mcu: 'none' }),
    getNetwork: () => ({ name: 'x', timezone: 'Asia/Ho_Chi_Minh', tiers: ['province'], sites: [] }),
    getStatusSnapshot: () => ({ kind: 'snapshot', seq: 0, statuses: [] }),
    reloadInventory: vi.fn(() => ({ name: 'x', sites: 1, endpoints: 1 })),
    previewInventoryImport: () => ({ baseVersion: 'v', encoding: null, delimiter: null, problems: [], more: 0, diff: null }),
    applyInventoryImport: () => ({ sites: 0, endpoints: 0, savedTo: 'memory' as const, undoable: 0, diff: { network: [], sites: { added: [], changed: [], moved: [], removed: [] }, endpoints: { added: [], changed: [], moved: [], removed: [] }, empty: true } }),
    previewInventoryReorganisation: () => ({ baseVersion: 'v', problems: [], diff: null, scopes: [] }),
    applyInventoryReorganisation: () => ({ sites: 0, endpoints: 0, savedTo: 'memory' as const, undoable: 0, diff: { network: [], sites: { added: [], changed: [], moved: [], removed: [] }, endpoints: { added: [], changed: [], moved: [], removed: [] }, empty: true } }),
    exportInventory: () => ({ filename: 'x.csv', mediaType: 'text/csv', content: '' }),
    undoInventoryChange: () => ({ sites: 0, endpoints: 0, savedTo: 'memory' as const, undoable: 0, diff: { network: [], sites: { added: [], changed: [], moved: [], removed: [] }, endpoints: { added: [], changed: [], moved: [], removed: [] }, empty: true } }),
    getInventoryUndo: () => ({ available: 0, last: null }),
    getInventoryEditBase: () => ({ baseVersion: 'v', profiles: ['generic-mib2'], site: null, endpoint: null }),
    editInventory: () => ({ problems: [{ code: 'unknown_site' as const, field: null, params: { id: 'x' } }], applied: null }),
    testEndpointConnection: vi.fn(() => ({ ok: true, rttMs: 1, sysDescr: 'x', sysObjectID: '1.3.6.1.4.1.8072.3.2.10', uptimeS: 1, suggestedProfile: 'generic-mib2', failure: null })),
    startDiscovery: () => ({ sweepId: 's', cidr: '10.0.0.0/30', port: 161, version: '2c' as const, ratePerS: 200, startedBy: 'k', startedAt: '', endedAt: null, state: 'running' as const, total: 2, done: 0, sent: 0, responders: [] }),
    cancelDiscovery: () => ({ sweepId: 's', cidr: '10.0.0.0/30', port: 161, version: '2c' as const, ratePerS: 200, startedBy: 'k', startedAt: '', endedAt: null, state: 'running' as const, total: 2, done: 0, sent: 0, responders: [] }),
    getDiscovery: () => ({ sweepId: 's', cidr: '10.0.0.0/30', port: 161, version: '2c' as const, ratePerS: 200, startedBy: 'k', startedAt: '', endedAt: null, state: 'running' as const, total: 2, done: 0, sent: 0, responders: [] }),
    addDiscovered: () => ({ sites: 0, endpoints: 0, savedTo: 'memory' as const, undoable: 0, diff: { network: [], sites: { added: [], changed: [], moved: [], removed: [] }, endpoints: { added: [], changed: [], moved: [], removed: [] }, empty: true } }),
    getMonitoring: () => null,
    getPollResults: () => [],
    listEvents: () => [],
    injectFault: () => ({ ok: true as const }),
    getConferences: () => ({ mcu: { state: 'none', message: '', since: '' }, conferences: [] }),
    muteParticipant: () => ({ target: 'x', ok: true, error: null }),
    muteAllExceptChair: () => [],
    setLayout: () => ({ target: 'x', ok: true, error: null }),
    dialOut: () => ({ target: 'x', ok: true, error: null }),
    connectSites: () => [],
    disconnectParticipant: () => ({ target: 'x', ok: true, error: null }),
    endConference: () => ({ target: 'x', ok: true, error: null }),
    listAudit: () => [],
    listAlarms: () => [],
    acknowledgeAlarms: () => ({ acknowledged: [] }),
    shelveAlarm: vi.fn(() => {
      throw new ApiError('not_found', 'no alarm');
    }),
    unshelveAlarm: vi.fn(() => {
      throw new ApiError('not_found', 'no alarm');
    }),
    listMaintenance: () => [],
    setMaintenance: vi.fn(() => ({ siteId: 's', by: 'u', at: '', reason: 'r', from: '', until: null, phase: 'in-force' as const })),
    clearMaintenance: ok,
    listAlarmJournal: () => [],
    getAlarmKpis: () => ({ from: '', to: '', activations: 0, perTenMinutes: { average: 0, peak: 0 }, floodPct: 0, top10: [], top10SharePct: 0, chattering: [], stale: [] }),
    getAvailability: () => ({ from: '', to: '', until: '', groupBy: 'site', workingHours: false, scoped: false, rows: [] }),
    getHistory: () => ({ endpointId: 'e', metric: 'jitterMs', from: '', to: '', level: '1m', bucketMs: 60_000, points: [], outages: [], maintenance: [] }),
    getHealthReport: () => ({ filename: 'x.csv', mediaType: 'text/csv', content: '' }),
    listMeetings: () => [],
    checkBooking: () => ({ ok: true, meeting: null, issues: [], violations: [], warnings: [], occurrences: [] }),
    bookMeeting: () => ({ ok: false, meeting: null, issues: [], violations: [], warnings: [], occurrences: [] }),
    editMeeting: () => ({ ok: false, meeting: null, issues: [], violations: [], warnings: [], occurrences: [] }),
    cancelMeeting: () => ({ ok: false, meeting: null, issues: [], violations: [], warnings: [], occurrences: [] }),
    getReadiness: () => ({ meetingId: 'm', occurrenceStart: 0, checkedAt: '', phase: 'not-yet', ready: 0, notReady: 0, sites: [] }),
    startMeeting: () => ({ meetingId: 'm', conferenceId: null, results: [] }),
    getAttendance: () => ({ meetingId: 'm', title: '', sites: [] }),
    exportSchedule: () => ({ filename: 'x.ics', mime: 'text/calendar', content: '' }),
    exportAttendance: () => ({ filename: 'x.csv', mime: 'text/csv', content: '' }),
    ...overrides,
  };
}

describe('dispatch: the one gate every call passes', () => {
  it('every request in the contract declares at least one role', () => {
    for (const [name, spec] of Object.entries(requests)) {
      expect(spec.roles.length, name).toBeGreaterThan(0);
      for (const r of spec.roles) expect(ROLES).toContain(r);
    }
  });

  it('passes the caller to the handler', async () => {
    expect(await dispatch(handlers(), as('operator'), 'whoami', {})).toEqual({ ok: true, result: { user: 'u-operator', role: 'operator' } });
  });

  it('refuses a role the request does not allow, before the handler runs', async () => {
    const h = handlers();
    for (const role of ['operator', 'supervisor'] as const) {
      const reply = await dispatch(h, as(role), 'reloadInventory', {});
      expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(h.reloadInventory).not.toHaveBeenCalled();
    expect(await dispatch(h, as('technician'), 'reloadInventory', {})).toMatchObject({ ok: true });
  });

  it('lets operators and technicians control sessions, and keeps supervisors to watching', async () => {
    const h = handlers();
    const req = { conferenceId: 'c1', participantId: 'p1', audio: true };
    expect(await dispatch(h, as('operator'), 'muteParticipant', req)).toMatchObject({ ok: true });
    expect(await dispatch(h, as('technician'), 'muteParticipant', req)).toMatchObject({ ok: true });
    expect(await dispatch(h, as('supervisor'), 'muteParticipant', req)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await dispatch(h, as('supervisor'), 'getConferences', {})).toMatchObject({ ok: true });
    expect(await dispatch(h, as('operator'), 'muteParticipant', { conferenceId: 'c1', participantId: 'p1' })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await dispatch(h, as('operator'), 'dialOut', { conferenceId: 'c1', endpointId: 'a', uri: 'sip:a@b' })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await dispatch(h, as('operator'), 'setLayout', { conferenceId: 'c1', layout: 'mosaic' })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  });

  it('names an unknown method, including prototype names', async () => {
    for (const m of ['nope', 'toString', '__proto__', 'constructor']) {
      expect(await dispatch(handlers(), as('technician'), m, {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    }
  });

  it('rejects invalid input with the path of each problem', async () => {
    const reply = await dispatch(handlers(), as('technician'), 'whoami', { extra: 1 });
    expect(reply.ok).toBe(false);
    const error = (reply as { error: { code: string; details: string[] } }).error;
    expect(error.code).toBe('bad_request');
    expect(error.details.join(' ')).toMatch(/extra/);
    expect(await dispatch(handlers(), as('technician'), 'whoami', 'a string')).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  });

  it('treats a missing input as empty', async () => {
    expect(await dispatch(handlers(), as('supervisor'), 'getHealth', undefined)).toMatchObject({ ok: true });
  });

  it('turns a handler crash into an internal error reply instead of throwing', async () => {
    const err = vi.spyOn(console, 'error').mockImplementation(() => {});
    const h = handlers({ getHealth: () => { throw new Error('disk on fire'); } });
    expect(await dispatch(h, as('technician'), 'getHealth', {})).toEqual({ ok: false, error: { code: 'internal', message: 'getHealth failed: disk on fire' } });
    err.mockRestore();
  });

  it('keeps ApiErrors a handler throws as they are', async () => {
    const h = handlers({ reloadInventory: () => { throw new ApiError('invalid_inventory', 'f: $.sites: bad', ['f: $.sites: bad']); } });
    expect(await dispatch(h, as('technician'), 'reloadInventory', {})).toEqual({
      ok: false,
      error: { code: 'invalid_inventory', message: 'f: $.sites: bad', details: ['f: $.sites: bad'] },
    });
  });

  it('keeps booking and starting meetings to operators and technicians; everyone may read the schedule', async () => {
    const h = handlers();
    for (const method of ['bookMeeting', 'editMeeting', 'startMeeting', 'cancelMeeting'] as const) {
      const input = method === 'startMeeting' ? { meetingId: 'm1' } : method === 'cancelMeeting' ? { id: 'm1', version: 1 } : { request: {} };
      expect(await dispatch(h, as('supervisor'), method, input), method).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await dispatch(h, as('operator'), method, input), method).toMatchObject({ ok: true });
    }
    expect(await dispatch(h, as('supervisor'), 'listMeetings', { from: '2026-06-10' })).toMatchObject({ ok: true });
    expect(await dispatch(h, as('supervisor'), 'listMeetings', { from: '2026-02-30' })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await dispatch(h, as('supervisor'), 'getAttendance', { meetingId: 'bad id!' })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  });

  it('gates streams the same way', () => {
    expect(checkStream(as('supervisor'), 'status')).toBe('status');
    expect(() => checkStream(as('technician'), 'nope')).toThrow(/unknown stream/);
  });
});
