import { describe, expect, it } from 'vitest';
import { availabilityByGroup, summarise } from '../../../shared/history/availability-groups.js';
import { availability, type EndpointAvailability } from '../../../shared/history/availability.js';
import type { Outage } from '../../../shared/history/outage-tracker.js';

const PARENT: Record<string, string | undefined> = { 'ba-be': 'tinh', 'cho-ra': 'ba-be', 'nam-mau': 'ba-be', 'pac-nam': 'tinh' };
const ancestorsOf = (site: string): string[] => {
  const out: string[] = [];
  for (let p = PARENT[site]; p; p = PARENT[p]) out.push(p);
  return out;
};
const TIER: Record<string, string> = { tinh: 'province', 'ba-be': 'district', 'cho-ra': 'commune', 'nam-mau': 'commune', 'pac-nam': 'commune' };

const S = 1000;
const out = (endpointId: string, start: number, end: number | null, cause: Outage['cause'] = 'down'): Outage => ({ endpointId, siteId: 'x', start: start * S, end: end === null ? null : end * S, cause, behind: null });

const report = availability({
  from: 0,
  to: 1000 * S,
  now: 1000 * S,
  ancestorsOf,
  endpoints: [
    { endpointId: 'cr-1', siteId: 'cho-ra' },
    { endpointId: 'cr-2', siteId: 'cho-ra', knownSince: 900 * S },
    { endpointId: 'nm', siteId: 'nam-mau' },
    { endpointId: 'bb', siteId: 'ba-be' },
    { endpointId: 'pn', siteId: 'pac-nam' },
  ],
  outages: [out('cr-1', 0, 100), out('nm', 100, 400, 'unreachable'), out('nm', 600, null), out('bb', 100, 200), out('pn', 0, 10, 'mcu')],
});
const rows = report.endpoints;
const row = (id: string) => rows.find((r) => r.endpointId === id)!;

describe('summarise', () => {
  it('weighs by endpoint-time, not by averaging percentages', () => {
    const g = summarise([row('cr-1'), row('cr-2')]);
    // cr-1: 900 of 1000 s up; cr-2 known for the last 100 s, all up.
    expect(row('cr-1').availabilityPct).toBe(90);
    expect(row('cr-2').availabilityPct).toBe(100);
    expect(g).toMatchObject({ endpoints: 2, measuredMs: 1100 * S, downMs: 100 * S });
    expect(g.availabilityPct).toBeCloseTo((100 * 1000) / 1100, 10);
  });

  it('adds causes and counts, takes the longest, and averages MTTR over restored outages', () => {
    const g = summarise(rows);
    expect(g).toMatchObject({
      endpoints: 5,
      measuredMs: 4100 * S,
      downMs: (100 + 300 + 400 + 100 + 10) * S,
      downMsByCause: { down: 600 * S, unreachable: 300 * S, mcu: 10 * S },
      outages: 5,
      openOutages: 1,
      restored: 4,
      restoredMs: 510 * S,
      longestMs: 400 * S,
      mttrMs: (510 / 4) * S,
    });
  });

  it('gives null ratios for an empty group or one with no measured time', () => {
    expect(summarise([])).toMatchObject({ endpoints: 0, measuredMs: 0, availabilityPct: null, mttrMs: null });
    const unmeasured: EndpointAvailability = { ...row('cr-2'), measuredMs: 0, downMs: 0, restored: 0, restoredMs: 0 };
    expect(summarise([unmeasured])).toMatchObject({ endpoints: 1, availabilityPct: null, mttrMs: null });
  });
});

describe('availabilityByGroup', () => {
  it('rolls endpoints up into their site and every ancestor', () => {
    const groups = availabilityByGroup(rows, (r) => [r.siteId, ...ancestorsOf(r.siteId)]);
    expect([...groups.keys()]).toEqual(['cho-ra', 'ba-be', 'tinh', 'nam-mau', 'pac-nam']);
    expect(groups.get('tinh')).toEqual(summarise(rows));
    expect(groups.get('ba-be')).toEqual(summarise([row('cr-1'), row('cr-2'), row('nm'), row('bb')]));
    expect(groups.get('cho-ra')?.endpoints).toBe(2);
  });

  it('groups by tier, and counts an endpoint named twice for a group once', () => {
    const groups = availabilityByGroup(rows, (r) => [TIER[r.siteId]!, TIER[r.siteId]!]);
    expect(groups.get('commune')).toEqual(summarise([row('cr-1'), row('cr-2'), row('nm'), row('pn')]));
    expect(groups.get('district')?.endpoints).toBe(1);
    expect(groups.has('province')).toBe(false);
  });
});
