import { describe, expect, it } from 'vitest';
import type { RpcReply } from '../../shared/api/transport.js';
import type { ConnectionState } from '../../renderer/api/connection-state.js';
import { browserGateway, desktopGateway } from '../../renderer/api/auth-gateway.js';
import type { SelectedTransport } from '../../renderer/api/select-transport.js';
import type { TokenStorage } from '../../renderer/api/token-storage.js';

const HOST = { kind: 'websocket', base: 'http://console.lan:8740', wsUrl: 'ws://console.lan:8740/ws' } as const;
const IDENTITY = { user: 'giamsat', role: 'supervisor', scope: [], sessionId: 'abc' };

function memoryStorage(initial: string | null = null): TokenStorage & { value: string | null } {
  const s = {
    value: initial,
    get: () => s.value,
    set: (t: string) => void (s.value = t),
    clear: () => void (s.value = null),
  };
  return s;
}

/** A fetch that answers the HTTP RPC like `bridgepoint serve`: the token `good` is the only live one. */
function fakeServe() {
  const seen: { url: string; auth: string | null; body: unknown; credentials: RequestCredentials | undefined }[] = [];
  const fetchLike = (async (url: URL, init: RequestInit) => {
    const headers = init.headers as Record<string, string>;
    seen.push({ url: String(url), auth: headers['authorization'] ?? null, body: JSON.parse(String(init.body)), credentials: init.credentials });
    const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
    if (String(url).endsWith('/api/v1/rpc/login')) {
      const { password } = JSON.parse(String(init.body)) as { password: string };
      return password === 'dung'
        ? json(200, { token: 'good', identity: IDENTITY, idleTimeoutS: 1800, absoluteExpiresAt: '2026-12-07T00:00:00Z' })
        : json(401, { error: { code: 'unauthenticated', message: 'wrong user name or password', params: { reason: 'credentials' } } });
    }
    if (headers['authorization'] !== 'Bearer good') return json(401, { error: { code: 'unauthenticated', message: 'the token is unknown or the session has ended' } });
    return json(200, IDENTITY);
  }) as unknown as typeof fetch;
  return { fetch: fetchLike, seen };
}

function fakeLink() {
  const stateListeners = new Set<(s: ConnectionState) => void>();
  let closed = false;
  const selected: SelectedTransport = {
    kind: 'websocket',
    transport: { request: async () => ({ ok: true, result: null }), subscribe: () => () => undefined },
    state: { phase: 'open', since: 0, attempt: 0, retryAt: null },
    onState: (l) => {
      stateListeners.add(l);
      return () => stateListeners.delete(l);
    },
    onProtocolError: () => () => undefined,
    onSessionEnded: () => () => undefined,
    close: () => void (closed = true),
  };
  return { selected, lose: () => stateListeners.forEach((l) => l({ phase: 'closed', since: 0, attempt: 1, retryAt: 100 })), closed: () => closed };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('browser login gateway', () => {
  it('logs in over HTTP without a token or cookies, and keeps the token for the WebSocket', async () => {
    const serve = fakeServe();
    const storage = memoryStorage();
    const opened: (string | null)[] = [];
    const link = fakeLink();
    const g = browserGateway(HOST, { storage, fetch: serve.fetch, openTransport: (_h, token) => (opened.push(token), link.selected) });
    await expect(g.login('giamsat', 'sai')).rejects.toMatchObject({ code: 'unauthenticated', params: { reason: 'credentials' } });
    expect(storage.value).toBeNull();
    expect(await g.login('giamsat', 'dung')).toEqual(IDENTITY);
    expect(serve.seen[1]).toEqual({ url: 'http://console.lan:8740/api/v1/rpc/login', auth: null, body: { user: 'giamsat', password: 'dung', client: 'browser' }, credentials: 'omit' });
    expect(storage.value).toBe('good');
    g.open();
    expect(opened).toEqual(['good']);
  });

  it('resumes a kept token with whoami, and forgets one the engine no longer knows', async () => {
    const serve = fakeServe();
    expect(await browserGateway(HOST, { storage: memoryStorage('good'), fetch: serve.fetch }).resume()).toEqual(IDENTITY);
    expect(serve.seen[0]!.auth).toBe('Bearer good');
    const stale = memoryStorage('old');
    expect(await browserGateway(HOST, { storage: stale, fetch: serve.fetch }).resume()).toBeNull();
    expect(stale.value).toBeNull();
    expect(await browserGateway(HOST, { storage: memoryStorage(), fetch: serve.fetch }).resume()).toBeNull();
  });

  it('says the engine is unreachable when fetch fails', async () => {
    const g = browserGateway(HOST, { storage: memoryStorage(), fetch: (async () => Promise.reject(new TypeError('Failed to fetch'))) as unknown as typeof fetch });
    await expect(g.login('a', 'b')).rejects.toMatchObject({ code: 'unavailable' });
  });

  it('after a lost link asks whether the session holds, and ends it when the engine says no', async () => {
    const serve = fakeServe();
    const storage = memoryStorage('good');
    const link = fakeLink();
    const g = browserGateway(HOST, { storage, fetch: serve.fetch, openTransport: () => link.selected });
    const selected = g.open();
    let ended = 0;
    selected.onSessionEnded(() => (ended += 1));
    link.lose();
    await flush();
    await flush();
    expect(ended).toBe(0); // the session still holds: only the link was lost
    storage.value = 'revoked'; // what the engine now answers for this page's token is checked next
    const g2 = browserGateway(HOST, { storage, fetch: serve.fetch, openTransport: () => link.selected });
    const s2 = g2.open();
    s2.onSessionEnded(() => (ended += 1));
    link.lose();
    await flush();
    await flush();
    expect(ended).toBe(1);
  });
});

describe('desktop login gateway (IPC; main keeps the token)', () => {
  /** The preload's transport as main answers it: no session until login, then the session stream. */
  function fakePreload() {
    let loggedIn = false;
    const sent: { method: string; input: unknown }[] = [];
    const streams = new Map<string, (p: unknown) => void>();
    const preload = {
      async request(method: string, input: unknown): Promise<RpcReply> {
        sent.push({ method, input });
        if (method === 'login') {
          loggedIn = true;
          return { ok: true, result: { token: 'held-by-main', identity: IDENTITY, idleTimeoutS: 1800, absoluteExpiresAt: '2026-12-07T00:00:00Z' } };
        }
        if (!loggedIn) return { ok: false, error: { code: 'unauthenticated', message: 'log in first', params: { reason: 'no_session' } } };
        return { ok: true, result: IDENTITY };
      },
      subscribe(stream: string, listener: (p: unknown) => void) {
        streams.set(stream, listener);
        return () => streams.delete(stream);
      },
    };
    return { preload, sent, streams, drop: () => (loggedIn = false) };
  }

  it('finds no session before the login, logs in over IPC without keeping the token, and hears the session end', async () => {
    const fake = fakePreload();
    const g = desktopGateway(fake.preload);
    expect(await g.resume()).toBeNull();
    expect(await g.login('giamsat', 'dung')).toEqual(IDENTITY);
    expect(fake.sent.at(-1)).toEqual({ method: 'login', input: { user: 'giamsat', password: 'dung' } });
    expect(await g.resume()).toEqual(IDENTITY); // a reload of the window keeps main's session
    const link = g.open();
    let ended = 0;
    link.onSessionEnded(() => (ended += 1));
    expect(fake.streams.has('session')).toBe(true);
    fake.streams.get('session')!({ ended: true });
    fake.drop();
    expect(ended).toBe(1);
    // An unauthenticated answer on the link counts once too, not twice.
    await link.transport.request('getHealth', {});
    expect(ended).toBe(1);
    link.close();
    expect(fake.streams.has('session')).toBe(false);
  });
});
