import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  countEndpoints,
  countNetwork,
  ENDPOINT_STATES,
  endpointState,
  inCallNow,
  sameStateCounts,
  type CountedNetwork,
  type CountedStatus,
  type StateCounts,
} from '../../shared/endpoint-state.js';
import { REACHABILITY } from '../../shared/status.js';

const sumOfStates = (c: StateCounts): number => ENDPOINT_STATES.reduce((n, k) => n + c[k], 0);

/** A random network: tiers, sites (some naming a district, some a tier the list forgot), 0-3 codecs each. */
const networkArb = fc
  .record({
    tiers: fc.uniqueArray(fc.constantFrom('province', 'district', 'commune', 'ward'), { minLength: 1, maxLength: 4 }),
    sites: fc.array(
      fc.record({
        tier: fc.constantFrom('province', 'district', 'commune', 'ward', 'stray'),
        district: fc.option(fc.constantFrom('d0', 'd1', 'd2', 'd3'), { nil: null }),
        codecs: fc.integer({ min: 0, max: 3 }),
      }),
      { maxLength: 40 },
    ),
  })
  .map(({ tiers, sites }): CountedNetwork => ({
    tiers,
    sites: sites.map((s, i) => ({ id: `s${i}`, tier: s.tier, district: s.district, endpoints: Array.from({ length: s.codecs }, (_, j) => ({ id: `s${i}-${j}` })) })),
  }));

const statusArb: fc.Arbitrary<CountedStatus | undefined> = fc.option(
  fc.record({
    reachability: fc.constantFrom(...REACHABILITY),
    stale: fc.boolean(),
    degraded: fc.boolean(),
    conferenceId: fc.option(fc.constantFrom('c1', 'c2'), { nil: null }),
  }),
  { nil: undefined },
);

const scenarioArb = networkArb.chain((network) => {
  const ids = network.sites.flatMap((s) => s.endpoints.map((e) => e.id));
  return fc.tuple(fc.constant(network), fc.array(statusArb, { minLength: ids.length, maxLength: ids.length })).map(([net, list]) => {
    const statuses = new Map<string, CountedStatus>();
    ids.forEach((id, i) => {
      const s = list[i];
      if (s) statuses.set(id, s);
    });
    return { network: net, ids, statuses };
  });
});

describe('one truth per number: endpoint states', () => {
  it('applies the precedence down > unreachable > unknown > stale > degraded > up', () => {
    const s = (patch: Partial<CountedStatus>): CountedStatus => ({ reachability: 'up', stale: false, degraded: false, conferenceId: null, ...patch });
    expect(endpointState(undefined)).toBe('unknown');
    expect(endpointState(s({ reachability: 'down', stale: true, degraded: true }))).toBe('down');
    expect(endpointState(s({ reachability: 'unreachable', stale: true }))).toBe('unreachable');
    expect(endpointState(s({ reachability: 'unknown', degraded: true }))).toBe('unknown');
    expect(endpointState(s({ stale: true, degraded: true }))).toBe('stale');
    expect(endpointState(s({ degraded: true }))).toBe('degraded');
    expect(endpointState(s({}))).toBe('up');
  });

  it('takes "in call" from the MCU conference, never from a down or unreachable codec', () => {
    const s = (patch: Partial<CountedStatus>): CountedStatus => ({ reachability: 'up', stale: false, degraded: false, conferenceId: null, ...patch });
    expect(inCallNow(s({ conferenceId: 'c1' }))).toBe(true);
    expect(inCallNow(s({ conferenceId: 'c1', degraded: true, stale: true }))).toBe(true);
    expect(inCallNow(s({ conferenceId: 'c1', reachability: 'unknown' }))).toBe(true);
    expect(inCallNow(s({ conferenceId: 'c1', reachability: 'down' }))).toBe(false);
    expect(inCallNow(s({ conferenceId: 'c1', reachability: 'unreachable' }))).toBe(false);
    // The codec's own SNMP flag is not the MCU's word: not in a conference, not in a call.
    expect(inCallNow({ ...s({}), inCall: true } as CountedStatus)).toBe(false);
    expect(inCallNow(undefined)).toBe(false);
  });

  it('on random networks, the states add up to the codecs in every tier, every district and in all', () => {
    fc.assert(
      fc.property(scenarioArb, ({ network, ids, statuses }) => {
        const c = countNetwork(network, statuses);
        expect(c.all.total).toBe(ids.length);
        expect(sumOfStates(c.all)).toBe(ids.length);
        for (const row of [...c.tiers, ...c.districts]) {
          expect(sumOfStates(row)).toBe(row.total);
          expect(row.inCall).toBeLessThanOrEqual(row.total - row.down - row.unreachable);
        }
        // Every codec is in exactly one tier; districts hold exactly the codecs of sites naming one.
        expect(c.tiers.reduce((n, r) => n + r.total, 0)).toBe(ids.length);
        const inDistricts = network.sites.filter((s) => s.district !== null).reduce((n, s) => n + s.endpoints.length, 0);
        expect(c.districts.reduce((n, r) => n + r.total, 0)).toBe(inDistricts);
        // Tiers listed by the network come first and in its order.
        expect(c.tiers.slice(0, network.tiers.length).map((r) => r.key)).toEqual(network.tiers);
      }),
      { numRuns: 300 },
    );
  });

  it('on random networks, a group counted on its own equals its row, and no down codec is in a call', () => {
    fc.assert(
      fc.property(scenarioArb, ({ network, statuses }) => {
        const c = countNetwork(network, statuses);
        for (const row of c.tiers) {
          const own = countEndpoints(network.sites.filter((s) => s.tier === row.key).flatMap((s) => s.endpoints.map((e) => e.id)), statuses);
          expect(sameStateCounts(own, row)).toBe(true);
        }
        for (const row of c.districts) {
          const own = countEndpoints(network.sites.filter((s) => s.district === row.key).flatMap((s) => s.endpoints.map((e) => e.id)), statuses);
          expect(sameStateCounts(own, row)).toBe(true);
        }
        const downIds = [...statuses].filter(([, s]) => s.reachability === 'down' || s.reachability === 'unreachable').map(([id]) => id);
        expect(countEndpoints(downIds, statuses).inCall).toBe(0);
        const confIds = [...statuses].filter(([, s]) => s.conferenceId !== null).map(([id]) => id);
        const onRoster = countEndpoints(confIds, statuses);
        expect(c.all.inCall).toBe(onRoster.total - onRoster.down - onRoster.unreachable);
      }),
      { numRuns: 300 },
    );
  });
});
