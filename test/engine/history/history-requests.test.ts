import { afterEach, describe, expect, it } from 'vitest';
import { startEngine, type Engine } from '../../../electron/engine/engine.js';
import { summarise } from '../../../shared/history/availability-groups.js';
import { availability, type EndpointAvailability } from '../../../shared/history/availability.js';
import { addSample, emptyHistogram, percentile } from '../../../shared/history/histogram.js';
import type { AvailabilityView, HistoryView } from '../../../shared/history/history-api.js';
import { outagesFrom, type ReachabilityTransition } from '../../../shared/history/outage-tracker.js';
import { DEFAULT_WORKING_HOURS, validateWorkingHours } from '../../../shared/history/working-hours.js';
import { districtResolver } from '../../../shared/inventory.js';
import type { Identity } from '../../../shared/roles.js';
import type { Reachability } from '../../../shared/status.js';

const TECH: Identity = { user: 'kythuat', role: 'technician' };
const OPERATOR: Identity = { user: 'dieuhanh', role: 'operator' };
const SUPERVISOR: Identity = { user: 'giamsat', role: 'supervisor' };
const BA_BE: Identity = { ...SUPERVISOR, scope: ['ba-be'] };
const T0 = Date.UTC(2026, 5, 8, 0, 0, 0); // Monday 07:00 in Vietnam
const H = 3600_000;
const isoAt = (t: number) => new Date(t).toISOString();

let engine: Engine | null = null;
let clock = T0;
afterEach(async () => {
  await engine?.close();
  engine = null;
});

async function start(): Promise<Engine> {
  clock = T0;
  engine = await startEngine({
    inventoryPath: null,
    monitoring: false,
    mcuDriver: null,
    flushMs: 3_600_000,
    alarms: { now: () => clock, evaluateEveryMs: 3_600_000 },
    history: { now: () => clock, flushEveryMs: 0 },
  });
  return engine;
}

type Reply<T> = { ok: true; result: T } | { ok: false; error: { code: string; message: string; params?: Record<string, unknown> } };
const call = async <T>(e: Engine, caller: Identity, method: string, input: unknown) => (await e.call(caller, method, input)) as Reply<T>;
const ok = <T>(r: Reply<T>): T => {
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.result;
};

/** Apply transitions through the status table, each batch at its time, as the monitoring would. */
function feed(e: Engine, transitions: readonly ReachabilityTransition[]): void {
  const byTime = new Map<number, ReachabilityTransition[]>();
  for (const t of transitions) byTime.set(t.at, [...(byTime.get(t.at) ?? []), t]);
  for (const [at, list] of [...byTime].sort(([a], [b]) => a - b)) {
    clock = at;
    for (const t of list) e.status.update(t.endpointId, { reachability: t.reachability, measuredAt: { reachability: isoAt(at) } });
    e.status.flush();
  }
}

const tr = (endpointId: string, siteId: string, reachability: Reachability, at: number, behind: string | null = null): ReachabilityTransition => ({ endpointId, siteId, reachability, at, behind });

describe('getAvailability', () => {
  it('gives the figures of shared/history’s availability() on the same outages, maintenance and hours, per grouping', async () => {
    const e = await start();
    const inv = e.inventory();
    const communes = inv.sites.filter((s) => s.parent === 'ba-be');
    const transitions: ReachabilityTransition[] = [
      ...inv.sites.flatMap((s) => s.endpoints.map((x) => tr(x.id, s.id, 'up', T0 + 1000))),
      tr('ba-be-1', 'ba-be', 'down', T0 + 2 * H + 250),
      ...communes.map((s, i) => tr(`${s.id}-1`, s.id, 'unreachable', T0 + 2 * H + 1000 + i * 37, 'ba-be')),
      tr('ba-be-1', 'ba-be', 'up', T0 + 3 * H + 17),
      ...communes.map((s, i) => tr(`${s.id}-1`, s.id, i === 3 ? 'down' : 'up', T0 + 3 * H + 5000 + i * 11)),
      tr(`${communes[3]!.id}-1`, communes[3]!.id, 'up', T0 + 9 * H),
      tr('na-ri-1', 'na-ri', 'down', T0 + 4 * H),
      tr('na-ri-1', 'na-ri', 'up', T0 + 4 * H + 90_000),
      tr('na-ri-1', 'na-ri', 'down', T0 + 5 * H),
      tr('na-ri-1', 'na-ri', 'up', T0 + 5 * H + 30_000),
      tr('ubnd-tinh-1', 'ubnd-tinh', 'down', T0 + 6 * H),
      tr('ubnd-tinh-1', 'ubnd-tinh', 'up', T0 + 6 * H + 600_000),
      tr('pac-nam-1', 'pac-nam', 'down', T0 + 9.5 * H), // still open at the end
      tr('cho-don-1', 'cho-don', 'down', T0 + 7 * H + 60_000), // during its maintenance
      tr('cho-don-1', 'cho-don', 'up', T0 + 7 * H + 120_000),
    ];
    feed(e, transitions.filter((t) => t.at < T0 + 7 * H));
    clock = T0 + 7 * H;
    e.alarms.setMaintenance(TECH, { siteId: 'cho-don', reason: 'thay bộ mã hóa' });
    feed(e, transitions.filter((t) => t.at >= T0 + 7 * H && t.at < T0 + 7.5 * H));
    clock = T0 + 7.5 * H;
    e.alarms.clearMaintenance('cho-don');
    feed(e, transitions.filter((t) => t.at >= T0 + 7.5 * H));
    clock = T0 + 10 * H;

    const parents = new Map(inv.sites.map((s) => [s.id, s.parent]));
    const ancestorsOf = (id: string) => {
      const out: string[] = [];
      for (let p = parents.get(id); p; p = parents.get(p)) out.push(p);
      return out;
    };
    const week = validateWorkingHours(DEFAULT_WORKING_HOURS);
    if (!week.ok) throw new Error('working hours');
    const districtOf = districtResolver(inv);
    const tierOf = new Map(inv.sites.map((s) => [s.id, s.tier]));
    const groupOf = { site: (r: EndpointAvailability) => r.siteId, district: (r: EndpointAvailability) => districtOf(r.siteId), tier: (r: EndpointAvailability) => tierOf.get(r.siteId)!, province: () => null };

    const [from, to] = [T0 - H, T0 + 12 * H]; // from before the engine knew anything; to after now
    for (const workingHours of [false, true]) {
      const expected = availability({
        from,
        to,
        now: clock,
        endpoints: inv.sites.flatMap((s) => s.endpoints.map((x) => ({ endpointId: x.id, siteId: s.id, knownSince: T0 }))),
        outages: outagesFrom(transitions),
        maintenance: [{ siteId: 'cho-don', subtree: true, start: T0 + 7 * H, end: T0 + 7.5 * H }],
        ancestorsOf,
        workingHours: workingHours ? week.value : undefined,
      });
      for (const groupBy of ['site', 'district', 'tier', 'province'] as const) {
        const v = ok(await call<AvailabilityView>(e, OPERATOR, 'getAvailability', { from: isoAt(from), to: isoAt(to), groupBy, workingHours }));
        expect(v).toMatchObject({ groupBy, workingHours, scoped: false, until: isoAt(clock) });
        const members = new Map<string | null, EndpointAvailability[]>();
        for (const r of expected.endpoints) members.set(groupOf[groupBy](r), [...(members.get(groupOf[groupBy](r)) ?? []), r]);
        expect(v.rows.map((r) => r.group).sort()).toEqual([...members.keys()].sort());
        for (const row of v.rows) {
          const { endpoints, availabilityPct, downMs, downMsByCause, outages, openOutages, longestMs, mttrMs, excludedMs, measuredMs } = summarise(members.get(row.group)!);
          expect(row, `${groupBy} ${row.group} ${workingHours}`).toMatchObject({ endpoints, availabilityPct, downMs, downMsByCause, outages, openOutages, longestMs, mttrMs, excludedMs, measuredMs });
        }
      }
    }
    // The data is not trivial: the district outage, the open one, the maintenance all count.
    const byDistrict = ok(await call<AvailabilityView>(e, TECH, 'getAvailability', { from: isoAt(from), to: isoAt(to), groupBy: 'district' })).rows;
    expect(byDistrict.find((r) => r.group === 'ba-be')).toMatchObject({ outages: 16, name: 'UBND huyện Ba Bể' });
    expect(byDistrict.find((r) => r.group === 'pac-nam')).toMatchObject({ openOutages: 1 });
    expect(byDistrict.find((r) => r.group === 'cho-don')!.excludedMs).toBeGreaterThan(0);
    expect(byDistrict[byDistrict.length - 1]).toMatchObject({ group: null, name: null, endpoints: 5 }); // the province's own sites
  });

  it('gives a p95 per group from the rollups, within the histogram’s bound of the true p95', async () => {
    const e = await start();
    const ids = e.inventory().sites.filter((s) => s.id === 'ba-be' || s.parent === 'ba-be').map((s) => `${s.id}-1`);
    let seed = 42;
    const rand = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    const from = T0 + 7 * 60_000;
    const to = T0 + 2 * H + 20 * 60_000;
    const inRange: number[] = [];
    const all = emptyHistogram('latencyMs');
    let inHist = all;
    for (let t = T0; t < T0 + 3 * H; t += 5000) {
      clock = t;
      for (const id of ids) {
        const v = Math.round((20 + rand() * 80 + (rand() < 0.05 ? 300 * rand() : 0)) * 10) / 10;
        e.status.update(id, { latencyMs: v, measuredAt: { latencyMs: isoAt(t) } });
        if (t >= from && t < to) {
          inRange.push(v);
          inHist = addSample(inHist, v);
        }
      }
      e.status.flush();
    }
    clock = T0 + 3 * H;
    const v = ok(await call<AvailabilityView>(e, SUPERVISOR, 'getAvailability', { from: isoAt(from), to: isoAt(to), groupBy: 'district' }));
    const p95 = v.rows.find((r) => r.group === 'ba-be')!.p95;
    const estimate = percentile(inHist, 0.95)!;
    expect(p95.latencyMs).toEqual(estimate);
    const sorted = [...inRange].sort((a, b) => a - b);
    const truth = sorted[Math.ceil(0.95 * sorted.length) - 1]!;
    expect(truth).toBeGreaterThanOrEqual(p95.latencyMs!.low);
    expect(truth).toBeLessThanOrEqual(p95.latencyMs!.high);
    expect(p95.packetLossPct).toBeNull(); // no loss was measured
    expect(v.rows.find((r) => r.group === 'na-ri')!.p95.latencyMs).toBeNull();
  });

  it('refuses a wrong date, a reversed or too long period and an unknown grouping, with a reason the console words', async () => {
    const e = await start();
    const refuse = async (input: Record<string, unknown>) => {
      const r = await call(e, TECH, 'getAvailability', { from: '2026-06-01T00:00:00+07:00', to: '2026-06-08T00:00:00+07:00', groupBy: 'site', ...input });
      expect(r.ok).toBe(false);
      return (r as Extract<typeof r, { ok: false }>).error;
    };
    expect(await refuse({ from: 'hôm qua' })).toMatchObject({ code: 'bad_request', params: { field: 'from', reason: 'invalid_date', value: 'hôm qua' } });
    expect(await refuse({ to: '2026-02-30T00:00:00Z' })).toMatchObject({ code: 'bad_request', message: expect.stringContaining('February 2026 has 28 days'), params: { field: 'to', reason: 'invalid_date' } });
    expect(await refuse({ from: '2026-06-01' })).toMatchObject({ params: { reason: 'invalid_date' } }); // no time, no zone
    expect(await refuse({ to: '2026-06-01T00:00:00+07:00' })).toMatchObject({ params: { field: 'from', reason: 'range_reversed' } });
    expect(await refuse({ from: '2020-01-01T00:00:00Z', to: '2026-01-01T00:00:00Z' })).toMatchObject({ params: { field: 'to', reason: 'range_too_long', maxDays: 1827 } });
    expect(await refuse({ groupBy: 'commune' })).toMatchObject({ code: 'bad_request', details: [expect.stringContaining('groupBy')] });
    expect(ok(await call<AvailabilityView>(e, TECH, 'getAvailability', { from: '2021-06-09T00:00:00Z', to: '2026-06-08T00:00:00Z', groupBy: 'province' })).rows).toHaveLength(1);
  });
});

describe('getHistory', () => {
  it('answers an endpoint’s outages for chart bands, and refuses an unknown one or a bad metric', async () => {
    const e = await start();
    feed(e, [tr('ubnd-tinh-1', 'ubnd-tinh', 'down', T0 + 60_000), tr('ba-be-1', 'ba-be', 'unreachable', T0 + 61_000), tr('ba-be-1', 'ba-be', 'up', T0 + 200_000), tr('ubnd-tinh-1', 'ubnd-tinh', 'up', T0 + 201_000)]);
    clock = T0 + H;
    const q = { endpointId: 'ba-be-1', metric: 'jitterMs', from: isoAt(T0), to: isoAt(T0 + H) };
    const h = ok(await call<HistoryView>(e, OPERATOR, 'getHistory', q));
    expect(h).toMatchObject({ level: '1m', points: [], outages: [{ start: isoAt(T0 + 61_000), end: isoAt(T0 + 200_000), cause: 'unreachable', behind: 'ubnd-tinh' }] });
    const missing = await call(e, OPERATOR, 'getHistory', { ...q, endpointId: 'khong-co-1' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'not_found', message: 'no endpoint with the given endpointId', params: { field: 'endpointId' } } });
    expect(await call(e, OPERATOR, 'getHistory', { ...q, metric: 'mos' })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await call(e, OPERATOR, 'getHistory', { ...q, from: q.to, to: q.from })).toMatchObject({ ok: false, error: { params: { reason: 'range_reversed' } } });
  });
});

describe('a supervisor scoped to Ba Bể', () => {
  it('gets figures over Ba Bể’s endpoints only, never a row, point or site id of Na Rì', async () => {
    const e = await start();
    feed(e, [tr('ubnd-tinh-1', 'ubnd-tinh', 'down', T0 + 60_000), tr('ba-be-1', 'ba-be', 'unreachable', T0 + 61_000), tr('na-ri-1', 'na-ri', 'down', T0 + 62_000), tr('ba-be-1', 'ba-be', 'up', T0 + 200_000), tr('ubnd-tinh-1', 'ubnd-tinh', 'up', T0 + 201_000)]);
    clock = T0 + H;
    const period = { from: isoAt(T0), to: isoAt(T0 + H) };
    const province = ok(await call<AvailabilityView>(e, BA_BE, 'getAvailability', { ...period, groupBy: 'province' }));
    const district = ok(await call<AvailabilityView>(e, BA_BE, 'getAvailability', { ...period, groupBy: 'district' }));
    expect(province).toMatchObject({ scoped: true, rows: [{ group: null, endpoints: 16, outages: 1, downMs: 139_000 }] });
    expect(district.rows.map((r) => r.group)).toEqual(['ba-be']);
    expect(district.rows[0]).toMatchObject({ ...province.rows[0], group: 'ba-be', name: 'UBND huyện Ba Bể' });
    const sites = ok(await call<AvailabilityView>(e, BA_BE, 'getAvailability', { ...period, groupBy: 'site' }));
    expect(sites.rows).toHaveLength(16);
    for (const v of [province, district, sites]) expect(JSON.stringify(v)).not.toMatch(/na-ri|ubnd-tinh|Na Rì/);
    // A commune's supervisor: the district above is outside the scope and is not named.
    const choRa = ok(await call<AvailabilityView>(e, { ...SUPERVISOR, scope: ['ba-be-cho-ra'] }, 'getAvailability', { ...period, groupBy: 'district' }));
    expect(choRa.rows).toMatchObject([{ group: null, name: null, endpoints: 1 }]);

    const hist = ok(await call<HistoryView>(e, BA_BE, 'getHistory', { endpointId: 'ba-be-1', metric: 'latencyMs', ...period }));
    expect(hist.outages).toEqual([{ start: isoAt(T0 + 61_000), end: isoAt(T0 + 200_000), cause: 'unreachable', behind: null }]);
    const outside = await call(e, BA_BE, 'getHistory', { endpointId: 'na-ri-1', metric: 'latencyMs', ...period });
    const unknown = await call(e, BA_BE, 'getHistory', { endpointId: 'khong-co-1', metric: 'latencyMs', ...period });
    expect(outside.ok).toBe(false);
    expect(outside).toEqual(unknown);
  });
});
