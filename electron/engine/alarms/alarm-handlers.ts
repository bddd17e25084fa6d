import { ApiError } from '../../../shared/api/errors.js';
import type { Handlers } from '../rpc/dispatch.js';
import type { Maintenance } from '../../../shared/alarms/alarm-book.js';
import { maintenancePhase } from '../../../shared/alarms/maintenance-window.js';
import type { AlarmService } from './alarm-service.js';

type AlarmRequest = 'listAlarms' | 'acknowledgeAlarms' | 'shelveAlarm' | 'unshelveAlarm' | 'listMaintenance' | 'setMaintenance' | 'clearMaintenance' | 'listAlarmJournal' | 'getAlarmKpis';

const iso = (t: number): string => new Date(t).toISOString();
const maintenanceView = (m: Maintenance, now: number) => ({
  siteId: m.siteId,
  by: m.by,
  at: iso(m.at),
  reason: m.reason,
  from: iso(m.from),
  until: m.until === null ? null : iso(m.until),
  phase: maintenancePhase(m, now) === 'planned' ? ('planned' as const) : ('in-force' as const),
});

/** The contract's alarm requests over the service (roles and input validation are the RPC gate's). */
export function alarmHandlers(alarms: AlarmService): Pick<Handlers, AlarmRequest> {
  return {
    listAlarms: (input) => alarms.list(input),
    acknowledgeAlarms: (input, caller) => alarms.acknowledge(caller, input),
    shelveAlarm: (input, caller) => alarms.shelve(caller, input),
    unshelveAlarm: (input, caller) => alarms.unshelve(caller, input.id),
    listMaintenance: () => alarms.maintenance().map((m) => maintenanceView(m, alarms.now())),
    setMaintenance: (input, caller) => maintenanceView(alarms.setMaintenance(caller, input), alarms.now()),
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
