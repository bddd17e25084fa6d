import { requests, type RequestName } from '../../../shared/api/contract.js';
import { ApiError } from '../../../shared/api/errors.js';
import type { Identity } from '../../../shared/roles.js';
import type { ScheduledMeeting } from '../../../shared/schedule/api.js';
import type { Meeting } from '../../../shared/schedule/meeting.js';
import { REQUEST_SCOPE_RULES, type ScopeFilter } from '../../../shared/scope-rules.js';
import { scopeConferences, scopeEvents, scopeHealth, scopeMonitoring, scopePollResults } from '../../../shared/scope-filters.js';
import { meetingVisible, scopeAttendance, scopeMeeting, scopeMeetings, scopeReadiness } from '../../../shared/scope-schedule.js';
import { scopeAlarmJournal, scopeAlarms, scopeMaintenance } from '../../../shared/alarms/alarm-scope.js';
import { scopeAvailability, scopeHistory } from '../../../shared/history/history-scope.js';
import { unknownEndpoint } from '../history/history-handlers.js';
import { unknownDistrict } from '../reports/health-report.js';
import { PROVINCE_SCOPE } from '../../../shared/reports/health-report-api.js';
import type { Handlers } from '../rpc/dispatch.js';
import { attendanceCsv } from '../schedule/attendance-csv.js';
import { attendanceOf } from '../schedule/attendance.js';
import { scheduleIcs } from '../schedule/ical.js';
import type { Schedule } from '../schedule/schedule.js';
import type { ScopeContext } from './scope-views.js';

export interface ScopedRequestDeps {
  readonly handlers: Handlers;
  readonly schedule: Schedule;
  readonly inventoryName: () => string;
  readonly context: (caller: Identity) => ScopeContext;
  /** The scope's status snapshot, numbered by its channel (scope-streams.ts). */
  readonly statusSnapshot: (caller: Identity) => ReturnType<Handlers['getStatusSnapshot']>;
}

type AnyHandler = (input: never, caller: Identity) => unknown;
type Impl = (input: never, caller: Identity, next: (input: unknown) => Promise<unknown>, d: ScopedRequestDeps) => unknown;

/** A meeting id outside the scope answers exactly as an unknown one does (Schedule.handlers). */
function visibleMeeting(d: ScopedRequestDeps, caller: Identity, id: string): { meeting: Meeting; ctx: ScopeContext } {
  const ctx = d.context(caller);
  const meeting = d.schedule.ctx.store.get(id);
  if (!meeting || !meetingVisible(meeting, ctx.view, ctx.directory)) throw new ApiError('not_found', `no meeting with id "${id}"`);
  return { meeting, ctx };
}

/** One implementation per filter of the rules table; a filter without one does not type-check. */
const FILTERS: { readonly [F in ScopeFilter]: Impl } = {
  health: async (input, caller, next, d) => scopeHealth((await next(input)) as never, d.context(caller).view),
  network: (_input, caller, _next, d) => d.context(caller).network,
  statusSnapshot: (_input, caller, _next, d) => d.statusSnapshot(caller),
  monitoring: async (input, caller, next, d) => scopeMonitoring((await next(input)) as never, d.context(caller).view),
  pollResults: async (input, caller, next, d) => scopePollResults((await next(input)) as never, d.context(caller).view),
  // Asks for the log's most (1000) so the scope's part is not cut short by other districts' events.
  events: async (input: { limit?: number }, caller, next, d) =>
    scopeEvents((await next({ ...input, limit: 1000 })) as never, d.context(caller).view).slice(0, input.limit ?? 100),
  conferences: async (input, caller, next, d) => scopeConferences((await next(input)) as never, d.context(caller).view),
  meetings: async (input, caller, next, d) => {
    const ctx = d.context(caller);
    return scopeMeetings((await next(input)) as ScheduledMeeting[], ctx.view, ctx.directory);
  },
  readiness: async (input: { meetingId: string }, caller, next, d) => {
    const { ctx } = visibleMeeting(d, caller, input.meetingId);
    return scopeReadiness((await next(input)) as never, ctx.view);
  },
  attendance: async (input: { meetingId: string }, caller, next, d) => {
    const { ctx } = visibleMeeting(d, caller, input.meetingId);
    return scopeAttendance((await next(input)) as never, ctx.view);
  },
  attendanceExport: (input: { meetingId: string }, caller, _next, d) => {
    const { meeting, ctx } = visibleMeeting(d, caller, input.meetingId);
    const { attendance, run } = attendanceOf(d.schedule.ctx, meeting);
    return attendanceCsv(scopeAttendance(attendance, ctx.view), run?.occurrenceStart ?? Date.parse(meeting.start), ctx.directory.timezone);
  },
  alarms: async (input, caller, next, d) => scopeAlarms((await next(input)) as never, d.context(caller).view),
  // As for events: the journal's most, so other districts' entries do not cut the scope's short.
  alarmJournal: async (input: { limit?: number }, caller, next, d) =>
    scopeAlarmJournal((await next({ ...input, limit: 1000 })) as never, d.context(caller).view).slice(0, input.limit ?? 100),
  maintenance: async (input, caller, next, d) => scopeMaintenance((await next(input)) as never, d.context(caller).view),
  // The service computes over the caller's scope already (group figures over the scope's endpoints);
  // this drops anything naming a site outside it all the same.
  availability: async (input, caller, next, d) => scopeAvailability((await next(input)) as never, d.context(caller).view),
  // The engine answers an outside endpoint as an unknown one; checked here first as well.
  history: async (input: { endpointId: string }, caller, next, d) => {
    const ctx = d.context(caller);
    const answer = await next(input);
    if (!ctx.view.endpointIds.has(input.endpointId)) throw unknownEndpoint();
    return scopeHistory(answer as never, ctx.view);
  },
  // The engine builds the report over the caller's endpoints and names no site outside the scope
  // (reports/health-report.ts); a district outside it is refused here first, as an unknown one.
  healthReport: (input: { scope: string }, caller, next, d) => {
    if (input.scope !== PROVINCE_SCOPE && !d.context(caller).view.siteIds.has(input.scope)) throw unknownDistrict();
    return next(input);
  },
  // The file's name and type as for everyone; its content rebuilt from the scope's meetings only.
  scheduleExport: async (input: { from: string; to?: string }, caller, next, d) => {
    const ctx = d.context(caller);
    const file = (await next(input)) as { filename: string; mime: string; content: string };
    const meetings = d.schedule.bookings.list(input.from, input.to).flatMap((s) => {
      const meeting = scopeMeeting(s.meeting, ctx.view, ctx.directory);
      const reason = d.schedule.ctx.store.cancelReason(s.meeting.id);
      return meeting ? [{ meeting, cancelReason: reason === null ? null : ctx.view.redact(reason) }] : [];
    });
    const name = `Lịch họp trực tuyến ${d.inventoryName()}`;
    return { ...file, content: scheduleIcs(meetings, ctx.scopedDirectory, d.schedule.ctx.now(), name) };
  },
};

/**
 * The handlers a scoped caller is served by: each request wrapped by its rule. The RPC gate
 * (dispatch) still checks the role and validates the input first, exactly as for anyone.
 */
export function scopedHandlers(d: ScopedRequestDeps): Handlers {
  const out: Record<string, AnyHandler> = {};
  for (const name of Object.keys(requests) as RequestName[]) {
    const rule = REQUEST_SCOPE_RULES[name];
    // Looked up at call time, so handlers the engine fills in later (accounts) are the ones served.
    const base = (input: unknown, caller: Identity) => (d.handlers[name] as unknown as (i: unknown, c: Identity) => unknown)(input, caller);
    if (rule.kind === 'public') out[name] = base as AnyHandler;
    else if (rule.kind === 'forbidden') {
      out[name] = () => {
        throw new ApiError('forbidden', `${name} is not available to an account limited to part of the network`, undefined, { method: name });
      };
    } else {
      const impl = FILTERS[rule.filter];
      out[name] = ((input: never, caller: Identity) => impl(input, caller, async (i) => base(i, caller), d)) as AnyHandler;
    }
  }
  return out as unknown as Handlers;
}
