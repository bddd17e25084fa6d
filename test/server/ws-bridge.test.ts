import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATOR, OPERATOR_TOKEN, TECH_TOKEN, tinyEngine, withFakeAuth, type FakeAuthEngine } from './fake-engine.js';
import { MAX_USER_IDLE_MS, NOT_USER_ACTIVITY } from '../../shared/api/transport.js';
import { USER_IDLE_HEADER } from '../../electron/server/request-guard.js';
import { openWs, rawRequest, startServer, until, type Harness } from './server-harness.js';

const tiny = tinyEngine();
let engine: FakeAuthEngine;
let h: Harness;

beforeAll(async () => {
  engine = withFakeAuth(tiny);
  h = await startServer({ engine, limits: { maxWsClients: 4, wsClientBufferBytes: 256 << 10 } });
});
afterAll(() => h.close());

describe('WebSocket authentication', () => {
  it('takes the token as subprotocol bearer.<token> and selects "bridgepoint"', async () => {
    const c = await openWs(h.base, OPERATOR_TOKEN);
    expect(c.ws.protocol).toBe('bridgepoint');
    c.ws.send(JSON.stringify({ t: 'req', id: 1, method: 'whoami', input: {} }));
    expect(await c.next((f) => f.id === 1)).toMatchObject({ ok: true, result: { user: 'dieuhanh', role: 'operator' } });
    c.ws.close();
  });

  it('also takes Authorization: Bearer from scripts', async () => {
    const c = await openWs(h.base, null, { authorization: `Bearer ${TECH_TOKEN}` });
    c.ws.send(JSON.stringify({ t: 'req', id: 1, method: 'whoami', input: {} }));
    expect(await c.next((f) => f.id === 1)).toMatchObject({ ok: true, result: { role: 'technician' } });
    c.ws.close();
  });

  it('refuses an upgrade without a token or with an unknown one (401)', async () => {
    await expect(openWs(h.base, null)).rejects.toThrow(/401 .*unauthenticated/);
    await expect(openWs(h.base, 'tok-nobody')).rejects.toThrow(/401 /);
    await expect(openWs(h.base, null, { cookie: `token=${TECH_TOKEN}` })).rejects.toThrow(/401 /);
  });

  it('refuses other origins (403), a foreign Host (421), a token in the URL (400), other paths (404)', async () => {
    await expect(openWs(h.base, TECH_TOKEN, { origin: 'http://evil.example' })).rejects.toThrow(/403 /);
    const own = await openWs(h.base, TECH_TOKEN, { origin: h.base });
    own.ws.close();
    await expect(openWs(h.base, TECH_TOKEN, { host: 'rebound.example' })).rejects.toThrow(/421 /);
    const upgrade = (path: string): string =>
      `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nAuthorization: Bearer ${TECH_TOKEN}\r\n\r\n`;
    expect(await rawRequest(h.port, upgrade(`/ws?access_token=${TECH_TOKEN}`))).toMatch(/^HTTP\/1\.1 400 /);
    expect(await rawRequest(h.port, upgrade('/other'))).toMatch(/^HTTP\/1\.1 404 /);
  });

  it('closes with 4401 "session ended" when the engine ends the session, other sessions carry on', async () => {
    const op = await openWs(h.base, OPERATOR_TOKEN);
    const tech = await openWs(h.base, TECH_TOKEN);
    engine.endSession(OPERATOR.sessionId!);
    expect(await op.closed).toEqual({ code: 4401, reason: 'session ended' });
    tech.ws.send(JSON.stringify({ t: 'req', id: 2, method: 'getHealth', input: {} }));
    expect(await tech.next((f) => f.id === 2)).toMatchObject({ ok: true });
    tech.ws.close();
    engine.tokens.set(OPERATOR_TOKEN, OPERATOR);
  });

  it('re-checks the session on every request: a revoked token stops at once', async () => {
    const c = await openWs(h.base, OPERATOR_TOKEN);
    engine.tokens.delete(OPERATOR_TOKEN); // revoked without a notice
    c.ws.send(JSON.stringify({ t: 'req', id: 3, method: 'whoami', input: {} }));
    expect(await c.next((f) => f.id === 3)).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect((await c.closed).code).toBe(4401);
    expect(engine.calls.filter((x) => x.method === 'whoami' && x.caller.sessionId === 's-op').length).toBe(1);
    engine.tokens.set(OPERATOR_TOKEN, OPERATOR);
  });
});

describe("the user's activity for the idle expiry", () => {
  it('takes the idle time a request states; the upgrade and subscriptions are not activity', async () => {
    engine.activity.length = 0;
    const c = await openWs(h.base, OPERATOR_TOKEN);
    c.ws.send(JSON.stringify({ t: 'req', id: 1, method: 'whoami', input: {}, idleMs: 42_000 }));
    await c.next((f) => f.id === 1);
    c.ws.send(JSON.stringify({ t: 'req', id: 2, method: 'whoami', input: {} }));
    await c.next((f) => f.id === 2);
    c.ws.send(JSON.stringify({ t: 'sub', stream: 'status' }));
    await c.next((f) => f.t === 'evt');
    c.ws.close();
    expect(engine.activity).toEqual([NOT_USER_ACTIVITY, { userIdleMs: 42_000 }, { userIdleMs: undefined }, NOT_USER_ACTIVITY]);
  });

  it('answers a frame with an unreadable idle time as a bad frame, and the connection stays', async () => {
    const c = await openWs(h.base, OPERATOR_TOKEN);
    for (const idleMs of [-1, 1.5, '5', MAX_USER_IDLE_MS + 1]) {
      c.ws.send(JSON.stringify({ t: 'req', id: 7, method: 'whoami', input: {}, idleMs }));
      expect(await c.next((f) => f.t === 'bad')).toMatchObject({ error: { code: 'bad_request' } });
      c.frames.length = 0;
    }
    c.ws.send(JSON.stringify({ t: 'req', id: 8, method: 'whoami', input: {}, idleMs: MAX_USER_IDLE_MS }));
    expect(await c.next((f) => f.id === 8)).toMatchObject({ ok: true });
    c.ws.close();
  });

  it('reads the idle time of an HTTP request from its header; nonsense there counts as activity now', async () => {
    engine.activity.length = 0;
    const post = (headers: Record<string, string>) =>
      fetch(`${h.base}/api/v1/rpc/whoami`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${OPERATOR_TOKEN}`, ...headers }, body: '{}' });
    expect((await post({ [USER_IDLE_HEADER]: '120000' })).status).toBe(200);
    expect((await post({ [USER_IDLE_HEADER]: '-3' })).status).toBe(200);
    expect((await post({})).status).toBe(200);
    expect(engine.activity).toEqual([{ userIdleMs: 120_000 }, {}, {}]);
  });
});

describe('WebSocket limits', () => {
  it('refuses clients beyond the limit with 503, and admits again when one leaves', async () => {
    const open = await Promise.all([1, 2, 3, 4].map(() => openWs(h.base, TECH_TOKEN)));
    await expect(openWs(h.base, TECH_TOKEN)).rejects.toThrow(/503 .*unavailable/);
    open[0]!.ws.close();
    await open[0]!.closed;
    await until(() => h.server.ws.clients < 4);
    const again = await openWs(h.base, TECH_TOKEN);
    for (const c of [...open.slice(1), again]) c.ws.close();
    await until(() => h.server.ws.clients === 0);
  });

  it('answers every pipelined request: 32 in flight, the rest too_many_requests', async () => {
    const c = await openWs(h.base, TECH_TOKEN);
    for (let id = 1; id <= 40; id++) c.ws.send(JSON.stringify({ t: 'req', id, method: 'slow', input: { ms: 300 } }));
    const replies = await Promise.all(Array.from({ length: 40 }, (_, i) => c.next((f) => f.id === i + 1)));
    expect(replies.filter((r) => r.ok).length).toBe(32);
    const refused = replies.filter((r) => !r.ok);
    expect(refused).toHaveLength(8);
    expect(refused[0]).toMatchObject({ error: { code: 'too_many_requests', params: { limit: 32, retryAfterS: 1 } } });
    c.ws.send(JSON.stringify({ t: 'req', id: 41, method: 'getHealth', input: {} }));
    expect(await c.next((f) => f.id === 41)).toMatchObject({ ok: true });
    c.ws.close();
  });

  it('drops a client that stops reading with 1008 and a reason; a reading client keeps its stream', async () => {
    const slow = await openWs(h.base, TECH_TOKEN);
    const fast = await openWs(h.base, TECH_TOKEN);
    for (const c of [slow, fast]) c.ws.send(JSON.stringify({ t: 'sub', stream: 'status' }));
    await Promise.all([slow, fast].map((c) => c.next((f) => f.t === 'evt')));
    (slow.ws as unknown as { _socket: { pause(): void; resume(): void } })._socket.pause();
    const pad = 'x'.repeat(16 << 10);
    for (let seq = 1; seq <= 800; seq++) {
      tiny.emit({ kind: 'delta', seq, pad });
      if (seq % 50 === 0) await new Promise((r) => setTimeout(r, 5));
    }
    await fast.next((f) => f.t === 'evt' && f.payload.seq === 800);
    (slow.ws as unknown as { _socket: { resume(): void } })._socket.resume();
    const closed = await slow.closed;
    expect(closed.code).toBe(1008);
    expect(closed.reason).toMatch(/too slow/);
    expect(fast.ws.readyState).toBe(fast.ws.OPEN);
    fast.ws.close();
  });

  it('closes a client that sends an oversized frame (1009), and the server carries on', async () => {
    const c = await openWs(h.base, TECH_TOKEN);
    c.ws.send('x'.repeat((1 << 20) + 10));
    expect((await c.closed).code).toBe(1009);
    const d = await openWs(h.base, TECH_TOKEN);
    d.ws.send(JSON.stringify({ t: 'req', id: 1, method: 'getHealth', input: {} }));
    expect(await d.next((f) => f.id === 1)).toMatchObject({ ok: true });
    d.ws.close();
  });
});
