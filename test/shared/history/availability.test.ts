import { describe, expect, it } from 'vitest';
import { availability, type AvailabilityQuery, type EndpointRef, type MaintenanceWindow } from '../../../shared/history/availability.js';
import type { Outage, OutageCause } from '../../../shared/history/outage-tracker.js';
import { validateWorkingHours } from '../../../shared/history/working-hours.js';

// tinh ─ ba-be ─ cho-ra, nam-mau ; tinh ─ pac-nam (a commune straight under the province)
const PARENT: Record<string, string | undefined> = { 'ba-be': 'tinh', 'cho-ra': 'ba-be', 'nam-mau': 'ba-be', 'pac-nam': 'tinh' };
const ancestorsOf = (site: string): string[] => {
  const out: string[] = [];
  for (let p = PARENT[site]; p; p = PARENT[p]) out.push(p);
  return out;
};

const S = 1000;
const T0 = Date.UTC(2026, 5, 8, 0, 0, 0); // Monday 07:00 in Vietnam
const at = (s: number) => T0 + s * S;

const ep = (endpointId: string, siteId: string, knownSince?: number): EndpointRef => ({ endpointId, siteId, knownSince });
const out = (endpointId: string, start: number, end: number | null, cause: OutageCause = 'down'): Outage => ({
  endpointId,
  siteId: 'x',
  start: at(start),
  end: end === null ? null : at(end),
  cause,
  behind: null,
});

function query(q: Partial<AvailabilityQuery> & Pick<AvailabilityQuery, 'outages'>): AvailabilityQuery {
  return { from: at(0), to: at(1000), now: at(5000), endpoints: [ep('a', 'cho-ra')], ancestorsOf, ...q };
}
const one = (q: Partial<AvailabilityQuery> & Pick<AvailabilityQuery, 'outages'>) => availability(query(q)).endpoints[0]!;

describe('availability of one endpoint', () => {
  it('counts a restored outage inside the range', () => {
    expect(one({ outages: [out('a', 100, 200)] })).toEqual({
      endpointId: 'a',
      siteId: 'cho-ra',
      measuredMs: 1000 * S,
      downMs: 100 * S,
      downMsByCause: { down: 100 * S, unreachable: 0, mcu: 0 },
      excludedMs: 0,
      outages: 1,
      openOutages: 0,
      restored: 1,
      restoredMs: 100 * S,
      longestMs: 100 * S,
      availabilityPct: 90,
      mttrMs: 100 * S,
    });
  });

  it('is 100 % with no outage and null over an empty range', () => {
    expect(one({ outages: [] })).toMatchObject({ availabilityPct: 100, outages: 0, mttrMs: null, longestMs: 0 });
    const empty = one({ outages: [out('a', 0, 10)], to: at(0) });
    expect(empty).toMatchObject({ measuredMs: 0, downMs: 0, availabilityPct: null, mttrMs: null, outages: 0 });
  });

  it('counts an outage open at both edges once, as open, with only the overlap', () => {
    const r = one({ outages: [out('a', -50, null)] });
    expect(r).toMatchObject({ downMs: 1000 * S, availabilityPct: 0, outages: 1, openOutages: 1, restored: 0, mttrMs: null, longestMs: 1000 * S });
  });

  it('runs an open outage until now, and measures nothing after now', () => {
    const r = availability(query({ outages: [out('a', 300, null)], now: at(600) }));
    expect(r.until).toBe(at(600));
    expect(r.endpoints[0]).toMatchObject({ measuredMs: 600 * S, downMs: 300 * S, availabilityPct: 50, openOutages: 1 });
    expect(one({ outages: [], now: at(-10) })).toMatchObject({ measuredMs: 0, availabilityPct: null });
  });

  it('counts an outage cut by the start edge by its overlap, and as restored', () => {
    expect(one({ outages: [out('a', -100, 40)] })).toMatchObject({ downMs: 40 * S, outages: 1, restored: 1, mttrMs: 40 * S, longestMs: 40 * S });
  });

  it('counts an outage that ends after the range end as open in the range (not in MTTR)', () => {
    expect(one({ outages: [out('a', 100, 200), out('a', 900, 1300)] })).toMatchObject({ downMs: 200 * S, outages: 2, openOutages: 1, restored: 1, mttrMs: 100 * S, longestMs: 100 * S });
  });

  it('counts an outage that ends exactly at the range end (or at now) as restored', () => {
    expect(one({ outages: [out('a', 900, 1000)] })).toMatchObject({ downMs: 100 * S, openOutages: 0, restored: 1, mttrMs: 100 * S });
    expect(one({ outages: [out('a', 200, 300)], now: at(300) })).toMatchObject({ measuredMs: 300 * S, openOutages: 0, restored: 1 });
  });

  it('counts abutting pieces (a cause change) as one outage, with downtime by cause', () => {
    const r = one({ outages: [out('a', 100, 130, 'down'), out('a', 130, 400, 'unreachable'), out('a', 400, 410, 'mcu')] });
    expect(r).toMatchObject({ downMs: 310 * S, downMsByCause: { down: 30 * S, unreachable: 270 * S, mcu: 10 * S }, outages: 1, restored: 1, mttrMs: 310 * S });
  });

  it('ignores zero-length outages and those outside the range', () => {
    expect(one({ outages: [out('a', 50, 50), out('a', -300, -200), out('a', 1000, 1100)] })).toMatchObject({ downMs: 0, outages: 0, availabilityPct: 100 });
  });

  it('counts overlapping outages of one endpoint (bad data) once', () => {
    expect(one({ outages: [out('a', 100, 300), out('a', 200, 250, 'unreachable'), out('a', 280, 400)] })).toMatchObject({ downMs: 300 * S, outages: 1, longestMs: 300 * S });
  });

  it('accepts outages in any order', () => {
    expect(one({ outages: [out('a', 700, 750), out('a', 100, 200)] })).toMatchObject({ downMs: 150 * S, outages: 2, longestMs: 100 * S, mttrMs: 75 * S });
  });
});

describe('maintenance windows', () => {
  const mw = (siteId: string, start: number, end: number | null, subtree = false): MaintenanceWindow => ({ siteId, subtree, start: at(start), end: end === null ? null : at(end) });

  it('takes excluded time out of the denominator and the outage in it out of the count', () => {
    const r = one({ outages: [out('a', 100, 200)], maintenance: [mw('cho-ra', 50, 250)] });
    expect(r).toMatchObject({ measuredMs: 800 * S, excludedMs: 200 * S, downMs: 0, outages: 0, availabilityPct: 100 });
  });

  it('applies a subtree window to the sites below, not to a sibling branch or above', () => {
    const endpoints = [ep('t', 'tinh'), ep('b', 'ba-be'), ep('c', 'cho-ra'), ep('p', 'pac-nam')];
    const r = availability(query({ endpoints, outages: [], maintenance: [mw('ba-be', 0, 100, true), mw('pac-nam', 0, 10, false)] }));
    expect(r.endpoints.map((e) => [e.endpointId, e.excludedMs / S])).toEqual([
      ['t', 0],
      ['b', 100],
      ['c', 100],
      ['p', 10],
    ]);
  });

  it('does not reach below a site without `subtree`', () => {
    const r = availability(query({ endpoints: [ep('b', 'ba-be'), ep('c', 'cho-ra')], outages: [], maintenance: [mw('ba-be', 0, 100)] }));
    expect(r.endpoints.map((e) => e.excludedMs / S)).toEqual([100, 0]);
  });

  it('excludes overlapping windows once', () => {
    const r = one({ outages: [], maintenance: [mw('cho-ra', 100, 300), mw('ba-be', 200, 400, true), mw('tinh', 250, 260, true)] });
    expect(r).toMatchObject({ excludedMs: 300 * S, measuredMs: 700 * S });
  });

  it('runs an open window until now, and cuts an outage around it', () => {
    const r = one({ outages: [out('a', 400, null)], maintenance: [mw('cho-ra', 500, null)], now: at(800) });
    expect(r).toMatchObject({ measuredMs: 500 * S, excludedMs: 300 * S, downMs: 100 * S, outages: 1, openOutages: 1 });
  });

  it('counts an outage split by a window as one', () => {
    expect(one({ outages: [out('a', 100, 400)], maintenance: [mw('cho-ra', 200, 300)] })).toMatchObject({ downMs: 200 * S, outages: 1, mttrMs: 200 * S });
  });
});

describe('endpoints known later, and unknown ones', () => {
  it('counts nothing before knownSince, outages included', () => {
    const r = one({ endpoints: [ep('a', 'cho-ra', at(600))], outages: [out('a', 500, 700)] });
    expect(r).toMatchObject({ measuredMs: 400 * S, downMs: 100 * S, availabilityPct: 75, outages: 1 });
  });

  it('has no availability when known only after the range (or after now)', () => {
    expect(one({ endpoints: [ep('a', 'cho-ra', at(2000))], outages: [] })).toMatchObject({ measuredMs: 0, availabilityPct: null });
    expect(one({ endpoints: [ep('a', 'cho-ra', at(500))], outages: [], now: at(400) })).toMatchObject({ measuredMs: 0, availabilityPct: null });
  });

  it('treats knownSince null as always known', () => {
    expect(one({ endpoints: [{ endpointId: 'a', siteId: 'cho-ra', knownSince: null }], outages: [] })).toMatchObject({ measuredMs: 1000 * S });
  });

  it('lists endpoints that have outages but are not asked about, and ignores their outages', () => {
    const r = availability(query({ outages: [out('zz', 0, 10), out('a', 0, 10), out('b', 0, 5), out('zz', 20, 30)] }));
    expect(r.unknownEndpointIds).toEqual(['b', 'zz']);
    expect(r.endpoints.map((e) => e.endpointId)).toEqual(['a']);
  });

  it('reports on an endpoint with no outages at all and on an empty list', () => {
    expect(availability(query({ endpoints: [], outages: [] })).endpoints).toEqual([]);
  });
});

describe('restricted to working hours', () => {
  const r = validateWorkingHours({ days: { mon: [{ start: '07:00', end: '17:00' }], tue: [{ start: '07:00', end: '17:00' }] } });
  if (!r.ok) throw new Error('schedule');
  const office = r.value;
  const H = 3600;

  it('measures only working time and counts an outage over the night once', () => {
    // Monday 07:00 to Wednesday 07:00; down from Monday 16:00 to Tuesday 08:00 local.
    const q = query({ to: at(48 * H), now: at(100 * H), outages: [out('a', 9 * H, 25 * H)], workingHours: office });
    expect(availability(q).endpoints[0]).toMatchObject({ measuredMs: 20 * H * S, downMs: 2 * H * S, outages: 1, mttrMs: 2 * H * S, availabilityPct: 90 });
  });

  it('does not count an outage entirely outside working hours, nor maintenance there as excluded', () => {
    const q = query({
      to: at(48 * H),
      now: at(100 * H),
      outages: [out('a', 11 * H, 12 * H)],
      maintenance: [{ siteId: 'cho-ra', subtree: false, start: at(13 * H), end: at(14 * H) }],
      workingHours: office,
    });
    expect(availability(q).endpoints[0]).toMatchObject({ measuredMs: 20 * H * S, downMs: 0, outages: 0, excludedMs: 0 });
  });
});

describe('refusals', () => {
  it('throws on a reversed or non-numeric range, a duplicate endpoint, or a reversed outage or window', () => {
    expect(() => availability(query({ outages: [], to: at(-1) }))).toThrow(RangeError);
    expect(() => availability(query({ outages: [], now: Number.NaN }))).toThrow(RangeError);
    expect(() => availability(query({ outages: [], endpoints: [ep('a', 'cho-ra'), ep('a', 'nam-mau')] }))).toThrow(/twice/);
    expect(() => availability(query({ outages: [out('a', 10, 5)] }))).toThrow(/bad outage/);
    expect(() => availability(query({ outages: [], maintenance: [{ siteId: 'tinh', subtree: true, start: at(10), end: at(5) }] }))).toThrow(/maintenance/);
  });
});
