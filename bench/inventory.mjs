#!/usr/bin/env node
// bench:inventory — a province-sized inventory through import (issue 12, benchmark).
//
//   npm run bench:inventory                       5,000 endpoints, 5 rounds
//   npm run bench:inventory -- --endpoints 2000 --rounds 3
//
// The engine starts on a generated inventory of N codecs (a province, 10 districts, communes
// below them, one codec each) with its SNMP poller running against loopback ports where nothing
// answers (so every poll times out and backs off: the poller is busy the whole time). The same
// inventory plus one new commune is exported as CSV (what a technician would edit in Excel), then,
// each round: previewInventoryImport (decode, parse, validate every row, diff) and
// applyInventoryImport (validate again, write the file atomically with a backup, go live), each
// timed from the call to its answer, through the engine's gate as a technician. Targets: preview
// ≤ 1 s and apply ≤ 2 s at 5,000 endpoints. Poller overruns during the run are reported (a busy
// import must not starve polling). One JSON object goes to stdout.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { endpoints: { type: 'string', default: '5000' }, rounds: { type: 'string', default: '5' } } });
const N = Number(values.endpoints);
const ROUNDS = Number(values.rounds);
const { startEngine, inventoryToCsv } = await import('../out/bench-inventory/entry.js');

function province(n, extra = 0) {
  const ep = (id, i) => ({ id: `${id}-1`, name: 'Phòng họp', host: '127.0.0.1', port: 20000 + (i % 40000), profile: 'generic-mib2', snmp: { version: '2c', community: 'bench-community' }, uri: `sip:${id}@vc.bench` });
  const sites = [{ id: 'tinh', name: 'UBND tỉnh Thử', tier: 'province', endpoints: [ep('tinh', 0)] }];
  const districts = 10;
  for (let d = 0; d < districts; d++) sites.push({ id: `huyen-${d}`, name: `UBND huyện Thử ${d}`, tier: 'district', parent: 'tinh', endpoints: [ep(`huyen-${d}`, d + 1)] });
  for (let i = sites.length; i < n + extra; i++) {
    const d = i % districts;
    sites.push({ id: `xa-${i}`, name: `UBND xã Thử Nghiệm ${i}`, tier: 'commune', parent: `huyen-${d}`, endpoints: [ep(`xa-${i}`, i)] });
  }
  return { name: 'Tỉnh Thử', timezone: 'Asia/Ho_Chi_Minh', tiers: ['province', 'district', 'commune'], monitoring: { intervalS: 5, timeoutMs: 500, retries: 0 }, traps: { port: 29462, address: '127.0.0.1' }, sites };
}

const dir = mkdtempSync(join(tmpdir(), 'bp-bench-inventory-'));
const file = join(dir, 'inventory.json');
writeFileSync(file, JSON.stringify(province(N)));
const TECH = { user: 'bench', role: 'technician' };
const engine = await startEngine({ inventoryPath: file, mcuDriver: null, accounts: { scryptCost: 10 } });
const base64 = Buffer.from(`\ufeff${inventoryToCsv(province(N, 1))}`, 'utf8').toString('base64');
const overrunsBefore = engine.monitoring?.stats().poller.overruns ?? 0;

const preview = [];
const apply = [];
for (let r = 0; r < ROUNDS; r++) {
  // Alternate between N and N + 1 sites, so every apply is a real change.
  const content = r % 2 === 0 ? base64 : Buffer.from(`\ufeff${inventoryToCsv(province(N))}`, 'utf8').toString('base64');
  let t = performance.now();
  const p = await engine.call(TECH, 'previewInventoryImport', { format: 'csv', content });
  preview.push(performance.now() - t);
  if (!p.ok || p.result.problems.length) throw new Error(`preview failed: ${JSON.stringify(p.ok ? p.result.problems.slice(0, 3) : p.error)}`);
  t = performance.now();
  const a = await engine.call(TECH, 'applyInventoryImport', { format: 'csv', content, baseVersion: p.result.baseVersion });
  apply.push(performance.now() - t);
  if (!a.ok) throw new Error(`apply failed: ${JSON.stringify(a.error)}`);
}
const stats = engine.monitoring?.stats().poller;
await engine.close();

const q = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor(p * s.length))] * 10) / 10;
};
console.log(
  JSON.stringify(
    {
      bench: 'inventory',
      machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version },
      endpoints: N,
      csvBytes: Math.round((base64.length * 3) / 4),
      rounds: ROUNDS,
      previewMs: { median: q(preview, 0.5), max: q(preview, 1), all: preview.map((x) => Math.round(x)) },
      applyMs: { median: q(apply, 0.5), max: q(apply, 1), all: apply.map((x) => Math.round(x)) },
      targets: { previewMs: 1000, applyMs: 2000 },
      met: Math.max(...preview) <= 1000 && Math.max(...apply) <= 2000,
      poller: { endpoints: stats?.endpoints, overrunsDuringRun: (stats?.overruns ?? 0) - overrunsBefore, pollsPerSecond: stats?.pollsPerSecond },
    },
    null,
    2,
  ),
);
