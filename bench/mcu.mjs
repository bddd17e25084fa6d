#!/usr/bin/env node
// bench:mcu — conference control benchmark of the Bridgepoint engine against the simulated Cisco
// Meeting Server (issue 4, "Targets"):
//   (1) control action → roster update visible: p99 ≤ 300 ms against the simulator;
//   (2) full resync ≤ 5 s after the MCU comes back.
//
//   npm run bench:mcu                          the whole run, about 2 minutes (under 3 unless ports are busy)
//   npm run bench:mcu -- --actions 200 --drops 5 --outages 2000,5000 --refuse-runs 1 --no-browser
//   npm run bench:mcu -- --write-docs          also rewrite the "## bench:mcu" section of docs/benchmarks.md
//
// JSON (machine, settings, results, targets) goes to stdout; progress and the Markdown section for
// docs/benchmarks.md go to stderr.
//
// How it runs. As bench:poll does: `npm run bench:mcu` bundles bench/mcu-entry.ts (serve,
// startCmsSimulator, loadInventory, the driver's retryDelay) with Vite into out/bench-mcu/entry.js (bench/mcu.vite.config.mjs),
// then runs this plain-JavaScript file with the project's Node 22. Processes:
//
//   console   (bench/mcu-child.mjs) what `bridgepoint serve --inventory FILE --demo` runs, in ONE
//             process: the engine (CMS driver with its default settings, conference service,
//             SNMP monitoring), the HTTP + WebSocket bridge, the simulated province (one SNMP
//             agent per codec) and the CMS simulator MCU. The inventory is generated here:
//             22 codecs (SNMP agents 127.0.0.1:24000+, traps 24900, MCU http://127.0.0.1:24950),
//             one conference (the demo's briefing: the 10 province and district codecs), and
//             this bench dials 10 commune codecs into it over RPC (connectSites) → 20 participants.
//   refuse-k  the same, for the refuseTokens variant (monitoring off, MCU 24951+k, agents
//             24100+100k), run in parallel with the rest because each trial waits out the
//             driver's auth back-off (about a minute).
//   this      the WebSocket client: /ws exactly as the browser UI uses it ({t:'req'} frames, the
//             `conferences` stream), and optionally headless Chromium on the console page.
//
// (1) Control action → roster update: from this process's WebSocket, `muteParticipant` toggles
//     (alternating mute/unmute per participant, a random participant that has no action in flight,
//     --in-flight at once), timed from sending the request to receiving the first `conferences`
//     event whose roster shows that participant with the new audio mute state. A warm-up of one
//     action per participant comes first and is reported apart (the driver's first action on a
//     participant also looks its call leg up: GET /participants/<id>/callLegs).
//     In Chromium (skip with --no-browser): (a) the Live (session) view, when the renderer has one:
//     --browser-actions real clicks on roster mic toggles, timed in the page from the click to the
//     toggle showing the new state confirmed by the MCU (optimistic overlay gone), and to the next
//     animation frame; (b) the endpoint details panel (audioMuted row, fed by the status stream,
//     which the conference service writes), --panel-actions toggles each for a Cisco and a Polycom
//     codec, sent from the page's own /ws; then the row is sampled for 10 s after a mute to see
//     whether it keeps showing the MCU's state (a Polycom's SNMP poll writes the same field).
// (2) Resync: the console process times, in the engine itself, the MCU being reachable again →
//     the first ConferencesView (the object the `conferences` stream pushes) with mcu.state 'ok'
//     and every call present with rosterKnown and the MCU's full roster (every participant, its
//     state and mute), split into: back-off (reachable → next attempt), connect (token, events
//     socket, subscribe acked) and roster (ok → complete view = protocol, until the driver's own
//     call table is complete, + coalesce, the conference service's ~50 ms flush). Variants:
//       dropSockets   faults.dropSockets(); the MCU stays up, so it is "reachable again" at once
//       outage        the MCU process gone for D ms (simulator closed, port refused), then started
//                     again on the same port with the same conference (new call ids, as after a
//                     real MCU restart); "reachable" = listening again
//       refuseTokens  refuseTokens on + dropSockets; the driver's next attempt is refused (401,
//                     auth_failed); refuse stays on for --refuse-hold-ms, then off = reachable
//     The time this WebSocket client saw the same complete view is reported too (wsLagMs). The
//     outages measured are single draws of a jittered back-off, so the wait after an outage of D
//     is also simulated with the driver's own retryDelay (backoffModel).
//
// Loopback only. Ports are checked before starting (other benches or e2e demos may run): if busy,
// it waits up to 60 s, then stops. Every child (and Chromium) is stopped on exit, on error and on
// Ctrl-C; children exit by themselves when this process dies.
import { fork } from 'node:child_process';
import dgram from 'node:dgram';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import WebSocket from 'ws';

const ROOT = resolve(import.meta.dirname, '..');
const CHILD = join(import.meta.dirname, 'mcu-child.mjs');
const DOCS = join(ROOT, 'docs', 'benchmarks.md');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const TARGET_ACTION_P99_MS = 300;
const TARGET_RESYNC_MS = 5000;

const { values: opts } = parseArgs({
  options: {
    actions: { type: 'string', default: '500' },
    'in-flight': { type: 'string', default: '4' },
    drops: { type: 'string', default: '10' },
    outages: { type: 'string', default: '2000,5000,10000' },
    'refuse-runs': { type: 'string', default: '3' },
    'refuse-hold-ms': { type: 'string', default: '3000' },
    'browser-actions': { type: 'string', default: '100' },
    'panel-actions': { type: 'string', default: '50' },
    'no-browser': { type: 'boolean', default: false },
    'write-docs': { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
  },
  strict: true,
});
const ACTIONS = Number(opts.actions);
const IN_FLIGHT = Number(opts['in-flight']);
const DROPS = Number(opts.drops);
const OUTAGES = opts.outages.trim() === '' || opts.outages === '0' ? [] : opts.outages.split(',').map((s) => Number(s.trim()));
const REFUSE_RUNS = Number(opts['refuse-runs']);
const REFUSE_HOLD_MS = Number(opts['refuse-hold-ms']);
const BROWSER_ACTIONS = Number(opts['browser-actions']);
const PANEL_ACTIONS = Number(opts['panel-actions']);
const int = (v, lo, hi) => Number.isInteger(v) && v >= lo && v <= hi;
if (
  !int(ACTIONS, 1, 100_000) || !int(IN_FLIGHT, 1, 19) || !int(DROPS, 0, 100) || !OUTAGES.every((d) => int(d, 0, 120_000)) ||
  !int(REFUSE_RUNS, 0, 5) || !int(REFUSE_HOLD_MS, 1500, 60_000) || !int(BROWSER_ACTIONS, 0, 10_000) || !int(PANEL_ACTIONS, 0, 10_000)
) {
  console.error('usage: node bench/mcu.mjs [--actions 500] [--in-flight 4] [--drops 10] [--outages 2000,5000,10000,20000] [--refuse-runs 3] [--refuse-hold-ms 3000] [--browser-actions 100] [--panel-actions 50] [--no-browser] [--write-docs] [--verbose]');
  process.exit(2);
}

const t0 = performance.now();
const log = (line) => process.stderr.write(`bench:mcu ${((performance.now() - t0) / 1000).toFixed(1).padStart(6)} s  ${line}\n`);
const round = (v, d = 1) => (v === null || v === undefined || Number.isNaN(v) ? null : Math.round(v * 10 ** d) / 10 ** d);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Nearest-rank percentiles. */
function stats(values) {
  if (values.length === 0) return { n: 0, p50: null, p95: null, p99: null, max: null, mean: null };
  const s = Float64Array.from(values).sort();
  const at = (q) => round(s[Math.max(0, Math.ceil(q * s.length) - 1)]);
  return { n: s.length, min: round(s[0]), p50: at(0.5), p95: at(0.95), p99: at(0.99), max: round(s[s.length - 1]), mean: round(s.reduce((a, b) => a + b, 0) / s.length) };
}

function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGiB: round(os.totalmem() / 2 ** 30),
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
  };
}

// ---------------------------------------------------------------- children and cleanup

const children = new Set();
let browser = null;
let tmp = null;

function cleanup() {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  children.clear();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
  tmp = null;
}
process.on('exit', cleanup);
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    log(`${sig}: stopping`);
    void browser?.close().catch(() => {});
    cleanup();
    process.exit(130);
  });
}

/** Fork a console process (bench/mcu-child.mjs); messages through next(), output kept for errors. */
function spawnConsole(name, args) {
  const child = fork(CHILD, [JSON.stringify(args)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe', 'ipc'], serialization: 'json' });
  children.add(child);
  const tail = [];
  const keep = (chunk) => {
    for (const line of String(chunk).split('\n')) {
      if (!line) continue;
      if (opts.verbose) log(`[${name}] ${line}`);
      tail.push(line);
      if (tail.length > 20) tail.shift();
    }
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise((r) => child.once('exit', (code, signal) => (children.delete(child), r({ code, signal }))));
  const failure = new Promise((_, reject) => {
    child.on('message', (m) => m.type === 'error' && reject(new Error(`${name}: ${m.message}`)));
    void exited.then(({ code, signal }) => reject(new Error(`${name} exited (${signal ?? code}); last output:\n  ${tail.join('\n  ')}`)));
  });
  failure.catch(() => {});
  const next = (type, timeoutMs, filter = () => true) => {
    let on;
    let timer;
    return Promise.race([
      new Promise((resolveMsg) => {
        on = (m) => {
          if (m.type === type && filter(m)) resolveMsg(m);
        };
        child.on('message', on);
      }),
      failure,
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${name}: no "${type}" within ${timeoutMs / 1000} s; last output:\n  ${tail.join('\n  ')}`)), timeoutMs);
      }),
    ]).finally(() => {
      child.off('message', on);
      clearTimeout(timer);
    });
  };
  let seq = 0;
  /** Send a command and wait for its answer. */
  const ask = (msg, answer, timeoutMs) => {
    const id = ++seq;
    const reply = next(answer, timeoutMs, (m) => m.id === undefined || m.id === id);
    child.send({ ...msg, id });
    return reply;
  };
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.send({ type: 'stop' });
    await Promise.race([exited, sleep(10_000)]);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  };
  // Listen for 'ready' from the start: it may come before anyone asks.
  const ready = next('ready', 60_000);
  ready.catch(() => {});
  return { child, pid: child.pid, next, ask, stop, ready: () => ready };
}

// ---------------------------------------------------------------- inventory and ports

const V2C = { version: '2c', community: 'bench-mcu' };

/**
 * 22 codecs: the province site and 4 districts with 2 each (the demo conference takes these 10),
 * 12 communes with one each (10 get dialled in). Every codec has a SIP URI the MCU can dial.
 */
function makeInventory({ agentBase, trapPort, fallbackPort, mcuPort }) {
  let port = agentBase;
  const profiles = ['polycom-group', 'cisco-telepresence'];
  const endpoint = (id, k) => ({ id, name: `Codec ${id}`, host: '127.0.0.1', port: port++, profile: profiles[k % 2], snmp: V2C, uri: `sip:${id}@vc.bench.invalid` });
  const sites = [{ id: 'tinh', name: 'Tỉnh', tier: 'province', endpoints: [endpoint('tinh-1', 0), endpoint('tinh-2', 1)] }];
  for (let d = 1; d <= 4; d++) sites.push({ id: `huyen-${d}`, name: `Huyện ${d}`, tier: 'district', parent: 'tinh', endpoints: [endpoint(`huyen-${d}-1`, d), endpoint(`huyen-${d}-2`, d + 1)] });
  for (let c = 1; c <= 12; c++) sites.push({ id: `xa-${c}`, name: `Xã ${c}`, tier: 'commune', parent: `huyen-${((c - 1) % 4) + 1}`, endpoints: [endpoint(`xa-${c}-1`, c)] });
  return {
    name: 'bench:mcu',
    timezone: 'Asia/Ho_Chi_Minh',
    tiers: ['province', 'district', 'commune'],
    mcu: { driver: 'cms', url: `http://127.0.0.1:${mcuPort}`, username: 'bench', password: 'bench-mcu' },
    traps: { port: trapPort, fallbackPort, address: '127.0.0.1' },
    monitoring: { intervalS: 5, timeoutMs: 1000, retries: 1 },
    sites,
  };
}
const COMMUNE_SITES = Array.from({ length: 10 }, (_, i) => `xa-${i + 1}`);

const tcpFree = (port) =>
  new Promise((r) => {
    const s = net.createServer();
    s.once('error', () => r(false));
    s.listen(port, '127.0.0.1', () => s.close(() => r(true)));
  });
const udpFree = (port) =>
  new Promise((r) => {
    const s = dgram.createSocket('udp4');
    s.once('error', () => r(false));
    s.bind(port, '127.0.0.1', () => s.close(() => r(true)));
  });

async function busyPorts(inv) {
  const busy = [];
  const mcuPort = Number(new URL(inv.mcu.url).port);
  if (!(await tcpFree(mcuPort))) busy.push(`tcp ${mcuPort}`);
  for (const p of [inv.traps.port, inv.traps.fallbackPort, ...inv.sites.flatMap((s) => s.endpoints.map((e) => e.port))]) {
    if (!(await udpFree(p))) busy.push(`udp ${p}`);
  }
  return busy;
}

async function waitForPorts(invs) {
  const until = performance.now() + 60_000;
  for (;;) {
    const busy = (await Promise.all(invs.map(busyPorts))).flat();
    if (busy.length === 0) return;
    if (performance.now() > until) throw new Error(`ports still busy after 60 s: ${busy.join(', ')} (another bench:mcu running?)`);
    log(`ports busy (${busy.slice(0, 4).join(', ')}${busy.length > 4 ? ', …' : ''}); waiting`);
    await sleep(5000);
  }
}

// ---------------------------------------------------------------- the /ws client

async function connectBridge(url) {
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}ws`);
  await new Promise((r, j) => (ws.once('open', r), ws.once('error', j)));
  let nextId = 1;
  const replies = new Map();
  const viewListeners = new Set();
  const history = []; // { at (wall ms), complete, participants }
  let view = null;
  ws.on('message', (data) => {
    const frame = JSON.parse(String(data));
    const at = performance.now();
    if (frame.t === 'res') {
      replies.get(frame.id)?.(frame, at);
      replies.delete(frame.id);
    } else if (frame.t === 'evt' && frame.stream === 'conferences') {
      view = frame.payload;
      const complete = view.mcu.state === 'ok' && view.conferences.length > 0 && view.conferences.every((c) => c.rosterKnown);
      history.push({ at: performance.timeOrigin + at, complete, participants: view.conferences.reduce((n, c) => n + c.participants.length, 0) });
      if (history.length > 20_000) history.splice(0, 10_000);
      for (const l of viewListeners) l(view, at);
    } else if (frame.t === 'bad') {
      log(`bridge said: ${JSON.stringify(frame.error)}`);
    }
  });
  ws.send(JSON.stringify({ t: 'sub', stream: 'conferences' }));
  return {
    /** Send a request now; resolves with { frame, at } (at = performance.now() of the reply). */
    send(method, input) {
      const id = nextId++;
      const reply = new Promise((r) => replies.set(id, (frame, at) => r({ frame, at })));
      ws.send(JSON.stringify({ t: 'req', id, method, input }));
      return reply;
    },
    async call(method, input) {
      const { frame } = await this.send(method, input);
      if (!frame.ok) throw new Error(`${method}: ${frame.error.code}: ${frame.error.message}`);
      return frame.result;
    },
    view: () => view,
    onView(l) {
      viewListeners.add(l);
      return () => viewListeners.delete(l);
    },
    /** Wall time of the first complete view with `participants` seen at or after `from`. */
    completeSince: (from, participants) => history.find((h) => h.at >= from && h.complete && h.participants === participants)?.at ?? null,
    close: () => ws.terminate(),
  };
}

async function waitView(bridge, predicate, timeoutMs, what) {
  const until = performance.now() + timeoutMs;
  while (performance.now() < until) {
    const v = bridge.view();
    if (v && predicate(v)) return v;
    await sleep(20);
  }
  throw new Error(`timed out waiting for ${what}`);
}

// ---------------------------------------------------------------- (1) control action → roster

/**
 * `count` muteParticipant toggles, `inFlight` at once, never two on one participant. Each one is
 * done when its reply and the conferences event showing its new state are both in.
 */
async function muteRun(bridge, conferenceId, count, inFlight, { eachParticipantOnce = false } = {}) {
  const participants = () => bridge.view().conferences.find((c) => c.id === conferenceId)?.participants.filter((p) => p.state === 'connected') ?? [];
  const order = eachParticipantOnce ? participants().map((p) => p.id) : null;
  const total = order ? order.length : count;
  const pending = new Map(); // participant id → action
  const toEvent = [];
  const toReply = [];
  const eventMinusReply = [];
  let eventBeforeReply = 0;
  let errors = 0;
  let lost = 0;
  let started = 0;
  let done = 0;
  const firstError = [];

  return new Promise((resolveRun) => {
    const finish = (a) => {
      if (a.finished) return;
      a.finished = true;
      clearTimeout(a.timer);
      pending.delete(a.pid);
      done++;
      if (a.evtAt !== null && a.resAt !== null && a.ok) {
        toEvent.push(a.evtAt - a.sentAt);
        toReply.push(a.resAt - a.sentAt);
        eventMinusReply.push(a.evtAt - a.resAt);
        if (a.evtAt < a.resAt) eventBeforeReply++;
      }
      if (done === total) {
        off();
        resolveRun({
          actions: total,
          inFlight,
          toRosterEventMs: stats(toEvent),
          toReplyMs: stats(toReply),
          eventAfterReplyMs: stats(eventMinusReply),
          eventBeforeReply,
          errors,
          lost,
          firstError: firstError[0] ?? null,
        });
      } else launch();
    };
    const off = bridge.onView((v, at) => {
      const conf = v.conferences.find((c) => c.id === conferenceId);
      if (!conf) return;
      for (const a of pending.values()) {
        if (a.evtAt !== null) continue;
        const p = conf.participants.find((x) => x.id === a.pid);
        if (p && p.audioMuted === a.desired) {
          a.evtAt = at;
          if (a.resAt !== null) finish(a);
        }
      }
    });
    const start = (pid) => {
      const p = participants().find((x) => x.id === pid);
      const desired = !(p?.audioMuted ?? false);
      const a = { pid, desired, sentAt: performance.now(), resAt: null, evtAt: null, ok: false, finished: false, timer: null };
      pending.set(pid, a);
      started++;
      a.timer = setTimeout(() => {
        lost++;
        finish(a);
      }, 5000);
      void bridge.send('muteParticipant', { conferenceId, participantId: pid, audio: desired }).then(({ frame, at }) => {
        a.resAt = at;
        a.ok = frame.ok && frame.result.ok;
        if (!a.ok) {
          errors++;
          firstError.push(frame.ok ? frame.result.error : frame.error.message);
          finish(a);
        } else if (a.evtAt !== null) finish(a);
      });
    };
    const launch = () => {
      while (pending.size < inFlight && started < total) {
        if (order) {
          start(order[started]);
          continue;
        }
        const free = participants().filter((p) => !pending.has(p.id));
        if (free.length === 0) return;
        start(free[Math.floor(Math.random() * free.length)].id);
      }
    };
    launch();
  });
}

// ---------------------------------------------------------------- (1b) the same in Chromium

async function browserRun(url, conferenceId, participantId, endpointId, siteId, count) {
  const { chromium } = await import('playwright-core');
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const pageErrors = [];
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    await page.goto(url);
    await page.waitForSelector('[data-ready="true"]', { timeout: 30_000 });
    await page.locator(`[role="treeitem"][data-site-id="${siteId}"]`).first().click();
    const catalogue = (lang) => JSON.parse(readFileSync(join(ROOT, 'assets', 'locales', `${lang}.json`), 'utf8')).value;
    const words = { yes: ['vi', 'en'].map((l) => catalogue(l).yes), no: ['vi', 'en'].map((l) => catalogue(l).no) };
    const cell = `section.endpoint[data-endpoint-id="${endpointId}"] tr[data-field="audioMuted"] .metrics__text`;
    await page.waitForSelector(cell, { timeout: 15_000 });
    const result = await page.evaluate(
      async ({ cell, conferenceId, participantId, endpointId, count, words }) => {
        const ws = new WebSocket(`ws://${location.host}/ws`);
        await new Promise((r, j) => ((ws.onopen = r), (ws.onerror = j)));
        let id = 1;
        const replies = new Map();
        // This socket also follows the status stream, to tell the engine's part from the page's.
        let statusWaiter = null;
        ws.onmessage = (e) => {
          const f = JSON.parse(e.data);
          if (f.t === 'res') replies.get(f.id)?.(f);
          else if (f.t === 'evt' && f.stream === 'status' && statusWaiter) {
            const rows = f.payload.kind === 'snapshot' ? f.payload.statuses : f.payload.updates;
            if (rows.some((r) => r.endpointId === endpointId && r.audioMuted === statusWaiter.desired)) {
              statusWaiter.resolve(performance.now());
              statusWaiter = null;
            }
          }
        };
        ws.send(JSON.stringify({ t: 'sub', stream: 'status' }));
        const rpc = (method, input) =>
          new Promise((r) => {
            const rid = id++;
            replies.set(rid, r);
            ws.send(JSON.stringify({ t: 'req', id: rid, method, input }));
          });
        const view = (await rpc('getConferences', {})).result;
        let muted = view.conferences.find((c) => c.id === conferenceId).participants.find((p) => p.id === participantId).audioMuted ?? false;
        const row = () => document.querySelector(cell);
        const dom = [];
        const painted = [];
        const statusEvt = [];
        /** Times the row already showed the new value when the request was sent (another writer got there first). */
        const stale = { count: 0 };
        const reply = [];
        let missed = 0;
        const WARMUP = 5; // first toggles of a fresh page (JIT, first renders) are not counted
        for (let i = -WARMUP; i < count; i++) {
          const desired = !muted;
          const want = desired ? words.yes : words.no;
          const changed = new Promise((resolveChange) => {
            const target = document.querySelector(`section.endpoint[data-endpoint-id="${endpointId}"]`) ?? document.body;
            const check = () => {
              const text = (row()?.textContent ?? '').trim();
              if (want.includes(text)) {
                obs.disconnect();
                resolveChange(performance.now());
              }
            };
            const obs = new MutationObserver(check);
            obs.observe(target, { subtree: true, childList: true, characterData: true });
            if (want.includes((row()?.textContent ?? '').trim())) {
              obs.disconnect();
              stale.count += 1;
              resolveChange(performance.now());
            }
            setTimeout(() => (obs.disconnect(), resolveChange(null)), 5000);
          });
          const statusSeen = new Promise((r) => {
            statusWaiter = { desired, resolve: r };
            setTimeout(() => r(null), 5000);
          });
          const sentAt = performance.now();
          const res = rpc('muteParticipant', { conferenceId, participantId, audio: desired }).then((f) => {
            reply.push(performance.now() - sentAt);
            return f;
          });
          const domAt = await changed;
          const f = await res;
          const statusAt = await statusSeen;
          statusWaiter = null;
          if (i < 0) {
            // warm-up
          } else if (domAt === null || !f.ok || !f.result.ok) {
            missed++;
          } else {
            dom.push(domAt - sentAt);
            statusEvt.push(statusAt === null ? null : statusAt - sentAt);
            const frameAt = await new Promise((r) => requestAnimationFrame(() => r(performance.now())));
            painted.push(frameAt - sentAt);
          }
          muted = desired;
          await new Promise((r) => setTimeout(r, 20));
        }
        // Does the row keep showing the MCU's state? Mute, then look again after more than one poll interval.
        const finalState = true;
        const last = await rpc('muteParticipant', { conferenceId, participantId, audio: finalState });
        await new Promise((r) => setTimeout(r, 300));
        const mcuNow = (await rpc('getConferences', {})).result.conferences.find((c) => c.id === conferenceId)?.participants.find((p) => p.id === participantId)?.audioMuted;
        // Sample the row every 100 ms for 10 s (two SNMP poll intervals): how often it shows the MCU's state.
        let right = 0;
        let samples = 0;
        let flips = 0;
        let prev = null;
        for (const until = performance.now() + 10_000; performance.now() < until; ) {
          const shown = (row()?.textContent ?? '').trim();
          samples++;
          if ((mcuNow ? words.yes : words.no).includes(shown)) right++;
          if (prev !== null && shown !== prev) flips++;
          prev = shown;
          await new Promise((r) => setTimeout(r, 100));
        }
        ws.close();
        return {
          dom, painted, reply, statusEvt, missed, alreadyShown: stale.count,
          hold: { actionOk: last.ok && last.result.ok, mcuAudioMuted: mcuNow, samples, showsMcuStatePct: Math.round((1000 * right) / samples) / 10, flips },
        };
      },
      { cell, conferenceId, participantId, endpointId, count, words },
    );
    return {
      actions: count,
      endpointId,
      view: 'endpoint details panel, audioMuted row (status stream)',
      toDomMs: stats(result.dom),
      toNextFrameMs: stats(result.painted),
      toReplyMs: stats(result.reply),
      /** Request → the status delta with the new audioMuted on this page's own socket (the engine's part). */
      toStatusEventMs: stats(result.statusEvt.filter((v) => v !== null)),
      slowest: result.dom
        .map((v, i) => ({ i, ms: round(v), statusEventMs: round(result.statusEvt[i]) }))
        .sort((a, b) => b.ms - a.ms)
        .slice(0, 3),
      missed: result.missed,
      alreadyShown: result.alreadyShown,
      /** One more mute, then the row sampled every 100 ms for 10 s (two SNMP poll intervals). */
      hold: result.hold,
      pageErrors,
    };
  } finally {
    await browser.close().catch(() => {});
    browser = null;
  }
}

// ---------------------------------------------------------------- (1c) the session view in Chromium

/**
 * The Live (session) view, if the renderer has one: a real click on a participant's mic toggle
 * (the console's own store sends muteParticipant over its own /ws), timed in the page from the
 * click to the toggle showing the new state confirmed by the MCU's roster (data-muted = new value
 * and data-pending = false: the optimistic overlay is gone because the roster now agrees), and
 * to the next animation frame after that. Also when the optimistic (pending) state first showed.
 * One at a time, round-robin over the connected participants.
 */
async function sessionRun(url, count) {
  const { chromium } = await import('playwright-core');
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const pageErrors = [];
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    await page.goto(url);
    await page.waitForSelector('[data-ready="true"]', { timeout: 30_000 });
    const rail = page.locator('[data-testid="rail-live"]');
    if ((await rail.count()) === 0) return { skipped: 'the renderer has no session view (no [data-testid="rail-live"])' };
    await rail.click();
    const toggle = 'tr.roster__row[data-state="connected"] [data-testid="mic-toggle"]:not([disabled])';
    try {
      await page.waitForFunction((sel) => document.querySelectorAll(sel).length >= 20, toggle, { timeout: 15_000 });
    } catch {
      return { skipped: `session view: fewer than 20 enabled mic toggles (${await page.locator(toggle).count()}) within 15 s` };
    }
    const result = await page.evaluate(
      async ({ toggle, count }) => {
        const ids = [...document.querySelectorAll(toggle)].map((b) => b.closest('tr').dataset.participantId);
        const btnOf = (pid) => document.querySelector(`tr.roster__row[data-participant-id="${pid}"] [data-testid="mic-toggle"]`);
        const confirmed = [];
        const optimistic = [];
        const painted = [];
        let missed = 0;
        let disabled = 0;
        const WARMUP = 5;
        for (let i = -WARMUP; i < count; i++) {
          const pid = ids[((i % ids.length) + ids.length) % ids.length];
          const btn = btnOf(pid);
          if (!btn || btn.disabled) {
            disabled++;
            continue;
          }
          const desired = String(!(btn.dataset.muted === 'true'));
          const table = btn.closest('table') ?? document.body;
          let optAt = null;
          const done = new Promise((resolve) => {
            const check = () => {
              const b = btnOf(pid);
              if (!b) return;
              if (optAt === null && b.dataset.pending === 'true' && b.dataset.muted === desired) optAt = performance.now();
              if (b.dataset.muted === desired && b.dataset.pending === 'false') {
                obs.disconnect();
                resolve(performance.now());
              }
            };
            const obs = new MutationObserver(check);
            obs.observe(table, { subtree: true, attributes: true, childList: true });
            setTimeout(() => (obs.disconnect(), resolve(null)), 5000);
          });
          const t0 = performance.now();
          btn.click();
          const at = await done;
          if (i >= 0) {
            if (at === null) missed++;
            else {
              confirmed.push(at - t0);
              if (optAt !== null) optimistic.push(optAt - t0);
              painted.push((await new Promise((r) => requestAnimationFrame(() => r(performance.now())))) - t0);
            }
          }
          await new Promise((r) => setTimeout(r, 20));
        }
        return { participants: ids.length, confirmed, optimistic, painted, missed, disabled };
      },
      { toggle, count },
    );
    return {
      actions: count,
      view: 'Live (session) view, mic toggle of a roster row, clicked',
      participants: result.participants,
      toConfirmedMs: stats(result.confirmed),
      toNextFrameMs: stats(result.painted),
      toOptimisticMs: stats(result.optimistic),
      missed: result.missed,
      disabled: result.disabled,
      pageErrors,
    };
  } finally {
    await browser.close().catch(() => {});
    browser = null;
  }
}

// ---------------------------------------------------------------- (2) resync

const trialRow = (t, bridge) => {
  const wsAt = bridge ? bridge.completeSince(t.fullAt - 1, t.participants) : null;
  return {
    kind: t.kind,
    ...(t.downMs !== undefined ? { downMs: round(t.downMs, 0), attemptsWhileDown: t.attemptsWhileDown } : {}),
    ...(t.heldMs !== undefined ? { refusedAfterMs: round(t.refusedAfterMs, 0), heldMs: round(t.heldMs, 0), refusedMessage: t.refusedMessage } : {}),
    totalMs: round(t.totalMs),
    backoffMs: round(t.backoffMs),
    connectMs: round(t.connectMs),
    rosterMs: round(t.rosterMs),
    protocolMs: round(t.protocolMs),
    coalesceMs: round(t.coalesceMs),
    detectMs: round(t.detectMs),
    wsLagMs: wsAt === null ? null : round(wsAt - t.fullAt),
    conferences: t.conferences,
    participants: t.participants,
    driverMessage: t.driverMessage,
  };
};
const summary = (trials) => ({
  n: trials.length,
  totalMs: stats(trials.map((t) => t.totalMs)),
  backoffMs: stats(trials.map((t) => t.backoffMs)),
  connectMs: stats(trials.map((t) => t.connectMs)),
  rosterMs: stats(trials.map((t) => t.rosterMs)),
  protocolMs: stats(trials.filter((t) => t.protocolMs !== null).map((t) => t.protocolMs)),
  coalesceMs: stats(trials.filter((t) => t.coalesceMs !== null).map((t) => t.coalesceMs)),
  resyncOnlyMs: stats(trials.map((t) => t.connectMs + t.rosterMs)),
  withinTarget: trials.filter((t) => t.totalMs <= TARGET_RESYNC_MS).length,
});

// ---------------------------------------------------------------- (2b) the back-off, by simulation

/**
 * How long the driver waits after an MCU that was down for D ms is back, with the driver's own
 * retryDelay (imported from the engine, default settings): the first retry after the socket
 * closed is attempt 0; each refused attempt is taken as instant (a refused TCP connection on a
 * LAN; a silent MCU makes each attempt last up to the 10 s request timeout, which is worse).
 */
async function backoffModel(durationsMs, samples = 20_000) {
  const { retryDelay, DEFAULT_BACKOFF } = await import('../out/bench-mcu/entry.js');
  return durationsMs.map((d) => {
    const waits = [];
    for (let k = 0; k < samples; k++) {
      let t = 0;
      for (let attempt = 0; t < d; attempt++) t += retryDelay(attempt, DEFAULT_BACKOFF, Math.random);
      waits.push(t - d);
    }
    const st = stats(waits);
    return { downMs: d, waitAfterBackMs: { p50: st.p50, p95: st.p95, max: st.max }, over5sPct: round((100 * waits.filter((w) => w > TARGET_RESYNC_MS - 60).length) / samples) };
  });
}

// ---------------------------------------------------------------- main

async function main() {
  tmp = mkdtempSync(join(os.tmpdir(), 'bench-mcu-'));
  const mainInv = makeInventory({ agentBase: 24000, trapPort: 24900, fallbackPort: 24910, mcuPort: 24950 });
  const refuseInvs = Array.from({ length: REFUSE_RUNS }, (_, k) =>
    makeInventory({ agentBase: 24100 + 100 * k, trapPort: 24901 + k, fallbackPort: 24911 + k, mcuPort: 24951 + k }),
  );
  await waitForPorts([mainInv, ...refuseInvs]);
  const write = (inv, name) => {
    const p = join(tmp, `${name}.json`);
    writeFileSync(p, JSON.stringify(inv, null, 1));
    return p;
  };

  const out = {
    bench: 'bench:mcu',
    machine: machine(),
    setup: {
      process: 'console = engine + HTTP/WS bridge + simulated province + CMS simulator MCU in one process (bridgepoint serve --demo); WebSocket client and Chromium in others',
      driver: 'CMS driver defaults: heartbeat 10 s, back-off 1 s initial ×2 up to 30 s with equal jitter, auth back-off 60 s ±20 %',
      codecs: 22,
      participants: 20,
      conferenceCoalesceMs: 50,
    },
    settings: { actions: ACTIONS, inFlight: IN_FLIGHT, drops: DROPS, outagesMs: OUTAGES, refuseRuns: REFUSE_RUNS, refuseHoldMs: REFUSE_HOLD_MS, browserActions: opts['no-browser'] ? 0 : BROWSER_ACTIONS, panelActions: opts['no-browser'] ? 0 : PANEL_ACTIONS },
  };

  log(`starting the console (engine + simulated province + CMS simulator on 127.0.0.1:24950)${REFUSE_RUNS ? ` and ${REFUSE_RUNS} refuseTokens console(s) in parallel` : ''}`);
  const con = spawnConsole('console', { inventoryPath: write(mainInv, 'main'), monitoring: true });
  const refusers = refuseInvs.map((inv, k) => spawnConsole(`refuse-${k}`, { inventoryPath: write(inv, `refuse-${k}`), monitoring: false }));
  const ready = await con.ready();
  log(`console at ${ready.url} (pid ${ready.pid}), MCU ${ready.mcuUrl}`);

  // The refuseTokens variant: each trial waits out the auth back-off (about a minute), so these
  // run now, in parallel with everything else, in their own processes.
  const refusePromise = Promise.all(
    refusers.map(async (r) => {
      await r.ready();
      await r.ask({ type: 'waitFull' }, 'full', 30_000);
      const { trial } = await r.ask({ type: 'refuse', holdMs: REFUSE_HOLD_MS }, 'trial', 150_000);
      await r.stop();
      return trial;
    }),
  );
  refusePromise.catch(() => {});

  const bridge = await connectBridge(ready.url);
  await con.ask({ type: 'waitFull' }, 'full', 30_000);
  const conf0 = await waitView(bridge, (v) => v.mcu.state === 'ok' && v.conferences.length === 1 && v.conferences[0].rosterKnown, 15_000, 'the demo conference');
  const conferenceId = conf0.conferences[0].id;
  log(`conference "${conf0.conferences[0].name}" (${conf0.conferences[0].participants.length} participants); dialling ${COMMUNE_SITES.length} commune sites in (connectSites)`);
  const dialled = await bridge.call('connectSites', { conferenceId, siteIds: COMMUNE_SITES });
  const failedDials = dialled.filter((r) => !r.ok);
  if (failedDials.length) throw new Error(`connectSites: ${JSON.stringify(failedDials)}`);
  await waitView(
    bridge,
    (v) => v.conferences[0]?.participants.filter((p) => p.state === 'connected').length === 20,
    15_000,
    '20 connected participants',
  );
  await con.ask({ type: 'waitFull' }, 'full', 30_000);

  // (1) control action → roster update, over /ws.
  log('warm-up: one mute per participant (first action on a participant also looks up its call leg)');
  const warmup = await muteRun(bridge, conferenceId, 0, IN_FLIGHT, { eachParticipantOnce: true });
  log(`measuring: ${ACTIONS} muteParticipant toggles, ${IN_FLIGHT} in flight`);
  const tMute = performance.now();
  const ws = await muteRun(bridge, conferenceId, ACTIONS, IN_FLIGHT);
  ws.actionsPerSecond = round(ACTIONS / ((performance.now() - tMute) / 1000));
  log(`action → roster event over /ws: p50 ${ws.toRosterEventMs.p50} ms, p95 ${ws.toRosterEventMs.p95} ms, p99 ${ws.toRosterEventMs.p99} ms, max ${ws.toRosterEventMs.max} ms (errors ${ws.errors}, lost ${ws.lost})`);
  const serial = await muteRun(bridge, conferenceId, Math.min(100, ACTIONS), 1);
  log(`one at a time (100): p50 ${serial.toRosterEventMs.p50} ms, p99 ${serial.toRosterEventMs.p99} ms`);
  out.action = { viaWebSocket: ws, oneInFlight: serial, warmup: { ...warmup, note: 'first action per participant: includes GET /participants/<id>/callLegs' } };

  // (1b) Chromium, on the details panel of a province codec that is in the conference.
  if (!opts['no-browser'] && (BROWSER_ACTIONS > 0 || PANEL_ACTIONS > 0)) {
    if (!existsSync(CHROMIUM)) out.action.chromium = { skipped: `${CHROMIUM} not found` };
    else if (!existsSync(join(ROOT, 'out', 'renderer', 'index.html'))) out.action.chromium = { skipped: 'out/renderer not built (npm run build)' };
    else {
      // tinh-2 is a cisco-telepresence codec: its status.audioMuted has one writer, the conference
      // service. tinh-1 is a polycom-group codec, whose profile also polls audioMuted (the codec's
      // own mic, polycomVSMicData) into the same status field every 5 s.
      out.action.chromium = {};
      if (BROWSER_ACTIONS > 0) log(`Chromium, session view: ${BROWSER_ACTIONS} clicks on mic toggles, one at a time, timed to the MCU-confirmed state`);
      if (BROWSER_ACTIONS > 0) try {
        out.action.session = await sessionRun(ready.url, BROWSER_ACTIONS);
        const sv = out.action.session;
        if (sv.skipped) log(`session view skipped: ${sv.skipped}`);
        else log(`click → confirmed in the roster: p50 ${sv.toConfirmedMs.p50} ms, p99 ${sv.toConfirmedMs.p99} ms, max ${sv.toConfirmedMs.max} ms (missed ${sv.missed})`);
      } catch (e) {
        out.action.session = { failed: e.message.split('\n')[0] };
        log(`session view failed: ${e.message.split('\n')[0]}`);
      }
      for (const [endpointId, profile] of PANEL_ACTIONS > 0 ? [['tinh-2', 'cisco-telepresence'], ['tinh-1', 'polycom-group']] : []) {
        const p = bridge.view().conferences[0].participants.find((x) => x.endpointId === endpointId);
        log(`Chromium, details panel: ${PANEL_ACTIONS} toggles of ${endpointId} (${profile}), one at a time, timed to the audioMuted row`);
        try {
          const r = await browserRun(ready.url, conferenceId, p.id, endpointId, 'tinh', PANEL_ACTIONS);
          out.action.chromium[profile] = r;
          log(`action → DOM: p50 ${r.toDomMs.p50} ms, p99 ${r.toDomMs.p99} ms, max ${r.toDomMs.max} ms (missed ${r.missed}, already shown ${r.alreadyShown})`);
        } catch (e) {
          out.action.chromium[profile] = { failed: e.message.split('\n')[0] };
          log(`Chromium failed: ${e.message.split('\n')[0]}`);
        }
      }
    }
  }

  // (2) resync.
  const drops = [];
  for (let i = 0; i < DROPS; i++) {
    const { trial } = await con.ask({ type: 'drop' }, 'trial', 60_000);
    await sleep(150); // let this client's stream catch up
    drops.push(trialRow(trial, bridge));
    log(`dropSockets ${i + 1}/${DROPS}: ${round(trial.totalMs, 0)} ms (back-off ${round(trial.backoffMs, 0)}, connect ${round(trial.connectMs, 1)}, protocol ${round(trial.protocolMs, 1)}, coalesce ${round(trial.coalesceMs, 1)})`);
    await sleep(200);
  }
  const outages = [];
  for (const downMs of OUTAGES) {
    const { trial } = await con.ask({ type: 'outage', downMs }, 'trial', downMs + 90_000);
    await sleep(150);
    outages.push(trialRow(trial, bridge));
    log(`MCU down ${downMs} ms: back after ${round(trial.totalMs, 0)} ms (back-off ${round(trial.backoffMs, 0)}, connect ${round(trial.connectMs, 1)}, roster ${round(trial.rosterMs, 1)}; ${trial.attemptsWhileDown} attempts while down)`);
  }
  // After the outages the conference has new ids: check the control path still works.
  const after = bridge.view();
  const afterConf = after.conferences[0];
  const check = afterConf ? await muteRun(bridge, afterConf.id, 20, 2) : null;
  if (REFUSE_RUNS) log(`waiting for the refuseTokens console(s) (auth back-off ≈ 60 s ± 20 %)`);
  const refused = (await refusePromise).map((t) => trialRow(t, null));
  for (const t of refused) log(`refuseTokens: ${round(t.totalMs, 0)} ms after tokens are accepted again (back-off ${round(t.backoffMs, 0)}; driver said "${t.refusedMessage}")`);
  out.resync = {
    dropSockets: { ...summary(drops), trials: drops },
    outage: { ...summary(outages), trials: outages },
    refuseTokens: { ...summary(refused), trials: refused },
    backoffModel: {
      note: 'simulated with the driver\'s retryDelay (20000 samples per outage length): wait from the MCU being back to the next attempt; over5sPct = share whose total (wait + ~60 ms of resync) exceeds 5 s',
      outages: await backoffModel([...new Set([1000, 2000, 3000, 5000, 10_000, 20_000, 60_000, 300_000, ...OUTAGES])].sort((a, b) => a - b)),
    },
    controlAfterOutages: check && { actions: check.actions, toRosterEventMs: check.toRosterEventMs, errors: check.errors, lost: check.lost },
  };

  bridge.close();
  await con.stop();

  const p99 = ws.toRosterEventMs.p99;
  const dropMax = out.resync.dropSockets.totalMs.max;
  out.targets = {
    actionToRosterP99: { targetMs: TARGET_ACTION_P99_MS, measuredMs: p99, met: p99 !== null && p99 <= TARGET_ACTION_P99_MS && ws.errors === 0 && ws.lost === 0 },
    resyncAfterDropSockets: { targetMs: TARGET_RESYNC_MS, maxMs: dropMax, met: DROPS > 0 ? dropMax <= TARGET_RESYNC_MS : null },
    resyncAfterOutage: {
      targetMs: TARGET_RESYNC_MS,
      perOutage: outages.map((t) => ({ downMs: t.downMs, totalMs: t.totalMs, met: t.totalMs <= TARGET_RESYNC_MS })),
      met: outages.length ? outages.every((t) => t.totalMs <= TARGET_RESYNC_MS) : null,
      /** By the back-off model: the share of reconnects over 5 s for the longest outage measured. */
      modelOver5sPct: OUTAGES.length ? out.resync.backoffModel.outages.find((x) => x.downMs === Math.max(...OUTAGES)).over5sPct : null,
    },
    resyncAfterRefusedTokens: { targetMs: TARGET_RESYNC_MS, maxMs: out.resync.refuseTokens.totalMs.max, met: refused.length ? refused.every((t) => t.totalMs <= TARGET_RESYNC_MS) : null },
    resyncWorkExcludingBackoff: { targetMs: TARGET_RESYNC_MS, maxMs: stats([...drops, ...outages, ...refused].map((t) => t.connectMs + t.rosterMs)).max },
  };
  out.elapsedS = round((performance.now() - t0) / 1000);
  process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  const md = markdown(out);
  log(`finished in ${out.elapsedS} s; Markdown for docs/benchmarks.md:\n\n${md}\n`);
  if (opts['write-docs']) {
    writeDocs(md);
    log(`wrote the "## bench:mcu" section of ${DOCS}`);
  }
}

// ---------------------------------------------------------------- Markdown

const ms = (v) => (v === null || v === undefined ? '–' : `${v}`);
const yes = (b) => (b === null ? '–' : b ? '**met**' : '**not met**');

function markdown(o) {
  const m = o.machine;
  const w = o.action.viaWebSocket;
  const s1 = o.action.oneInFlight;
  const sv = o.action.session?.toConfirmedMs ? o.action.session : null;
  const c = o.action.chromium?.['cisco-telepresence'];
  const cp = o.action.chromium?.['polycom-group'];
  const r = o.resync;
  const t = o.targets;
  const row = (name, x) => `| ${name} | ${x.n} | ${ms(x.p50)} | ${ms(x.p95)} | ${ms(x.p99)} | ${ms(x.max)} |`;
  const lines = [
    '## bench:mcu',
    '',
    'Conference control against the simulated Cisco Meeting Server (issue 4, "Targets"). Rerun: `npm run bench:mcu` (about',
    '2 minutes; `npm run bench:mcu -- --write-docs` also rewrites this section; options in the header of `bench/mcu.mjs`).',
    'Loopback only. One process runs what `bridgepoint serve --demo` runs — engine (CMS driver with its default settings,',
    'conference service, SNMP monitoring), HTTP + WebSocket bridge, simulated province and CMS simulator MCU — for a',
    'generated inventory of 22 codecs (SNMP agents 127.0.0.1:24000+, traps 24900, MCU 24950); the bench is a separate',
    'process talking to `/ws` exactly as the browser UI does, plus headless Chromium on the console page. One conference,',
    '20 connected participants (the demo\'s 10 plus 10 communes dialled in with `connectSites`). The refuseTokens variant',
    'runs in three more such processes in parallel (MCU 24951–24953, monitoring off), each waiting out the auth back-off.',
    '',
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, Node ${m.node}, ${m.os}. Run took ${o.elapsedS} s.`,
    '',
    '| Target | Measured | |',
    '|---|---|---|',
    `| Control action → roster update visible, p99 ≤ ${TARGET_ACTION_P99_MS} ms | p99 ${ms(t.actionToRosterP99.measuredMs)} ms over /ws (${w.actions} actions, ${w.inFlight} in flight)${sv ? `; in Chromium, click in the session view → MCU-confirmed state shown: p99 ${ms(sv.toConfirmedMs.p99)} ms` : ''} | ${yes(t.actionToRosterP99.met)} |`,
    `| Full resync ≤ ${TARGET_RESYNC_MS / 1000} s after the MCU comes back: events socket dropped | max ${ms(t.resyncAfterDropSockets.maxMs)} ms (${r.dropSockets.n} run${r.dropSockets.n === 1 ? '' : 's'}) | ${yes(t.resyncAfterDropSockets.met)} |`,
    ...(r.outage.n
      ? [`| … MCU down for D s, then back | ${r.outage.trials.map((x) => `${round(x.downMs / 1000, 0)} s → ${ms(round(x.totalMs, 0))} ms`).join('; ')} | ${t.resyncAfterOutage.met && t.resyncAfterOutage.modelOver5sPct > 0 ? `met in this run, **not guaranteed**: by the back-off model ${t.resyncAfterOutage.modelOver5sPct} % of ${Math.max(...r.outage.trials.map((x) => round(x.downMs / 1000, 0)))} s outages take > 5 s` : `${yes(t.resyncAfterOutage.met)}${t.resyncAfterOutage.met ? '' : ' (back-off)'}`} |`]
      : []),
    ...(r.refuseTokens.n ? [`| … tokens refused (401) for a while, then accepted | max ${ms(t.resyncAfterRefusedTokens.maxMs)} ms (${r.refuseTokens.n} run${r.refuseTokens.n === 1 ? '' : 's'}) | ${yes(t.resyncAfterRefusedTokens.met)} (auth back-off) |`] : []),
    `| The resync work itself (connect + rosters, back-off excluded), all variants | max ${ms(t.resyncWorkExcludingBackoff.maxMs)} ms | ${yes(t.resyncWorkExcludingBackoff.maxMs !== null && t.resyncWorkExcludingBackoff.maxMs <= TARGET_RESYNC_MS)} |`,
    '',
    '**(1) Control action → roster update** (ms; request sent on `/ws` → first `conferences` event whose roster shows the',
    'participant\'s new audio mute state; toggles alternate per participant, never two in flight on one participant):',
    '',
    '| Path | n | p50 | p95 | p99 | max |',
    '|---|---|---|---|---|---|',
    row(`/ws, ${w.inFlight} in flight (${w.actionsPerSecond} actions/s)`, w.toRosterEventMs),
    row('/ws, same run: request → RPC reply', w.toReplyMs),
    row('/ws, one in flight', s1.toRosterEventMs),
    row('/ws, warm-up (first action per participant, + call-leg lookup)', o.action.warmup.toRosterEventMs),
    ...(sv
      ? [
          row('Chromium, session view: click → optimistic (pending) state shown', sv.toOptimisticMs),
          row('Chromium, session view: click → MCU-confirmed state shown', sv.toConfirmedMs),
          row('Chromium, session view: click → next animation frame after that', sv.toNextFrameMs),
        ]
      : []),
    ...(c?.toDomMs
      ? [
          row('Chromium, Cisco codec: request → status delta on the page\'s socket', c.toStatusEventMs),
          row('Chromium, Cisco codec: request → DOM (details panel, audioMuted row)', c.toDomMs),
          row('Chromium, Cisco codec: request → next animation frame', c.toNextFrameMs),
        ]
      : []),
    ...(cp?.toDomMs
      ? [
          row('Chromium, Polycom codec: request → status delta on the page\'s socket', cp.toStatusEventMs),
          row(`Chromium, Polycom codec: request → DOM (${cp.missed} of ${cp.actions} never shown within 5 s)`, cp.toDomMs),
        ]
      : []),
    '',
    `Errors ${w.errors}, lost ${w.lost}. The roster event follows the RPC reply by p50 ${ms(w.eventAfterReplyMs.p50)} ms: the MCU's`,
    'rosterUpdate reaches the driver about when its REST answer does, and the conference service then coalesces for ~50 ms',
    'before pushing the whole ConferencesView — nearly all of the ~53 ms.',
    sv
      ? `Session view (Chromium, ${sv.actions} clicks on the mic toggles of ${sv.participants} roster rows, one at a time, timed in the page by a MutationObserver): "confirmed" = the toggle shows the new state with the optimistic overlay gone, i.e. the roster from the MCU agrees; this is the figure for "visible in the UI".`
      : `The session view was not measured (${o.action.session?.skipped ?? o.action.session?.failed ?? 'Chromium not run'}); the /ws figure is the one to read.`,
    c?.toDomMs
      ? 'Details panel (Chromium, request sent from the page\'s own WebSocket): the endpoint details show each codec\'s mute from the status stream, which the conference service writes into the status table (flushed every ~50 ms: a second coalescing).'
      : '',
    ...(cp?.toDomMs
      ? [
          '',
          `**Engine issue (Polycom codecs): the panel does not keep the MCU's mute.** The polycom-group profile polls \`audioMuted\``,
          '(the codec\'s own microphone, polycomVSMicData) into the same status field the conference service fills with the MCU\'s',
          'rxAudioMute. The MCU mute shows within ~100 ms as above, then the next poll (≤ 5 s) writes the codec\'s value over it,',
          'and the conference service writes again only when its view changes and only where its value differs from the row.',
          'Meanwhile the simulated active speaker moves every 3 s, each move rebuilds the view and writes the MCU value back: the',
          `row flickers. Sampled every 100 ms for 10 s after a mute: Cisco codec row showed the MCU's state ${c?.hold?.showsMcuStatePct ?? '–'} % of the time`,
          `(${c?.hold?.flips ?? '–'} flips); Polycom codec row ${cp.hold?.showsMcuStatePct ?? '–'} % (${cp.hold?.flips ?? '–'} flips). With a real MCU and a quiet roster the codec's value would stay.`,
          'Endpoints in no conference flip between the polled value and null on each conference rebuild. Two writers of one field.',
          `Not a latency problem of the control path: the /ws roster figure is the same for every codec${cp.toDomMs.max > 300 || cp.missed ? `; the Polycom outliers here (slowest ${ms(cp.toDomMs.max)} ms, ${cp.missed} never shown) are actions whose status write shared a ~50 ms flush window with a poll that wrote over it, so it showed only at the next conference rebuild` : ''}.`,
        ]
      : []),
    '',
    '**(2) Full resync** (ms; in the engine: MCU reachable again → first ConferencesView with mcu.state `ok`, every call, every',
    'roster known with every participant\'s state and mute equal to the MCU\'s). Back-off = reachable → the driver\'s next',
    'attempt; connect = token + events socket + subscribeRequest acked; protocol = `ok` → the driver\'s call table complete',
    '(call list, roster subscriptions, first rosterUpdate of each call); coalesce = the conference service\'s flush (~50 ms)',
    'until the complete view is pushed. The WebSocket client saw that view a further',
    `p50 ${ms(stats(r.dropSockets.trials.concat(r.outage.trials).map((x) => x.wsLagMs).filter((x) => x !== null)).p50)} ms later.`,
    '',
    '| Variant | n | total p50 | total max | back-off p50 | back-off max | connect p50 | protocol p50 | protocol max | coalesce p50 |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...[
      ['dropSockets (MCU stays up)', r.dropSockets],
      ['MCU down, then back', r.outage],
      ['refuseTokens, then accepted', r.refuseTokens],
    ]
      .filter(([, x]) => x.n > 0)
      .map(([name, x]) => `| ${name} | ${x.n} | ${ms(x.totalMs.p50)} | ${ms(x.totalMs.max)} | ${ms(x.backoffMs.p50)} | ${ms(x.backoffMs.max)} | ${ms(x.connectMs.p50)} | ${ms(x.protocolMs.p50)} | ${ms(x.protocolMs.max)} | ${ms(x.coalesceMs.p50)} |`),
    '',
    'The measured outages are single draws of a random back-off. The same wait, simulated with the driver\'s own `retryDelay`',
    '(20 000 draws per outage length; refused attempts taken as instant):',
    '',
    '| MCU down for | wait after it is back p50 | p95 | max | total > 5 s |',
    '|---|---|---|---|---|',
    ...r.backoffModel.outages.map((x) => `| ${x.downMs / 1000} s | ${ms(round(x.waitAfterBackMs.p50, 0))} | ${ms(round(x.waitAfterBackMs.p95, 0))} | ${ms(round(x.waitAfterBackMs.max, 0))} | ${x.over5sPct} % |`),
    '',
    ...(r.outage.n ? [`Measured outages: ${r.outage.trials.map((x) => `down ${round(x.downMs / 1000, 1)} s → ${ms(round(x.totalMs, 0))} ms after it was back (back-off ${ms(round(x.backoffMs, 0))} ms, ${x.attemptsWhileDown} attempt${x.attemptsWhileDown === 1 ? '' : 's'} while down)`).join('; ')}.`, ''] : []),
    'Reading: the resync itself takes a few milliseconds; what decides "≤ 5 s after the MCU comes back" is the driver\'s',
    'reconnect back-off. After a dropped socket on a live MCU the first retry waits 0.5–1 s, so the target holds. While the',
    'MCU is down the delay doubles (0.5–1, 1–2, 2–4, 4–8 … capped at 15–30 s), so the wait after it comes back grows with the',
    'outage: it can exceed 5 s once an outage lasts longer than about 3.5 s (the next delay is then 4–8 s, later up to 30 s),',
    'and against a real MCU that drops packets instead of refusing connections each attempt can also take up to the 10 s',
    'request timeout. Whether a given outage run meets 5 s is luck of the jitter. A refused token (401) switches to the auth back-off',
    '(48–72 s), so after a transient refusal the console stays in "credentials refused" for up to ~72 s. Meeting 5 s in',
    'those cases needs a driver change (a lower cap, or a faster re-probe after a refusal), not faster resync work.',
    '',
  ];
  return lines.join('\n');
}

function writeDocs(md) {
  let text = existsSync(DOCS) ? readFileSync(DOCS, 'utf8') : '# Benchmarks\n';
  const start = text.search(/^## bench:mcu\b/m);
  if (start >= 0) {
    const rest = text.slice(start + 1);
    const nextRel = rest.search(/^## /m);
    const end = nextRel >= 0 ? start + 1 + nextRel : text.length;
    text = `${text.slice(0, start)}${md}${end < text.length ? '\n' : ''}${text.slice(end)}`;
  } else {
    text = `${text.replace(/\n*$/, '\n\n')}${md}`;
  }
  writeFileSync(DOCS, text);
}

main()
  .then(() => {
    cleanup();
    process.exit(0);
  })
  .catch(async (e) => {
    log(`failed: ${e.stack ?? e.message}`);
    await browser?.close().catch(() => {});
    cleanup();
    process.exit(1);
  });
