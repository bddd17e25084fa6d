import { ApiError, type ApiErrorData } from '../../../shared/api/errors.js';
import type { RpcReply, Unsubscribe } from '../../../shared/api/transport.js';
import type { Inventory } from '../../../shared/inventory.js';
import type { Identity } from '../../../shared/roles.js';
import type { ScopeView } from '../../../shared/scope.js';
import type { ConferenceService } from '../conference/conference-service.js';
import type { EventLog } from '../events/event-log.js';
import { checkStream, dispatch, type Handlers } from '../rpc/dispatch.js';
import type { Schedule } from '../schedule/schedule.js';
import type { StatusTable } from '../status/status-table.js';
import { scopeAlarmPayload } from '../../../shared/alarms/alarm-scope.js';
import type { AlarmStreamPayload } from '../../../shared/alarms/alarm-api.js';
import { scopedHandlers } from './scope-requests.js';
import { ScopeStreams } from './scope-streams.js';
import { ScopeViews } from './scope-views.js';

export interface ScopeGateDeps {
  readonly handlers: Handlers;
  readonly schedule: Schedule;
  readonly status: StatusTable;
  readonly conferences: ConferenceService;
  readonly events: EventLog;
  readonly alarms: { subscribe(listener: (p: AlarmStreamPayload) => void): Unsubscribe };
  readonly inventory: () => Inventory;
}

/** Calls and subscriptions of scoped callers (shared/scope-rules.ts); the engine sends only those here. */
export interface ScopeGate {
  call(caller: Identity, method: string, input: unknown): Promise<RpcReply>;
  subscribe(caller: Identity, stream: string, listener: (payload: unknown) => void): Unsubscribe;
  /** The inventory was replaced: scoped status subscribers hear of endpoints leaving or entering. */
  inventoryChanged(): void;
}

/** Error messages may quote a title or a name ("… was cancelled"): outside names go there too. */
function redactError(e: ApiErrorData, view: ScopeView): ApiErrorData {
  return { ...e, message: view.redact(e.message), ...(e.details ? { details: e.details.map((d) => view.redact(d)) } : {}) };
}

export function createScopeGate(d: ScopeGateDeps): ScopeGate {
  const views = new ScopeViews(d.inventory);
  const streams = new ScopeStreams({ ...d, context: (scope) => views.get(scope) });
  const handlers = scopedHandlers({
    handlers: d.handlers,
    schedule: d.schedule,
    inventoryName: () => d.inventory().name,
    context: (caller) => views.get(caller.scope ?? []),
    statusSnapshot: (caller) => streams.statusSnapshot(caller),
  });
  return {
    call: async (caller, method, input) => {
      const reply = await dispatch(handlers, caller, method, input);
      return reply.ok ? reply : { ok: false, error: redactError(reply.error as ApiErrorData, views.get(caller.scope ?? []).view) };
    },
    subscribe: (caller, stream, listener) => {
      const name = checkStream(caller, stream);
      // The engine answers the caller's own `session` stream before it comes here.
      if (name === 'session') throw new ApiError('unknown_method', 'the session stream is not scoped');
      if (name === 'alarms') {
        // Few subscribers and small changes: filtered per subscriber, with the scope's view of now.
        return d.alarms.subscribe((p) => {
          const scoped = scopeAlarmPayload(p, views.get(caller.scope ?? []).view);
          if (scoped) listener(scoped);
        });
      }
      return streams.subscribe(caller, name, listener);
    },
    inventoryChanged: () => streams.inventoryChanged(),
  };
}
