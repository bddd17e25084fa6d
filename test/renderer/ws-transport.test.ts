import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket as ServerSocket } from 'ws';
import type { AddressInfo } from 'node:net';
import { createConsoleApi } from '../../shared/api/console-api.js';
import { ApiError } from '../../shared/api/errors.js';
import { MAX_USER_IDLE_MS } from '../../shared/api/transport.js';
import type { ClientFrame } from '../../shared/api/wire.js';
import { backoffDelay } from '../../renderer/api/backoff.js';
import { bearerProtocols, createWsTransport, type WsTransport } from '../../renderer/api/ws-transport.js';

/** A real WebSocket server on 127.0.0.1; each test scripts what it answers. */
interface Harness {
  url: string;
  sockets: ServerSocket[];
  frames: ClientFrame[];
  onFrame: (ws: ServerSocket, f: ClientFrame) => void;
  connections: number;
}

const waitFor = async (cond: () => boolean, ms = 3000): Promise<void> => {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > ms) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 5));
  }
};

describe('WebSocket transport', () => {
  let server: WebSocketServer;
  let h: Harness;
  let transport: WsTransport | null = null;

  beforeEach(async () => {
    server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((r) => server.once('listening', () => r()));
    h = {
      url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}/ws`,
      sockets: [],
      frames: [],
      onFrame: () => undefined,
      connections: 0,
    };
    server.on('connection', (ws) => {
      h.connections += 1;
      h.sockets.push(ws);
      ws.on('message', (data) => {
        const f = JSON.parse(String(data)) as ClientFrame;
        h.frames.push(f);
        h.onFrame(ws, f);
      });
    });
  });

  afterEach(async () => {
    transport?.close();
    transport = null;
    for (const ws of server.clients) ws.terminate();
    await new Promise((r) => server.close(r));
  });

  const open = (extra: Partial<Parameters<typeof createWsTransport>[0]> = {}): WsTransport => {
    transport = createWsTransport({ url: h.url, backoff: { initialMs: 20, maxMs: 50, factor: 2 }, ...extra });
    return transport;
  };

  it('sends requests with ids and resolves each with its own reply', async () => {
    h.onFrame = (ws, f) => {
      if (f.t !== 'req') return;
      // Answer out of order to prove the pending map matches by id.
      const reply = { t: 'res', id: f.id, ok: true, result: { user: `u-${f.method}`, role: 'operator' } };
      setTimeout(() => ws.send(JSON.stringify(reply)), f.method === 'first' ? 30 : 0);
    };
    const t = open();
    expect(t.state.phase).toBe('connecting');
    // Made while connecting: they wait and go out on open.
    const [a, b] = await Promise.all([t.request('first', {}), t.request('second', {})]);
    expect(a).toEqual({ ok: true, result: { user: 'u-first', role: 'operator' } });
    expect(b).toEqual({ ok: true, result: { user: 'u-second', role: 'operator' } });
    const ids = h.frames.filter((f) => f.t === 'req').map((f) => (f as { id: number }).id);
    expect(new Set(ids).size).toBe(2);
    expect(t.state.phase).toBe('open');

    const api = createConsoleApi(t);
    h.onFrame = (ws, f) => {
      if (f.t === 'req') ws.send(JSON.stringify({ t: 'res', id: f.id, ok: true, result: { user: 'anh', role: 'supervisor' } }));
    };
    await expect(api.call('whoami', {})).resolves.toEqual({ user: 'anh', role: 'supervisor' });
    expect(h.frames.at(-1)).not.toHaveProperty('idleMs');
    // The user's idle time travels in whole milliseconds, capped.
    await createConsoleApi(t, { userIdleMs: () => 1234.6 }).call('whoami', {});
    expect(h.frames.at(-1)).toMatchObject({ t: 'req', method: 'whoami', idleMs: 1235 });
    await createConsoleApi(t, { userIdleMs: () => 1e12 }).call('whoami', {});
    expect(h.frames.at(-1)).toMatchObject({ idleMs: MAX_USER_IDLE_MS });
  });

  it('turns a server error reply into an ApiError with its code', async () => {
    h.onFrame = (ws, f) => {
      if (f.t === 'req') ws.send(JSON.stringify({ t: 'res', id: f.id, ok: false, error: { code: 'forbidden', message: 'technicians only' } }));
    };
    const api = createConsoleApi(open());
    const err = await api.call('reloadInventory', {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe('forbidden');
    expect((err as ApiError).message).toBe('technicians only');
  });

  it('reports a malformed server frame and still handles the frames after it', async () => {
    const errors: ApiError[] = [];
    h.onFrame = (ws, f) => {
      if (f.t !== 'req') return;
      ws.send('{not json');
      ws.send(JSON.stringify({ t: 'res', id: 'seven', ok: true }));
      ws.send(JSON.stringify({ t: 'bad', error: { code: 'bad_request', message: 'could not parse' } }));
      ws.send(JSON.stringify({ t: 'res', id: f.id, ok: true, result: 42 }));
    };
    const t = open();
    t.onProtocolError((e) => errors.push(e));
    await expect(t.request('getHealth', {})).resolves.toEqual({ ok: true, result: 42 });
    expect(errors.map((e) => e.message)).toEqual([
      'malformed frame from engine (not JSON)',
      'malformed frame from engine',
      'engine could not read a frame: could not parse',
    ]);
    expect(errors[1]!.details?.length).toBeGreaterThan(0);
    expect(t.state.phase).toBe('open');
  });

  it('delivers events to subscribers and sends sub/unsub once per stream', async () => {
    const t = open();
    const got: unknown[] = [];
    const other: unknown[] = [];
    const off1 = t.subscribe('status', (p) => got.push(p));
    const off2 = t.subscribe('status', (p) => other.push(p));
    await waitFor(() => h.frames.some((f) => f.t === 'sub'));
    h.sockets[0]!.send(JSON.stringify({ t: 'evt', stream: 'status', payload: { n: 1 } }));
    h.sockets[0]!.send(JSON.stringify({ t: 'evt', stream: 'alarms', payload: { n: 2 } }));
    await waitFor(() => got.length === 1);
    expect(got).toEqual([{ n: 1 }]);
    expect(other).toEqual([{ n: 1 }]);
    off1();
    off2();
    await waitFor(() => h.frames.some((f) => f.t === 'unsub'));
    expect(h.frames.filter((f) => f.t === 'sub')).toEqual([{ t: 'sub', stream: 'status' }]);
    expect(h.frames.filter((f) => f.t === 'unsub')).toEqual([{ t: 'unsub', stream: 'status' }]);
  });

  it('rejects pending requests with ApiError(unavailable) when the link closes', async () => {
    h.onFrame = (ws, f) => {
      if (f.t === 'req') ws.terminate(); // never answers
    };
    const t = open();
    const err = await t.request('getNetwork', {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe('unavailable');
    expect((err as ApiError).message).toMatch(/getNetwork/);
  });

  it('reconnects with back-off, re-subscribes, and delivers events again', async () => {
    const t = open();
    const phases: string[] = [];
    t.onState((s) => phases.push(s.phase));
    const got: unknown[] = [];
    t.subscribe('status', (p) => got.push(p));
    await waitFor(() => h.frames.filter((f) => f.t === 'sub').length === 1);

    h.sockets[0]!.terminate();
    await waitFor(() => h.connections === 2 && h.frames.filter((f) => f.t === 'sub').length === 2);
    expect(phases).toEqual(expect.arrayContaining(['closed', 'connecting', 'open']));
    expect(phases.indexOf('closed')).toBeLessThan(phases.lastIndexOf('open'));

    h.sockets[1]!.send(JSON.stringify({ t: 'evt', stream: 'status', payload: 'after' }));
    await waitFor(() => got.length === 1);
    expect(got).toEqual(['after']);
  });

  it('keeps retrying while the server is away, and the state says when the next attempt is', async () => {
    const t = open();
    await waitFor(() => t.state.phase === 'open');
    const port = (server.address() as AddressInfo).port;
    for (const ws of server.clients) ws.terminate();
    await new Promise((r) => server.close(r));

    await waitFor(() => t.state.phase === 'closed' && t.state.attempt >= 2);
    expect(t.state.retryAt).toBeGreaterThan(Date.now() - 5);
    await expect(t.request('whoami', {})).rejects.toMatchObject({ code: 'unavailable' });

    // The server comes back on the same port: the transport finds it.
    server = new WebSocketServer({ host: '127.0.0.1', port });
    await new Promise<void>((r) => server.once('listening', () => r()));
    await waitFor(() => t.state.phase === 'open');
  });
});

describe('backoffDelay', () => {
  it('grows exponentially up to the cap, with jitter in the upper half', () => {
    const opts = { initialMs: 100, maxMs: 1000, factor: 2 };
    expect(backoffDelay(1, opts, () => 0)).toBe(50);
    expect(backoffDelay(1, opts, () => 0.999)).toBe(100);
    expect(backoffDelay(3, opts, () => 0)).toBe(200);
    expect(backoffDelay(10, opts, () => 0)).toBe(500);
    expect(backoffDelay(10, opts, () => 0.999)).toBe(1000);
  });
});

describe('WebSocket transport: the login session', () => {
  let server: WebSocketServer;
  let url: string;
  const offered: string[][] = [];
  let connections = 0;
  let onConnection: (ws: ServerSocket) => void = () => undefined;
  let transport: WsTransport | null = null;

  beforeEach(async () => {
    offered.length = 0;
    connections = 0;
    server = new WebSocketServer({
      host: '127.0.0.1',
      port: 0,
      handleProtocols: (protocols) => {
        offered.push([...protocols]);
        return protocols.has('bridgepoint') ? 'bridgepoint' : false;
      },
    });
    await new Promise<void>((r) => server.once('listening', () => r()));
    url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/ws`;
    server.on('connection', (ws) => {
      connections += 1;
      onConnection(ws);
    });
  });

  afterEach(async () => {
    transport?.close();
    transport = null;
    for (const ws of server.clients) ws.terminate();
    await new Promise((r) => server.close(r));
  });

  const open = (): WsTransport => {
    transport = createWsTransport({ url, protocols: bearerProtocols('tok-123'), backoff: { initialMs: 20, maxMs: 50, factor: 2 } });
    return transport;
  };

  it('offers the console subprotocol and the token as bearer.<token>', async () => {
    const t = open();
    await waitFor(() => t.state.phase === 'open');
    expect(offered[0]).toEqual(['bridgepoint', 'bearer.tok-123']);
  });

  it('on close code 4401 reports the session ended once and stops reconnecting', async () => {
    onConnection = (ws) => setTimeout(() => ws.close(4401, 'session ended'), 20);
    const t = open();
    let ended = 0;
    t.onSessionEnded(() => (ended += 1));
    await waitFor(() => ended === 1);
    await new Promise((r) => setTimeout(r, 200));
    expect(connections).toBe(1);
    expect(ended).toBe(1);
    await expect(t.request('whoami', {})).rejects.toMatchObject({ code: 'unauthenticated' });
  });

  it('an unauthenticated reply ends the session too; another close code only reconnects', async () => {
    onConnection = (ws) => {
      if (connections === 1) return void setTimeout(() => ws.close(1011, 'restart'), 20);
      ws.on('message', (data) => {
        const f = JSON.parse(String(data)) as ClientFrame;
        if (f.t === 'req') ws.send(JSON.stringify({ t: 'res', id: f.id, ok: false, error: { code: 'unauthenticated', message: 'the login session has ended' } }));
      });
    };
    const t = open();
    let ended = 0;
    t.onSessionEnded(() => (ended += 1));
    await waitFor(() => connections === 2 && t.state.phase === 'open');
    expect(ended).toBe(0);
    const reply = await t.request('getHealth', {});
    expect(reply.ok).toBe(false);
    expect(ended).toBe(1);
    expect(t.state.phase).toBe('closed');
  });
});
