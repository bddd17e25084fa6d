import { ApiError } from '../../../shared/api/errors.js';
import type { Handlers } from '../rpc/dispatch.js';
import type { AlarmService } from './alarm-service.js';

type AlarmRequest = 'listAlarms' | 'acknowledgeAlarms' | 'shelveAlarm' | 'unshelveAlarm' | 'listMaintenance' | 'setMaintenance' | 'clearMaintenance' | 'listAlarmJournal' | 'getAlarmKpis';

const iso = (t: number): string => new Date(t).toISOString();

/** The contract's alarm requests over the service (roles and input validation are the RPC gate's). */
export function alarmHandlers(alarms: AlarmService): Pick<Handlers, AlarmRequest> {
  return {
    listAlarms: (input) => alarms.list(input),
    acknowledgeAlarms: (input, caller) => alarms.acknowledge(caller, input),
    shelveAlarm: (input, caller) => alarms.shelve(caller, input),
    unshelveAlarm: (input, caller) => alarms.unshelve(caller, input.id),
    listMaintenance: () => alarms.maintenance().map((m) => ({ ...m, at: iso(m.at) })),
    setMaintenance: (input, caller) => {
      const m = alarms.setMaintenance(caller, input.siteId, input.reason);
      return { ...m, at: iso(m.at) };
    },
    clearMaintenance: (input) => {
      alarms.clearMaintenance(input.siteId);
      return { ok: true as const };
    },
    listAlarmJournal: (input) => alarms.journal(input),
    getAlarmKpis: (input) => {
      const to = input.to ? Date.parse(input.to) : alarms.now();
      const from = input.from ? Date.parse(input.from) : to - 24 * 3600_000;
      if (!(from < to)) throw new ApiError('bad_request', 'the period must start before it ends', undefined, { field: 'from' });
      return alarms.kpis(from, to);
    },
  };
}
