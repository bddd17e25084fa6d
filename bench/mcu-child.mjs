// The console process bench/mcu.mjs forks (see its header for the whole). One process runs what
// `bridgepoint serve --inventory FILE --demo` runs: serve() = the engine (CMS driver, conference
// service, monitoring unless turned off) + HTTP/WebSocket bridge, with the simulated province and
// the CMS simulator MCU in the same process. The parent drives it over IPC:
//
//   { type: 'waitFull' }                     → { type: 'full', at }    ConferencesView fully synced
//   { type: 'drop', id }                     → { type: 'trial', id, trial }   faults.dropSockets()
//   { type: 'refuse', id, holdMs }           → { type: 'trial', … }  refuseTokens on, drop, hold, off
//   { type: 'outage', id, downMs }           → { type: 'trial', … }  MCU process gone for downMs, back
//   { type: 'stop' }                                                  closes everything, exits
//
// Times are performance.timeOrigin + performance.now() (ms since the epoch, sub-ms), comparable
// with the parent's. The resync probe reads the engine's own ConferencesView (conference service
// onChange: the very object the `conferences` stream sends) and the driver's status transitions;
// the driver is the conference service's private `driver` field (a bench reaching in, read only).
import { serve, startCmsSimulator, loadInventory } from '../out/bench-mcu/entry.js';

const args = JSON.parse(process.argv[2] ?? '{}');
const send = (msg) => process.send?.(msg);
const now = () => performance.timeOrigin + performance.now();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

process.on('disconnect', () => process.exit(1));
function fail(e) {
  send({ type: 'error', message: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  setTimeout(() => process.exit(1), 100);
}

const inventory = await loadInventory(args.inventoryPath);
const running = await serve({ inventoryPath: args.inventoryPath, demo: true, monitoring: args.monitoring, host: '127.0.0.1', port: 0 });
const engine = running.engine;
let mcu = engine.mcuSimulator;
if (!mcu) fail(new Error('the inventory has no simulated MCU (mcu.url must be http://127.0.0.1:PORT)'));
const extraMcus = new Set();
const driver = engine.conferences.driver; // private field of ConferenceService, read only

// Driver status transitions and ConferencesView pushes, timestamped.
const statusLog = [];
driver.onStatus((s) => statusLog.push({ at: now(), state: s.state, message: s.message }));
let view = engine.conferences.current();
let viewAt = now();
const viewWaiters = new Set();
engine.conferences.onChange((v) => {
  view = v;
  viewAt = now();
  for (const w of [...viewWaiters]) w();
});

// The driver's own call table (before the conference service's coalescing), when it is complete.
const driverFullLog = [];
driver.onConferences((list) => {
  if (fullyInSync({ mcu: driver.status(), conferences: list })) driverFullLog.push(now());
});

/** The engine's view matches the MCU: ok, every call, every roster known with every participant's state and mute. */
function fullyInSync(v) {
  if (v.mcu.state !== 'ok') return false;
  const calls = mcu.calls();
  if (v.conferences.length !== calls.length) return false;
  for (const sc of calls) {
    const c = v.conferences.find((x) => x.id === sc.id);
    if (!c || !c.rosterKnown || c.participants.length !== sc.participants.length) return false;
    for (const sp of sc.participants) {
      const p = c.participants.find((x) => x.id === sp.id);
      if (!p || p.state !== sp.state || p.audioMuted !== sp.audioMuted || p.videoMuted !== sp.videoMuted) return false;
    }
  }
  return true;
}

/** The time of the first view pushed after `after` that is fully in sync. */
function nextFullView(after, timeoutMs) {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (viewAt > after && fullyInSync(view)) {
        viewWaiters.delete(check);
        clearTimeout(timer);
        resolve(viewAt);
      }
    };
    const timer = setTimeout(() => {
      viewWaiters.delete(check);
      reject(new Error(`no fully synced ConferencesView within ${timeoutMs} ms (mcu ${view.mcu.state}: ${view.mcu.message})`));
    }, timeoutMs);
    viewWaiters.add(check);
    check();
  });
}

const firstStatus = (after, states) => statusLog.find((s) => s.at >= after && states.includes(s.state)) ?? null;
const waitStatus = async (after, states, timeoutMs) => {
  const until = now() + timeoutMs;
  for (;;) {
    const s = firstStatus(after, states);
    if (s) return s;
    if (now() > until) throw new Error(`driver did not reach ${states.join('|')} within ${timeoutMs} ms`);
    await sleep(5);
  }
};

/**
 * The parts of one resync, from `reachableAt` (the MCU accepts tokens and sockets again):
 *   backoffMs  reachable → the driver's next attempt starts ('connecting'): the reconnect back-off
 *   connectMs  'connecting' → 'ok': token over REST, events socket, subscribeRequest acked
 *   rosterMs   'ok' → the first ConferencesView with every call and roster complete (call list,
 *              roster subscriptions, first rosterUpdate each, the service's ~50 ms coalescing),
 *              split into protocolMs (until the driver's own table is complete) + coalesceMs
 */
async function resyncFrom(reachableAt, faultAt, timeoutMs) {
  const connecting = await waitStatus(reachableAt, ['connecting'], timeoutMs);
  const ok = await waitStatus(connecting.at, ['ok'], timeoutMs);
  const fullAt = await nextFullView(ok.at, timeoutMs);
  const driverFullAt = driverFullLog.find((t) => t >= connecting.at && t <= fullAt) ?? null;
  const detected = firstStatus(faultAt, ['disconnected', 'auth_failed']);
  return {
    totalMs: fullAt - reachableAt,
    backoffMs: connecting.at - reachableAt,
    connectMs: ok.at - connecting.at,
    rosterMs: fullAt - ok.at,
    // rosterMs = protocolMs (call list, roster subscriptions, first rosterUpdate of each call, in the
    // driver's table) + coalesceMs (the conference service's ~50 ms flush before the view is pushed)
    protocolMs: driverFullAt === null ? null : driverFullAt - ok.at,
    coalesceMs: driverFullAt === null ? null : fullAt - driverFullAt,
    detectMs: detected ? detected.at - faultAt : null,
    driverMessage: detected?.message ?? null,
    fullAt,
    participants: view.conferences.reduce((n, c) => n + c.participants.length, 0),
    conferences: view.conferences.length,
  };
}

async function dropTrial() {
  await nextFullView(-Infinity, 30_000);
  const faultAt = now();
  mcu.faults.dropSockets();
  // The MCU never went away: it is reachable again at once.
  return { kind: 'dropSockets', ...(await resyncFrom(faultAt, faultAt, 30_000)) };
}

async function refuseTrial(holdMs) {
  await nextFullView(-Infinity, 30_000);
  const faultAt = now();
  mcu.faults.refuseTokens(true);
  mcu.faults.dropSockets();
  const refused = await waitStatus(faultAt, ['auth_failed'], 10_000);
  await sleep(Math.max(0, faultAt + holdMs - now()));
  const reachableAt = now();
  mcu.faults.refuseTokens(false);
  const r = await resyncFrom(reachableAt, faultAt, 120_000);
  return { kind: 'refuseTokens', refusedAfterMs: refused.at - faultAt, refusedMessage: refused.message, heldMs: reachableAt - faultAt, ...r };
}

async function outageTrial(downMs) {
  await nextFullView(-Infinity, 30_000);
  const calls = mcu.calls();
  const url = new URL(mcu.url);
  const faultAt = now();
  await mcu.close(); // the MCU process is gone: sockets closed, connections refused
  await sleep(downMs);
  const codecs = inventory.sites.flatMap((s) => s.endpoints.flatMap((e) => (e.uri ? [{ endpointId: e.id, uri: e.uri, name: s.name }] : [])));
  mcu = await startCmsSimulator({
    host: url.hostname,
    port: Number(url.port),
    username: inventory.mcu.username,
    password: inventory.mcu.password,
    codecs,
    onCallChange: (endpointId, call) => engine.simulator?.setCall(endpointId, call),
    initialConferences: calls.map((c) => ({ name: c.name, participants: c.participants.map((p) => p.endpointId).filter(Boolean) })),
  });
  extraMcus.add(mcu);
  const reachableAt = now(); // listening again
  const attemptsWhileDown = statusLog.filter((s) => s.at > faultAt && s.at < reachableAt && s.state === 'connecting').length;
  return { kind: 'outage', downMs: reachableAt - faultAt, attemptsWhileDown, ...(await resyncFrom(reachableAt, faultAt, 60_000)) };
}

process.on('message', (m) => {
  void (async () => {
    switch (m.type) {
      case 'waitFull':
        send({ type: 'full', at: await nextFullView(-Infinity, m.timeoutMs ?? 30_000) });
        return;
      case 'drop':
        send({ type: 'trial', id: m.id, trial: await dropTrial() });
        return;
      case 'refuse':
        send({ type: 'trial', id: m.id, trial: await refuseTrial(m.holdMs) });
        return;
      case 'outage':
        send({ type: 'trial', id: m.id, trial: await outageTrial(m.downMs) });
        return;
      case 'stop':
        await running.close();
        await Promise.all([...extraMcus].map((x) => x.close()));
        process.exit(0);
    }
  })().catch(fail);
});

send({ type: 'ready', url: running.url, mcuUrl: mcu.url, pid: process.pid });
