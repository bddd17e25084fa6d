// The console process bench/map.mjs forks (see its header for the whole). It runs what
// `bridgepoint serve --inventory FILE --no-monitoring` runs — serve(): the engine (no MCU in the
// inventory, so no driver; monitoring off, so nothing polls) and the HTTP + WebSocket bridge — and,
// in the same process, the status load: random changes written straight into the engine's
// StatusTable with engine.status.update(), which coalesces them and flushes one delta batch about
// every 50 ms to every /ws subscriber, exactly as monitoring's writes would leave. The bench's own
// work (Chromium, its measurements) happens elsewhere, so this process's CPU is the engine's plus
// the change generator's. IPC with the parent:
//
//   → { type: 'ready', url, pid, endpoints }         listening; every endpoint has a baseline status
//   { type: 'drive', rate }                          start (or change the rate of) the changes; 0 stops
//   { type: 'mark', id }   → { type: 'mark', id, … } counters now (changes, batches, rows, bytes, CPU)
//   { type: 'stop' }                                 closes everything, exits
//
// The changes (each one alters at least one field, so the table never drops it as a no-op):
//   40 % link quality   packetLossPct and jitterMs redrawn (most under the degraded thresholds,
//                       ~10 % past them, ~4 % far past them), with their measuredAt
//   15 % reachability   down ⇄ up, keeping about 3 % of the endpoints down
//   15 % degraded       on ⇄ off, keeping about 5 % degraded
//   20 % in call        in ⇄ out of a call (conferenceId, audio mute), keeping about 20 % in calls
//                       (args.inCall: another share, e.g. 0.9 for a province-wide meeting)
//   10 % audio mute     toggled for an endpoint in a call (one out of a call is put into one)
// spread evenly over time: a 5 ms timer applies however many changes are due at `rate`/s, so each
// 50 ms flush carries about rate / 20 of them.
import { serve } from '../out/bench-map/entry.js';

const args = JSON.parse(process.argv[2] ?? '{}');
const send = (msg) => process.send?.(msg);
process.on('disconnect', () => process.exit(1));
function fail(e) {
  send({ type: 'error', message: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  setTimeout(() => process.exit(1), 100);
}
process.on('uncaughtException', fail);
process.on('unhandledRejection', fail);

// Deterministic pseudo-random numbers (mulberry32), so runs see the same sequence of changes.
let seed = (args.seed ?? 20261123) >>> 0;
function random() {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (list) => list[Math.floor(random() * list.length)];
const round1 = (v) => Math.round(v * 10) / 10;

// The console opens on its login page: the bench logs in as the first-run technician.
const BENCH_ADMIN_PASSWORD = 'bench-map-mat-khau-2026';
const running = await serve({ inventoryPath: args.inventoryPath, demo: false, monitoring: false, host: '127.0.0.1', port: 0, adminPassword: BENCH_ADMIN_PASSWORD });
const engine = running.engine;
const status = engine.status;
const ids = engine
  .inventory()
  .sites.flatMap((s) => s.endpoints.map((e) => e.id));
const iso = () => new Date().toISOString();

/** A set of endpoint ids with O(1) add, delete and random pick (swap-remove). */
function pool() {
  const list = [];
  const at = new Map();
  return {
    get size() {
      return list.length;
    },
    has: (id) => at.has(id),
    add(id) {
      if (at.has(id)) return;
      at.set(id, list.length);
      list.push(id);
    },
    delete(id) {
      const i = at.get(id);
      if (i === undefined) return;
      const last = list.pop();
      if (last !== id) {
        list[i] = last;
        at.set(last, i);
      }
      at.delete(id);
    },
    random: () => pick(list),
  };
}
const down = pool();
const degraded = pool();
const inCall = pool();
const N = ids.length;
const TARGET = { down: 0.03 * N, degraded: 0.05 * N, inCall: (args.inCall ?? 0.2) * N };
const CONFERENCES = ['bench-conf-1', 'bench-conf-2', 'bench-conf-3', 'bench-conf-4'];

/** Loss and jitter: mostly fine, some past the degraded thresholds (1 %, 35 ms), a few far past (×5). */
function quality() {
  const r = random();
  if (r < 0.04) return { packetLossPct: round1(6 + random() * 10), jitterMs: round1(40 + random() * 200) };
  if (r < 0.14) return { packetLossPct: round1(1.2 + random() * 3), jitterMs: round1(10 + random() * 40) };
  return { packetLossPct: round1(random() * 0.8), jitterMs: round1(1 + random() * 20) };
}

// Baseline: every endpoint up and measured, ~20 % in a call, before any browser connects — the
// snapshot the page receives is a whole working province, not 5,000 "unknown" rows.
for (const id of ids) {
  const q = quality();
  const t = iso();
  const calling = random() < TARGET.inCall / N;
  if (calling) inCall.add(id);
  status.update(id, {
    reachability: 'up',
    uptimeS: Math.floor(random() * 3_000_000),
    inCall: calling,
    remoteSite: calling ? 'MCU' : null,
    conferenceId: calling ? pick(CONFERENCES) : null,
    audioMuted: calling ? random() < 0.5 : null,
    videoMuted: calling ? false : null,
    micMuted: false,
    cameraMuted: false,
    layout: calling ? 'speakerOnly' : null,
    bitrateKbps: calling ? 1920 : 0,
    ...q,
    latencyMs: round1(5 + random() * 40),
    ifOperUp: true,
    rxBps: calling ? 1_900_000 : 20_000,
    txBps: calling ? 1_900_000 : 20_000,
    degraded: false,
    stale: false,
    measuredAt: { reachability: t, uptimeS: t, inCall: t, packetLossPct: t, jitterMs: t, latencyMs: t, ifOperUp: t, rxBps: t, txBps: t },
  });
}
status.flush();

/** Move an endpoint into or out of a bounded set, keeping it near its target size. */
function toggleBounded(set, target) {
  if (set.size < target) {
    for (let i = 0; i < 20; i++) {
      const id = pick(ids);
      if (!set.has(id)) return { id, on: true };
    }
  }
  return { id: set.random(), on: false };
}

let changes = 0;
let refused = 0;
function change() {
  const r = random();
  const t = iso();
  let id;
  let patch;
  if (r < 0.4) {
    id = pick(ids);
    patch = { ...quality(), measuredAt: { packetLossPct: t, jitterMs: t } };
  } else if (r < 0.55) {
    const { id: which, on } = toggleBounded(down, TARGET.down);
    id = which;
    if (on) {
      down.add(id);
      inCall.delete(id);
      patch = { reachability: 'down', inCall: false, conferenceId: null, remoteSite: null, audioMuted: null, ifOperUp: false, packetLossPct: null, jitterMs: null, measuredAt: { reachability: t } };
    } else {
      down.delete(id);
      patch = { reachability: 'up', ifOperUp: true, ...quality(), measuredAt: { reachability: t, packetLossPct: t, jitterMs: t } };
    }
  } else if (r < 0.7) {
    const { id: which, on } = toggleBounded(degraded, TARGET.degraded);
    id = which;
    if (on) degraded.add(id);
    else degraded.delete(id);
    patch = { degraded: on };
  } else if (r < 0.9 || inCall.size === 0) {
    const { id: which, on } = toggleBounded(inCall, TARGET.inCall);
    id = which;
    if (on && down.has(id)) {
      down.delete(id); // a codec that joins a call is up
      patch = { reachability: 'up', ifOperUp: true, measuredAt: { reachability: t } };
    } else patch = {};
    if (on) inCall.add(id);
    else inCall.delete(id);
    patch = on
      ? { ...patch, inCall: true, conferenceId: pick(CONFERENCES), remoteSite: 'MCU', audioMuted: random() < 0.5, bitrateKbps: 1920, measuredAt: { ...patch.measuredAt, inCall: t } }
      : { inCall: false, conferenceId: null, remoteSite: null, audioMuted: null, bitrateKbps: 0, measuredAt: { inCall: t } };
  } else {
    id = inCall.random();
    patch = { audioMuted: !status.get(id)?.audioMuted };
  }
  if (status.update(id, patch)) changes++;
  else refused++;
}

// Delta batches as they leave for the sockets (serialised here once more to count bytes).
let batches = 0;
let rows = 0;
let bytes = 0;
let maxRows = 0;
status.onDelta((d) => {
  batches++;
  rows += d.updates.length;
  if (d.updates.length > maxRows) maxRows = d.updates.length;
  bytes += JSON.stringify({ t: 'evt', stream: 'status', payload: d }).length;
});

let rate = 0;
let timer = null;
let startedAt = 0;
let doneSinceStart = 0;
function drive(newRate) {
  rate = newRate;
  if (timer) clearInterval(timer);
  timer = null;
  if (rate <= 0) return;
  startedAt = performance.now();
  doneSinceStart = 0;
  timer = setInterval(() => {
    const due = Math.floor(((performance.now() - startedAt) * rate) / 1000) - doneSinceStart;
    // After a stall (a long GC, the machine busy) catch up, but never more than a second's worth at once.
    const n = Math.min(due, rate);
    for (let i = 0; i < n; i++) change();
    doneSinceStart += due;
  }, 5);
}

process.on('message', (m) => {
  switch (m.type) {
    case 'drive':
      drive(m.rate);
      return;
    case 'mark': {
      const u = process.cpuUsage();
      send({ type: 'mark', id: m.id, at: performance.timeOrigin + performance.now(), changes, refused, batches, rows, bytes, maxRows, cpuMs: (u.user + u.system) / 1000, down: down.size, degraded: degraded.size, inCall: inCall.size, rssMiB: process.memoryUsage().rss / 2 ** 20 });
      return;
    }
    case 'stop':
      drive(0);
      void running.close().then(() => process.exit(0));
      return;
  }
});

send({ type: 'ready', url: running.url, pid: process.pid, endpoints: N });
