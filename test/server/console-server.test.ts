import { DEFAULT_ALARM_RULES } from '../../shared/alarms/alarm-rules.js';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startConsole, type RunningEngine } from '../../electron/server/console-runtime.js';
import { createConsoleServer, type ConsoleServer } from '../../electron/server/http-server.js';
import { smallInventory, writeInventory } from '../fixtures/inventory.js';
import { TECH_TOKEN, withFakeAuth } from './fake-engine.js';

/** The real engine behind the server; sessions come from the fake (the accounts service is separate). */
let app: { engine: RunningEngine; server: ConsoleServer; close(): Promise<void> };
let base: string;
const auth = { authorization: `Bearer ${TECH_TOKEN}` };
const jsonAuth = { ...auth, 'content-type': 'application/json' };

beforeAll(async () => {
  const renderer = mkdtempSync(join(tmpdir(), 'bp-renderer-'));
  mkdirSync(join(renderer, 'assets'));
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Bridgepoint</title>');
  writeFileSync(join(renderer, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(tmpdir(), 'bp-secret.txt'), 'secret');
  // Alarms at once (no on-delays), so a test sees them without waiting.
  const alarms = { rules: DEFAULT_ALARM_RULES.map((r) => ({ ...r, onDelayS: 0 })) };
  const engine = await startConsole({ inventoryPath: writeInventory(smallInventory()), demo: false, monitoring: false, alarms });
  const server = createConsoleServer({ engine: withFakeAuth(engine), rendererDir: renderer });
  const { port } = await server.listen(0, '127.0.0.1');
  app = { engine, server, close: async () => (await server.close(), await engine.close()) };
  base = `http://127.0.0.1:${port}`;
});
afterAll(() => app.close());

const getJson = async (path: string, init?: RequestInit) => {
  const res = await fetch(base + path, { ...init, headers: { ...(init?.method === 'POST' ? jsonAuth : auth), ...init?.headers } });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON
  return { status: res.status, body: (await res.json()) as any, headers: res.headers };
};

describe('HTTP API', () => {
  it('GET /api/v1/health', async () => {
    const { status, body } = await getJson('/api/v1/health');
    expect(status).toBe(200);
    expect(body).toMatchObject({ ok: true, endpoints: 6, mcu: expect.stringMatching(/^(connecting|disconnected)$/) });
    expect(body.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('GET /api/v1/sites lists the tree without secrets', async () => {
    const { body } = await getJson('/api/v1/sites');
    expect(body.map((s: { id: string }) => s.id)).toEqual(['ubnd-tinh', 'ba-be', 'na-ri', 'ba-be-cho-ra', 'ba-be-nam-mau', 'na-ri-kim-hy']);
    expect(body[3]).toEqual({
      id: 'ba-be-cho-ra', name: 'UBND thị trấn Chợ Rã', tier: 'commune', parent: 'ba-be', district: 'ba-be',
      endpoints: [{ id: 'ba-be-cho-ra-1', name: 'Phòng họp trực tuyến', host: '127.0.0.1', port: 16103, profile: 'generic-mib2', uri: 'sip:ba-be-cho-ra@vc.test' }],
    });
    expect(JSON.stringify(body)).not.toContain('secret-community');
  });

  it('GET /api/v1/status has every field of design.md, unknown as null', async () => {
    const { body } = await getJson('/api/v1/status');
    expect(body).toHaveLength(6);
    expect(Object.keys(body[0]).sort()).toEqual(
      ['endpointId', 'siteId', 'reachability', 'uptimeS', 'inCall', 'remoteSite', 'conferenceId', 'audioMuted', 'videoMuted', 'micMuted', 'cameraMuted', 'layout', 'bitrateKbps', 'packetLossPct', 'jitterMs', 'latencyMs', 'ifOperUp', 'rxBps', 'txBps', 'degraded', 'stale', 'updatedAt', 'measuredAt'].sort(),
    );
    expect(body[0]).toMatchObject({ reachability: 'unknown', inCall: null, packetLossPct: null });
  });

  it('GET /api/v1/alarms and /api/v1/alarms/journal read the alarm book, with filters', async () => {
    app.engine.events.add({ code: 'trap', severity: 'warning', endpointId: 'na-ri-1', siteId: 'na-ri', text: 'linkDown ifIndex 1 (127.0.0.1)' });
    app.engine.alarms.step();
    const high = await getJson('/api/v1/alarms?priority=high,medium&includeHidden=true');
    expect(high.status).toBe(200);
    expect(high.body).toEqual([expect.objectContaining({ id: 'trap-link-down@endpoint:na-ri-1', priority: 'high', state: 'unack', subject: { kind: 'endpoint', id: 'na-ri-1', siteId: 'na-ri' } })]);
    expect((await getJson('/api/v1/alarms?priority=low')).body).toEqual([]);
    expect((await getJson('/api/v1/alarms?siteId=ba-be')).body).toEqual([]);
    expect((await getJson('/api/v1/alarms?siteId=na-ri')).body).toHaveLength(1);
    expect(await getJson('/api/v1/alarms?priority=urgent')).toMatchObject({ status: 400, body: { error: { code: 'bad_request' } } });
    const journal = await getJson('/api/v1/alarms/journal?limit=5&alarmId=trap-link-down@endpoint:na-ri-1');
    expect(journal.body[0]).toMatchObject({ kind: 'activated', alarmId: 'trap-link-down@endpoint:na-ri-1', priority: 'high', siteId: 'na-ri' });
  });

  it('GET /api/v1/availability and /api/v1/history read link-health history, with the request\'s checks', async () => {
    const from = new Date(Date.now() - 3_600_000).toISOString();
    const to = new Date(Date.now() + 60_000).toISOString();
    const q = (o: Record<string, string>) => new URLSearchParams(o).toString();
    const avail = await getJson(`/api/v1/availability?${q({ from, to, groupBy: 'district', workingHours: 'false' })}`);
    expect(avail.status).toBe(200);
    expect(avail.body).toMatchObject({ groupBy: 'district', workingHours: false, scoped: false });
    expect(avail.body.rows.map((r: { group: string | null }) => r.group)).toEqual(['ba-be', 'na-ri', null]);
    expect(await getJson(`/api/v1/availability?${q({ from: 'hôm qua', to, groupBy: 'site' })}`)).toMatchObject({ status: 400, body: { error: { code: 'bad_request', params: { reason: 'invalid_date', field: 'from' } } } });
    expect(await getJson(`/api/v1/availability?${q({ from, to })}`)).toMatchObject({ status: 400, body: { error: { code: 'bad_request' } } });
    const history = await getJson(`/api/v1/history?${q({ endpointId: 'ba-be-1', metric: 'jitterMs', from, to })}`);
    expect(history).toMatchObject({ status: 200, body: { endpointId: 'ba-be-1', metric: 'jitterMs', level: '1m', points: [], outages: [] } });
    expect(await getJson(`/api/v1/history?${q({ endpointId: 'khong-co-1', metric: 'jitterMs', from, to })}`)).toMatchObject({ status: 404, body: { error: { code: 'not_found' } } });
    expect((await getJson('/api/v1/history', { method: 'DELETE' })).status).toBe(405);
  });

  it('GET /api/v1/audit filters by query, and refuses an unknown filter', async () => {
    await getJson('/api/v1/rpc/endConference', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"conferenceId":"nope"}' });
    const { status, body } = await getJson('/api/v1/audit?action=endConference&result=failed&limit=5');
    expect(status).toBe(200);
    expect(body).toHaveLength(1);
    expect(body[0]).toMatchObject({ action: 'endConference', target: 'conference:nope', result: 'failed', error: { code: 'mcu_unavailable' }, hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect((await getJson('/api/v1/audit?action=getHealth')).body).toEqual([]);
    expect(await getJson('/api/v1/audit?colour=red')).toMatchObject({ status: 400, body: { error: { code: 'bad_request' } } });
  });

  it('GET /api/v1/rpc lists every request with roles and a JSON schema', async () => {
    const { body } = await getJson('/api/v1/rpc');
    expect(Object.keys(body)).toEqual(expect.arrayContaining(['whoami', 'getHealth', 'getNetwork', 'getStatusSnapshot', 'reloadInventory']));
    expect(body.reloadInventory.roles).toEqual(['technician']);
    expect(body.whoami.input).toMatchObject({ type: 'object' });
  });

  it('POST /api/v1/rpc/<method> calls through the same gate', async () => {
    const ok = await getJson('/api/v1/rpc/whoami', { method: 'POST', body: '{}' });
    expect(ok).toMatchObject({ status: 200, body: { user: 'kythuat', role: 'technician' } });
    const bad = await getJson('/api/v1/rpc/whoami', { method: 'POST', body: '{"x":1}' });
    expect(bad).toMatchObject({ status: 400, body: { error: { code: 'bad_request' } } });
    const broken = await getJson('/api/v1/rpc/whoami', { method: 'POST', body: '{"x":' });
    expect(broken.status).toBe(400);
    expect(broken.body.error.message).toMatch(/not valid JSON/);
    expect(await getJson('/api/v1/rpc/nope', { method: 'POST', body: '{}' })).toMatchObject({ status: 404, body: { error: { code: 'unknown_method' } } });
    expect((await getJson('/api/v1/rpc/whoami')).status).toBe(405);
    expect((await getJson('/api/v1/nothing')).status).toBe(404);
  });

  it('refuses an oversized body with a 413 the client reads', async () => {
    const big = JSON.stringify({ pad: 'x'.repeat(2 << 20) });
    const res = await fetch(base + '/api/v1/rpc/whoami', { method: 'POST', body: big, headers: jsonAuth });
    expect(res.status).toBe(413);
  });
});

describe('static renderer', () => {
  it('serves index.html with the strict CSP, and falls back to it for app routes', async () => {
    for (const path of ['/', '/map']) {
      const res = await fetch(base + path);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('<title>Bridgepoint</title>');
      expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(res.headers.get('content-security-policy')).not.toContain('unsafe');
    }
    const js = await fetch(base + '/assets/app.js');
    expect(js.headers.get('content-type')).toMatch(/javascript/);
  });

  it('never serves files outside the renderer folder', async () => {
    for (const path of ['/../bp-secret.txt', '/%2e%2e/bp-secret.txt', '/assets/..%2f..%2fbp-secret.txt']) {
      const res = await fetch(base + path);
      expect([403, 404]).toContain(res.status);
      expect(await res.text()).not.toBe('secret');
    }
    expect((await fetch(base + '/missing.js')).status).toBe(404);
  });
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- frames are read loosely in tests
type Frame = { t: string; [k: string]: any };
function openWs(headers?: Record<string, string>): Promise<{ ws: WebSocket; frames: Frame[]; next: (pred: (f: Frame) => boolean) => Promise<Frame> }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(base.replace('http', 'ws') + '/ws', ['bridgepoint', `bearer.${TECH_TOKEN}`], { headers });
    const frames: Frame[] = [];
    const waiters: { pred: (f: Frame) => boolean; done: (f: Frame) => void }[] = [];
    ws.on('message', (d) => {
      const f = JSON.parse(d.toString()) as Frame;
      frames.push(f);
      for (const w of [...waiters]) if (w.pred(f)) { waiters.splice(waiters.indexOf(w), 1); w.done(f); }
    });
    const next = (pred: (f: Frame) => boolean) =>
      new Promise<Frame>((done) => {
        const seen = frames.find(pred);
        if (seen) { frames.splice(frames.indexOf(seen), 1); return done(seen); }
        waiters.push({ pred, done: (f) => { frames.splice(frames.indexOf(f), 1); done(f); } });
      });
    ws.once('open', () => resolve({ ws, frames, next }));
    ws.once('error', reject);
  });
}

describe('WebSocket bridge', () => {
  it('answers requests by id', async () => {
    const { ws, next } = await openWs();
    ws.send(JSON.stringify({ t: 'req', id: 7, method: 'getHealth', input: {} }));
    ws.send(JSON.stringify({ t: 'req', id: 8, method: 'reloadInventoryX', input: {} }));
    expect(await next((f) => f.id === 7)).toMatchObject({ t: 'res', ok: true, result: { endpoints: 6 } });
    expect(await next((f) => f.id === 8)).toMatchObject({ t: 'res', ok: false, error: { code: 'unknown_method' } });
    ws.close();
  });

  it('streams a snapshot, then deltas with consecutive seq', async () => {
    const { ws, next } = await openWs();
    ws.send(JSON.stringify({ t: 'sub', stream: 'status' }));
    const snap = await next((f) => f.t === 'evt' && f.payload.kind === 'snapshot');
    expect(snap.payload.statuses).toHaveLength(6);
    app.engine.status.update('na-ri-1', { reachability: 'down' });
    const delta = await next((f) => f.t === 'evt' && f.payload.kind === 'delta');
    expect(delta.payload.seq).toBe(snap.payload.seq + 1);
    expect(delta.payload.updates).toEqual([expect.objectContaining({ endpointId: 'na-ri-1', reachability: 'down' })]);
    ws.close();
  });

  it('answers broken frames with an error and keeps the connection', async () => {
    const { ws, next } = await openWs();
    ws.send('{not json');
    expect(await next((f) => f.t === 'bad')).toMatchObject({ error: { code: 'bad_request', message: expect.stringMatching(/not valid JSON/) } });
    ws.send(JSON.stringify({ t: 'req', id: 'one', method: 'x' }));
    expect(await next((f) => f.t === 'bad')).toMatchObject({ error: { code: 'bad_request', message: 'frame does not match the protocol' } });
    ws.send(Buffer.from([1, 2, 3]), { binary: true });
    expect(await next((f) => f.t === 'bad')).toMatchObject({ error: { message: expect.stringMatching(/binary/) } });
    ws.send(JSON.stringify({ t: 'sub', stream: 'weather' }));
    expect(await next((f) => f.t === 'bad')).toMatchObject({ error: { code: 'unknown_method' } });
    ws.send(JSON.stringify({ t: 'req', id: 1, method: 'whoami', input: {} }));
    expect(await next((f) => f.id === 1)).toMatchObject({ ok: true, result: { role: 'technician' } });
    ws.close();
  });

  it('closes a connection that sends an oversized frame, and the server carries on', async () => {
    const { ws } = await openWs();
    const closed = new Promise<number>((r) => ws.once('close', (code) => r(code)));
    ws.send('x'.repeat((1 << 20) + 10));
    expect(await closed).toBe(1009);
    expect((await getJson('/api/v1/health')).status).toBe(200);
  });

  it('refuses upgrades from pages of another origin and on other paths', async () => {
    await expect(openWs({ origin: 'http://evil.example' })).rejects.toThrow(/403/);
    await expect(new Promise((res, rej) => { const w = new WebSocket(base.replace('http', 'ws') + '/other', ['bridgepoint', `bearer.${TECH_TOKEN}`]); w.once('open', res); w.once('error', rej); })).rejects.toThrow(/404/);
  });
});
