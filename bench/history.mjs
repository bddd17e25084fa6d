#!/usr/bin/env node
// bench:history — what link-health history writes (issue 10, measurement).
//
//   npm run bench:history                              the 121-site demo, then 5,000 endpoints, one simulated hour each
//   npm run bench:history -- --endpoints 121 --hours 2
//   npm run bench:history -- --endpoints 5000 --slice-rows 0   no slicing: every flush in one transaction (the baseline)
//
// `npm run bench:history` first bundles bench/history-entry.ts with Vite (bench/history.vite.config.mjs);
// this file then runs with the project's Node 22.
//
// The history service runs on a real StatusTable and a SQLite file in out/bench-history/, on a
// simulated clock (an hour takes seconds to minutes): every codec is polled every 5 s (staggered,
// one fifth each second) and reports all four metrics, as if every codec were in a call all hour
// (the most rows there can be); every 10 minutes a district goes dark for 2 minutes (its codec
// down, its communes unreachable). The service flushes every 10 s, as in the engine. After each
// flush the WAL is checkpointed by hand (wal_autocheckpoint off) to count what was written:
// WAL frames (each commit appends every page it dirtied) and the pages copied into the file.
// A real engine checkpoints every 1,000 pages, so the file writes here are an upper bound.
//
// The store writes a flush's first slice of rollup rows at once and the rest in later slices (one
// transaction each, sliced-writer.ts). Here a later slice runs after the next simulated second's
// status batch, as the event loop would run its timer: each flush and each slice is timed as one
// main-thread task ("historyTaskMs").
//
// One JSON object per run goes to stdout.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { endpoints: { type: 'string' }, hours: { type: 'string', default: '1' }, 'slice-rows': { type: 'string' } } });
const sliceRows = values['slice-rows'] === undefined ? undefined : Number(values['slice-rows']) || Number.MAX_SAFE_INTEGER;
const HOURS = Number(values.hours);
const root = new URL('..', import.meta.url).pathname;
const { openDatabase, HistoryService, HistoryStore, StatusTable, validateInventory, estimateStorage } = await import(new URL('../out/bench-history/entry.js', import.meta.url).href);
const T0 = Date.UTC(2026, 5, 8, 0, 0, 0);

function inventoryOf(raw) {
  const r = validateInventory(raw);
  if (!r.ok) throw new Error(JSON.stringify(r.issues.slice(0, 3)));
  return r.inventory;
}

const demo = () => inventoryOf(JSON.parse(readFileSync(join(root, 'assets/inventory/bac-kan.json'), 'utf8')));

/** A province of `n` codecs: one province site, districts of 99 communes, one codec per site. */
function synthetic(n) {
  const ep = (id) => ({ id: `${id}-1`, name: 'Phòng họp', host: '127.0.0.1' });
  const sites = [{ id: 'tinh', name: 'Tỉnh', tier: 'province', endpoints: [ep('tinh')] }];
  for (let d = 0; sites.length < n; d++) {
    sites.push({ id: `h${d}`, name: `Huyện ${d}`, tier: 'district', parent: 'tinh', endpoints: [ep(`h${d}`)] });
    for (let c = 0; c < 99 && sites.length < n; c++) sites.push({ id: `h${d}-x${c}`, name: `Xã ${d}.${c}`, tier: 'commune', parent: `h${d}`, endpoints: [ep(`h${d}-x${c}`)] });
  }
  return inventoryOf({ name: 'Tỉnh thử', tiers: ['province', 'district', 'commune'], sites });
}

const pct = (xs, p) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] : null);
const round = (n, d = 1) => Math.round(n * 10 ** d) / 10 ** d;

function run(name, inventory) {
  const outDir = join(root, 'out/bench-history');
  mkdirSync(outDir, { recursive: true });
  const dir = mkdtempSync(join(outDir, 'run-'));
  const db = openDatabase(join(dir, 'history.db'));
  db.exec('PRAGMA wal_autocheckpoint = 0');
  const pageSize = db.prepare('PRAGMA page_size').get().page_size;
  let clock = T0;
  const status = new StatusTable(3_600_000, () => new Date(clock));
  const endpoints = inventory.sites.flatMap((s) => s.endpoints.map((e) => ({ endpointId: e.id, siteId: s.id })));
  status.setEndpoints(endpoints);
  status.flush();
  const slices = [];
  const store = new HistoryStore(db, { sliceRows, schedule: (run) => slices.push(run) });
  // The store's part of each flush (its transaction with the first slice), apart from gathering.
  const writeMs = [];
  const write = store.write.bind(store);
  store.write = (batch) => {
    const t = performance.now();
    try {
      return write(batch);
    } finally {
      writeMs.push(performance.now() - t);
    }
  };
  const history = new HistoryService(
    store,
    {
      inventory: () => inventory,
      statuses: () => status.snapshot().statuses,
      status: (id) => status.get(id),
      onDelta: (l) => status.onDelta(l),
      maintenance: () => [],
      onMaintenanceChange: () => () => {},
    },
    { now: () => clock, flushEveryMs: 0 },
  );
  let walFrames = 0;
  let filePages = 0;
  const checkpoint = () => {
    const r = db.prepare('PRAGMA wal_checkpoint(PASSIVE)').get();
    walFrames += r.log;
    filePages += r.checkpointed;
    db.prepare('PRAGMA wal_checkpoint(TRUNCATE)').get();
  };
  history.flush();
  checkpoint();
  [walFrames, filePages] = [0, 0];
  const before = { ...history.stats };
  const sizeBefore = db.prepare('PRAGMA page_count').get().page_count * pageSize;

  const districts = inventory.sites.filter((s) => s.tier === 'district');
  const communesOf = (d) => inventory.sites.filter((s) => s.parent === d.id).flatMap((s) => s.endpoints.map((e) => e.id));
  let seed = 42;
  const rand = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const flushMs = [];
  const sliceMs = [];
  const statusMs = [];
  const cpu0 = process.cpuUsage();
  let dark = null;
  for (let s = 0; s < HOURS * 3600; s++) {
    clock = T0 + s * 1000;
    const at = new Date(clock).toISOString();
    if (s % 600 === 0 && districts.length) {
      const d = districts[(s / 600) % districts.length];
      dark = { codec: d.endpoints[0].id, communes: communesOf(d), until: s + 120 };
      status.update(dark.codec, { reachability: 'down', measuredAt: { reachability: at } });
      for (const id of dark.communes) status.update(id, { reachability: 'unreachable', measuredAt: { reachability: at } });
    } else if (dark && s === dark.until) {
      for (const id of [dark.codec, ...dark.communes]) status.update(id, { reachability: 'up', measuredAt: { reachability: at } });
      dark = null;
    }
    for (let i = s % 5; i < endpoints.length; i += 5) {
      const id = endpoints[i].endpointId;
      if (s < 5) status.update(id, { reachability: 'up', measuredAt: { reachability: at } });
      status.update(id, {
        latencyMs: round(20 + rand() * 40),
        jitterMs: round(1 + rand() * 9),
        packetLossPct: rand() < 0.8 ? 0 : round(rand() * 2, 2),
        bitrateKbps: rand() < 0.5 ? 1024 : 2048,
        measuredAt: { latencyMs: at, jitterMs: at, packetLossPct: at, bitrateKbps: at },
      });
    }
    let t = performance.now();
    status.flush();
    statusMs.push(performance.now() - t);
    for (const slice of slices.splice(0)) {
      t = performance.now();
      slice();
      sliceMs.push(performance.now() - t);
      checkpoint();
    }
    if (s % 10 === 9) {
      t = performance.now();
      history.flush();
      flushMs.push(performance.now() - t);
      checkpoint();
    }
  }
  const cpu = process.cpuUsage(cpu0);
  clock = T0 + HOURS * 3600_000;
  history.flush();
  store.drain();
  checkpoint();
  const rows = (db.prepare('SELECT COUNT(*) AS n FROM history_buckets').get().n);
  const size = db.prepare('PRAGMA page_count').get().page_count * pageSize;
  let rollupBytes = null; // stays null without dbstat in this SQLite build: the file's growth stands in
  try {
    rollupBytes = db.prepare("SELECT SUM(pgsize) AS b FROM dbstat WHERE name = 'history_buckets'").get().b;
  } catch {
    /* no dbstat */
  }
  const s = history.stats;
  const rowBytes = round((rollupBytes ?? size - sizeBefore) / s.rollupsWritten, 1);
  const result = {
    name,
    endpoints: endpoints.length,
    hours: HOURS,
    samples: s.samples - before.samples,
    rowsWritten: { rollups: s.rollupsWritten - before.rollupsWritten, outages: s.outagesWritten - before.outagesWritten, flushes: s.flushes - before.flushes },
    perHour: {
      rollupRows: Math.round((s.rollupsWritten - before.rollupsWritten) / HOURS),
      outageRows: Math.round((s.outagesWritten - before.outagesWritten) / HOURS),
      walBytes: Math.round((walFrames * (pageSize + 24)) / HOURS),
      fileBytes: Math.round((filePages * pageSize) / HOURS),
      fileGrowthBytes: Math.round((size - sizeBefore) / HOURS),
    },
    tableRows: rows,
    bytesPerTableRow: round((rollupBytes ?? size - sizeBefore) / rows, 1),
    bytesPerRollupRow: rowBytes,
    rowBytesFrom: rollupBytes === null ? 'file growth' : 'dbstat',
    sliceRows: sliceRows ?? 'default',
    flushMs: { p50: round(pct(flushMs, 50)), p99: round(pct(flushMs, 99)), max: round(Math.max(...flushMs)) },
    storeWriteMs: { p50: round(pct(writeMs, 50)), p99: round(pct(writeMs, 99)), max: round(Math.max(...writeMs)) },
    laterSlices: sliceMs.length,
    laterSliceMs: sliceMs.length ? { p50: round(pct(sliceMs, 50)), p99: round(pct(sliceMs, 99)), max: round(Math.max(...sliceMs)) } : null,
    historyTaskMs: { p50: round(pct([...flushMs, ...sliceMs], 50)), p99: round(pct([...flushMs, ...sliceMs], 99)), max: round(Math.max(...flushMs, ...sliceMs)) },
    statusBatchMs: { p50: round(pct(statusMs, 50), 2), p99: round(pct(statusMs, 99), 2), max: round(Math.max(...statusMs)) },
    cpuS: round((cpu.user + cpu.system) / 1e6),
    cpuPctOfOneCore: round(((cpu.user + cpu.system) / 1e6 / (HOURS * 3600)) * 100, 2),
    steadyState: estimateStorage(endpoints.length, rowBytes),
  };
  history.close();
  status.close();
  db.close();
  rmSync(dir, { recursive: true, force: true });
  return result;
}

const runs = values.endpoints ? [[`${values.endpoints} endpoints`, Number(values.endpoints) === 121 ? demo() : synthetic(Number(values.endpoints))]] : [['demo (121 sites)', demo()], ['5,000 endpoints', synthetic(5000)]];
for (const [name, inv] of runs) console.log(JSON.stringify(run(name, inv)));
