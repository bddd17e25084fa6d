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

  it('narrows by priority, state and area, each empty list meaning all', () => {
    expect(alarmList(alarms, { showHidden: false, priorities: ['critical'] }).map((a) => a.id)).toEqual(['d', 'c', 'b']);
    expect(alarmList(alarms, { showHidden: false, states: ['ack', 'rtn_unack'] }).map((a) => a.id)).toEqual(['b', 'e']);
    expect(alarmList(alarms, { showHidden: true, priorities: ['critical'], states: ['unack'] }).map((a) => a.id)).toEqual(['d', 'c', 'f']);
    expect(alarmList(alarms, { showHidden: false, priorities: [], states: [] }).map((a) => a.id)).toEqual(['d', 'c', 'b', 'a', 'e']);
  });

  it('keeps an area and what lies below it, asking the tree', () => {
    const placed = [alarmView('p', { subject: { kind: 'endpoint', id: 'p-1', siteId: 'ba-be' } }), alarmView('q', { subject: { kind: 'endpoint', id: 'q-1', siteId: 'ba-be-cho-ra' } }), alarmView('r', { subject: { kind: 'endpoint', id: 'r-1', siteId: 'na-ri' } }), alarmView('m', { subject: { kind: 'mcu', id: 'mcu', siteId: null } })];
    const inArea = (site: string | null, area: string) => site !== null && (site === area || site.startsWith(`${area}-`));
    expect(alarmList(placed, { showHidden: false, areaId: 'ba-be' }, { inArea }).map((a) => a.id).sort()).toEqual(['p', 'q']);
    expect(alarmList(placed, { showHidden: false, areaId: null }, { inArea })).toHaveLength(4);
  });

  it('sorts by time (newest first) or by site name in Vietnamese order, network-wide alarms first', () => {
    expect(alarmList(alarms, { showHidden: false, sort: 'time' }).map((a) => a.id)).toEqual(['d', 'c', 'b', 'a', 'e']); // b and a at the same second: the more urgent first
    const names: Record<string, string> = { s1: 'Xã Đồng Phúc', s2: 'Xã Bành Trạch', s3: 'Xã Địa Linh' };
    const placed = ['s1', 's2', 's3'].map((s) => alarmView(s, { subject: { kind: 'endpoint', id: `${s}-1`, siteId: s } }));
    placed.push(alarmView('net', { subject: { kind: 'mcu', id: 'mcu', siteId: null } }));
    const siteName = (id: string | null) => (id === null ? '' : names[id]!);
    // Vietnamese order: B < D < Đ; "Địa" before "Đồng".
    expect(alarmList(placed, { showHidden: false, sort: 'site' }, { siteName }).map((a) => a.id)).toEqual(['net', 's2', 's3', 's1']);
  });
});
