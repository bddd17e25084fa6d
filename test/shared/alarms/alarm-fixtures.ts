import type { AlarmView } from '../../../shared/alarms/alarm-api.js';

/** An alarm as the API carries it: critical, active, unacknowledged, on the site's codec. */
export function alarmView(id: string, over: Partial<AlarmView> = {}): AlarmView {
  return {
    id,
    ruleId: 'endpoint-down',
    priority: 'critical',
    subject: { kind: 'endpoint', id: `${id}-1`, siteId: id },
    state: 'unack',
    activeSince: '2026-12-07T01:00:00.000Z',
    returnedAt: null,
    value: null,
    unit: null,
    valueAt: null,
    ack: null,
    shelved: null,
    outOfService: null,
    suppressedBy: null,
    annunciable: true,
    chattering: false,
    standing: false,
    ...over,
  };
}
