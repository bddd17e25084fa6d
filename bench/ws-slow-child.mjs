// The server process of bench/ws-slow-clients.mjs: the console's HTTP + WebSocket server over a
// synthetic engine with a busy status stream (a ~8 KB delta every 10 ms) and a large snapshot
// request, so that clients which never read fill their send buffers quickly. Talks to the parent
// over IPC ({ type: 'stats' } → { rss, heapUsed, clients }) and exits when the parent goes away.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConsoleServer } from '../out/bench-ws-slow/entry.js';

const TOKEN = process.argv[2];
const identity = { user: 'bench', role: 'technician', sessionId: 'bench' };
const subscribers = new Set();
const snapshot = { kind: 'snapshot', seq: 0, statuses: Array.from({ length: 2000 }, (_, i) => ({ endpointId: `ep-${i}`, reachability: 'up', bitrateKbps: 1920 })) };
let seq = 0;
const pad = 'x'.repeat(8000);
setInterval(() => {
  const delta = { kind: 'delta', seq: ++seq, updates: [{ endpointId: `ep-${seq % 2000}`, reachability: 'up', note: pad }] };
  for (const l of subscribers) l(delta);
}, 10);

const engine = {
  async call(_caller, method) {
    if (method === 'getStatusSnapshot') return { ok: true, result: snapshot };
    if (method === 'getHealth') return { ok: true, result: { ok: true } };
    return { ok: false, error: { code: 'unknown_method', message: method } };
  },
  async callAnonymous() {
    return { ok: false, error: { code: 'unauthenticated', message: 'no' } };
  },
  authenticate: (token) => (token === TOKEN ? identity : null),
  onSessionEnded: () => () => {},
  subscribe(_caller, stream, listener) {
    if (stream !== 'status') throw Object.assign(new Error('unknown stream'), { code: 'unknown_method' });
    subscribers.add(listener);
    listener(snapshot);
    return () => subscribers.delete(listener);
  },
};

const renderer = mkdtempSync(join(tmpdir(), 'bp-bench-renderer-'));
writeFileSync(join(renderer, 'index.html'), '<!doctype html>');
const server = createConsoleServer({ engine, rendererDir: renderer });
const { port } = await server.listen(0, '127.0.0.1');
process.on('disconnect', () => process.exit(0));
process.on('message', (m) => {
  if (m.type !== 'stats') return;
  globalThis.gc?.();
  const mem = process.memoryUsage();
  process.send({ type: 'stats', rss: mem.rss, heapUsed: mem.heapUsed, heapTotal: mem.heapTotal, external: mem.external, arrayBuffers: mem.arrayBuffers, clients: server.ws.clients, subscribers: subscribers.size });
});
process.send({ type: 'ready', port });
