#!/usr/bin/env node
// bench:alarms — status transitions through the alarm rules to the alarms stream (issue 9, benchmark).
//
//   npm run bench:alarms                          60 s of load, then the district outage (about 3 minutes)
//   npm run bench:alarms -- --duration-s 20 --rate-per-min 10000
//
// `npm run bench:alarms` first bundles bench/alarms-entry.ts with Vite (bench/alarms.vite.config.mjs)
// because the engine sources are TypeScript; this file then runs with the project's Node 22.
//
//   1. load     the engine on the demo inventory (no polling: this process writes the status
//               table, as the poller would) behind the console's HTTP + WebSocket server, with
//               every rule's on- and off-delay set to 0 so each transition is an alarm transition.
//               A client logged in over HTTP subscribes to `status` and `alarms` on /ws. Every
//               6 ms one endpoint's packet loss flips between 0.1 % and 5 % (10,000 a minute);
//               the time from the write to the delta on /ws is the baseline, and to the
//               endpoint's loss alarm changing state on /ws the figure measured (both include
//               the status table's 50 ms batching). CPU is this whole process (engine and client).
//   2. outage   `serve --demo` as it runs (simulated codecs polled over SNMP, default rules):
//               Ba Bể's codecs are switched off in the simulator; times from the fault to the
//               first failed poll of the district's codec (the poller's log line), to the district
//               going down on /ws and to its alarm being annunciated, and which other alarms were
//               annunciated during the outage and the recovery (the target is none).
//
// One JSON object goes to stdout.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { WebSocket } from 'ws';

const { values } = parseArgs({ options: { 'duration-s': { type: 'string', default: '60' }, 'rate-per-min': { type: 'string', default: '10000' } } });
const DURATION_MS = Number(values['duration-s']) * 1000;
const PERIOD_MS = 60_000 / Number(values['rate-per-min']);
const ADMIN = 'bench-alarms-admin-7d1e';
const { startEngine, startConsole, createConsoleServer, DEFAULT_ALARM_RULES } = await import(new URL('../out/bench-alarms/entry.js', import.meta.url).href);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const round = (n) => (n === null ? null : Math.round(n * 10) / 10);
const pct = (xs, p) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] : null);
const summary = (xs) => ({ n: xs.length, p50Ms: round(pct(xs, 50)), p99Ms: round(pct(xs, 99)), maxMs: round(xs.length ? Math.max(...xs) : null) });

function renderer() {
  const dir = mkdtempSync(join(tmpdir(), 'bp-bench-alarms-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Bridgepoint</title>');
  return dir;
}

/** The console's server over an engine, logged in as the administrator, subscribed to status and alarms. */
async function connect(engine) {
  const server = createConsoleServer({ engine, rendererDir: renderer() });
  const { port } = await server.listen(0, '127.0.0.1');
  const res = await fetch(`http://127.0.0.1:${port}/api/v1/rpc/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user: 'admin', password: ADMIN }) });
  if (res.status !== 200) throw new Error(`login: ${res.status} ${await res.text()}`);
  const { token } = await res.json();
  const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`, ['bridgepoint', `bearer.${token}`]);
  await new Promise((resolve, reject) => (ws.once('open', resolve), ws.once('error', reject)));
  ws.send(JSON.stringify({ t: 'sub', stream: 'status' }));
  ws.send(JSON.stringify({ t: 'sub', stream: 'alarms' }));
  return { server, ws };
}

async function load() {
  const rules = DEFAULT_ALARM_RULES.map((r) => ({ ...r, onDelayS: 0, offDelayS: 0 }));
  const engine = await startEngine({ inventoryPath: null, monitoring: false, mcuDriver: null, flushMs: 50, accounts: { adminPassword: ADMIN }, alarms: { rules } });
  const ids = engine.inventory().sites.flatMap((s) => s.endpoints.map((e) => e.id));
  for (const id of ids) engine.status.update(id, { reachability: 'up', packetLossPct: 0.1 });
  engine.status.flush();
  const { server, ws } = await connect(engine);
  const lossy = new Map(ids.map((id) => [id, false]));
  const statusSent = new Map();
  const alarmSent = new Map();
  const statusLatency = [];
  const alarmLatency = [];
  let alarmFrames = 0;
  ws.on('message', (data) => {
    const now = performance.now();
    const f = JSON.parse(data.toString());
    if (f.t !== 'evt') return;
    if (f.stream === 'status' && f.payload.kind === 'delta') {
      for (const u of f.payload.updates) {
        const t = statusSent.get(u.endpointId);
        if (t === undefined) continue;
        statusLatency.push(now - t);
        statusSent.delete(u.endpointId);
      }
    }
    if (f.stream === 'alarms' && f.payload.kind === 'changed') {
      alarmFrames++;
      for (const a of f.payload.alarms) {
        if (a.ruleId !== 'loss-high') continue;
        const active = a.state === 'unack' || a.state === 'ack';
        const t = alarmSent.get(a.subject.id);
        if (t === undefined || active !== lossy.get(a.subject.id)) continue;
        alarmLatency.push(now - t);
        alarmSent.delete(a.subject.id);
      }
    }
  });
  await sleep(1000);
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  let sent = 0;
  let next = performance.now();
  while (performance.now() - wall0 < DURATION_MS) {
    const id = ids[sent % ids.length];
    const now = performance.now();
    // An endpoint whose last change is still in flight is skipped, so each latency has one cause.
    if (!alarmSent.has(id) && !statusSent.has(id)) {
      lossy.set(id, !lossy.get(id));
      statusSent.set(id, now);
      alarmSent.set(id, now);
      engine.status.update(id, { packetLossPct: lossy.get(id) ? 5 : 0.1 });
    }
    sent++;
    next += PERIOD_MS;
    const wait = next - performance.now();
    if (wait > 0) await sleep(wait);
    else if (sent % 50 === 0) await sleep(0);
  }
  const loadS = (performance.now() - wall0) / 1000;
  await sleep(1000);
  const cpu = process.cpuUsage(cpu0);
  const wallS = (performance.now() - wall0) / 1000;
  ws.close();
  await server.close();
  await engine.close();
  return {
    transitionsPerMin: Math.round((alarmLatency.length + alarmSent.size) / (loadS / 60)),
    alarmFrames,
    statusOnWs: summary(statusLatency),
    alarmOnWs: summary(alarmLatency),
    unanswered: alarmSent.size,
    cpuPctOfOneCore: round((100 * (cpu.user + cpu.system)) / 1000 / (wallS * 1000)),
  };
}

async function outage() {
  // The poller logs each failed poll ("bridgepoint: snmp ba-be-1: timeout"): the first one after
  // the fault is when the console could first know, the start of the 10 s budget.
  let firstFailedPollAt = null;
  let faultAt = null;
  let clearedAt = null;
  const print = console.log;
  console.log = (...args) => {
    if (firstFailedPollAt === null && faultAt !== null && String(args[0]).includes('snmp ba-be-1: timeout')) firstFailedPollAt = performance.now();
    print(...args);
  };
  const running = await startConsole({ inventoryPath: null, demo: true, adminPassword: ADMIN });
  const { server, ws } = await connect(running);
  const communes = new Set(running.inventory().sites.filter((s) => s.parent === 'ba-be').flatMap((s) => s.endpoints.map((e) => e.id)));
  let downAt = null;
  let alarmAt = null;
  let upAt = null;
  const others = [];
  ws.on('message', (data) => {
    const now = performance.now();
    const f = JSON.parse(data.toString());
    if (f.t !== 'evt') return;
    if (f.stream === 'status') {
      const rows = f.payload.kind === 'snapshot' ? f.payload.statuses : f.payload.updates;
      for (const u of rows) {
        if (u.endpointId === 'ba-be-1' && u.reachability === 'down' && downAt === null && faultAt !== null) downAt = now;
        if (u.endpointId === 'ba-be-1' && u.reachability === 'up' && upAt === null && clearedAt !== null) upAt = now;
      }
    }
    if (f.stream === 'alarms' && f.payload.kind === 'changed' && faultAt !== null) {
      for (const id of f.payload.annunciate) {
        if (id === 'endpoint-down@endpoint:ba-be-1' && alarmAt === null) alarmAt = now;
        else others.push(id);
      }
    }
  });
  // Wait until the codecs answer (the first polls), then break the district.
  const started = performance.now();
  while (running.status.get('ba-be-1')?.reachability !== 'up' || [...communes].some((id) => running.status.get(id)?.reachability !== 'up')) {
    if (performance.now() - started > 60_000) throw new Error('the demo codecs did not come up within 60 s');
    await sleep(250);
  }
  await sleep(2000);
  faultAt = performance.now();
  running.simulator.applyFault({ target: 'ba-be', kind: 'down' });
  while (alarmAt === null && performance.now() - faultAt < 60_000) await sleep(100);
  await sleep(20_000);
  clearedAt = performance.now();
  running.simulator.applyFault({ target: 'ba-be', kind: 'clear' });
  await sleep(30_000);
  ws.close();
  await server.close();
  await running.close();
  console.log = print;
  return {
    faultToFirstFailedPollMs: firstFailedPollAt === null ? null : Math.round(firstFailedPollAt - faultAt),
    firstFailedPollToAlarmOnWsMs: firstFailedPollAt === null || alarmAt === null ? null : Math.round(alarmAt - firstFailedPollAt),
    faultToDownOnWsMs: downAt === null ? null : Math.round(downAt - faultAt),
    faultToAlarmOnWsMs: alarmAt === null ? null : Math.round(alarmAt - faultAt),
    downOnWsToAlarmMs: downAt === null || alarmAt === null ? null : Math.round(alarmAt - downAt),
    clearToUpOnWsMs: upAt === null ? null : Math.round(upAt - clearedAt),
    otherAlarmsAnnunciated: others,
  };
}

const machine = { cpus: cpus().length, model: cpus()[0]?.model ?? '?', node: process.version };
const loadResult = await load();
const outageResult = await outage();
console.log(JSON.stringify({ bench: 'alarms', machine, durationS: DURATION_MS / 1000, load: loadResult, outage: outageResult }, null, 2));
process.exit(0);
