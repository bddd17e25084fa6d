#!/usr/bin/env node
// bench:history-size — database size per endpoint after a simulated month (issue 10, target ≤ 1.2 MB).
//
//   npm run bench:history-size                   5 endpoints, 30 days
//   npm run bench:history-size -- --endpoints 10 --days 30
//   npm run bench:history-size -- --keep-1m 24h --keep-15m 21d    another retention (as serve's flags)
//
// The worst case: every codec in a call around the clock, polled every 5 s, all four metrics. For
// each rollup level, the rows its retention still holds after D days (by default 1m: the last
// 48 h, 15m: the last 35 days, so all D days, 1h and 1d: all D days) are written through HistoryStore, each a histogram of the
// samples its bucket would hold (12 a minute; a bucket of more than an hour gets an hour's
// samples scaled up, which stores the same number of columns). Then dbstat measures the rollup
// table with its page overhead. One JSON object goes to stdout.
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    endpoints: { type: 'string', default: '5' },
    days: { type: 'string', default: '30' },
    'keep-1m': { type: 'string' },
    'keep-15m': { type: 'string' },
    'keep-1h': { type: 'string' },
    'keep-1d': { type: 'string' },
  },
});
const N = Number(values.endpoints);
const DAYS = Number(values.days);
const { openDatabase, HistoryStore, addSample, emptyHistogram, parseRetention, estimateStorage } = await import(new URL('../out/bench-history/entry.js', import.meta.url).href);
const retention = Object.fromEntries(['1m', '15m', '1h', '1d'].filter((l) => values[`keep-${l}`]).map((l) => [l, parseRetention(values[`keep-${l}`])]));

const DAY = 86_400_000;
const now = Date.UTC(2026, 5, 30);
let seed = 42;
const rand = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
const round = (n, d = 1) => Math.round(n * 10 ** d) / 10 ** d;
// The readings bench:history feeds the service (a clean link with some loss, jitter and latency, two call rates).
const READINGS = {
  packetLossPct: () => (rand() < 0.8 ? 0 : round(rand() * 2, 2)),
  jitterMs: () => round(1 + rand() * 9),
  latencyMs: () => round(20 + rand() * 40),
  bitrateKbps: () => (rand() < 0.5 ? 1024 : 2048),
};
const histogram = (metric, samples) => {
  const n = Math.min(samples, 720);
  let h = emptyHistogram(metric);
  for (let i = 0; i < n; i++) h = addSample(h, READINGS[metric]());
  const k = samples / n;
  return k === 1 ? h : { ...h, counts: h.counts.map((c) => c * k), count: h.count * k, sum: h.sum * k };
};

const dir = mkdtempSync(join(tmpdir(), 'bp-bench-history-size-'));
const db = openDatabase(join(dir, 'history.db'));
const store = new HistoryStore(db, { retention });
store.startRun(now, () => false);
const rowsPerLevel = {};
for (const level of store.levels) {
  const kept = Math.min(level.retentionMs, DAYS * DAY);
  let batch = [];
  rowsPerLevel[level.id] = 0;
  for (let t = now - kept; t < now; t += level.bucketMs) {
    for (let e = 0; e < N; e++) {
      for (const metric of Object.keys(READINGS)) batch.push({ level: level.id, bucketStart: t, endpointId: `h${e}-x${e}-1`, histogram: histogram(metric, level.bucketMs / 5000) });
    }
    if (batch.length >= 5000) {
      rowsPerLevel[level.id] += store.write({ rollups: batch, outages: [], known: [], maintenance: [], aliveAt: now }).rollups;
      batch = [];
    }
  }
  rowsPerLevel[level.id] += store.write({ rollups: batch, outages: [], known: [], maintenance: [], aliveAt: now }).rollups;
}
store.drain();
const bytes = db.prepare("SELECT SUM(pgsize) AS b FROM dbstat WHERE name IN ('history_buckets', 'history_series')").get().b;
const tableRows = db.prepare('SELECT COUNT(*) AS n FROM history_buckets').get().n;
const rows = Object.values(rowsPerLevel).reduce((s, n) => s + n, 0);
db.close();
rmSync(dir, { recursive: true, force: true });
const perEndpointMB = bytes / N / 1e6;
console.log(
  JSON.stringify({
    bench: 'history-size',
    machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version },
    endpoints: N,
    days: DAYS,
    retention: Object.fromEntries(store.levels.map((l) => [l.id, `${l.retentionMs / 3_600_000} h`])),
    tableRows,
    bytesPerTableRow: round(bytes / tableRows),
    rowsPerEndpoint: Object.fromEntries(Object.entries(rowsPerLevel).map(([l, n]) => [l, n / N])),
    bytesPerRow: round(bytes / rows),
    steadyStatePerEndpointMB: round(estimateStorage(1, bytes / rows, 4, store.levels).bytes / 1e6, 2),
    perEndpointMB: round(perEndpointMB, 3),
    at5000EndpointsGB: round((perEndpointMB * 5000) / 1000, 2),
    targetPerEndpointMB: 1.2,
    met: perEndpointMB <= 1.2,
  }),
);
