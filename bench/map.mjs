#!/usr/bin/env node
// bench:map — the topology map in headless Chromium through the real bridge (issue 5, item 6 and
// "Targets"): 5,000 endpoints with 1,000 status changes per second:
//   median ≥ 55 fps, 5th percentile ≥ 30 fps, no long task over 50 ms in steady state;
//   first full paint ≤ 1.5 s after the status snapshot arrives.
//
//   npm run bench:map                           3 runs + the meeting run, about 2½ minutes
//   npm run bench:map -- --runs 1 --window-s 10 --meeting-in-call 0    a quick look
//   npm run bench:map -- --write-docs           also rewrite the "## bench:map" section of docs/benchmarks.md
//   npm run bench:map -- --profile-s 0          no CPU profile (default: 8 s, after the last run's window)
//   npm run bench:map -- --profile-out FILE     also keep the V8 CPU profile (.cpuprofile, for DevTools)
//   npm run bench:map -- --trace-out FILE       also keep the trace (Perfetto / DevTools)
//
// Options: --endpoints 5000 --districts 40 --provinces 5 --rate 1000 --in-call 0.2 --runs 3 --warmup-s 5
// --window-s 20 --idle-s 5 --profile-s 8 --trace-s 8 --trace-categories LIST --window-trace toplevel|none
// --meeting-in-call 0.9 (0: no meeting run) --meeting-window-s 10 --width 1920 --height 1080 --seed N
// --deadline-s 170 --verbose; --from-json FILE [--write-docs] only renders the Markdown of a saved result. `npm run -s bench:map > result.json` keeps npm's banner out of the JSON.
// JSON (machine, settings, per-run results, summary, targets) goes to stdout; progress and the
// Markdown section go to stderr.
//
// How it runs. `npm run bench:map` bundles bench/map-entry.ts (serve) with Vite into
// out/bench-map/entry.js (bench/map.vite.config.mjs), then runs this plain-JavaScript file with the
// project's Node 22. The page is the built renderer in out/renderer (`npm run build`; a warning is
// printed, and recorded in the JSON, when renderer/ or shared/ sources are newer than that build).
//
//   console  (bench/map-child.mjs, its own process) what `bridgepoint serve --inventory FILE` runs
//            with monitoring off: the engine and the HTTP + WebSocket bridge on 127.0.0.1:<free
//            port>, for a generated inventory (5 province sites, 40 districts, 4,955 communes, one
//            codec each = 5,000 endpoints; tiers province/district/commune; no MCU, so no driver).
//            Every endpoint starts up and measured (~20 % in calls); then the same process writes
//            --rate random changes per second into the engine's StatusTable (engine.status.update:
//            link quality, reachability, degraded, in call, audio mute — see its header), which
//            coalesces them and flushes a delta batch about every 50 ms to /ws, as monitoring does.
//            The changes run from before the page opens to the end: the page loads under load.
//   Chromium (playwright-core, /usr/bin/chromium, --no-sandbox --disable-gpu
//            --disable-background-networking; a new browser per run) opens the console at
//            1920×1080, device pixel ratio 1; the map is the default view.
//   this     measures through an init script in the page and the DevTools protocol (CDP).
//
// What is measured, per run:
//   first full paint   t0 = the status snapshot frame arriving: CDP Network.webSocketFrameReceived
//                      (network side; its monotonic clock is put on the page's clock with the
//                      wallTime of the socket's handshake event), and the page's own receipt (a
//                      'message' listener the init script adds to every WebSocket before the app's
//                      handler). t1 = the map's performance.mark('bridgepoint:map-first-full-paint')
//                      (set after the first frame that drew every node with statuses), and the next
//                      animation frame after it (by then the frame is on its way to the screen).
//                      The target is judged on network arrival → mark.
//   frame rate         after --warmup-s of changes, a --window-s window of requestAnimationFrame
//                      timestamps (a rAF loop the init script starts before the app): frame
//                      intervals → median fps = 1000 / median interval, 5th-percentile fps =
//                      1000 / 95th-percentile interval (the targets are judged on these); also
//                      frames counted per whole second of the window (median and 5th percentile of
//                      those counts). The map itself only redraws when something changed (here about
//                      20 times a second, once per delta batch); every frame the page produces counts.
//   long tasks         PerformanceObserver('longtask') (tasks over 50 ms on the page's main thread):
//                      count, max, total in the window; the ones while loading are reported apart.
//                      The window is also traced (CDP Tracing, category `toplevel`: cheap): every
//                      main-thread task with its wall time and the thread's CPU time in it, so each
//                      long task is shown with the CPU it really used — on a shared machine a 30 ms
//                      task that waited for a CPU shows up as a 70 ms long task.
//   JS heap            CDP Runtime.getHeapUsage at the window's start and end and each second in
//                      between (min/max), and after a forced GC at the end of the run.
//   map draw times     canvas.mapStats ({frames, lastDrawMs, maxDrawMs, totalDrawMs}) sampled each
//                      frame: draws per second, mean, p95 and max draw time in the window.
//   CPU                from /proc: the renderer's main thread and its other threads, the rest of
//                      Chromium, the console process, and everything else on the machine (the
//                      machine is shared; load averages at the start and end too).
//   idle reference     (last run, --idle-s) the changes stopped: the frame rate the page gets with
//                      nothing to do, i.e. what this machine's headless Chromium gives at all.
//   CPU profile        (last run, --profile-s, after the window so it does not disturb it) a V8
//                      sampling profile of the page (CDP Profiler): self time by function, and
//                      inclusive time of the map's own functions.
//   trace              (last run, --trace-s, after that) a detailed trace (toplevel, devtools.timeline,
//                      disabled-by-default-devtools.timeline): the longest main-thread tasks by CPU
//                      and what ran inside them (the map's frame callback, Commit = the software
//                      raster of the canvas recording, layout, paint, GC …).
//   meeting run        (--meeting-in-call, default 0.9) one more run against a fresh console process
//                      in which ~90 % of the endpoints are in calls — a province-wide meeting, the
//                      network's main use — with the same changes per second: the map draws a ring
//                      round every node in a call, so this is the heaviest steady state to draw.
//
// Loopback only. Every child (and Chromium) is stopped on exit, on error and on Ctrl-C; the console
// process exits by itself when this process dies. The whole run is bounded (--deadline-s, 170 s).
import { fork } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const ROOT = resolve(import.meta.dirname, '..');
const CHILD = join(import.meta.dirname, 'map-child.mjs');
const DOCS = join(ROOT, 'docs', 'benchmarks.md');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const TARGET = { medianFps: 55, p5Fps: 30, longTaskMs: 50, firstPaintMs: 1500 };

const { values: opts } = parseArgs({
  options: {
    endpoints: { type: 'string', default: '5000' },
    districts: { type: 'string', default: '40' },
    provinces: { type: 'string', default: '5' },
    rate: { type: 'string', default: '1000' },
    'in-call': { type: 'string', default: '0.2' },
    'meeting-in-call': { type: 'string', default: '0.9' },
    'meeting-window-s': { type: 'string', default: '10' },
    runs: { type: 'string', default: '3' },
    'warmup-s': { type: 'string', default: '5' },
    'window-s': { type: 'string', default: '20' },
    'idle-s': { type: 'string', default: '5' },
    'profile-s': { type: 'string', default: '8' },
    'profile-out': { type: 'string' },
    'window-trace': { type: 'string', default: 'toplevel' },
    'trace-s': { type: 'string', default: '8' },
    'trace-out': { type: 'string' },
    'trace-categories': { type: 'string', default: 'toplevel,devtools.timeline,disabled-by-default-devtools.timeline' },
    'deadline-s': { type: 'string', default: '170' },
    width: { type: 'string', default: '1920' },
    height: { type: 'string', default: '1080' },
    seed: { type: 'string', default: '20261123' },
    'write-docs': { type: 'boolean', default: false },
    'from-json': { type: 'string' },
    verbose: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});
if (opts.help) {
  console.error(
    'usage: node bench/map.mjs [--endpoints 5000] [--districts 40] [--provinces 5] [--rate 1000] [--in-call 0.2] [--runs 3] [--warmup-s 5] [--window-s 20] [--idle-s 5] [--profile-s 8] [--profile-out FILE] [--trace-s 8] [--trace-out FILE] [--trace-categories LIST] [--window-trace toplevel|none] [--width 1920] [--height 1080] [--seed N] [--write-docs] [--verbose]',
  );
  process.exit(0);
}
const num = (k) => {
  const v = Number(opts[k]);
  if (!Number.isFinite(v) || v < 0) throw new Error(`--${k} must be a number ≥ 0`);
  return v;
};
const S = {
  endpoints: num('endpoints'),
  districts: num('districts'),
  provinces: num('provinces'),
  rate: num('rate'),
  inCall: Math.min(1, num('in-call')),
  meetingInCall: Math.min(1, num('meeting-in-call')),
  meetingWindowS: num('meeting-window-s'),
  runs: Math.max(1, Math.floor(num('runs'))),
  warmupS: num('warmup-s'),
  windowS: Math.max(2, num('window-s')),
  idleS: num('idle-s'),
  profileS: num('profile-s'),
  traceS: num('trace-s'),
  windowTrace: ['', 'none'].includes(opts['window-trace']) ? '' : opts['window-trace'],
  deadlineS: num('deadline-s'),
  width: num('width'),
  height: num('height'),
  seed: num('seed'),
};

const t0 = performance.now();
const log = (line) => process.stderr.write(`bench:map ${((performance.now() - t0) / 1000).toFixed(1).padStart(6)} s  ${line}\n`);
const round = (v, d = 1) => (v === null || v === undefined || Number.isNaN(v) ? null : Math.round(v * 10 ** d) / 10 ** d);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Nearest-rank percentile of a sorted array. */
const pct = (sorted, q) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] : null);
function stats(values) {
  if (values.length === 0) return { n: 0, min: null, p50: null, p95: null, p99: null, max: null, mean: null };
  const s = Float64Array.from(values).sort();
  return { n: s.length, min: round(s[0], 2), p50: round(pct(s, 0.5), 2), p95: round(pct(s, 0.95), 2), p99: round(pct(s, 0.99), 2), max: round(s[s.length - 1], 2), mean: round(s.reduce((a, b) => a + b, 0) / s.length, 2) };
}
const median = (xs) => (xs.length ? Float64Array.from(xs).sort()[Math.floor((xs.length - 1) / 2)] : null);

// ---------------------------------------------------------------- machine and CPU from /proc

const CLK_TCK = 100;
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
const loadavg = () => os.loadavg().map((v) => round(v, 2));

function readStat(path) {
  try {
    const text = readFileSync(path, 'utf8');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return null;
  }
}
const cmdline = (pid) => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
};
function descendants(root) {
  const kids = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const st = readStat(`/proc/${name}/stat`);
    if (!st) continue;
    if (!kids.has(st.ppid)) kids.set(st.ppid, []);
    kids.get(st.ppid).push(Number(name));
  }
  const out = [];
  const stack = [...(kids.get(root) ?? [])];
  while (stack.length) {
    const pid = stack.pop();
    out.push(pid);
    stack.push(...(kids.get(pid) ?? []));
  }
  return out;
}
function machineTicks() {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const total = line.slice(0, 8).reduce((a, b) => a + b, 0); // user nice system idle iowait irq softirq steal
  return { total, busy: total - line[3] - line[4] };
}
/** CPU ticks now of: this process, the console child, Chromium by process type, the renderer's main thread(s). */
function cpuSnapshot(childPid) {
  const self = readStat(`/proc/${process.pid}/stat`)?.ticks ?? 0;
  const child = readStat(`/proc/${childPid}/stat`)?.ticks ?? 0;
  const chrome = { renderer: 0, rendererMain: 0, gpu: 0, other: 0, rendererMainWaitNs: 0, rendererMainSwitches: 0 };
  for (const pid of descendants(process.pid)) {
    if (pid === childPid) continue;
    const st = readStat(`/proc/${pid}/stat`);
    if (!st) continue;
    const cmd = cmdline(pid);
    if (!/chrom/i.test(cmd)) continue;
    if (cmd.includes('--type=renderer')) {
      chrome.renderer += st.ticks;
      chrome.rendererMain += readStat(`/proc/${pid}/task/${pid}/stat`)?.ticks ?? 0;
      // schedstat: time on a CPU, time runnable but waiting for one (ns), timeslices.
      try {
        chrome.rendererMainWaitNs += Number(readFileSync(`/proc/${pid}/task/${pid}/schedstat`, 'utf8').split(' ')[1]);
        chrome.rendererMainSwitches += Number(/nonvoluntary_ctxt_switches:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/task/${pid}/status`, 'utf8'))?.[1] ?? 0);
      } catch {
        // not Linux, or the process is gone
      }
    } else if (cmd.includes('--type=gpu-process')) chrome.gpu += st.ticks;
    else chrome.other += st.ticks;
  }
  return { at: performance.now(), self, child, chrome, machine: machineTicks() };
}
/** Percent of one core between two snapshots. */
function cpuBetween(a, b) {
  const s = (b.at - a.at) / 1000;
  const p = (ticks) => round((100 * ticks) / CLK_TCK / s);
  const machineBusy = (b.machine.busy - a.machine.busy) / ((b.machine.total - a.machine.total) / os.cpus().length); // cores busy
  const ours = (b.self - a.self + b.child - a.child + Object.keys(b.chrome).filter((k) => ['renderer', 'gpu', 'other'].includes(k)).reduce((n, k) => n + b.chrome[k] - a.chrome[k], 0)) / CLK_TCK / s;
  return {
    rendererMainThread: p(b.chrome.rendererMain - a.chrome.rendererMain),
    // The renderer's main thread runnable but waiting for a CPU (other threads and programs had it), ms per s.
    rendererMainRunQueueMsPerS: round((b.chrome.rendererMainWaitNs - a.chrome.rendererMainWaitNs) / 1e6 / s),
    rendererMainPreemptionsPerS: round((b.chrome.rendererMainSwitches - a.chrome.rendererMainSwitches) / s),
    rendererOtherThreads: p(b.chrome.renderer - a.chrome.renderer - (b.chrome.rendererMain - a.chrome.rendererMain)),
    chromiumGpuProcess: p(b.chrome.gpu - a.chrome.gpu),
    chromiumOther: p(b.chrome.other - a.chrome.other),
    console: p(b.child - a.child),
    bench: p(b.self - a.self),
    machine: round(100 * machineBusy),
    otherPrograms: round(Math.max(0, 100 * (machineBusy - ours))),
  };
}

/** Whether out/renderer is older than the sources it is built from. */
function rendererBuild() {
  const index = join(ROOT, 'out', 'renderer', 'index.html');
  if (!existsSync(index)) return { builtAt: null, stale: true, newestSource: null };
  const builtAt = statSync(index).mtimeMs;
  let newest = { path: null, at: 0 };
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else {
        const at = statSync(p).mtimeMs;
        if (at > newest.at) newest = { path: p, at };
      }
    }
  };
  walk(join(ROOT, 'renderer'));
  walk(join(ROOT, 'shared'));
  return { builtAt: new Date(builtAt).toISOString(), stale: newest.at > builtAt, newestSource: newest.path ? `${newest.path.slice(ROOT.length + 1)} (${new Date(newest.at).toISOString()})` : null };
}

// ---------------------------------------------------------------- the inventory

const SYLLABLES = ['Bằng', 'Phúc', 'Nà', 'Chợ', 'Rã', 'Đồn', 'Phong', 'Quang', 'Thuận', 'Cao', 'Sơn', 'Yên', 'Lạc', 'Hà', 'Hiệu', 'Thượng', 'Giáo', 'Khang', 'Ninh', 'Vũ', 'Muộn', 'Đôn', 'Bình', 'Văn', 'Tân', 'Kim', 'Hư', 'Lương', 'Thành', 'Côn', 'Minh', 'Xuân', 'Dương', 'Quảng', 'Bạch', 'Thông', 'Lãng', 'Ngân', 'Trung', 'Đức', 'Hòa', 'Mỹ', 'Tú', 'Trĩ', 'Nghĩa', 'Cẩm', 'Giàng', 'Lục', 'Pác', 'Nặm'];
const PROFILES = ['polycom-group', 'cisco-telepresence', 'generic-mib2'];

/**
 * A province of `endpoints` sites with one codec each: `provinces` province-level sites, `districts`
 * districts under the provincial People's Committee, the rest communes spread unevenly over the
 * districts (0.6–1.4 × the mean). Hosts are in 10.0.0.0/8 and never contacted (monitoring is off).
 */
function makeInventory() {
  let r = S.seed >>> 0;
  const rnd = () => {
    r = (Math.imul(r, 1664525) + 1013904223) >>> 0;
    return r / 4294967296;
  };
  const name = () => `${SYLLABLES[Math.floor(rnd() * SYLLABLES.length)]} ${SYLLABLES[Math.floor(rnd() * SYLLABLES.length)]}`;
  let n = 0;
  const endpoint = (siteId) => {
    const k = n++;
    return { id: `${siteId}-1`, name: 'Phòng họp trực tuyến', host: `10.${(k >> 16) & 255}.${(k >> 8) & 255}.${k & 255}`, profile: PROFILES[k % 3], uri: `sip:${siteId}@vc.bench.invalid` };
  };
  const sites = [];
  for (let p = 0; p < S.provinces; p++) {
    const id = p === 0 ? 'ubnd-tinh' : `so-${p}`;
    sites.push({ id, name: p === 0 ? 'Văn phòng UBND tỉnh' : `Sở ${name()}`, tier: 'province', endpoints: [endpoint(id)] });
  }
  for (let d = 1; d <= S.districts; d++) {
    const id = `huyen-${d}`;
    sites.push({ id, name: `UBND huyện ${name()}`, tier: 'district', parent: 'ubnd-tinh', endpoints: [endpoint(id)] });
  }
  const communes = Math.max(0, S.endpoints - S.provinces - S.districts);
  const weights = Array.from({ length: S.districts }, () => 0.6 + 0.8 * rnd());
  const sum = weights.reduce((a, b) => a + b, 0);
  let made = 0;
  for (let d = 1; d <= S.districts; d++) {
    const count = d === S.districts ? communes - made : Math.round((communes * weights[d - 1]) / sum);
    for (let c = 1; c <= count; c++) {
      const id = `xa-${d}-${c}`;
      sites.push({ id, name: `UBND xã ${name()}`, tier: 'commune', parent: `huyen-${d}`, endpoints: [endpoint(id)] });
    }
    made += count;
  }
  return { name: 'bench:map', timezone: 'Asia/Ho_Chi_Minh', tiers: ['province', 'district', 'commune'], sites };
}

// ---------------------------------------------------------------- children and cleanup

let child = null;
let browser = null;
let tmp = null;

function cleanup() {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  child = null;
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

function startConsole(inventoryPath, inCall) {
  const c = fork(CHILD, [JSON.stringify({ inventoryPath, seed: S.seed, inCall })], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe', 'ipc'], serialization: 'json' });
  child = c;
  const tail = [];
  const keep = (chunk) => {
    for (const line of String(chunk).split('\n')) {
      if (!line) continue;
      if (opts.verbose) log(`[console] ${line}`);
      tail.push(line);
      if (tail.length > 20) tail.shift();
    }
  };
  c.stdout.on('data', keep);
  c.stderr.on('data', keep);
  const exited = new Promise((r) => c.once('exit', (code, signal) => r({ code, signal })));
  const failure = new Promise((_, reject) => {
    c.on('message', (m) => m.type === 'error' && reject(new Error(`console: ${m.message}`)));
    void exited.then(({ code, signal }) => reject(new Error(`console exited (${signal ?? code}); last output:\n  ${tail.join('\n  ')}`)));
  });
  failure.catch(() => {});
  const next = (type, timeoutMs, filter = () => true) => {
    let on;
    let timer;
    return Promise.race([
      new Promise((res) => {
        on = (m) => m.type === type && filter(m) && res(m);
        c.on('message', on);
      }),
      failure,
      new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`console: no "${type}" within ${timeoutMs / 1000} s; last output:\n  ${tail.join('\n  ')}`)), timeoutMs))),
    ]).finally(() => {
      c.off('message', on);
      clearTimeout(timer);
    });
  };
  let seq = 0;
  const ready = next('ready', 60_000);
  ready.catch(() => {});
  return {
    pid: c.pid,
    ready: () => ready,
    drive: (rate) => c.send({ type: 'drive', rate }),
    mark: () => {
      const id = ++seq;
      const reply = next('mark', 10_000, (m) => m.id === id);
      c.send({ type: 'mark', id });
      return reply;
    },
    stop: async () => {
      if (c.exitCode !== null || c.signalCode !== null) return;
      c.send({ type: 'stop' });
      await Promise.race([exited, sleep(5000)]);
      if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
      await exited;
    },
  };
}

// ---------------------------------------------------------------- the page's instruments

/**
 * Runs in the page before the app (page.addInitScript): a rAF loop recording every frame's
 * timestamp and, when the map drew in between, its draw time (canvas.mapStats); long tasks; and a
 * 'message' listener on every WebSocket, added in the constructor so it runs before the app's
 * onmessage, timing the first status snapshot frame and counting frames and characters (no parsing).
 */
function pageInstruments() {
  const B = {
    raf: new Float64Array(1 << 16),
    rafN: 0,
    draws: new Float64Array(1 << 16),
    drawAt: new Float64Array(1 << 16),
    drawN: 0,
    lastMapFrames: 0,
    longtasks: [],
    snapshotAt: null,
    snapshotChars: null,
    frames: 0,
    chars: 0,
    canvas: null,
  };
  window.__bench = B;
  const tick = (t) => {
    if (B.rafN < B.raf.length) B.raf[B.rafN++] = t;
    let c = B.canvas;
    if (!c || !c.isConnected) c = B.canvas = document.querySelector('canvas[data-testid="network-map"]');
    const s = c && c.mapStats;
    if (s && s.frames !== B.lastMapFrames) {
      B.lastMapFrames = s.frames;
      if (B.drawN < B.draws.length) {
        B.draws[B.drawN] = s.lastDrawMs;
        B.drawAt[B.drawN++] = t;
      }
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) B.longtasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    B.longtasks = null;
  }
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (e) => {
        const now = performance.now();
        B.frames++;
        if (typeof e.data !== 'string') return;
        B.chars += e.data.length;
        if (B.snapshotAt === null && e.data.startsWith('{"t":"evt","stream":"status","payload":{"kind":"snapshot"')) {
          B.snapshotAt = now;
          B.snapshotChars = e.data.length;
        }
      });
    }
  };
}

const SNAPSHOT_PREFIX = '{"t":"evt","stream":"status","payload":{"kind":"snapshot"';

// ---------------------------------------------------------------- one run

async function heap(cdp) {
  const h = await cdp.send('Runtime.getHeapUsage');
  return { usedMiB: round(h.usedSize / 2 ** 20, 2), totalMiB: round(h.totalSize / 2 ** 20, 2) };
}

// ---------------------------------------------------------------- tracing (CDP Tracing)

async function startTrace(cdp, categories) {
  await cdp.send('Tracing.start', { transferMode: 'ReturnAsStream', traceConfig: { includedCategories: categories, excludedCategories: ['*'] } });
}

async function stopTrace(cdp) {
  const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
  await cdp.send('Tracing.end');
  const { stream } = await done;
  const parts = [];
  for (;;) {
    const r = await cdp.send('IO.read', { handle: stream, size: 1 << 20 });
    parts.push(r.base64Encoded ? Buffer.from(r.data, 'base64').toString('utf8') : r.data);
    if (r.eof) break;
  }
  await cdp.send('IO.close', { handle: stream });
  const json = JSON.parse(parts.join(''));
  return Array.isArray(json) ? json : json.traceEvents;
}

/** Trace events worth naming inside a main-thread task (the outermost of each name is summed). */
const TASK_PARTS = new Set(['FireAnimationFrame', 'FunctionCall', 'TimerFire', 'EventDispatch', 'UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize', 'Commit', 'MinorGC', 'MajorGC', 'ParseHTML', 'EvaluateScript', 'v8.compile', 'RunMicrotasks']);

/**
 * The renderer main thread's tasks from a trace: the outermost complete events on CrRendererMain
 * (the renderer with the most of them), each with its wall time (dur), the thread's CPU time in it
 * (tdur) and the TASK_PARTS inside it summed by name (FunctionCall with the function's name).
 * `toPage` maps trace µs to the page's clock (ms).
 */
function mainThreadTasks(events, toPage) {
  const mains = new Map();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain') mains.set(`${e.pid}:${e.tid}`, 0);
  for (const e of events) if (e.ph === 'X' && mains.has(`${e.pid}:${e.tid}`)) mains.set(`${e.pid}:${e.tid}`, mains.get(`${e.pid}:${e.tid}`) + 1);
  const main = [...mains].sort((a, b) => b[1] - a[1])[0]?.[0];
  if (!main) return [];
  const evs = events.filter((e) => e.ph === 'X' && `${e.pid}:${e.tid}` === main && typeof e.dur === 'number').sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const tasks = [];
  const stack = [];
  for (const e of evs) {
    while (stack.length && stack[stack.length - 1].end <= e.ts) stack.pop();
    if (stack.length === 0) {
      const task = { start: toPage(e.ts), durationMs: e.dur / 1000, cpuMs: typeof e.tdur === 'number' ? e.tdur / 1000 : null, children: new Map() };
      tasks.push(task);
      stack.push({ end: e.ts + e.dur, name: e.name, task });
      continue;
    }
    const task = stack[0].task;
    if (TASK_PARTS.has(e.name) && !stack.some((x) => x.name === e.name)) {
      const label = e.args?.data?.functionName ? `${e.name} ${e.args.data.functionName}` : e.name;
      const c = task.children.get(label) ?? { ms: 0, cpuMs: 0, n: 0 };
      c.ms += e.dur / 1000;
      c.cpuMs += (e.tdur ?? 0) / 1000;
      c.n++;
      task.children.set(label, c);
    }
    stack.push({ end: e.ts + e.dur, name: e.name, task });
  }
  return tasks;
}

const taskView = (t) => ({
  startMs: round(t.start),
  wallMs: round(t.durationMs),
  cpuMs: round(t.cpuMs),
  inside: [...t.children]
    .sort((a, b) => b[1].ms - a[1].ms)
    .slice(0, 6)
    .map(([name, c]) => `${name}${c.n > 1 ? ` ×${c.n}` : ''} ${round(c.ms)}`),
});

/** Main-thread tasks in [from, to): how many, the longest by CPU, and each long task matched to its task. */
function taskStats(tasks, from, to, longtasks) {
  const inWin = tasks.filter((t) => t.start >= from && t.start < to);
  const byCpu = [...inWin].sort((a, b) => (b.cpuMs ?? 0) - (a.cpuMs ?? 0));
  const matched = longtasks.map((lt) => {
    let best = null;
    let bestOverlap = 0;
    for (const t of tasks) {
      const overlap = Math.min(lt.start + lt.duration, t.start + t.durationMs) - Math.max(lt.start, t.start);
      if (overlap > bestOverlap) {
        bestOverlap = overlap;
        best = t;
      }
    }
    return { longTaskStartMs: round(lt.start), longTaskMs: round(lt.duration), task: best ? taskView(best) : null };
  });
  return {
    tasks: inWin.length,
    busyWallMs: round(inWin.reduce((n, t) => n + t.durationMs, 0)),
    busyCpuMs: round(inWin.reduce((n, t) => n + (t.cpuMs ?? 0), 0)),
    cpuOver50ms: inWin.filter((t) => t.cpuMs > 50).length,
    cpuOver16ms: inWin.filter((t) => t.cpuMs > 1000 / 60).length,
    wallOver50ms: inWin.filter((t) => t.durationMs > 50).length,
    maxCpuMs: round(byCpu[0]?.cpuMs ?? null),
    maxWallMs: round(Math.max(0, ...inWin.map((t) => t.durationMs))),
    topByCpu: byCpu.slice(0, 5).map(taskView),
    longTasks: matched,
  };
}

/** The functions a map frame and a status batch go through (bundle names are kept: the renderer is not minified). */
const WATCHED = ['frame', 'paint', 'paintFull', 'chooseRedrawn', 'drawPass', 'blit', 'drawTop', 'drawBase', 'drawRings', 'drawLinks', 'drawNodes', 'drawKind', 'drawOverlays', 'drawLabels', 'projectNodes', 'onStatuses', 'publishDerived', 'countMap', 'countEndpoints', 'refilter', 'flush', 'enqueue', 'onMessage', 'stroke', 'fill', 'drawImage', 'setLineDash'];

/**
 * A V8 CPU profile summed up: self time by function (top `top`), inclusive time (the function and
 * everything it called, recursion counted once) by function (top `top`, and the WATCHED ones),
 * and totals for idle, "(program)" (native work outside JS) and GC.
 */
function summariseProfile(profile, top = 15) {
  const byNode = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const keyOf = new Map();
  for (const n of profile.nodes) {
    const cf = n.callFrame;
    const file = cf.url ? cf.url.replace(/^.*\//, '') : '';
    keyOf.set(n.id, `${cf.functionName || '(anonymous)'}${file ? ` ${file}:${cf.lineNumber + 1}:${cf.columnNumber + 1}` : ''}`);
  }
  const self = new Map();
  const incl = new Map();
  const inclByName = new Map();
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const id = profile.samples[i];
    const key = keyOf.get(id);
    self.set(key, (self.get(key) ?? 0) + dt);
    const keys = new Set();
    const names = new Set();
    for (let n = id; n !== undefined; n = parent.get(n)) {
      keys.add(keyOf.get(n));
      names.add(byNode.get(n).callFrame.functionName);
    }
    for (const k of keys) incl.set(k, (incl.get(k) ?? 0) + dt);
    for (const k of names) inclByName.set(k, (inclByName.get(k) ?? 0) + dt);
  }
  const totalMs = (profile.endTime - profile.startTime) / 1000;
  const idle = round(self.get('(idle)') ?? 0);
  const list = (m) =>
    [...m]
      .filter(([k]) => !['(idle)', '(root)'].includes(k))
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([fn, ms]) => ({ fn, ms: round(ms), pct: round((100 * ms) / totalMs) }));
  return {
    durationMs: round(totalMs),
    idleMs: idle,
    busyPct: round((100 * (totalMs - idle)) / totalMs),
    programMs: round(self.get('(program)') ?? 0),
    gcMs: round(self.get('(garbage collector)') ?? 0),
    self: list(self),
    inclusive: list(incl),
    watched: WATCHED.filter((n) => inclByName.has(n)).map((n) => ({ fn: n, inclusiveMs: round(inclByName.get(n)), pct: round((100 * inclByName.get(n)) / totalMs) })),
  };
}

/** One run: `plan` = { label, warmupS, windowS, profileS, traceS, idleS, rate }. */
async function oneRun(k, url, expectedNodes, console_, plan) {
  const { chromium } = await import('playwright-core');
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
  const result = { run: k, label: plan.label, chromium: browser.version(), loadAvgStart: loadavg() };
  try {
    const context = await browser.newContext({ viewport: { width: S.width, height: S.height }, deviceScaleFactor: 1 });
    const page = await context.newPage();
    const pageErrors = [];
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    page.on('console', (m) => m.type() === 'error' && pageErrors.push(m.text()));
    await page.addInitScript(pageInstruments);
    const cdp = await context.newCDPSession(page);
    let clock = null; // epoch ms of the CDP monotonic clock's zero
    let snapshotNet = null;
    cdp.on('Network.webSocketWillSendHandshakeRequest', (e) => (clock ??= e.wallTime * 1000 - e.timestamp * 1000));
    cdp.on('Network.webSocketFrameReceived', (e) => {
      if (snapshotNet === null && e.response.payloadData.startsWith(SNAPSHOT_PREFIX)) snapshotNet = { ts: e.timestamp, chars: e.response.payloadData.length };
    });
    await cdp.send('Network.enable');

    await page.goto(url);
    // The console opens on its login page (accounts, issue 11): log in as the first-run technician
    // (map-child gives serve its password). The snapshot and paint timings start after this.
    await page.getByTestId('login-page').waitFor({ timeout: 30_000 });
    await page.getByTestId('login-user').fill('admin');
    await page.getByTestId('login-password').fill('bench-map-mat-khau-2026');
    await page.getByTestId('login-password').press('Enter');
    await page.waitForSelector('[data-testid="network-map"][data-painted="true"]', { timeout: 30_000 });
    await cdp.send('Network.disable');
    const load = await page.evaluate(() => {
      const mark = performance.getEntriesByName('bridgepoint:map-first-full-paint')[0] ?? null;
      const B = window.__bench;
      let nextFrame = null;
      for (let i = 0; i < B.rafN; i++) {
        if (mark && B.raf[i] > mark.startTime) {
          nextFrame = B.raf[i];
          break;
        }
      }
      return { timeOrigin: performance.timeOrigin, snapshotAt: B.snapshotAt, snapshotChars: B.snapshotChars, markAt: mark?.startTime ?? null, nextFrame };
    });
    const nodes = Number(await page.getByTestId('network-map').getAttribute('data-nodes'));
    if (nodes !== expectedNodes) throw new Error(`the map shows ${nodes} nodes, expected ${expectedNodes}`);
    const netAt = snapshotNet && clock !== null ? snapshotNet.ts * 1000 + clock - load.timeOrigin : null;
    const snapAt = netAt ?? load.snapshotAt;
    result.firstPaint = {
      snapshotBytes: load.snapshotChars,
      navigationToSnapshotMs: round(snapAt, 1),
      snapshotNetworkToPageMs: netAt === null ? null : round(load.snapshotAt - netAt, 1),
      snapshotToMarkMs: round(load.markAt - snapAt, 1),
      snapshotToNextFrameMs: load.nextFrame === null ? null : round(load.nextFrame - snapAt, 1),
      pageReceiptToMarkMs: round(load.markAt - load.snapshotAt, 1),
      measuredFrom: netAt === null ? 'page receipt (no CDP frame)' : 'CDP Network.webSocketFrameReceived',
    };
    log(`run ${k}: snapshot (${round(load.snapshotChars / 2 ** 20, 2)} MiB) → first full paint ${result.firstPaint.snapshotToMarkMs} ms (snapshot ${round(snapAt)} ms after navigation started)`);

    // Warm-up, then the steady-state window.
    await sleep(plan.warmupS * 1000);
    const readPage = () =>
      page.evaluate(() => {
        const B = window.__bench;
        const c = document.querySelector('canvas[data-testid="network-map"]');
        return { now: performance.now(), rafN: B.rafN, drawN: B.drawN, frames: B.frames, chars: B.chars, mapStats: c?.mapStats ? { ...c.mapStats } : null, longtasks: B.longtasks?.length ?? null };
      });
    const toPage = (ts) => ts / 1000 + clock - load.timeOrigin;
    if (S.windowTrace && clock !== null) await startTrace(cdp, S.windowTrace.split(','));
    const a = { page: await readPage(), heap: await heap(cdp), console: await console_.mark(), cpu: cpuSnapshot(console_.pid) };
    const heapSamples = [a.heap.usedMiB];
    const until = performance.now() + plan.windowS * 1000;
    while (performance.now() < until - 1000) {
      await sleep(1000);
      heapSamples.push((await heap(cdp)).usedMiB);
    }
    await sleep(Math.max(0, until - performance.now()));
    const b = { cpu: cpuSnapshot(console_.pid), page: await readPage(), heap: await heap(cdp), console: await console_.mark() };
    heapSamples.push(b.heap.usedMiB);
    const detail = await page.evaluate(
      ({ from, to, drawFrom, drawTo }) => {
        const B = window.__bench;
        return { raf: Array.from(B.raf.subarray(from, to)), draws: Array.from(B.draws.subarray(drawFrom, drawTo)), longtasks: B.longtasks };
      },
      { from: a.page.rafN, to: b.page.rafN, drawFrom: a.page.drawN, drawTo: b.page.drawN },
    );
    result.window = analyseWindow(a, b, detail, heapSamples);
    result.window.cpu = cpuBetween(a.cpu, b.cpu);
    if (S.windowTrace && clock !== null) {
      const longs = (detail.longtasks ?? []).filter((t) => t.start >= a.page.now && t.start < b.page.now);
      result.window.mainThread = { categories: S.windowTrace, ...taskStats(mainThreadTasks(await stopTrace(cdp), toPage), a.page.now, b.page.now, longs) };
    }
    const w = result.window;
    const mt = result.window.mainThread;
    if (mt) log(`run ${k}: main thread in the window: ${mt.tasks} tasks, longest CPU ${mt.maxCpuMs} ms, ${mt.cpuOver50ms} over 50 ms CPU, ${mt.wallOver50ms} over 50 ms wall; long tasks: ${mt.longTasks.map((l) => `${l.longTaskMs} ms wall / ${l.task?.cpuMs ?? '?'} ms CPU`).join(', ') || 'none'}; run queue ${result.window.cpu.rendererMainRunQueueMsPerS} ms/s`);
    log(
      `run ${k}: ${plan.windowS} s window: median ${w.fps.median} fps, 5th pct ${w.fps.p5} fps (per second: ${w.fpsPerSecond.median} / ${w.fpsPerSecond.p5}); long tasks ${w.longTasks.count} (max ${w.longTasks.maxMs ?? '–'} ms); map draws ${w.draw.perSecond}/s, mean ${w.draw.ms.mean} ms, max ${w.draw.ms.max} ms; heap ${w.heap.startMiB}→${w.heap.endMiB} MiB; renderer main thread ${w.cpu.rendererMainThread} %, other programs ${w.cpu.otherPrograms} %`,
    );

    if (plan.profileS > 0) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 250 });
      await cdp.send('Profiler.start');
      await sleep(plan.profileS * 1000);
      const { profile } = await cdp.send('Profiler.stop');
      await cdp.send('Profiler.disable');
      result.profile = summariseProfile(profile);
      if (opts['profile-out']) {
        writeFileSync(resolve(opts['profile-out']), JSON.stringify(profile));
        result.profile.file = resolve(opts['profile-out']);
      }
      log(`run ${k}: CPU profile ${plan.profileS} s under load: main thread busy ${result.profile.busyPct} %; top: ${result.profile.self.slice(0, 4).map((t) => `${t.fn} ${t.pct} %`).join('; ')}`);
    }
    if (plan.traceS > 0 && clock !== null) {
      const from = (await readPage()).now;
      await startTrace(cdp, opts['trace-categories'].split(','));
      await sleep(plan.traceS * 1000);
      const events = await stopTrace(cdp);
      if (opts['trace-out']) writeFileSync(resolve(opts['trace-out']), JSON.stringify({ traceEvents: events }));
      const to = (await readPage()).now;
      const lts = (await page.evaluate(() => window.__bench.longtasks ?? [])).filter((t) => t.start >= from && t.start < to);
      result.trace = { seconds: plan.traceS, categories: opts['trace-categories'], ...taskStats(mainThreadTasks(events, toPage), from, to, lts) };
      log(`run ${k}: trace ${plan.traceS} s: ${result.trace.tasks} main-thread tasks, longest CPU ${result.trace.maxCpuMs} ms (wall ${result.trace.maxWallMs} ms), ${result.trace.cpuOver50ms} over 50 ms CPU, ${lts.length} long tasks`);
    }
    if (plan.idleS > 0) {
      console_.drive(0);
      await sleep(1000);
      const ia = { page: await readPage(), heap: await heap(cdp), console: await console_.mark(), cpu: cpuSnapshot(console_.pid) };
      await sleep(plan.idleS * 1000);
      const ib = { cpu: cpuSnapshot(console_.pid), page: await readPage(), heap: await heap(cdp), console: await console_.mark() };
      const idet = await page.evaluate(({ from, to }) => ({ raf: Array.from(window.__bench.raf.subarray(from, to)), draws: [], longtasks: window.__bench.longtasks }), { from: ia.page.rafN, to: ib.page.rafN });
      const iw = analyseWindow(ia, ib, idet, [ia.heap.usedMiB, ib.heap.usedMiB]);
      result.idle = { seconds: plan.idleS, fps: iw.fps, fpsPerSecond: iw.fpsPerSecond, frameMs: iw.frameMs, longTasks: iw.longTasks, cpu: cpuBetween(ia.cpu, ib.cpu) };
      log(`run ${k}: idle reference (no changes, ${plan.idleS} s): median ${iw.fps.median} fps, 5th pct ${iw.fps.p5} fps`);
      console_.drive(plan.rate);
    }

    await cdp.send('HeapProfiler.enable');
    await cdp.send('HeapProfiler.collectGarbage');
    result.heapAfterGcMiB = (await heap(cdp)).usedMiB;
    // Long tasks while loading (before the window), for the record.
    result.loadLongTasks = (detail.longtasks ?? []).filter((t) => t.start < a.page.now).map((t) => ({ startMs: round(t.start), durationMs: round(t.duration) }));
    result.pageErrors = pageErrors.slice(0, 10);
  } finally {
    result.loadAvgEnd = loadavg();
    await browser.close().catch(() => {});
    browser = null;
  }
  return result;
}

function analyseWindow(a, b, detail, heapSamples) {
  const seconds = (b.page.now - a.page.now) / 1000;
  const raf = detail.raf;
  const intervals = [];
  for (let i = 1; i < raf.length; i++) intervals.push(raf[i] - raf[i - 1]);
  const iv = Float64Array.from(intervals).sort();
  const perSecond = [];
  for (let s = 0; s + 1 <= seconds + 1e-9; s++) {
    const lo = a.page.now + s * 1000;
    const hi = lo + 1000;
    perSecond.push(raf.filter((t) => t >= lo && t < hi).length);
  }
  const ps = Float64Array.from(perSecond).sort();
  const longs = (detail.longtasks ?? []).filter((t) => t.start >= a.page.now && t.start < b.page.now);
  const ms = b.page.mapStats && a.page.mapStats ? { frames: b.page.mapStats.frames - a.page.mapStats.frames, totalMs: b.page.mapStats.totalDrawMs - a.page.mapStats.totalDrawMs } : null;
  const slow = intervals.filter((x) => x > 1000 / 30 + 0.5);
  return {
    seconds: round(seconds, 2),
    frames: raf.length,
    fps: { median: round(1000 / pct(iv, 0.5)), p5: round(1000 / pct(iv, 0.95)), p1: round(1000 / pct(iv, 0.99)), mean: round((1000 * intervals.length) / (raf[raf.length - 1] - raf[0])) },
    frameMs: stats(intervals),
    slowFrames: { over33ms: slow.length, timeInThemMs: round(slow.reduce((x, y) => x + y, 0)) },
    fpsPerSecond: { median: pct(ps, 0.5), p5: pct(ps, 0.05), min: ps[0] ?? null, counts: perSecond },
    longTasks: { supported: detail.longtasks !== null, count: longs.length, maxMs: longs.length ? round(Math.max(...longs.map((t) => t.duration))) : null, totalMs: round(longs.reduce((x, t) => x + t.duration, 0)) },
    heap: { startMiB: a.heap.usedMiB, endMiB: b.heap.usedMiB, minMiB: Math.min(...heapSamples), maxMiB: Math.max(...heapSamples), totalEndMiB: b.heap.totalMiB },
    draw: {
      perSecond: ms ? round(ms.frames / seconds) : null,
      meanMs: ms && ms.frames ? round(ms.totalMs / ms.frames, 2) : null,
      maxSinceLoadMs: b.page.mapStats ? round(b.page.mapStats.maxDrawMs, 2) : null,
      ms: stats(detail.draws),
      overFrameBudget: detail.draws.filter((x) => x > 1000 / 60).length,
    },
    stream: {
      changesPerSecond: round((b.console.changes - a.console.changes) / seconds),
      batchesPerSecond: round((b.console.batches - a.console.batches) / seconds),
      rowsPerSecond: round((b.console.rows - a.console.rows) / seconds),
      rowsPerBatchMax: b.console.maxRows,
      wsKiBPerSecond: round((b.console.bytes - a.console.bytes) / 1024 / seconds),
      pageFramesPerSecond: round((b.page.frames - a.page.frames) / seconds),
      pageKiBPerSecond: round((b.page.chars - a.page.chars) / 1024 / seconds),
      state: { down: b.console.down, degraded: b.console.degraded, inCall: b.console.inCall },
      consoleRssMiB: round(b.console.rssMiB),
    },
  };
}

// ---------------------------------------------------------------- main

async function main() {
  if (opts['from-json']) {
    // Only the Markdown (and with --write-docs the docs section) from a saved result.
    const text = readFileSync(resolve(opts['from-json']), 'utf8');
    const saved = JSON.parse(text.slice(text.indexOf('{')));
    saved.summary = summarise(saved.runs);
    saved.targets = targets(saved.summary);
    if (saved.meeting) saved.meeting.targets = targets(summarise([saved.meeting.run]));
    const md = markdown(saved);
    process.stderr.write(`${md}\n`);
    if (opts['write-docs']) writeDocs(md);
    return;
  }
  const deadline = setTimeout(() => {
    log(`deadline of ${S.deadlineS} s reached: stopping`);
    void browser?.close().catch(() => {});
    cleanup();
    process.exit(2);
  }, S.deadlineS * 1000);
  deadline.unref();

  if (!existsSync(join(ROOT, 'out', 'bench-map', 'entry.js'))) throw new Error('out/bench-map/entry.js is missing: run `npm run bench:map` (it builds it first)');
  if (!existsSync(join(ROOT, 'out', 'renderer', 'index.html'))) throw new Error('out/renderer is not built: run `npm run build` first');
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found (set CHROMIUM_PATH)`);
  const build = rendererBuild();
  if (build.stale) log(`WARNING: out/renderer (built ${build.builtAt}) is older than ${build.newestSource}: run \`npm run build\` to measure the current code`);

  const out = { bench: 'bench:map', startedAt: new Date().toISOString(), machine: machine(), loadAvgStart: loadavg(), settings: S, rendererBuild: build };
  const inv = makeInventory();
  tmp = mkdtempSync(join(os.tmpdir(), 'bench-map-'));
  const inventoryPath = join(tmp, 'inventory.json');
  writeFileSync(inventoryPath, JSON.stringify(inv));
  const counts = { sites: inv.sites.length, endpoints: inv.sites.reduce((n, s) => n + s.endpoints.length, 0) };
  for (const t of inv.tiers) counts[t] = inv.sites.filter((s) => s.tier === t).length;
  out.inventory = counts;
  log(`inventory: ${counts.endpoints} endpoints (${inv.tiers.map((t) => `${counts[t]} ${t}`).join(', ')}); machine: ${out.machine.cpu}, ${out.machine.cores} cores; load ${out.loadAvgStart.join(' ')}`);

  const console_ = startConsole(inventoryPath, S.inCall);
  const ready = await console_.ready();
  log(`console on ${ready.url} (pid ${ready.pid}); driving ${S.rate} changes/s, ~${Math.round(S.inCall * 100)} % of the endpoints in calls`);
  console_.drive(S.rate);
  await sleep(1000);

  const meetingS = S.meetingInCall > 0 ? 20 + S.meetingWindowS : 0;
  out.runs = [];
  for (let k = 1; k <= S.runs; k++) {
    const remaining = S.deadlineS - (performance.now() - t0) / 1000;
    const last = k === S.runs;
    const need = 12 + S.warmupS + S.windowS + (last ? S.profileS + S.traceS + S.idleS + 4 : 0) + meetingS;
    if (k > 1 && remaining < need + 5) {
      log(`skipping runs ${k}–${S.runs}: ${round(remaining)} s left of the ${S.deadlineS} s deadline`);
      break;
    }
    const plan = { label: 'default', warmupS: S.warmupS, windowS: S.windowS, rate: S.rate, profileS: last ? S.profileS : 0, traceS: last ? S.traceS : 0, idleS: last ? S.idleS : 0 };
    out.runs.push(await oneRun(k, ready.url, counts.sites + 1, console_, plan));
  }
  out.machine.chromium = out.runs[0]?.chromium ?? null;
  console_.drive(0);
  await console_.stop();

  // A province-wide meeting: most endpoints in a call, which the map marks with a ring each.
  if (S.meetingInCall > 0) {
    const meeting = startConsole(inventoryPath, S.meetingInCall);
    const r2 = await meeting.ready();
    log(`meeting scenario: console on ${r2.url}, ~${Math.round(S.meetingInCall * 100)} % of the endpoints in calls, ${S.rate} changes/s`);
    meeting.drive(S.rate);
    await sleep(1000);
    const plan = { label: 'meeting', warmupS: 3, windowS: S.meetingWindowS, rate: S.rate, profileS: 0, traceS: Math.min(S.traceS, 4), idleS: 0 };
    out.meeting = { inCall: S.meetingInCall, run: await oneRun(S.runs + 1, r2.url, counts.sites + 1, meeting, plan) };
    meeting.drive(0);
    await meeting.stop();
  }
  out.loadAvgEnd = loadavg();
  out.durationS = round((performance.now() - t0) / 1000);
  out.summary = summarise(out.runs);
  out.targets = targets(out.summary);
  if (out.meeting) out.meeting.targets = targets(summarise([out.meeting.run]));

  process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  const md = markdown(out);
  process.stderr.write(`\n${md}\n`);
  if (opts['write-docs']) {
    writeDocs(md);
    log('docs/benchmarks.md: "## bench:map" section rewritten');
  }
}

function summarise(runs) {
  const pick = (f) => runs.map(f).filter((v) => v !== null && v !== undefined);
  const spread = (xs) => (xs.length ? { min: round(Math.min(...xs), 2), median: round(median(xs), 2), max: round(Math.max(...xs), 2), runs: xs } : null);
  return {
    runs: runs.length,
    medianFps: spread(pick((r) => r.window.fps.median)),
    p5Fps: spread(pick((r) => r.window.fps.p5)),
    perSecondMedianFps: spread(pick((r) => r.window.fpsPerSecond.median)),
    perSecondP5Fps: spread(pick((r) => r.window.fpsPerSecond.p5)),
    frameP95Ms: spread(pick((r) => r.window.frameMs.p95)),
    longTasks: spread(pick((r) => r.window.longTasks.count)),
    longTaskMaxMs: spread(pick((r) => r.window.longTasks.maxMs ?? 0)),
    tasksOver50msCpu: spread(pick((r) => r.window.mainThread?.cpuOver50ms)),
    longestTaskCpuMs: spread(pick((r) => r.window.mainThread?.maxCpuMs)),
    firstPaintMs: spread(pick((r) => r.firstPaint.snapshotToMarkMs)),
    firstPaintNextFrameMs: spread(pick((r) => r.firstPaint.snapshotToNextFrameMs)),
    heapStartMiB: spread(pick((r) => r.window.heap.startMiB)),
    heapEndMiB: spread(pick((r) => r.window.heap.endMiB)),
    heapAfterGcMiB: spread(pick((r) => r.heapAfterGcMiB)),
    drawMeanMs: spread(pick((r) => r.window.draw.meanMs)),
    drawP95Ms: spread(pick((r) => r.window.draw.ms.p95)),
    drawMaxMs: spread(pick((r) => r.window.draw.ms.max)),
    drawsPerSecond: spread(pick((r) => r.window.draw.perSecond)),
    changesPerSecond: spread(pick((r) => r.window.stream.changesPerSecond)),
    rendererMainCpuPct: spread(pick((r) => r.window.cpu.rendererMainThread)),
    otherProgramsCpuPct: spread(pick((r) => r.window.cpu.otherPrograms)),
  };
}

function targets(s) {
  const verdict = (xs, ok) => {
    const met = xs.filter(ok).length;
    return { met: met === xs.length, metIn: `met in ${met} of ${xs.length} runs` };
  };
  return {
    medianFps: { target: `≥ ${TARGET.medianFps}`, worst: s.medianFps?.min, ...verdict(s.medianFps?.runs ?? [], (v) => v >= TARGET.medianFps) },
    p5Fps: { target: `≥ ${TARGET.p5Fps}`, worst: s.p5Fps?.min, ...verdict(s.p5Fps?.runs ?? [], (v) => v >= TARGET.p5Fps) },
    longTasks: { target: `none over ${TARGET.longTaskMs} ms in steady state`, worst: s.longTasks?.max, ...verdict(s.longTasks?.runs ?? [], (v) => v === 0) },
    firstPaint: { target: `≤ ${TARGET.firstPaintMs} ms`, worst: s.firstPaintMs?.max, ...verdict(s.firstPaintMs?.runs ?? [], (v) => v <= TARGET.firstPaintMs) },
  };
}

// ---------------------------------------------------------------- Markdown

function markdown(o) {
  const m = o.machine;
  const runs = o.runs;
  const last = runs[runs.length - 1];
  const lines = [
    '## bench:map',
    '',
    'The topology map in headless Chromium through the real bridge (issue 5, item 6 and "Targets"). Rerun: `npm run bench:map`',
    '(about 2½ minutes; JSON on stdout — `npm run -s bench:map > result.json`; `-- --write-docs` rewrites this section;',
    '`-- --runs 1 --window-s 10 --meeting-in-call 0` for a quick look; `-- --profile-out FILE` / `--trace-out FILE` keep the',
    'CPU profile / trace; all options and the method in the header of `bench/map.mjs`). Needs the built renderer',
    '(`npm run build`). Loopback only.',
    '',
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, Node ${m.node}, Chromium ${m.chromium ?? runs[0]?.chromium ?? '?'}, ${m.os}. Run ${o.startedAt}, took ${o.durationS} s;`,
    `load average (1/5/15 min) ${o.loadAvgStart.join(' / ')} at the start, ${o.loadAvgEnd.join(' / ')} at the end. ${runs.length} run${runs.length > 1 ? 's' : ''}: figures are the median run, (min–max) over runs.`,
    `${o.inventory.endpoints} endpoints (${o.inventory.province} province sites, ${o.inventory.district} districts, ${o.inventory.commune} communes, one codec each; ~${Math.round(o.settings.inCall * 100)} % of them in calls), ${o.settings.rate} changes/s, viewport ${o.settings.width}×${o.settings.height} at device pixel ratio 1;`,
    `window ${o.settings.windowS} s after ${o.settings.warmupS} s of warm-up.${o.rendererBuild.stale ? ` **The renderer build was older than its sources (${o.rendererBuild.newestSource}).**` : ''}`,
    '',
    ...targetTable(o),
    `| Per run | ${runs.map((r) => `run ${r.run}`).join(' | ')} |`,
    `|---|${runs.map(() => '---:').join('|')}|`,
    row('load average (1 min) start → end', runs, (r) => `${r.loadAvgStart[0]} → ${r.loadAvgEnd[0]}`),
    row('**Frames** (rAF intervals in the window)', runs, () => ''),
    row('median / 5th percentile / 1st percentile, fps', runs, (r) => `${r.window.fps.median} / ${r.window.fps.p5} / ${r.window.fps.p1}`),
    row('frame interval p50 / p95 / p99 / max, ms', runs, (r) => `${r.window.frameMs.p50} / ${r.window.frameMs.p95} / ${r.window.frameMs.p99} / ${r.window.frameMs.max}`),
    row('frames over 33 ms (time in them)', runs, (r) => `${r.window.slowFrames.over33ms} of ${r.window.frames} (${r.window.slowFrames.timeInThemMs} ms)`),
    row('frames per whole second: median / 5th pct / min', runs, (r) => `${r.window.fpsPerSecond.median} / ${r.window.fpsPerSecond.p5} / ${r.window.fpsPerSecond.min}`),
    row('long tasks: count / max / total, ms', runs, (r) => `${r.window.longTasks.count} / ${r.window.longTasks.maxMs ?? '–'} / ${r.window.longTasks.totalMs}`),
    row('each long task: wall / CPU of its task (trace), ms', runs, (r) => r.window.mainThread?.longTasks.map((l) => `${l.longTaskMs} / ${l.task?.cpuMs ?? '?'}`).join(', ') || (r.window.longTasks.count ? '(no trace)' : 'none')),
    row('main-thread tasks (trace): longest CPU / wall, ms', runs, (r) => (r.window.mainThread ? `${r.window.mainThread.maxCpuMs} / ${r.window.mainThread.maxWallMs}` : '–')),
    row('… tasks over 16.7 ms CPU / over 50 ms CPU', runs, (r) => (r.window.mainThread ? `${r.window.mainThread.cpuOver16ms} / ${r.window.mainThread.cpuOver50ms}` : '–')),
    row('**First full paint**', runs, () => ''),
    row('status snapshot, MiB', runs, (r) => String(round(r.firstPaint.snapshotBytes / 2 ** 20, 2))),
    row('navigation → snapshot arrives, ms', runs, (r) => String(r.firstPaint.navigationToSnapshotMs)),
    row('snapshot arrives → map mark, ms', runs, (r) => String(r.firstPaint.snapshotToMarkMs)),
    row('… → next frame after the mark, ms', runs, (r) => String(r.firstPaint.snapshotToNextFrameMs)),
    row('of which: network → page\'s message handler, ms', runs, (r) => String(r.firstPaint.snapshotNetworkToPageMs)),
    row('long tasks while loading (ms each)', runs, (r) => r.loadLongTasks.map((x) => x.durationMs).join(', ') || 'none'),
    row('**Map** (canvas.mapStats)', runs, () => ''),
    row('draws per second', runs, (r) => String(r.window.draw.perSecond)),
    row('draw time p50 / mean / p95 / max, ms', runs, (r) => `${r.window.draw.ms.p50} / ${r.window.draw.ms.mean} / ${r.window.draw.ms.p95} / ${r.window.draw.ms.max}`),
    row('draws over 16.7 ms (one frame)', runs, (r) => `${r.window.draw.overFrameBudget} of ${r.window.draw.ms.n}`),
    row('**JS heap** (used), MiB', runs, () => ''),
    row('window start → end (min–max)', runs, (r) => `${r.window.heap.startMiB} → ${r.window.heap.endMiB} (${r.window.heap.minMiB}–${r.window.heap.maxMiB})`),
    row('after a forced GC at the end', runs, (r) => String(r.heapAfterGcMiB)),
    row('**Load** (console process)', runs, () => ''),
    row('changes/s → delta batches/s, rows/s', runs, (r) => `${r.window.stream.changesPerSecond} → ${r.window.stream.batchesPerSecond}, ${r.window.stream.rowsPerSecond}`),
    row('status stream into the page, KiB/s', runs, (r) => String(r.window.stream.pageKiBPerSecond)),
    row('**CPU**, % of one core', runs, () => ''),
    row('renderer main thread / other renderer threads', runs, (r) => `${r.window.cpu.rendererMainThread} / ${r.window.cpu.rendererOtherThreads}`),
    row('renderer main thread runnable but waiting for a CPU, ms per s', runs, (r) => `${r.window.cpu.rendererMainRunQueueMsPerS} (${r.window.cpu.rendererMainPreemptionsPerS} preemptions/s)`),
    row('Chromium GPU (software compositing) / browser', runs, (r) => `${r.window.cpu.chromiumGpuProcess} / ${r.window.cpu.chromiumOther}`),
    row('console (engine + change generator) / bench', runs, (r) => `${r.window.cpu.console} / ${r.window.cpu.bench}`),
    row('other programs on the machine', runs, (r) => String(r.window.cpu.otherPrograms)),
    '',
  ];
  if (o.meeting) {
    const r = o.meeting.run;
    const w = r.window;
    const mt = w.mainThread;
    const tm = o.meeting.targets;
    const v = (x) => (x.met ? 'met' : '**not met**');
    lines.push(
      `**Province-wide meeting** (a fresh console with ~${Math.round(o.meeting.inCall * 100)} % of the endpoints in calls — the map draws a ring round each — same ${o.settings.rate} changes/s; one run, ${w.seconds} s window after 3 s):`,
      `median ${w.fps.median} fps (${v(tm.medianFps)}), 5th percentile ${w.fps.p5} fps (${v(tm.p5Fps)}), frame interval p95 ${w.frameMs.p95} ms; ${w.longTasks.count} long tasks, longest ${w.longTasks.maxMs ?? '–'} ms (${v(tm.longTasks)})` +
        `${mt ? `; main-thread tasks over 50 ms of CPU: ${mt.cpuOver50ms}, longest ${mt.maxCpuMs} ms CPU` : ''}; first full paint ${r.firstPaint.snapshotToMarkMs} ms (${v(tm.firstPaint)}); map draws ${w.draw.perSecond}/s; renderer main thread ${w.cpu.rendererMainThread} % of a core` +
        ` (run queue ${w.cpu.rendererMainRunQueueMsPerS} ms/s), other programs ${w.cpu.otherPrograms} %; heap ${w.heap.startMiB} → ${w.heap.endMiB} MiB.`,
      '',
    );
    if (r.trace) {
      lines.push(
        `Its longest main-thread tasks by CPU (trace, ${r.trace.seconds} s): wall / CPU, ms — what ran inside, ms:`,
        '',
        ...r.trace.topByCpu.slice(0, 3).map((x) => `- ${x.wallMs} / ${x.cpuMs} — ${x.inside.join('; ')}`),
        '',
      );
    }
  }
  if (last?.idle) {
    const i = last.idle;
    lines.push(
      `Idle reference (run ${last.run}, changes stopped for ${i.seconds} s): median ${i.fps.median} fps, 5th percentile ${i.fps.p5} fps, frame interval p95 ${i.frameMs.p95} ms, ${i.longTasks.count} long tasks; renderer main thread ${i.cpu.rendererMainThread} %, other programs ${i.cpu.otherPrograms} %.`,
      '',
    );
  }
  if (last?.trace) {
    const t = last.trace;
    lines.push(
      `Trace of the page's main thread (run ${last.run}, ${t.seconds} s under load after the window; CDP Tracing, ${t.categories}): ${t.tasks} tasks, ${t.busyCpuMs} ms CPU; longest ${t.maxCpuMs} ms CPU (${t.maxWallMs} ms wall); ${t.cpuOver16ms} over 16.7 ms CPU, ${t.cpuOver50ms} over 50 ms. The longest by CPU, with what ran inside (ms; "FunctionCall frame" is MapEngine's frame callback, "Commit" the software raster of the canvas recording):`,
      '',
      '| Task wall / CPU, ms | Inside |',
      '|---|---|',
      ...t.topByCpu.map((x) => `| ${x.wallMs} / ${x.cpuMs} | ${x.inside.join('; ')} |`),
      '',
    );
  }
  if (last?.profile) {
    const p = last.profile;
    lines.push(
      `CPU profile of the page's main thread (run ${last.run}, ${round(p.durationMs / 1000)} s under load, after the window; V8 sampling every 250 µs): busy ${p.busyPct} % of the time (GC ${p.gcMs} ms, "(program)" — native work outside JS: canvas rasterisation, style, layout, compositing — ${p.programMs} ms). Self time of the top functions (bundle names, file:line:column), and inclusive time of the map's own:`,
      '',
      '| Function (self) | ms | % of time | | Function (inclusive) | ms | % of time |',
      '|---|---:|---:|---|---|---:|---:|',
      ...Array.from({ length: Math.max(10, p.watched.length) }, (_, i) => {
        const a = p.self[i];
        const b = p.watched[i];
        return `| ${a ? `\`${a.fn}\`` : ''} | ${a?.ms ?? ''} | ${a?.pct ?? ''} | | ${b ? `\`${b.fn}\`` : ''} | ${b?.inclusiveMs ?? ''} | ${b?.pct ?? ''} |`;
      }).filter((l) => l !== '|  |  |  | |  |  |  |'),
      '',
    );
  }
  lines.push(
    'What limits the map (diagnosed 2026-11-23 from the traces above and one with `--trace-categories` adding',
    '`disabled-by-default-skia`; the node layer since 2026-12-07; the tables carry the numbers of the run they show):',
    '',
    '- Until 2026-12-07 every map draw (≈ 20 a second: one per delta batch) re-recorded all 5,000 nodes, and the frame\'s',
    '  **Commit** then rasterised the whole recording in software on the main thread: ≈ 10 ms per draw with ~20 % in calls,',
    '  of which ≈ 6 ms was one `SkCanvas::drawPath`, the in-call rings (one path of rings, *stroked*). With ~90 % in calls',
    '  that one path took ≈ 33.5 ms per draw (Commit ≈ 40–46 ms): every draw a 50–65 ms CPU task. In a stand-alone page the',
    '  same 4,500 rings cost 36 ms stroked as one path and 9 ms as a pre-rendered sprite blitted with `drawImage`.',
    '- Since 2026-12-07 the sites\' marks live in a layer of their own, kept between frames',
    '  (renderer/features/map/map-node-layer.ts): each site is one pre-rendered sprite per look (shape, call ring, mute',
    '  slash; map-sprites.ts, drawn by the same code as the batched marks), blended at whole device pixels in JavaScript',
    '  into the layer\'s own pixels (map-pixels.ts), and a batch repaints only the changed sites\' boxes: it clears them,',
    '  blends again, inside the boxes and in the same order, every site whose sprite overlaps them, and hands just the',
    '  boxes to the canvas with `putImageData`. test/e2e/map-layer.test.ts checks in Chromium that this gives the very',
    '  pixels of a full repaint (fitted and zoomed, device pixel ratio 1, 1.5 and 2, with a filter), and that boxes',
    '  repainted without their neighbours do not. Frames copy the link layer and the node layer and draw only the MCU,',
    '  the highlights and the names on top. The camera, filter, palette, words or size repaint the layer in full.',
    '- What is left: at the fitted view the sites crowd, so a batch of ~50 changes blends ≈ 1,400–1,800 of the 5,000',
    '  sprites again (clipped to the boxes). Stand-alone (Chromium, the 5,000-site province at 1920×1080, load average',
    '  ≈ 6): a batch repainted box by box took 2–17 ms, against 78–133 ms for the old batched paths of every site; a full',
    '  repaint (zoom, pan, filter: all 5,000 blended and the whole layer converted) 80–230 ms, about what the old paths',
    '  cost, so a zoom or pan step can still be a task over 50 ms on a slow machine. A first version copied the sprites',
    '  with the canvas\'s `drawImage`: its fixed cost per call made each batch ≈ 40 ms under the load of the runs above.',
    '- The status counters (top bar, tiers, districts) are counted change by change since 2026-12-07: the status store',
    '  names each batch\'s endpoints and the statuses it was applied to, and `LiveCounts` (shared/live-counts.ts) counts',
    '  just those again with the one derivation (endpointState, inCallNow), falling back to a full count after a',
    '  snapshot or a missed batch; test/shared/live-counts.property.test.ts checks it equals `countEndpoints` on random',
    '  batches. Before, every flush recounted all 5,000 (≈ 2 % of the main thread).',
    '- The link layer is redrawn at most every 250 ms in a timer task of its own (`MapEngine.redrawLinks`), which takes an',
    '  `ImageBitmap` of it there, so frames copy a ready bitmap.',
    '',
    'How it is measured (details in the header of `bench/map.mjs`):',
    '',
    '- **Load.** One process runs `serve()` (engine with monitoring off and no MCU, HTTP + WebSocket bridge) for a generated',
    '  inventory, and writes the changes into the engine\'s StatusTable with `engine.status.update` (link quality 40 %,',
    '  reachability 15 % keeping ~3 % down, degraded 15 % keeping ~5 %, in call 20 % keeping ~20 %, audio mute 10 %),',
    '  spread evenly (a 5 ms timer), so every ~50 ms flush carries ~50 changed rows to `/ws`. Every endpoint starts up and',
    '  measured, and the changes run from before the page opens, so the page loads under load.',
    '- **Page.** Headless Chromium (`--no-sandbox --disable-gpu --disable-background-networking`, so canvas and compositing',
    '  are software), a new browser per run, the console\'s first view (the map). An init script starts a',
    '  `requestAnimationFrame` loop before the app and records every frame\'s timestamp: **median fps = 1000 / median frame',
    '  interval, 5th-percentile fps = 1000 / 95th-percentile frame interval** (the targets are judged on these, per run;',
    '  frames counted per whole second are shown too). Long tasks: `PerformanceObserver(\'longtask\')`. Heap: CDP',
    '  `Runtime.getHeapUsage`. Draw times: `canvas.mapStats`, sampled every frame (JavaScript only: the canvas recording is',
    '  rasterised later, in the frame\'s Commit, which the trace shows). The window is traced (CDP Tracing, `toplevel`), so',
    '  every long task is shown with the CPU time its task really used.',
    '- **First full paint.** From the status snapshot frame arriving at the browser (CDP `Network.webSocketFrameReceived`,',
    '  put on the page\'s clock with the socket handshake\'s wall time) to the map\'s',
    '  `performance.mark(\'bridgepoint:map-first-full-paint\')`, set after the first frame that drew every node with statuses.',
    '- **Noise.** The machine is shared: load averages, the CPU used by other programs during each window and the time the',
    '  renderer\'s main thread spent runnable but waiting for a CPU (`/proc/<pid>/task/<pid>/schedstat`) are in the table;',
    '  the idle reference shows what frame rate headless Chromium gets here with nothing to draw.',
    '- **Meeting run.** A fresh console process in which ~90 % of the endpoints start in calls (the in-call share then held',
    '  there), same changes per second, one run: the heaviest steady state for the map, which rings every node in a call.',
    '',
  );
  return lines.join('\n');
}

function targetTable(o) {
  const s = o.summary;
  const t = o.targets;
  const sp = (x, unit = '') => (x ? (x.min === x.max ? `${x.median}${unit}` : `${x.median}${unit} (${x.min}–${x.max})`) : '–');
  const yes = (v) => (v.met ? '**met**' : `**not met** (${v.metIn})`);
  const m = o.meeting;
  const mw = m?.run.window;
  const mt = m?.targets;
  const mv = (v) => (v.met ? '**met**' : '**not met**');
  const head = m
    ? [`| Target | ~${Math.round(o.settings.inCall * 100)} % in calls (${o.runs.length} run${o.runs.length > 1 ? 's' : ''}) | | province-wide meeting, ~${Math.round(m.inCall * 100)} % in calls (1 run) | |`, '|---|---|---|---|---|']
    : ['| Target | Measured | |', '|---|---|---|'];
  const cell = (text, verdict) => (m ? ` ${text} | ${verdict} |` : '');
  return [
    ...head,
    `| median ≥ ${TARGET.medianFps} fps | ${sp(s.medianFps, ' fps')} | ${yes(t.medianFps)} |${cell(`${mw?.fps.median} fps`, mt && mv(mt.medianFps))}`,
    `| 5th percentile ≥ ${TARGET.p5Fps} fps | ${sp(s.p5Fps, ' fps')} | ${yes(t.p5Fps)} |${cell(`${mw?.fps.p5} fps`, mt && mv(mt.p5Fps))}`,
    `| no long task over ${TARGET.longTaskMs} ms in steady state | ${sp(s.longTasks)} long tasks in the window; longest ${sp(s.longTaskMaxMs, ' ms')} | ${yes(t.longTasks)} |${cell(`${mw?.longTasks.count} long tasks; longest ${mw?.longTasks.maxMs ?? '–'} ms`, mt && mv(mt.longTasks))}`,
    ...(s.tasksOver50msCpu
      ? [
          `| … the page's own work: main-thread tasks over 50 ms of CPU (trace) | ${sp(s.tasksOver50msCpu)}; longest ${sp(s.longestTaskCpuMs, ' ms')} CPU | ${s.tasksOver50msCpu.max === 0 ? 'none: every long task was a shorter task waiting for a CPU' : '**over**'} |${cell(`${mw?.mainThread?.cpuOver50ms ?? '–'}; longest ${mw?.mainThread?.maxCpuMs ?? '–'} ms CPU`, mw?.mainThread?.cpuOver50ms ? '**over**' : 'none')}`,
        ]
      : []),
    `| first full paint ≤ ${TARGET.firstPaintMs / 1000} s after the snapshot arrives | ${sp(s.firstPaintMs, ' ms')} | ${yes(t.firstPaint)} |${cell(`${m?.run.firstPaint.snapshotToMarkMs} ms`, mt && mv(mt.firstPaint))}`,
    '',
  ];
}

function row(label, runs, f) {
  return `| ${label} | ${runs.map(f).join(' | ')} |`;
}

function writeDocs(md) {
  let text = existsSync(DOCS) ? readFileSync(DOCS, 'utf8') : '# Benchmarks\n';
  const start = text.search(/^## bench:map\b/m);
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
