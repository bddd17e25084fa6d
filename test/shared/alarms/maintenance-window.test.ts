import { describe, expect, it } from 'vitest';
import { MAX_MAINTENANCE_MS, inForce, maintenancePhase, maintenanceSpan, nextMaintenanceBoundary } from '../../../shared/alarms/maintenance-window.js';

const NOW = Date.parse('2026-12-07T02:00:00Z');
const MIN = 60_000;
const iso = (t: number) => new Date(t).toISOString();

describe('maintenancePhase', () => {
  it('is planned before from, in force from from until until (excluded), ended after', () => {
    const w = { from: NOW, until: NOW + 60 * MIN };
    expect(maintenancePhase(w, NOW - 1)).toBe('planned');
    expect(maintenancePhase(w, NOW)).toBe('in-force');
    expect(maintenancePhase(w, NOW + 60 * MIN - 1)).toBe('in-force');
    expect(maintenancePhase(w, NOW + 60 * MIN)).toBe('ended');
    expect(inForce(w, NOW + 60 * MIN)).toBe(false);
  });

  it('keeps an open-ended window in force for ever once begun', () => {
    expect(inForce({ from: NOW, until: null }, NOW + 365 * 24 * 60 * MIN)).toBe(true);
    expect(inForce({ from: NOW, until: null }, NOW - 1)).toBe(false);
  });
});

describe('nextMaintenanceBoundary', () => {
  it('is the nearest begin or end after now', () => {
    const list = [
      { from: NOW - MIN, until: NOW + 30 * MIN },
      { from: NOW + 10 * MIN, until: null },
    ];
    expect(nextMaintenanceBoundary(list, NOW)).toBe(NOW + 10 * MIN);
    expect(nextMaintenanceBoundary(list, NOW + 10 * MIN)).toBe(NOW + 30 * MIN);
    expect(nextMaintenanceBoundary(list, NOW + 30 * MIN)).toBeNull();
    expect(nextMaintenanceBoundary([], NOW)).toBeNull();
  });
});

describe('maintenanceSpan', () => {
  it('begins now and stays open-ended by default', () => {
    expect(maintenanceSpan({}, NOW)).toEqual({ ok: true, from: NOW, until: null });
  });

  it('reads a planned window with offsets', () => {
    expect(maintenanceSpan({ from: '2026-12-07T09:00:00+07:00', until: '2026-12-07T11:30:00+07:00' }, NOW)).toEqual({
      ok: true,
      from: Date.parse('2026-12-07T02:00:00Z'),
      until: Date.parse('2026-12-07T04:30:00Z'),
    });
  });

  it('allows a minute of slack into the past, no more', () => {
    expect(maintenanceSpan({ from: iso(NOW - MIN) }, NOW).ok).toBe(true);
    expect(maintenanceSpan({ from: iso(NOW - MIN - 1000) }, NOW)).toEqual({ ok: false, refusal: { reason: 'maintenance_from_in_past', field: 'from' } });
  });

  it('refuses an end not after the start', () => {
    expect(maintenanceSpan({ from: iso(NOW + MIN), until: iso(NOW + MIN) }, NOW)).toEqual({ ok: false, refusal: { reason: 'maintenance_until_not_after_from', field: 'until' } });
    expect(maintenanceSpan({ until: iso(NOW - 1000) }, NOW)).toEqual({ ok: false, refusal: { reason: 'maintenance_until_not_after_from', field: 'until' } });
  });

  it('refuses a window longer than 31 days, measured from its start', () => {
    const from = NOW + 5 * 24 * 60 * MIN;
    expect(maintenanceSpan({ from: iso(from), until: iso(from + MAX_MAINTENANCE_MS) }, NOW).ok).toBe(true);
    expect(maintenanceSpan({ from: iso(from), until: iso(from + MAX_MAINTENANCE_MS + 1000) }, NOW)).toEqual({ ok: false, refusal: { reason: 'maintenance_too_long', field: 'until', maxDays: 31 } });
  });

  it('refuses times it cannot read, naming the field', () => {
    for (const bad of ['', 'mai', '2026-12-07', '2026-12-07T09:00', '2026-13-45T09:00:00Z', '2026-12-07 09:00:00Z']) {
      expect(maintenanceSpan({ from: bad }, NOW)).toEqual({ ok: false, refusal: { reason: 'maintenance_time_unreadable', field: 'from' } });
      expect(maintenanceSpan({ until: bad }, NOW)).toEqual({ ok: false, refusal: { reason: 'maintenance_time_unreadable', field: 'until' } });
    }
  });
});
