import { describe, expect, it } from 'vitest';
import { alarmList, bannerCounts } from '../../../shared/alarms/alarm-summary.js';
import { alarmView } from './alarm-fixtures.js';

describe('alarm banner and list', () => {
  const alarms = [
    alarmView('a', { priority: 'high', activeSince: '2026-12-07T01:00:00.000Z' }),
    alarmView('b', { priority: 'critical', state: 'ack' }),
    alarmView('c', { priority: 'critical', activeSince: '2026-12-07T02:00:00.000Z' }),
    alarmView('d', { priority: 'critical', activeSince: '2026-12-07T03:00:00.000Z' }),
    alarmView('e', { priority: 'low', state: 'rtn_unack', activeSince: null, returnedAt: '2026-12-07T00:00:00.000Z' }),
    alarmView('f', { priority: 'critical', suppressedBy: 'x' }),
    alarmView('g', { priority: 'medium', shelved: { by: 'u', at: '', reason: 'r', until: '' } }),
    alarmView('h', { priority: 'critical', state: 'normal' }),
  ];

  it('counts per priority what waits for someone and what is active, hidden ones left out', () => {
    expect(bannerCounts(alarms)).toEqual({
      critical: { unacknowledged: 2, active: 3 },
      high: { unacknowledged: 1, active: 1 },
      medium: { unacknowledged: 0, active: 0 },
      low: { unacknowledged: 1, active: 0 },
    });
  });

  it('lists the most urgent first, unacknowledged before acknowledged, newest first; hidden only on request', () => {
    expect(alarmList(alarms, false).map((a) => a.id)).toEqual(['d', 'c', 'b', 'a', 'e']);
    expect(alarmList(alarms, true).map((a) => a.id)).toEqual(['d', 'c', 'f', 'b', 'a', 'g', 'e']);
  });
});
