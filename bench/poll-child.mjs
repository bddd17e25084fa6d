// The processes bench/poll.mjs forks, one role each (argv[2]); see bench/poll.mjs for the whole.
//
//   sim    the simulated codecs of an inventory (startSimulator, scenario static), some put in call
//   engine the engine as `bridgepoint serve` runs it: serve() = startEngine with monitoring + HTTP/WS
//   raw    the raw ceiling: bare net-snmp requests, same sessions, OIDs and in-flight bound, no poller
//   poller createSnmpPoller alone at an interval short enough to saturate it
//   reachability  the tree's reachability re-derivation after a flip: whole tree vs the changed subtree
//
// Every role talks to the parent over the IPC channel ({ type: ... } messages) and exits when the
// parent goes away, so no agent or engine outlives a crashed or interrupted benchmark.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import snmp from 'net-snmp';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { writeHeapSnapshot } from 'node:v8';
import { Session as InspectorSession } from 'node:inspector/promises';
import { writeFileSync } from 'node:fs';
import {
  createReachabilityTracker,
  createSnmpPoller,
  limitHeapGrowth,
  deriveNetworkReachability,
  loadInventory,
  loadProfiles,
  planPoll,
  serve,
  startSimulator,
  v3User,
} from '../out/bench-poll/entry.js';

const role = process.argv[2];
const args = JSON.parse(process.argv[3] ?? '{}');
const send = (msg) => process.send?.(msg);
/** The last message of a one-shot role: send it, then exit. */
const done = (msg) => process.send?.(msg, () => process.exit(0)) ?? process.exit(0);

process.on('disconnect', () => process.exit(1));
const onMessage = (handler) => process.on('message', (m) => void Promise.resolve(handler(m)).catch(fail));

function fail(e) {
  send({ type: 'error', message: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  setTimeout(() => process.exit(1), 100);
}

function endpointsOf(inventory, profiles) {
  return inventory.sites.flatMap((s) =>
    s.endpoints.map((e) => ({ endpointId: e.id, host: e.host, port: e.port, snmp: e.snmp, profile: profiles.get(e.profile) })),
  );
}

function percentiles(values) {
  if (values.length === 0) return { p50: null, p99: null, max: null };
  const sorted = Float64Array.from(values).sort();
  const at = (q) => round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]);
  return { p50: at(0.5), p99: at(0.99), max: round(sorted[sorted.length - 1]) };
}
const round = (v) => Math.round(v * 10) / 10;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** CPU time of this process (ms) since `from`. */
const cpuMs = (from) => {
  const u = process.cpuUsage(from);
  return (u.user + u.system) / 1000;
};

async function runSim() {
  const inventory = await loadInventory(args.inventoryPath);
  const profiles = loadProfiles();
  const t0 = performance.now();
  const sim = await startSimulator({ inventory, profiles, trapTarget: { host: '127.0.0.1', port: args.trapPort }, scenario: 'static' });
  let inCall = 0;
  for (const e of endpointsOf(inventory, profiles)) {
    if (args.inCall.includes(e.endpointId) && sim.setCall(e.endpointId, { inCall: true, remote: 'MCU-BENCH' })) inCall++;
  }
  send({ type: 'ready', endpoints: sim.endpoints(), inCall, startMs: Math.round(performance.now() - t0) });
  onMessage(async (m) => {
    if (m.type !== 'stop') return;
    await sim.close();
    process.exit(0);
  });
}

async function runEngine() {
  // The histogram records the time between its timer's runs: subtract the period for the delay.
  const ELD_MS = 10;
  const eld = monitorEventLoopDelay({ resolution: ELD_MS });
  eld.enable();
  // As `bridgepoint serve` runs (electron/server/cli.ts), unless the bench asks for V8's default.
  if (!args.defaultHeapGrowth) limitHeapGrowth();
  const running = await serve({ inventoryPath: args.inventoryPath, databasePath: args.databasePath, demo: false, host: '127.0.0.1', port: 0, adminPassword: args.adminPassword });
  const stats = () => running.engine.monitoring?.stats() ?? null;
  const delay = (ns) => round(Math.max(0, ns / 1e6 - ELD_MS));
  send({ type: 'ready', url: running.url, trapPort: stats()?.traps?.port ?? null });
  // --cpu-prof: the measured window only (from 'mark' to the next 'stats'), not start-up or shutdown.
  let profiler = null;
  onMessage(async (m) => {
    if (m.type === 'mark') eld.reset();
    if (m.type === 'mark' && (args.windowProfile || args.allocationProfile)) {
      profiler = new InspectorSession();
      profiler.connect();
      if (args.windowProfile) {
        await profiler.post('Profiler.enable');
        await profiler.post('Profiler.setSamplingInterval', { interval: 250 });
        await profiler.post('Profiler.start');
      }
      // Every allocation sampled, the garbage too: where the collector's work comes from.
      if (args.allocationProfile) {
        await profiler.post('HeapProfiler.enable');
        await profiler.post('HeapProfiler.startSampling', { samplingInterval: 16384, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
      }
    } else if (m.type === 'stats' && profiler) {
      const write = (file, data) => (mkdirSync(dirname(file), { recursive: true }), writeFileSync(file, JSON.stringify(data)));
      if (args.windowProfile) write(args.windowProfile, (await profiler.post('Profiler.stop')).profile);
      if (args.allocationProfile) write(args.allocationProfile, (await profiler.post('HeapProfiler.stopSampling')).profile);
      profiler.disconnect();
      profiler = null;
    }
    if (m.type === 'mark' || m.type === 'stats') {
      const mem = process.memoryUsage();
      send({
        type: 'stats',
        id: m.id,
        stats: stats(),
        heapUsedMiB: round(mem.heapUsed / 2 ** 20),
        memoryMiB: Object.fromEntries(Object.entries(mem).map(([k, v]) => [k, round(v / 2 ** 20)])),
        eventLoopDelayMs: { p50: delay(eld.percentile(50)), p99: delay(eld.percentile(99)), max: delay(eld.max) },
      });
    }
    if (m.type === 'heap-snapshot') {
      mkdirSync(dirname(m.file), { recursive: true });
      writeHeapSnapshot(m.file);
      send({ type: 'heap-snapshot', file: m.file });
    }
    if (m.type === 'stop') {
      await running.close();
      process.exit(0);
    }
  });
}

/**
 * The raw ceiling. Same shape of work as one poll, without the poller: per endpoint one reused
 * net-snmp session (retries 0, same timeout), the same PDUs (planPoll's GET and GetNext batches)
 * sent together, the next poll of that endpoint as soon as the last answer is in; one global
 * bound on PDUs in flight (a counter and a FIFO). No conversions, no timers, no statistics
 * beyond counting and the round trip of each PDU.
 */
async function runRaw() {
  const inventory = await loadInventory(args.inventoryPath);
  const profiles = loadProfiles();
  const endpoints = endpointsOf(inventory, profiles);
  let active = 0;
  const waiting = [];
  const acquire = () => (active < args.maxInFlight ? (active++, null) : new Promise((r) => waiting.push(r)));
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else active--;
  };
  let measuring = false;
  let stopped = false;
  const c = { polls: 0, pdus: 0, timeouts: 0, errors: 0 };
  const rtt = [];
  const sessions = [];

  const request = (session, kind, oids) =>
    new Promise((resolve) => {
      const started = performance.now();
      const done = (err) => {
        if (measuring) {
          c.pdus++;
          if (!err) rtt.push(performance.now() - started);
          else if (err instanceof snmp.RequestTimedOutError) c.timeouts++;
          else c.errors++;
        }
        resolve();
      };
      if (kind === 'get') session.get(oids, done);
      else session.getNext(oids, done);
    });

  const loop = async (ep) => {
    const options = { port: ep.port, retries: 0, timeout: args.timeoutMs, transport: 'udp4', backwardsGetNexts: false };
    const session =
      ep.snmp.version === '3'
        ? snmp.createV3Session(ep.host, v3User(ep.snmp), options)
        : snmp.createSession(ep.host, ep.snmp.community, { ...options, version: ep.snmp.version === '1' ? snmp.Version1 : snmp.Version2c });
    session.on('error', () => c.errors++);
    sessions.push(session);
    const plan = planPoll(ep.profile);
    const batches = [...plan.gets.map((b) => ['get', b]), ...plan.nexts.map((b) => ['getNext', b])].map(([kind, b]) => [kind, b.map((p) => p.spec.oid)]);
    while (!stopped) {
      await Promise.all(
        batches.map(async ([kind, oids]) => {
          await acquire();
          try {
            await request(session, kind, oids);
          } finally {
            release();
          }
        }),
      );
      if (measuring) c.polls++;
    }
  };
  const eld = loopDelay();
  const loops = endpoints.map(loop);
  await sleep(args.warmupS * 1000);
  eld.reset();
  measuring = true;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  send({ type: 'measuring' });
  await sleep(args.durationS * 1000);
  measuring = false;
  const seconds = (performance.now() - t0) / 1000;
  const cpu = cpuMs(cpu0);
  send({ type: 'measured' });
  stopped = true;
  await Promise.race([Promise.all(loops), sleep(args.timeoutMs + 500)]);
  for (const s of sessions) s.close();
  done({
    type: 'result',
    result: {
      seconds: round(seconds),
      pollsPerSecond: round(c.polls / seconds),
      pdusPerSecond: round(c.pdus / seconds),
      timeouts: c.timeouts,
      errors: c.errors,
      rttMs: percentiles(rtt),
      cpuPct: round((cpu / 1000 / seconds) * 100),
      eventLoopDelayMs: eld.read(),
    },
  });
}

/** createSnmpPoller alone, asked for more polls than it can do (intervalMs from the parent). */
async function runPoller() {
  const inventory = await loadInventory(args.inventoryPath);
  const profiles = loadProfiles();
  let samples = 0;
  let logLines = 0;
  const poller = createSnmpPoller({
    intervalMs: args.intervalMs,
    timeoutMs: args.timeoutMs,
    retries: args.retries,
    maxInFlight: args.maxInFlight,
    onSample: () => samples++,
    onLog: () => logLines++,
  });
  const eld = loopDelay();
  poller.setEndpoints(endpointsOf(inventory, profiles));
  await sleep(args.warmupS * 1000);
  eld.reset();
  const s0 = poller.stats();
  const n0 = samples;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  send({ type: 'measuring' });
  await sleep(args.durationS * 1000);
  const s1 = poller.stats();
  const seconds = (performance.now() - t0) / 1000;
  const cpu = cpuMs(cpu0);
  const n1 = samples;
  send({ type: 'measured' });
  await poller.close();
  done({
    type: 'result',
    result: {
      intervalMs: args.intervalMs,
      seconds: round(seconds),
      pollsPerSecond: round((s1.polls + s1.probes - s0.polls - s0.probes) / seconds),
      samplesPerSecond: round((n1 - n0) / seconds),
      answeredPerSecond: round((s1.answered - s0.answered) / seconds),
      timeouts: s1.timeouts - s0.timeouts,
      errors: s1.errors - s0.errors,
      overruns: s1.overruns - s0.overruns,
      backedOff: s1.backedOff,
      rttMs: s1.rttMs,
      pollCycleMs: s1.pollCycleMs,
      cpuPct: round((cpu / 1000 / seconds) * 100),
      eventLoopDelayMs: eld.read(),
      startDelayMs: s1.startDelayMs,
      logLines,
    },
  });
}

/** Event-loop delay of this process (the histogram's own period subtracted). */
function loopDelay() {
  const ELD_MS = 10;
  const h = monitorEventLoopDelay({ resolution: ELD_MS });
  h.enable();
  const ms = (ns) => round(Math.max(0, ns / 1e6 - ELD_MS));
  return { reset: () => h.reset(), read: () => ({ p50: ms(h.percentile(50)), p99: ms(h.percentile(99)), max: ms(h.max) }) };
}

/**
 * Reachability re-derivation at this size, both ways in the same process on the same changes:
 * deriveNetworkReachability over the whole tree (what monitoring did after every flip) against
 * the tracker re-deriving the subtree below the flipped codecs (what it does now). Two changes,
 * each undone and repeated over every district: a district and its communes going dark, and one
 * commune codec going silent. Pure CPU; no agents involved.
 */
async function runReachability() {
  const { sites } = JSON.parse(readFileSync(args.inventoryPath, 'utf8'));
  const UP = { lastAnswerAt: 1, lastTimeoutAt: null, consecutiveTimeouts: 0 };
  const DOWN = { lastAnswerAt: 1, lastTimeoutAt: 2, consecutiveTimeouts: 2 };
  const polls = new Map(sites.flatMap((s) => s.endpoints.map((e) => [e.id, UP])));
  let touched = 0;
  const tracker = createReachabilityTracker(sites, polls, { onVisit: () => touched++ });
  const below = (rootId) => {
    const inside = new Set([rootId]);
    for (const s of sites) if (s.parent && inside.has(s.parent)) inside.add(s.id); // parents come first here
    return sites.filter((s) => inside.has(s.id)).flatMap((s) => s.endpoints.map((e) => e.id));
  };
  const districts = sites.filter((s) => s.tier === 'district').map((s) => below(s.id));
  const communes = districts.map((ids) => [ids.at(-1)]);
  const measure = (changes) => {
    const whole = [];
    const subtree = [];
    const nodes = [];
    for (let round = 0; round < 5; round++) {
      for (const ids of changes) {
        for (const state of [DOWN, UP]) {
          for (const id of ids) polls.set(id, state);
          let t = performance.now();
          deriveNetworkReachability(sites, polls);
          whole.push((performance.now() - t) * 1000);
          touched = 0;
          t = performance.now();
          tracker.update(ids);
          subtree.push((performance.now() - t) * 1000);
          nodes.push(touched);
        }
      }
    }
    return { wholeTreeUs: percentiles(whole), subtreeUs: percentiles(subtree), nodesTouched: percentiles(nodes) };
  };
  const endpoints = polls.size;
  done({ type: 'result', result: { endpoints, sites: sites.length, nodes: endpoints + sites.length, districtDark: measure(districts), communeCodec: measure(communes) } });
}

const roles = { sim: runSim, engine: runEngine, raw: runRaw, poller: runPoller, reachability: runReachability };
if (!roles[role]) fail(new Error(`unknown role "${role}"`));
else roles[role]().catch(fail);
