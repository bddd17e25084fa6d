import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { availability, type EndpointRef, type MaintenanceWindow } from '../../../shared/history/availability.js';
import { outagesFrom, type ReachabilityTransition } from '../../../shared/history/outage-tracker.js';
import { validateWorkingHours, type WorkingSpan, type WorkingWeek } from '../../../shared/history/working-hours.js';
import { REACHABILITY } from '../../../shared/status.js';

/**
 * availability() against a brute-force recount, second by second, from the raw transitions: at
 * each whole second the endpoint's state is that of the last transition at or before it, the
 * second is measured when known, before now, inside working hours (asked of Intl directly, not of
 * working-hours.ts) and in no maintenance window. Range edges, maintenance, knownSince and now are
 * whole seconds and working hours whole minutes, so measured and excluded time must match exactly;
 * transition times carry random milliseconds in half the runs, where downtime may differ by under
 * a second per outage, and are whole seconds in the rest, where everything must match, outage
 * counts, MTTR and the longest outage included.
 */

const PARENT: Record<string, string | undefined> = { 'ba-be': 'tinh', 'cho-ra': 'ba-be', 'pac-nam': 'tinh' };
const ancestorsOf = (site: string): string[] => {
  const out: string[] = [];
  for (let p = PARENT[site]; p; p = PARENT[p]) out.push(p);
  return out;
};
const SITES = ['tinh', 'ba-be', 'cho-ra', 'pac-nam'];
const ENDPOINTS = [
  { endpointId: 'bb', siteId: 'ba-be' },
  { endpointId: 'cr', siteId: 'cho-ra' },
  { endpointId: 'pn', siteId: 'pac-nam' },
];
const S = 1000;
const H = 3600;
// A Monday in Vietnam; a Saturday evening before each of Berlin's 2026 DST changes.
const BASES = [Date.UTC(2026, 5, 8, 0, 0, 0), Date.UTC(2026, 2, 28, 18, 0, 0), Date.UTC(2026, 9, 24, 18, 0, 0)];
const WEEKDAY = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

const hhmm = (min: number) => `${String(Math.floor(min / 60)).padStart(2, '0')}:${String(min % 60).padStart(2, '0')}`;
const daySpans = fc.uniqueArray(fc.integer({ min: 0, max: 1440 }), { maxLength: 4 }).map((ms) => {
  const sorted = [...ms].sort((a, b) => a - b);
  const spans: WorkingSpan[] = [];
  for (let i = 0; i + 1 < sorted.length; i += 2) spans.push({ start: hhmm(sorted[i]!), end: hhmm(sorted[i + 1]!) });
  return spans;
});
const schedule = fc.record({ timeZone: fc.constantFrom('Asia/Ho_Chi_Minh', 'Europe/Berlin'), days: fc.tuple(...WEEKDAY.map(() => daySpans)) });

const scenario = fc.record({
  base: fc.constantFrom(...BASES),
  fromS: fc.integer({ min: 0, max: 2 * H }),
  lengthS: fc.integer({ min: 0, max: 30 * H }),
  nowS: fc.integer({ min: -H, max: 33 * H }),
  jitter: fc.boolean(),
  // Snapping every time to a 15-minute grid in some runs makes edges coincide (an outage ending
  // exactly at now or at the range end, a window starting with an outage) far more often.
  grid: fc.constantFrom(1, 1, 900),
  transitions: fc.array(
    fc.record({
      ep: fc.integer({ min: 0, max: ENDPOINTS.length - 1 }),
      // Now and then exactly at a range edge or at now, where the counting rules change.
      s: fc.oneof({ weight: 3, arbitrary: fc.integer({ min: -3 * H, max: 32 * H }) }, { weight: 1, arbitrary: fc.constantFrom('from', 'to', 'now') }),
      ms: fc.integer({ min: 0, max: 999 }),
      reachability: fc.constantFrom(...REACHABILITY),
      behind: fc.constantFrom(null, 'tinh', 'ba-be'),
      mcuOut: fc.boolean(),
    }),
    { maxLength: 40, size: 'medium' },
  ),
  knownSinceS: fc.tuple(...ENDPOINTS.map(() => fc.option(fc.integer({ min: -H, max: 30 * H })))),
  maintenance: fc.array(
    fc.record({ site: fc.constantFrom(...SITES), subtree: fc.boolean(), s: fc.integer({ min: -H, max: 30 * H }), lengthS: fc.integer({ min: 0, max: 8 * H }), open: fc.boolean() }),
    { maxLength: 3 },
  ),
  schedule: fc.option(schedule),
});
type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

/** Working time per UTC minute, straight from Intl (the zones here change offset on whole hours). */
function workingOracle(timeZone: string, week: WorkingWeek): (t: number) => boolean {
  const f = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: 'numeric', minute: 'numeric', hourCycle: 'h23' });
  const cache = new Map<number, boolean>();
  return (t) => {
    const minute = Math.floor(t / 60_000);
    let v = cache.get(minute);
    if (v === undefined) {
      const parts = Object.fromEntries(f.formatToParts(new Date(minute * 60_000)).map((p) => [p.type, p.value]));
      const day = parts['weekday']!.toLowerCase() as (typeof WEEKDAY)[number];
      const m = Number(parts['hour']) * 60 + Number(parts['minute']);
      v = week.days[day].some((s) => s.startMin <= m && m < s.endMin);
      cache.set(minute, v);
    }
    return v;
  };
}

function build(sc: Scenario) {
  const g = (s: number) => Math.round(s / sc.grid) * sc.grid;
  const from = sc.base + g(sc.fromS) * S;
  const to = from + g(sc.lengthS) * S;
  const now = sc.base + g(sc.nowS) * S;
  const transitions: ReachabilityTransition[] = sc.transitions.map((t) => ({
    endpointId: ENDPOINTS[t.ep]!.endpointId,
    siteId: ENDPOINTS[t.ep]!.siteId,
    reachability: t.reachability,
    at: (t.s === 'from' ? from : t.s === 'to' ? to : t.s === 'now' ? now : sc.base + g(t.s) * S) + (sc.jitter ? t.ms : 0),
    behind: t.behind,
    mcuOut: t.mcuOut,
  }));
  const endpoints: EndpointRef[] = ENDPOINTS.map((e, i) => ({ ...e, knownSince: sc.knownSinceS[i] == null ? null : sc.base + g(sc.knownSinceS[i]!) * S }));
  const maintenance: MaintenanceWindow[] = sc.maintenance.map((m) => ({
    siteId: m.site,
    subtree: m.subtree,
    start: sc.base + g(m.s) * S,
    end: m.open ? null : sc.base + g(m.s + m.lengthS) * S,
  }));
  let workingHours: WorkingWeek | undefined;
  if (sc.schedule) {
    const r = validateWorkingHours({ timeZone: sc.schedule.timeZone, days: Object.fromEntries(WEEKDAY.map((d, i) => [d, sc.schedule!.days[i]!])) });
    if (r.ok) workingHours = r.value;
    else expect(r.error.params.reason).toBe('no_working_time');
  }
  return { from, to, now, transitions, endpoints, maintenance, workingHours };
}

interface Recount {
  measured: number;
  excluded: number;
  down: number;
  outages: number;
  open: number;
  restored: number;
  restoredSec: number;
  longest: number;
}

/** The per-second recount for one endpoint. */
function recount(sc: ReturnType<typeof build>, ep: EndpointRef): Recount {
  const { from, now, maintenance, workingHours } = sc;
  const until = Math.max(from, Math.min(sc.to, now));
  const own = sc.transitions.map((t, i) => ({ t, i })).filter(({ t }) => t.endpointId === ep.endpointId);
  own.sort((a, b) => a.t.at - b.t.at || a.i - b.i);
  const windows = maintenance.filter((w) => w.siteId === ep.siteId || (w.subtree && ancestorsOf(ep.siteId).includes(w.siteId)));
  const working = workingHours ? workingOracle(workingHours.timeZone, workingHours) : () => true;
  const r: Recount = { measured: 0, excluded: 0, down: 0, outages: 0, open: 0, restored: 0, restoredSec: 0, longest: 0 };
  let k = 0;
  let state: string = 'unknown';
  let run: number | null = null; // measured down seconds of the current down run, null when up
  const endRun = (restored: boolean) => {
    if (run !== null && run > 0) {
      r.outages++;
      r.longest = Math.max(r.longest, run);
      if (restored) {
        r.restored++;
        r.restoredSec += run;
      } else r.open++;
    }
    run = null;
  };
  const start = Math.min(from, ...own.map(({ t }) => Math.floor(t.at / S) * S));
  for (let t = start; t <= until; t += S) {
    while (k < own.length && own[k]!.t.at <= t) {
      const tr = own[k++]!.t;
      // A codec up while the MCU is out of reach cannot meet: down (cause 'mcu').
      state = tr.reachability === 'up' && tr.mcuOut ? 'mcu' : tr.reachability;
    }
    const down = state === 'down' || state === 'unreachable' || state === 'mcu';
    if (!down) endRun(true);
    if (t === until) break;
    if (down) run ??= 0;
    if (t < from || t < (ep.knownSince ?? -Infinity) || !working(t)) continue;
    if (windows.some((w) => w.start <= t && t < (w.end ?? now))) {
      r.excluded++;
      continue;
    }
    r.measured++;
    if (down) {
      r.down++;
      run! += 1;
    }
  }
  endRun(false);
  return r;
}

describe('availability against a per-second recount (property)', () => {
  it('matches measured, excluded and down time, and in whole seconds every count', () => {
    fc.assert(
      fc.property(scenario, (sc) => {
        const b = build(sc);
        const outages = outagesFrom(b.transitions);
        const report = availability({ ...b, outages, ancestorsOf });
        for (const row of report.endpoints) {
          const ep = b.endpoints.find((e) => e.endpointId === row.endpointId)!;
          const want = recount(b, ep);
          expect(row.measuredMs).toBe(want.measured * S);
          expect(row.excludedMs).toBe(want.excluded * S);
          const pieces = outages.filter((o) => o.endpointId === row.endpointId).length;
          expect(Math.abs(row.downMs - want.down * S)).toBeLessThanOrEqual(sc.jitter ? pieces * S : 0);
          expect(Object.values(row.downMsByCause).reduce((a, c) => a + c, 0)).toBe(row.downMs);
          if (row.availabilityPct === null) expect(want.measured).toBe(0);
          if (sc.jitter) continue;
          expect({ outages: row.outages, open: row.openOutages, restored: row.restored, restoredMs: row.restoredMs, longestMs: row.longestMs }).toEqual({
            outages: want.outages,
            open: want.open,
            restored: want.restored,
            restoredMs: want.restoredSec * S,
            longestMs: want.longest * S,
          });
        }
      }),
      { seed: 42, numRuns: 200 },
    );
  }, 60_000);
});
