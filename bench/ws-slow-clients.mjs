#!/usr/bin/env node
// bench:ws-slow — what never-reading WebSocket clients cost the console (issue 14, benchmark).
//
//   npm run bench:ws-slow                         60 clients, 20 s per scenario (about a minute in all)
//   npm run bench:ws-slow -- --clients 100 --duration-s 30
//
// The server runs in its own process (bench/ws-slow-child.mjs): the console's real HTTP +
// WebSocket server (createConsoleServer, default limits) over a synthetic engine whose status
// stream is busy (a ~8 KB delta every 10 ms, ~800 KB/s per subscriber) and whose
// getStatusSnapshot answers ~200 KB. The engine sources are TypeScript, so `npm run bench:ws-slow`
// first bundles bench/ws-slow-entry.ts with Vite (bench/ws-slow.vite.config.mjs).
//
//   1. baseline  one reading client subscribed to the stream for 3 s; the server's RSS is sampled.
//   2. attack    N more clients connect, subscribe, and never read again (their sockets are
//                paused). RSS is sampled every 250 ms for the duration; the reading client keeps
//                counting the deltas it receives.
//
// Two scenarios, each in a fresh server process: subscribeOnly (the never-reading clients)
// and pipelining (each attacker also pipelines 100 getStatusSnapshot requests of ~200 KB: the
// harsher case, where the answers themselves are the load).
//
// One JSON object goes to stdout: baseline and peak RSS, growth, how many attackers the server
// still holds at the end (the rest were dropped with 1008), and the deltas the reading client got
// per second before and during the attack (the stream must keep flowing).
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { WebSocket } from 'ws';

const { values } = parseArgs({ options: { clients: { type: 'string', default: '60' }, 'duration-s': { type: 'string', default: '20' } } });
const N = Number(values.clients);
const DURATION_MS = Number(values['duration-s']) * 1000;
const TOKEN = randomBytes(24).toString('base64url');
const MB = 1 << 20;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * One scenario in a fresh server process: a baseline with one reading client, then N clients that
 * subscribe (and pipeline `pipeline` large requests each) and never read again.
 */
async function scenario(pipeline) {
  const child = fork(new URL('./ws-slow-child.mjs', import.meta.url), [TOKEN], { execArgv: ['--expose-gc'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const waiters = [];
  child.on('message', (m) => waiters.shift()?.(m));
  const nextMessage = () => new Promise((r) => waiters.push(r));
  const stats = () => (child.send({ type: 'stats' }), nextMessage());
  child.on('exit', (code) => code && (console.error(`bench: server exited with ${code}`), process.exit(1)));

  const { port } = await nextMessage();
  const url = `ws://127.0.0.1:${port}/ws`;
  const open = () =>
    new Promise((resolve, reject) => {
      const ws = new WebSocket(url, ['bridgepoint', `bearer.${TOKEN}`]);
      ws.once('open', () => resolve(ws));
      ws.once('error', reject);
    });

  const reader = await open();
  let deltas = 0;
  reader.on('message', () => deltas++);
  reader.send(JSON.stringify({ t: 'sub', stream: 'status' }));
  await sleep(1000);
  deltas = 0;
  await sleep(3000);
  const baselineRate = deltas / 3;
  const baseline = await stats();

  const attackers = [];
  for (let i = 0; i < N; i++) {
    const ws = await open();
    ws.on('error', () => {});
    ws.send(JSON.stringify({ t: 'sub', stream: 'status' }));
    for (let id = 1; id <= pipeline; id++) ws.send(JSON.stringify({ t: 'req', id, method: 'getStatusSnapshot', input: {} }));
    ws._socket.pause(); // never read again
    attackers.push(ws);
  }
  deltas = 0;
  let peak = baseline;
  let peakExternal = baseline.external;
  const started = Date.now();
  while (Date.now() - started < DURATION_MS) {
    await sleep(250);
    const s = await stats();
    if (s.rss > peak.rss) peak = s;
    if (s.external > peakExternal) peakExternal = s.external;
  }
  const attackRate = deltas / (DURATION_MS / 1000);
  const end = await stats();
  const round = (n) => Math.round(n * 10) / 10;
  const result = {
        baselineRssMb: round(baseline.rss / MB),
        peakRssMb: round(peak.rss / MB),
        peakHeapUsedMb: round(peak.heapUsed / MB),
      peakHeapTotalMb: round(peak.heapTotal / MB),
        peakExternalMb: round(peakExternal / MB),
        rssGrowthMb: round((peak.rss - baseline.rss) / MB),
        endRssMb: round(end.rss / MB),
        attackersStillConnected: end.clients - 1,
        readerDeltasPerS: { before: round(baselineRate), during: round(attackRate) },
        readerOpen: reader.readyState === WebSocket.OPEN,
  };
  for (const ws of attackers) ws.terminate();
  reader.close();
  child.removeAllListeners('exit');
  child.disconnect();
  return result;
}

const subscribeOnly = await scenario(0);
const pipelining = await scenario(100);
console.log(JSON.stringify({ bench: 'ws-slow-clients', node: process.version, clients: N, durationS: DURATION_MS / 1000, subscribeOnly, pipelining }, null, 2));
