import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { serve, type RunningConsole } from '../../electron/server/serve.js';
import { smallInventory, writeInventory } from '../fixtures/inventory.js';

let app: RunningConsole;
let base: string;

beforeAll(async () => {
  const renderer = mkdtempSync(join(tmpdir(), 'bp-renderer-'));
  mkdirSync(join(renderer, 'assets'));
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Bridgepoint</title>');
  writeFileSync(join(renderer, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(tmpdir(), 'bp-secret.txt'), 'secret');
  app = await serve({ inventoryPath: writeInventory(smallInventory()), monitoring: false, host: '127.0.0.1', port: 0, rendererDir: renderer });
  base = app.url.replace(/\/$/, '');
});
afterAll(() => app.close());

const getJson = async (path: string, init?: RequestInit) => {
  const res = await fetch(base + path, init);
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

  it('GET /api/v1/rpc lists every request with roles and a JSON schema', async () => {
    const { body } = await getJson('/api/v1/rpc');
    expect(Object.keys(body)).toEqual(expect.arrayContaining(['whoami', 'getHealth', 'getNetwork', 'getStatusSnapshot', 'reloadInventory']));
    expect(body.reloadInventory.roles).toEqual(['technician']);
    expect(body.whoami.input).toMatchObject({ type: 'object' });
  });

  it('POST /api/v1/rpc/<method> calls through the same gate', async () => {
    const ok = await getJson('/api/v1/rpc/whoami', { method: 'POST', body: '{}' });
    expect(ok).toMatchObject({ status: 200, body: { user: 'local', role: 'technician' } });
    const bad = await getJson('/api/v1/rpc/whoami', { method: 'POST', body: '{"x":1}' });
    expect(bad).toMatchObject({ status: 400, body: { error: { code: 'bad_request' } } });
    const broken = await getJson('/api/v1/rpc/whoami', { method: 'POST', body: '{"x":' });
    expect(broken.status).toBe(400);
    expect(broken.body.error.message).toMatch(/not valid JSON/);
    expect(await getJson('/api/v1/rpc/nope', { method: 'POST', body: '{}' })).toMatchObject({ status: 404, body: { error: { code: 'unknown_method' } } });
    expect((await getJson('/api/v1/rpc/whoami')).status).toBe(405);
    expect((await getJson('/api/v1/nothing')).status).toBe(404);
  });

  it('refuses an oversized body', async () => {
    const big = JSON.stringify({ pad: 'x'.repeat(2 << 20) });
    const res = await fetch(base + '/api/v1/rpc/whoami', { method: 'POST', body: big }).catch((e: Error) => e);
    if (res instanceof Error) expect(res.message).toMatch(/fetch failed|other side closed|reset/i);
    else expect(res.status).toBe(413);
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
    const ws = new WebSocket(base.replace('http', 'ws') + '/ws', { headers });
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
    await expect(new Promise((res, rej) => { const w = new WebSocket(base.replace('http', 'ws') + '/other'); w.once('open', res); w.once('error', rej); })).rejects.toThrow(/403/);
  });
});
