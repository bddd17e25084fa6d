#!/usr/bin/env node
// bench:discovery — a /22 sweep beside a busy poller (issue 12 item 5, benchmark).
//
//   ip netns exec NS npm run bench:discovery            300 agents, 5,000 polled codecs, 200 requests/s
//   ... -- --agents 200 --endpoints 2000 --rate 100
//
// Run it in a network namespace of its own (in one, all of 127/8 answers on lo): simulated codec
// agents (the simulator's, net-snmp agents, in a child process: bench/discovery-agents.mjs) listen on --agents distinct addresses spread over
// 127.1.0.0/22, one port (16161), community "bench-public". The engine runs with its SNMP poller on
// a generated inventory of --endpoints codecs at loopback ports where nothing answers (every poll
// times out and backs off: the poller is busy the whole time), as bench:inventory does. A
// technician sweeps 127.1.0.0/22 at --rate requests/s through the engine's gate, polling the
// sweep once a second as the panel does; every datagram the sweep sends is timed at the sender.
// Then a window of the same length without a sweep, in the same run, is the baseline for the
// poller's overruns. Targets: the sweep ≤ 30 s, never more than the rate in any second, every
// agent found, no more poller overruns during the sweep than in the baseline. One JSON object.
import { fork } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: { agents: { type: 'string', default: '300' }, endpoints: { type: 'string', default: '5000' }, rate: { type: 'string', default: '200' }, settle: { type: 'string', default: '10' } },
});
const AGENTS = Number(values.agents);
const N = Number(values.endpoints);
const RATE = Number(values.rate);
const SETTLE_S = Number(values.settle);
const PORT = 16161;
const CIDR = '127.1.0.0/22';
const { startEngine } = await import('../out/bench-discovery/entry.js');

function province(n) {
  const ep = (id, i) => ({ id: `${id}-1`, name: 'Phòng họp', host: '127.0.0.1', port: 20000 + (i % 40000), profile: 'generic-mib2', snmp: { version: '2c', community: 'bench-community' } });
  const sites = [{ id: 'tinh', name: 'UBND tỉnh Thử', tier: 'province', endpoints: [ep('tinh', 0)] }];
  for (let d = 0; d < 10; d++) sites.push({ id: `huyen-${d}`, name: `UBND huyện Thử ${d}`, tier: 'district', parent: 'tinh', endpoints: [ep(`huyen-${d}`, d + 1)] });
  for (let i = sites.length; i < n; i++) sites.push({ id: `xa-${i}`, name: `UBND xã Thử Nghiệm ${i}`, tier: 'commune', parent: `huyen-${i % 10}`, endpoints: [ep(`xa-${i}`, i)] });
  return { name: 'Tỉnh Thử', timezone: 'Asia/Ho_Chi_Minh', tiers: ['province', 'district', 'commune'], monitoring: { intervalS: 5, timeoutMs: 500, retries: 0 }, traps: { port: 29463, address: '127.0.0.1' }, sites };
}

/** The agents' addresses: spread evenly over the /22's 1,022 hosts. */
const agentHosts = Array.from({ length: AGENTS }, (_, k) => {
  const n = 1 + Math.floor((k * 1021) / AGENTS);
  return `127.1.${n >> 8}.${n & 255}`;
});
const profileIds = ['cisco-telepresence', 'polycom-group', 'generic-mib2'];
const agentInventory = {
  name: 'Đại lý',
  timezone: 'Asia/Ho_Chi_Minh',
  tiers: ['province'],
  sites: [{ id: 'agents', name: 'Agents', tier: 'province', endpoints: agentHosts.map((host, k) => ({ id: `agent-${k}`, name: `agent ${k}`, host, port: PORT, profile: profileIds[k % 3], snmp: { version: '2c', community: 'bench-public' } })) }],
};
// The agents run in a child process: they must not share the engine's event loop.
const agents = fork(join(import.meta.dirname, 'discovery-agents.mjs'), [JSON.stringify(agentInventory)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
process.on('exit', () => agents.kill());
await new Promise((resolve, reject) => {
  agents.once('message', (m) => (m?.type === 'ready' ? resolve() : reject(new Error(`agents: ${m?.message}`))));
  agents.once('exit', (code) => reject(new Error(`agents exited with ${code}`)));
});

const dir = mkdtempSync(join(tmpdir(), 'bp-bench-discovery-'));
const file = join(dir, 'inventory.json');
writeFileSync(file, JSON.stringify(province(N)));
const TECH = { user: 'bench', role: 'technician' };
const sends = [];
const engine = await startEngine({ inventoryPath: file, mcuDriver: null, accounts: { scryptCost: 10 }, discovery: { onSend: () => sends.push(performance.now()) } });
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const overruns = () => engine.monitoring?.stats().poller.overruns ?? 0;
// Let the poller reach its steady state (every codec tried once, back-off running).
await sleep(SETTLE_S * 1000);

const before = overruns();
const t0 = performance.now();
const started = await engine.call(TECH, 'startDiscovery', { cidr: CIDR, port: PORT, snmp: { version: '2c', community: 'bench-public' }, ratePerS: RATE });
if (!started.ok) throw new Error(`start failed: ${JSON.stringify(started.error)}`);
let sweep = started.result;
while (sweep.state === 'running') {
  await sleep(1000);
  const r = await engine.call(TECH, 'getDiscovery', { sweepId: sweep.sweepId });
  if (!r.ok) throw new Error(`get failed: ${JSON.stringify(r.error)}`);
  sweep = r.result;
}
// The sweep ended between two polls of the panel: its own end time is the duration.
const durationMs = Date.parse(sweep.endedAt) - Date.parse(sweep.startedAt);
const windowMs = performance.now() - t0;
const duringSweep = overruns() - before;
const baseBefore = overruns();
await sleep(windowMs);
const baseline = overruns() - baseBefore;
const stats = engine.monitoring?.stats().poller;
await engine.close();
agents.removeAllListeners('exit');
agents.send({ type: 'stop' });

let busiest = 0;
for (let i = 0, j = 0; i < sends.length; i++) {
  while (sends[i] - sends[j] >= 1000) j++;
  busiest = Math.max(busiest, i - j + 1);
}
const sendSpanS = (sends.at(-1) - sends[0]) / 1000;
const found = new Set(sweep.responders.map((r) => r.address));
const r1 = (x) => Math.round(x * 10) / 10;
const result = {
  bench: 'discovery',
  machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version, loadavg: loadavg().map(r1) },
  cidr: sweep.cidr,
  addresses: sweep.total,
  agents: AGENTS,
  polledEndpoints: N,
  rateLimit: RATE,
  durationMs: Math.round(durationMs),
  requests: { sent: sweep.sent, perSecondObserved: r1(sweep.sent / sendSpanS), busiestSecond: busiest },
  responders: { found: found.size, missed: agentHosts.filter((h) => !found.has(h)).length, extra: [...found].filter((a) => !agentHosts.includes(a)).length },
  profiles: Object.fromEntries(profileIds.map((p) => [p, sweep.responders.filter((r) => r.suggestedProfile === p).length])),
  poller: { endpoints: stats?.endpoints, overrunsDuringSweep: duringSweep, overrunsBaseline: baseline, windowMs: Math.round(windowMs), pollsPerSecond: stats?.pollsPerSecond },
  targets: { durationMs: 30_000, busiestSecond: RATE, overrunsAboveBaseline: 0 },
};
result.met = result.durationMs <= 30_000 && busiest <= RATE && result.responders.missed === 0 && duringSweep <= baseline;
console.log(JSON.stringify(result, null, 2));
