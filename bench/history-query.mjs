#!/usr/bin/env node
// bench:history-query — reading link-health history back (issue 10, benchmark targets).
//
//   npm run bench:history-query                  500 communes, 30 days, 5 rounds
//   npm run bench:history-query -- --communes 200 --days 30 --rounds 3
//
// A province of N communes (5 districts, one codec per site) with D days of history written
// straight into the engine's SQLite file the way the history service stores it: hourly and daily
// rollups of the four metrics for every codec over the whole period, 15-minute rows for the first
// and the last day (where a query's range edges read them), and three outages per codec at random
// times. Then the engine starts on that file (monitoring off) and, as a supervisor, each round:
// getAvailability for the last 30 days by district (target ≤ 200 ms) and getHealthReport for the
// month as CSV and as PDF (target ≤ 2 s). Times are from the call to its answer. One JSON object
// goes to stdout.
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { communes: { type: 'string', default: '500' }, days: { type: 'string', default: '30' }, rounds: { type: 'string', default: '5' } } });
const N = Number(values.communes);
const DAYS = Number(values.days);
const ROUNDS = Number(values.rounds);
const { openDatabase, HistoryStore, startEngine, addSample, emptyHistogram } = await import(new URL('../out/bench-history/entry.js', import.meta.url).href);

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const now = Date.now();
const start = Math.floor((now - DAYS * DAY) / DAY) * DAY;
const DISTRICTS = 5;
const ep = (id, i) => ({ id: `${id}-1`, name: 'Phòng họp', host: '127.0.0.1', port: 20000 + i, profile: 'generic-mib2', snmp: { version: '2c', community: 'bench' } });
const sites = [{ id: 'tinh', name: 'UBND tỉnh Thử', tier: 'province', endpoints: [ep('tinh', 0)] }];
for (let d = 0; d < DISTRICTS; d++) sites.push({ id: `huyen-${d}`, name: `UBND huyện Thử ${d}`, tier: 'district', parent: 'tinh', endpoints: [ep(`huyen-${d}`, d + 1)] });
for (let i = 0; i < N; i++) sites.push({ id: `xa-${i}`, name: `UBND xã Thử ${i}`, tier: 'commune', parent: `huyen-${i % DISTRICTS}`, endpoints: [ep(`xa-${i}`, 100 + i)] });
const inventory = { name: 'Tỉnh Thử', timezone: 'Asia/Ho_Chi_Minh', tiers: ['province', 'district', 'commune'], sites };

const dir = mkdtempSync(join(tmpdir(), 'bp-bench-history-query-'));
const inventoryPath = join(dir, 'inventory.json');
const databasePath = join(dir, 'bridgepoint.db');
writeFileSync(inventoryPath, JSON.stringify(inventory));

// A seeded generator, so every run writes the same history.
let seed = 42;
const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
const METRICS = { packetLossPct: () => random() * 2, jitterMs: () => 5 + random() * 40, latencyMs: () => 20 + random() * 150, bitrateKbps: () => 1500 + random() * 500 };
const histogramOf = (metric, samples) => {
  let h = emptyHistogram(metric);
  for (let i = 0; i < samples; i++) h = addSample(h, METRICS[metric]());
  return h;
};

const t0 = performance.now();
const db = openDatabase(databasePath);
const store = new HistoryStore(db, { sliceRows: Number.MAX_SAFE_INTEGER }); // one transaction per write: no slices to wait for
store.startRun(start, () => false);
const endpoints = sites.map((s) => ({ endpointId: s.endpoints[0].id, siteId: s.id }));
let rows = 0;
const write = (rollups, outages = [], known = []) => {
  const r = store.write({ rollups, outages, known, maintenance: [], aliveAt: now });
  rows += r.rollups + r.outages;
};
write([], [], endpoints.map((e) => ({ ...e, since: start })));
for (const e of endpoints) {
  const rollups = [];
  for (const metric of Object.keys(METRICS)) {
    for (let t = start; t < now - HOUR; t += HOUR) rollups.push({ level: '1h', bucketStart: t, endpointId: e.endpointId, histogram: histogramOf(metric, 8) });
    for (let t = start; t < now - DAY; t += DAY) rollups.push({ level: '1d', bucketStart: t, endpointId: e.endpointId, histogram: histogramOf(metric, 24) });
    for (const edge of [start, now - DAY]) for (let t = Math.floor(edge / 900_000) * 900_000; t < edge + DAY && t < now; t += 900_000) rollups.push({ level: '15m', bucketStart: t, endpointId: e.endpointId, histogram: histogramOf(metric, 3) });
  }
  const outages = [0, 1, 2].map(() => {
    const s = start + Math.floor(random() * (now - start - HOUR));
    return { kind: 'put', outage: { endpointId: e.endpointId, siteId: e.siteId, start: s, end: s + Math.floor(random() * 1_800_000) + 1000, cause: 'down', behind: null } };
  });
  write(rollups, outages);
}
store.drain();
db.close();
const writeS = (performance.now() - t0) / 1000;

const engine = await startEngine({ inventoryPath, databasePath, monitoring: false, mcuDriver: null, accounts: { scryptCost: 10 } });
const SUPERVISOR = { user: 'giamsat', role: 'supervisor' };
const timed = async (method, input) => {
  const t = performance.now();
  const r = await engine.call(SUPERVISOR, method, input);
  const ms = performance.now() - t;
  if (!r.ok) throw new Error(`${method}: ${JSON.stringify(r.error)}`);
  return ms;
};
const availability = [];
const csv = [];
const pdf = [];
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date(now - DAY));
for (let r = 0; r < ROUNDS; r++) {
  availability.push(await timed('getAvailability', { from: new Date(now - 30 * DAY).toISOString(), to: new Date(now).toISOString(), groupBy: 'district' }));
  csv.push(await timed('getHealthReport', { period: 'month', end: today, format: 'csv' }));
  pdf.push(await timed('getHealthReport', { period: 'month', end: today, format: 'pdf' }));
}
await engine.close();

const q = (xs, p) => Math.round([...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))] * 10) / 10;
const summary = (xs) => ({ median: q(xs, 0.5), max: q(xs, 1), all: xs.map((x) => Math.round(x)) });
console.log(
  JSON.stringify(
    {
      bench: 'history-query',
      machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version },
      communes: N,
      endpoints: endpoints.length,
      days: DAYS,
      rowsWritten: rows,
      databaseMB: Math.round((statSync(databasePath).size / 1_048_576) * 10) / 10,
      writeS: Math.round(writeS * 10) / 10,
      availability30dByDistrictMs: summary(availability),
      monthlyReportCsvMs: summary(csv),
      monthlyReportPdfMs: summary(pdf),
      targets: { availabilityMs: 200, reportMs: 2000 },
      met: Math.max(...availability) <= 200 && Math.max(...csv, ...pdf) <= 2000,
    },
    null,
    2,
  ),
);
