import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HistoryStore } from '../../../electron/engine/history/history-store.js';
import { addSample, emptyHistogram, type Histogram } from '../../../shared/history/histogram.js';
import type { Identity } from '../../../shared/roles.js';
import { MINUTE_MS } from '../../../shared/schedule/zoned-time.js';
import { world, type World } from './history-world.js';

const TECH: Identity = { user: 'kythuat', role: 'technician' };
const T0 = Date.UTC(2026, 5, 8, 2, 0, 0); // Monday 09:00 in Vietnam, on an hour
const at = (s: number) => T0 + Math.round(s * 1000);
const iso = (s: number) => new Date(at(s)).toISOString();

let worlds: World[] = [];
const open = (...args: Parameters<typeof world>) => {
  const w = world(...args);
  worlds.push(w);
  return w;
};
afterEach(() => {
  for (const w of worlds) w.close();
  worlds = [];
});

const ALL_UP = { 'ubnd-tinh-1': 'up', 'ba-be-1': 'up', 'na-ri-1': 'up', 'ba-be-cho-ra-1': 'up', 'ba-be-cho-ra-2': 'up', 'ba-be-nam-mau-1': 'up', 'na-ri-kim-hy-1': 'up' } as const;

const outagesOf = (w: World, endpointId: string, from = at(0), to = at(3600)) => w.history.history(TECH, { endpointId, metric: 'latencyMs', from, to })!.outages;
const figures = (w: World, groupBy: 'site' | 'district' | 'tier' | 'province', from = at(0), to = at(1000)) => {
  const v = w.history.availability(TECH, { from, to, groupBy });
  return new Map(v.rows.map((r) => [r.group, r]));
};

/** Ba Bể goes dark at 100.25 s; its communes are found unreachable behind it; it is back at 700.1 s. */
function districtOutage(w: World, oneBatch = false): void {
  w.verdicts(at(0), { ...ALL_UP });
  if (oneBatch) {
    w.verdicts(at(100.25), { 'ba-be-1': 'down', 'ba-be-cho-ra-1': 'unreachable', 'ba-be-cho-ra-2': 'unreachable', 'ba-be-nam-mau-1': 'unreachable' });
  } else {
    w.verdicts(at(100.25), { 'ba-be-1': 'down' });
    w.verdicts(at(101.5), { 'ba-be-cho-ra-1': 'unreachable' });
    w.verdicts(at(102), { 'ba-be-cho-ra-2': 'unreachable' });
    w.verdicts(at(103.7), { 'ba-be-nam-mau-1': 'unreachable' });
  }
  w.verdicts(at(400), { 'na-ri-kim-hy-1': 'unknown' }); // the engine lost track: not an outage
  w.verdicts(at(700.1), { 'ba-be-1': 'up' });
  // Nam Mẫu's own poll after the district came back: it is itself down (a second piece, one outage).
  w.verdicts(at(702), { 'ba-be-nam-mau-1': 'down' });
  w.verdicts(at(705), { 'ba-be-cho-ra-1': 'up' });
  w.verdicts(at(706), { 'ba-be-cho-ra-2': 'up' });
  w.verdicts(at(900), { 'ba-be-nam-mau-1': 'up', 'na-ri-kim-hy-1': 'up' });
  w.at(at(1000));
}

describe('outages from a district outage through the status table', () => {
  it('gives one outage per codec with its cause, the dark district it was behind, and exact times', () => {
    const w = open({ now: at(0) });
    districtOutage(w);
    expect(outagesOf(w, 'ba-be-1')).toEqual([{ start: iso(100.25), end: iso(700.1), cause: 'down', behind: null }]);
    expect(outagesOf(w, 'ba-be-cho-ra-1')).toEqual([{ start: iso(101.5), end: iso(705), cause: 'unreachable', behind: 'ba-be' }]);
    expect(outagesOf(w, 'ba-be-cho-ra-2')).toEqual([{ start: iso(102), end: iso(706), cause: 'unreachable', behind: 'ba-be' }]);
    expect(outagesOf(w, 'ba-be-nam-mau-1')).toEqual([
      { start: iso(103.7), end: iso(702), cause: 'unreachable', behind: 'ba-be' },
      { start: iso(702), end: iso(900), cause: 'down', behind: null },
    ]);
    for (const id of ['ubnd-tinh-1', 'na-ri-1', 'na-ri-kim-hy-1']) expect(outagesOf(w, id), id).toEqual([]);

    const bySite = figures(w, 'site');
    expect(bySite.get('ba-be')).toMatchObject({ endpoints: 1, outages: 1, downMs: 599_850, longestMs: 599_850, mttrMs: 599_850, downMsByCause: { down: 599_850, unreachable: 0, mcu: 0 } });
    expect(bySite.get('ba-be-cho-ra')).toMatchObject({ endpoints: 2, outages: 2, downMs: 603_500 + 604_000, longestMs: 604_000, downMsByCause: { unreachable: 1_207_500 } });
    // Two pieces that abut are one outage of 796.3 s.
    expect(bySite.get('ba-be-nam-mau')).toMatchObject({ outages: 1, downMs: 796_300, longestMs: 796_300, mttrMs: 796_300, downMsByCause: { unreachable: 598_300, down: 198_000 } });
    expect(bySite.get('ba-be-nam-mau')!.availabilityPct).toBeCloseTo(100 * (1 - 796.3 / 1000), 10);
    expect(bySite.get('na-ri-kim-hy')).toMatchObject({ outages: 0, downMs: 0, availabilityPct: 100, mttrMs: null });
    const district = figures(w, 'district').get('ba-be')!;
    expect(district).toMatchObject({ endpoints: 4, measuredMs: 4_000_000, downMs: 599_850 + 1_207_500 + 796_300, outages: 4 });
  });

  it('finds the same outages when the district and its communes change in one status batch', () => {
    const w = open({ now: at(0) });
    districtOutage(w, true);
    expect(outagesOf(w, 'ba-be-cho-ra-1')).toEqual([{ start: iso(100.25), end: iso(705), cause: 'unreachable', behind: 'ba-be' }]);
    expect(outagesOf(w, 'ba-be-1')).toEqual([{ start: iso(100.25), end: iso(700.1), cause: 'down', behind: null }]);
  });

  it('ends the open outage of an endpoint that leaves the inventory', () => {
    const w = open({ now: at(0) });
    w.verdicts(at(10), { 'na-ri-1': 'down' });
    w.at(at(50));
    w.status.setEndpoints(w.history['src'].inventory().sites.flatMap((s) => s.endpoints.filter((e) => e.id !== 'na-ri-1').map((e) => ({ endpointId: e.id, siteId: s.id }))));
    w.status.flush();
    expect(new HistoryStore(w.db).outages(0, at(100))).toEqual([]); // not flushed yet: nothing written on the status path
    w.history.flush();
    expect(new HistoryStore(w.db).outages(0, at(100))).toEqual([{ endpointId: 'na-ri-1', siteId: 'na-ri', start: at(10), end: at(50), cause: 'down', behind: null }]);
  });
});

/** Latency readings of one codec every 5 s from `fromS` to `toS` (exclusive); value of each. */
function latencyEvery5s(w: World, id: string, fromS: number, toS: number, value: (s: number) => number): number[] {
  const values: number[] = [];
  for (let s = fromS; s < toS; s += 5) {
    w.readings(at(s), { [id]: { latencyMs: value(s) } });
    values.push(value(s));
  }
  return values;
}

const histOf = (values: readonly number[]): Histogram => values.reduce(addSample, emptyHistogram('latencyMs'));

describe('metric rollups', () => {
  it('closes each minute into a 1m row and merges minutes into 15m, 1h and 1d rows as those close', () => {
    const w = open({ now: at(0) });
    const values = latencyEvery5s(w, 'ba-be-1', 0, 3600, (s) => 20 + (s % 300) / 2);
    w.at(at(3600));
    w.history.flush();
    const store = new HistoryStore(w.db);
    const m1 = [...store.rollups('1m', at(0), at(3600))];
    expect(m1).toHaveLength(60);
    expect(m1[0]!.histogram).toEqual(histOf(values.slice(0, 12)));
    const q = [...store.rollups('15m', at(0), at(3600))];
    expect(q.map((r) => r.bucketStart)).toEqual([at(0), at(900), at(1800), at(2700)]);
    expect(q[1]!.histogram).toEqual(histOf(values.slice(180, 360)));
    expect([...store.rollups('1h', at(0), at(3600))].map((r) => r.histogram.count)).toEqual([720]);
    expect([...store.rollups('1d', 0, at(86_400))]).toEqual([]); // the day has not closed
  });

  it('counts a reading once, and never a stale one or one without a number', () => {
    const w = open({ now: at(0) });
    w.readings(at(1), { 'ba-be-1': { latencyMs: 30, jitterMs: 4 } });
    w.status.update('ba-be-1', { inCall: true }); // a change that is no new reading
    w.status.flush();
    w.readings(at(6), { 'ba-be-1': { latencyMs: 400 } }, true); // stale: not a sample
    w.status.update('ba-be-1', { stale: false }); // fresh again, but that value was never re-measured
    w.status.flush();
    w.readings(at(11), { 'ba-be-1': { latencyMs: 31 } });
    w.status.update('ba-be-1', { jitterMs: null, measuredAt: { jitterMs: iso(12) } });
    w.status.flush();
    w.at(at(60));
    w.history.flush();
    const rows = [...new HistoryStore(w.db).rollups('1m', at(0), at(60))];
    expect(rows.map((r) => [r.histogram.metric, r.histogram.count, r.histogram.max])).toEqual([
      ['jitterMs', 1, 4],
      ['latencyMs', 2, 31],
    ]);
    expect(w.history.stats.samples).toBe(3);
  });

  it('answers one endpoint’s history with min, mean, max and p95 per bucket, and the current hour so far', () => {
    const w = open({ now: at(0) });
    const values = latencyEvery5s(w, 'ba-be-1', 0, 7200 + 1200, (s) => (s % 97) + 10);
    w.at(at(8400 + 30));
    const h = w.history.history(TECH, { endpointId: 'ba-be-1', metric: 'latencyMs', from: at(0), to: at(8400 + 30) })!;
    expect(h).toMatchObject({ level: '1m', bucketMs: MINUTE_MS });
    expect(h.points).toHaveLength(140);
    const minute3 = values.slice(36, 48);
    expect(h.points[3]).toEqual({ at: iso(180), count: 12, min: Math.min(...minute3), max: Math.max(...minute3), avg: minute3.reduce((a, b) => a + b) / 12, p95: expect.any(Number) });
    // Three days at 1m are too many points: 15-minute buckets, with the open one so far.
    const wide = w.history.history(TECH, { endpointId: 'ba-be-1', metric: 'latencyMs', from: at(0) - 2 * 86_400_000, to: at(8400 + 30) })!;
    expect(wide.level).toBe('15m');
    expect(wide.points.map((p) => p.at)).toEqual(Array.from({ length: 10 }, (_, i) => iso(i * 900)));
    expect(wide.points[9]!.count).toBe(60); // 8100–8400 s: five closed minutes
    expect(w.history.history(TECH, { endpointId: 'nowhere-1', metric: 'latencyMs', from: at(0), to: at(60) })).toBeNull();
  });
});

describe('restart on the same SQLite file', () => {
  const file = () => join(mkdtempSync(join(tmpdir(), 'bp-history-')), 'bridgepoint.db');

  it('keeps outages and rollups after a clean stop, closes the open outage at the stop and continues the buckets', () => {
    const path = file();
    const a = world({ file: path, now: at(0) });
    a.verdicts(at(0), { ...ALL_UP });
    a.verdicts(at(100), { 'ba-be-1': 'down' });
    a.verdicts(at(200), { 'na-ri-1': 'down' });
    a.verdicts(at(300), { 'na-ri-1': 'up' });
    const before = latencyEvery5s(a, 'na-ri-1', 300, 1250, (s) => s / 10);
    a.at(at(1250));
    const history = (w: World) => w.history.history(TECH, { endpointId: 'na-ri-1', metric: 'latencyMs', from: at(0), to: at(1250) })!.points;
    const pointsBefore = history(a);
    a.close();
    a.db.close();

    const b = open({ file: path, now: at(1300) });
    expect(outagesOf(b, 'na-ri-1')).toEqual([{ start: iso(200), end: iso(300), cause: 'down', behind: null }]);
    // Left open by the stop: closed when the engine was last alive (the stop), not resumed.
    expect(outagesOf(b, 'ba-be-1')).toEqual([{ start: iso(100), end: iso(1250), cause: 'down', behind: null }]);
    // The minute 1200–1260 s was written as it stood at the stop.
    expect(history(b)).toEqual([...pointsBefore, expect.objectContaining({ at: iso(1200), count: 10 })]);
    // The quarter 900–1800 s continues: its row, once closed, holds both runs' minutes.
    const after = latencyEvery5s(b, 'na-ri-1', 1300, 1800, () => 7);
    b.at(at(1800));
    b.history.flush();
    const [quarter, ...more] = [...new HistoryStore(b.db).rollups('15m', at(900), at(1800))];
    const both = histOf([...before.slice((900 - 300) / 5), ...after]);
    expect(more).toEqual([]);
    expect(quarter!.histogram).toMatchObject({ count: 170, min: both.min, max: both.max, counts: both.counts });
    // Not running from 1250 to 1300 s: out of the measured time, not counted as up.
    const rows = figures(b, 'province', at(0), at(1800));
    expect(rows.get(null)).toMatchObject({ endpoints: 7, measuredMs: 7 * 1750_000, excludedMs: 7 * 50_000 });
  });

  it('after a crash: the open outage ends at the last flush, what was not flushed is gone, and the open quarter is completed from its minutes', () => {
    const path = file();
    const a = world({ file: path, now: at(0) });
    a.verdicts(at(100), { 'ba-be-1': 'down' });
    const flushed = latencyEvery5s(a, 'na-ri-1', 880, 1020, () => 12);
    a.at(at(1020));
    a.history.flush(); // last sign of life
    a.verdicts(at(1025), { 'na-ri-1': 'down' }); // never written
    latencyEvery5s(a, 'na-ri-1', 1025, 1100, () => 99);
    a.crash();

    const b = open({ db: a.db, now: at(5000) });
    const store = new HistoryStore(b.db);
    expect(store.outages(0, at(5000))).toEqual([{ endpointId: 'ba-be-1', siteId: 'ba-be', start: at(100), end: at(1020), cause: 'down', behind: null }]);
    // 900–1800 s was open at the crash: its row is made from the minutes written before it.
    const quarter = [...store.rollups('15m', at(900), at(1800))];
    expect(quarter.map((r) => r.histogram.count)).toEqual([flushed.length - 4]); // 880–895 s belong to the quarter before
    expect([...store.rollups('15m', at(0), at(900))].map((r) => r.histogram.count)).toEqual([4]);
    // The hour 0–3600 s was open too and has closed since: made from its quarters.
    expect([...store.rollups('1h', at(0), at(3600))].map((r) => r.histogram.count)).toEqual([flushed.length]);
    // Not running from 1020 to 5000 s: excluded, not counted as up nor down.
    expect(figures(b, 'site', at(0), at(5000)).get('ba-be')).toMatchObject({ excludedMs: 3_980_000, downMs: 920_000, measuredMs: 1_020_000 });
  });
});

describe('retention', () => {
  it('purges at most every few minutes, old rows only', () => {
    const w = open({ now: at(0), history: { purgeEveryMs: 5 * MINUTE_MS } });
    const store = w.history['store'] as HistoryStore;
    const purge = vi.spyOn(store, 'purge');
    const old = emptyHistogram('jitterMs');
    store.write({ outages: [], rollups: [{ level: '1m', bucketStart: at(0) - 49 * 3600_000, endpointId: 'ba-be-1', histogram: addSample(old, 3) }, { level: '1m', bucketStart: at(0) - 47 * 3600_000, endpointId: 'ba-be-1', histogram: addSample(old, 4) }], known: [], maintenance: [], aliveAt: at(0) });
    w.at(at(10));
    w.history.flush();
    w.at(at(20));
    w.history.flush();
    expect(purge).toHaveBeenCalledTimes(1);
    expect([...store.rollups('1m', 0, at(0))].map((r) => r.histogram.max)).toEqual([4]);
    w.at(at(10 + 300));
    w.history.flush();
    expect(purge).toHaveBeenCalledTimes(2);
  });
});

describe('maintenance for availability', () => {
  it('records the alarm service’s maintenance as windows with an end, out of the measured time', () => {
    const w = open({ now: at(0) });
    w.verdicts(at(0), { ...ALL_UP });
    w.at(at(100));
    w.maintenance.push({ siteId: 'ba-be', by: 'kythuat', at: at(100), reason: 'thay thiết bị', from: at(100), until: null });
    w.maintenanceChanged();
    w.verdicts(at(150), { 'ba-be-cho-ra-1': 'down' });
    w.verdicts(at(250), { 'ba-be-cho-ra-1': 'up' });
    w.at(at(400));
    w.maintenance.splice(0);
    w.maintenanceChanged();
    w.at(at(1000));
    const rows = figures(w, 'site');
    expect(rows.get('ba-be-cho-ra')).toMatchObject({ excludedMs: 2 * 300_000, downMs: 0, outages: 0, measuredMs: 2 * 700_000 });
    expect(rows.get('na-ri')).toMatchObject({ excludedMs: 0, measuredMs: 1_000_000 });
    expect(new HistoryStore(w.db).maintenance(0, at(1000))).toEqual([{ siteId: 'ba-be', subtree: true, start: at(100), end: at(400), by: 'kythuat', reason: 'thay thiết bị' }]);
  });

  it('excludes a planned window only over its own span: nothing before it begins, exactly from–until once past', () => {
    const w = open({ now: at(0) });
    w.verdicts(at(0), { ...ALL_UP });
    w.at(at(100));
    // Planned at 100 s for 300–600 s.
    w.maintenance.push({ siteId: 'ba-be', by: 'kythuat', at: at(100), reason: 'thay thiết bị', from: at(300), until: at(600) });
    w.maintenanceChanged();
    w.at(at(200));
    expect(figures(w, 'site', at(0), at(1000)).get('ba-be-cho-ra')).toMatchObject({ excludedMs: 0, measuredMs: 2 * 200_000 });
    // The alarm service ends it by itself at 600 s; history is told a little later.
    w.at(at(610));
    w.maintenance.splice(0);
    w.maintenanceChanged();
    w.at(at(1000));
    const rows = figures(w, 'site');
    expect(rows.get('ba-be-cho-ra')).toMatchObject({ excludedMs: 2 * 300_000, measuredMs: 2 * 700_000 });
    expect(rows.get('na-ri')).toMatchObject({ excludedMs: 0, measuredMs: 1_000_000 });
    expect(new HistoryStore(w.db).maintenance(0, at(1000))).toEqual([{ siteId: 'ba-be', subtree: true, start: at(300), end: at(600), by: 'kythuat', reason: 'thay thiết bị' }]);
  });

  it('keeps no time for a planned window ended before it began', () => {
    const w = open({ now: at(0) });
    w.verdicts(at(0), { ...ALL_UP });
    w.at(at(100));
    w.maintenance.push({ siteId: 'ba-be', by: 'kythuat', at: at(100), reason: 'thay thiết bị', from: at(300), until: null });
    w.maintenanceChanged();
    w.at(at(200));
    w.maintenance.splice(0);
    w.maintenanceChanged();
    w.at(at(1000));
    expect(figures(w, 'site').get('ba-be-cho-ra')).toMatchObject({ excludedMs: 0, measuredMs: 2 * 1_000_000 });
  });

  it('reads a working-hours report only inside working hours', () => {
    const w = open({ now: at(0) });
    w.verdicts(at(0), { ...ALL_UP });
    // 09:00 to 18:00 local; down 16:30–17:30, half of it after work.
    w.verdicts(at(7.5 * 3600), { 'na-ri-1': 'down' });
    w.verdicts(at(8.5 * 3600), { 'na-ri-1': 'up' });
    w.at(at(9 * 3600));
    const v = w.history.availability(TECH, { from: at(0), to: at(9 * 3600), groupBy: 'site', workingHours: true });
    expect(v.workingHours).toBe(true);
    expect(v.rows.find((r) => r.group === 'na-ri')).toMatchObject({ measuredMs: 8 * 3600_000, downMs: 1800_000 });
  });
});
