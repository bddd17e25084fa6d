import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { callOrigin } from '../../electron/server/request-guard.js';
import { OPERATOR_TOKEN, PASSWORD, TECH_TOKEN, withFakeAuth, type FakeAuthEngine } from './fake-engine.js';
import { rawRequest, startServer, type Harness } from './server-harness.js';
import type { IncomingMessage } from 'node:http';

let engine: FakeAuthEngine;
let h: Harness;

beforeAll(async () => {
  engine = withFakeAuth();
  h = await startServer({ engine, allowedHosts: ['console.lan'], allowedOrigins: ['https://wall.lan:9000'] });
});
afterAll(() => h.close());
afterEach(() => vi.restoreAllMocks());

const auth = (token = TECH_TOKEN): Record<string, string> => ({ authorization: `Bearer ${token}` });
const post = (path: string, body: string, headers: Record<string, string> = {}): Promise<Response> =>
  fetch(h.base + path, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON
const read = async (res: Response): Promise<{ status: number; body: any }> => ({ status: res.status, body: await res.json() });

describe('authentication', () => {
  it('refuses every API route without a valid bearer token (401), cookies ignored', async () => {
    for (const path of ['/api/v1/health', '/api/v1/sites', '/api/v1/rpc', '/api/v1/nothing']) {
      const res = await read(await fetch(h.base + path));
      expect(res).toMatchObject({ status: 401, body: { error: { code: 'unauthenticated' } } });
    }
    const unknown = await fetch(h.base + '/api/v1/health', { headers: auth('tok-nobody') });
    expect(unknown.status).toBe(401);
    expect(unknown.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect((await fetch(h.base + '/api/v1/health', { headers: { cookie: `token=${TECH_TOKEN}; session=${TECH_TOKEN}` } })).status).toBe(401);
    expect((await post('/api/v1/rpc/whoami', '{}')).status).toBe(401);
    expect((await fetch(h.base + '/api/v1/health', { headers: { authorization: `Basic ${TECH_TOKEN}` } })).status).toBe(401);
  });

  it('passes the session identity and the call origin to the engine', async () => {
    const res = await read(await post('/api/v1/rpc/whoami', '{}', auth(OPERATOR_TOKEN)));
    expect(res).toMatchObject({ status: 200, body: { user: 'dieuhanh', role: 'operator' } });
    expect(engine.calls.at(-1)).toMatchObject({ method: 'whoami', caller: { sessionId: 's-op' } });
    expect(engine.origins.at(-1)).toEqual({ source: '127.0.0.1', client: 'script' });
    await fetch(h.base + '/api/v1/health', { headers: { ...auth(), 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0' } });
    expect(engine.origins.at(-1)).toEqual({ source: '127.0.0.1', client: 'browser' });
  });

  it('sends POST /api/v1/rpc/login to the anonymous gate, and its token works', async () => {
    const wrong = await read(await post('/api/v1/rpc/login', JSON.stringify({ user: 'dieuhanh', password: 'sai' })));
    expect(wrong).toMatchObject({ status: 401, body: { error: { code: 'unauthenticated' } } });
    const ok = await read(await post('/api/v1/rpc/login', JSON.stringify({ user: 'dieuhanh', password: PASSWORD })));
    expect(ok.status).toBe(200);
    expect(ok.body.identity).toMatchObject({ user: 'dieuhanh', source: '127.0.0.1', client: 'script' });
    const who = await read(await post('/api/v1/rpc/whoami', '{}', auth(ok.body.token)));
    expect(who).toMatchObject({ status: 200, body: { user: 'dieuhanh' } });
    expect((await fetch(h.base + '/api/v1/rpc/login')).status).toBe(405);
  });

  it('refuses a token in the query string (400) on any path, and never logs it', async () => {
    const logged = [vi.spyOn(console, 'error'), vi.spyOn(console, 'log'), vi.spyOn(console, 'warn')];
    for (const path of [`/api/v1/health?token=${TECH_TOKEN}`, `/api/v1/health?access_token=${TECH_TOKEN}`, `/?Token=${TECH_TOKEN}`, `/api/v1/rpc/login?access_token=x`]) {
      const res = await read(await fetch(h.base + path, { headers: auth() }));
      expect(res).toMatchObject({ status: 400, body: { error: { code: 'bad_request', params: { parameter: expect.any(String) } } } });
      expect(JSON.stringify(res.body)).not.toContain(TECH_TOKEN);
    }
    for (const spy of logged) expect(JSON.stringify(spy.mock.calls)).not.toContain(TECH_TOKEN);
  });

  it('serves the renderer bundle (the login page) without a token', async () => {
    const res = await fetch(h.base + '/');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<title>Bridgepoint</title>');
  });
});

describe('request guard', () => {
  it('answers 421 to a Host that does not name this server (DNS rebinding)', async () => {
    const answer = await rawRequest(h.port, `GET /api/v1/health HTTP/1.1\r\nHost: evil.example:${h.port}\r\nAuthorization: Bearer ${TECH_TOKEN}\r\n\r\n`);
    expect(answer).toMatch(/^HTTP\/1\.1 421 /);
    expect(answer).toContain('"code":"forbidden"');
    for (const host of [`localhost:${h.port}`, `127.0.0.1:${h.port}`, `[::1]:${h.port}`, 'console.lan', `CONSOLE.LAN.:${h.port}`]) {
      const ok = await rawRequest(h.port, `GET /api/v1/health HTTP/1.1\r\nHost: ${host}\r\nAuthorization: Bearer ${TECH_TOKEN}\r\nConnection: close\r\n\r\n`);
      expect(ok, host).toMatch(/^HTTP\/1\.1 200 /);
    }
    const noHost = await rawRequest(h.port, `GET /api/v1/health HTTP/1.0\r\nAuthorization: Bearer ${TECH_TOKEN}\r\n\r\n`);
    expect(noHost).toMatch(/^HTTP\/1\.1 421 /);
  });

  it('needs Content-Type application/json on POST (415)', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', '']) {
      const res = await fetch(h.base + '/api/v1/rpc/whoami', { method: 'POST', body: '{}', headers: { ...auth(), 'content-type': type } });
      expect(res.status, type).toBe(415);
      expect((await res.json()).error.code).toBe('unsupported_media_type');
    }
    expect((await post('/api/v1/rpc/login', '{}', { 'content-type': 'text/plain' })).status).toBe(415);
    expect((await post('/api/v1/rpc/whoami', '{}', { ...auth(), 'content-type': 'Application/JSON; charset=utf-8' })).status).toBe(200);
  });

  it('refuses browser requests from other origins (403), allows its own and configured ones', async () => {
    for (const origin of ['http://evil.example', 'null', `https://127.0.0.1:${h.port}`, 'http://wall.lan:9000']) {
      const res = await read(await post('/api/v1/rpc/whoami', '{}', { ...auth(), origin }));
      expect(res, origin).toMatchObject({ status: 403, body: { error: { code: 'forbidden', params: { origin } } } });
    }
    expect((await post('/api/v1/rpc/login', JSON.stringify({ user: 'dieuhanh', password: PASSWORD }), { origin: 'http://evil.example' })).status).toBe(403);
    for (const origin of [h.base, 'https://wall.lan:9000']) {
      expect((await post('/api/v1/rpc/whoami', '{}', { ...auth(), origin })).status, origin).toBe(200);
    }
  });

  it('answers CORS for an --allowed-origin only: preflight and every answer name it', async () => {
    const preflight = await fetch(h.base + '/api/v1/rpc/whoami', { method: 'OPTIONS', headers: { origin: 'https://wall.lan:9000', 'access-control-request-method': 'POST' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://wall.lan:9000');
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/authorization/);
    const res = await post('/api/v1/rpc/whoami', '{}', { ...auth(), origin: 'https://wall.lan:9000' });
    expect(res.headers.get('access-control-allow-origin')).toBe('https://wall.lan:9000');
    const own = await post('/api/v1/rpc/whoami', '{}', { ...auth(), origin: h.base });
    expect(own.headers.get('access-control-allow-origin')).toBeNull();
    const evil = await fetch(h.base + '/api/v1/rpc/whoami', { method: 'OPTIONS', headers: { origin: 'http://evil.example' } });
    expect(evil.status).toBe(403);
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('names the caller: peer address, browser or script', () => {
    const req = (headers: Record<string, string>): IncomingMessage => ({ headers, socket: { remoteAddress: '::ffff:10.0.0.7' } }) as unknown as IncomingMessage;
    expect(callOrigin(req({}))).toEqual({ source: '10.0.0.7', client: 'script' });
    expect(callOrigin(req({ origin: 'https://console.lan' }))).toEqual({ source: '10.0.0.7', client: 'browser' });
    expect(callOrigin(req({ 'sec-fetch-mode': 'cors', 'user-agent': 'node' })).client).toBe('script');
    expect(callOrigin(req({ 'user-agent': 'curl/8.5' })).client).toBe('script');
  });
});
