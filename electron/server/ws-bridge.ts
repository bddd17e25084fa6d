import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { ApiError, describeZodError, type ApiErrorData } from '../../shared/api/errors.js';
import { NOT_USER_ACTIVITY, type RequestMeta, type RpcReply, type Unsubscribe } from '../../shared/api/transport.js';
import { ClientFrameSchema, type ServerFrame } from '../../shared/api/wire.js';
import type { Identity } from '../../shared/roles.js';
import type { CallOrigin, EngineApi } from '../engine/engine-api.js';
import { DEFAULT_LIMITS, type ServerLimits } from './http-limits.js';
import { createSendBudget } from './ws-send-budget.js';

/** The subprotocol the console speaks; a browser offers it with `bearer.<token>` as the second. */
export const WS_PROTOCOL = 'bridgepoint';
/** Close code when the login session behind a connection has ended (logout, expiry, revoke). */
export const SESSION_ENDED_CLOSE = 4401;
const PING_MS = 15_000;

/** An authenticated upgrade: the token is kept to re-check the session on every request. */
export interface WsLogin {
  readonly token: string;
  readonly identity: Identity;
  readonly origin: CallOrigin;
}

export interface WsBridge {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, login: WsLogin): void;
  /** Open connections plus upgrades in progress (what the client limit counts). */
  readonly clients: number;
  close(): void;
}

/** The WebSocket side of ConsoleApi (`/ws`): requests, and event streams per connection. */
export function createWsBridge(engine: EngineApi, limits: ServerLimits = DEFAULT_LIMITS): WsBridge {
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: limits.wsMaxFrameBytes,
    handleProtocols: (offered) => (offered.has(WS_PROTOCOL) ? WS_PROTOCOL : false),
  });
  const budget = createSendBudget(() => wss.clients, limits.wsClientBufferBytes, limits.wsTotalBufferBytes);
  const sessions = new Map<WebSocket, string | undefined>();
  let upgrading = 0;
  // The engine hands every subscriber the same payload object: serialise the frame once, into one
  // Buffer that every client's send queue shares (a slow client holds a reference, not a copy).
  const frames = new WeakMap<object, { stream: string; frame: Buffer }>();
  const eventFrame = (stream: string, payload: unknown): Buffer => {
    if (typeof payload !== 'object' || payload === null) return Buffer.from(JSON.stringify({ t: 'evt', stream, payload }));
    const cached = frames.get(payload);
    if (cached?.stream === stream) return cached.frame;
    const frame = Buffer.from(`{"t":"evt","stream":${JSON.stringify(stream)},"payload":${JSON.stringify(payload)}}`);
    frames.set(payload, { stream, frame });
    return frame;
  };
  const alive = new WeakSet<WebSocket>();

  const heartbeat = setInterval(() => {
    for (const ws of wss.clients) {
      if (!alive.has(ws)) {
        ws.terminate();
        continue;
      }
      alive.delete(ws);
      ws.ping();
    }
  }, PING_MS);
  heartbeat.unref();

  const endSession = (ws: WebSocket): void => {
    if (ws.readyState !== ws.OPEN) return;
    ws.close(SESSION_ENDED_CLOSE, 'session ended');
    setTimeout(() => ws.terminate(), 1_000).unref();
  };
  const offSessionEnded = engine.onSessionEnded((sessionId) => {
    for (const [ws, id] of sessions) if (id === sessionId) endSession(ws);
  });

  const serve = (ws: WebSocket, login: WsLogin): void => {
    const subs = new Map<string, Unsubscribe>();
    let inFlight = 0;
    sessions.set(ws, login.identity.sessionId);
    alive.add(ws);
    ws.on('pong', () => alive.add(ws));

    // A dropped client's answers are not even serialised: that garbage, for clients that pipeline
    // large requests and never read, is what grew the heap most (bench:ws-slow).
    const send = (frame: ServerFrame): void => {
      if (ws.readyState === ws.OPEN) budget.send(ws, JSON.stringify(frame));
    };
    const bad = (error: ApiErrorData): void => send({ t: 'bad', error });
    const answer = (id: number, reply: RpcReply): void =>
      send(reply.ok ? { t: 'res', id, ok: true, result: reply.result } : { t: 'res', id, ok: false, error: reply.error as ApiErrorData });
    /**
     * The caller now: the session is looked up again for every frame, so a revoked one stops at once.
     * A request counts as its user's activity as of the idle time it states (now if it states none);
     * a subscription is the console's own doing, never a person's.
     */
    const caller = (meta: RequestMeta): Identity | null => safeAuthenticate(engine, login, meta);

    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (isBinary) return bad({ code: 'bad_request', message: 'binary frames are not accepted; send JSON text' });
      let raw: unknown;
      try {
        raw = JSON.parse(data.toString());
      } catch (e) {
        return bad({ code: 'bad_request', message: `frame is not valid JSON: ${(e as Error).message}` });
      }
      const parsed = ClientFrameSchema.safeParse(raw);
      if (!parsed.success) {
        return bad({ code: 'bad_request', message: 'frame does not match the protocol', details: describeZodError(parsed.error) });
      }
      const frame = parsed.data;
      if (frame.t === 'unsub') {
        subs.get(frame.stream)?.();
        subs.delete(frame.stream);
        return;
      }
      const who = caller(frame.t === 'req' ? { userIdleMs: frame.idleMs } : NOT_USER_ACTIVITY);
      if (!who) {
        if (frame.t === 'req') answer(frame.id, { ok: false, error: new ApiError('unauthenticated', 'the login session has ended').toData() });
        return endSession(ws);
      }
      if (frame.t === 'req') {
        if (inFlight >= limits.wsMaxInFlight) {
          const error = new ApiError('too_many_requests', `more than ${limits.wsMaxInFlight} requests waiting on this connection`, undefined, { limit: limits.wsMaxInFlight, retryAfterS: 1 });
          return answer(frame.id, { ok: false, error: error.toData() });
        }
        inFlight++;
        void engine
          .call(who, frame.method, frame.input)
          .catch((e: unknown): RpcReply => ({ ok: false, error: { code: 'internal', message: `request failed: ${String(e)}` } }))
          .then((reply) => {
            inFlight--;
            answer(frame.id, reply);
          });
        return;
      }
      if (subs.has(frame.stream)) return;
      try {
        subs.set(frame.stream, engine.subscribe(who, frame.stream, (payload) => void budget.send(ws, eventFrame(frame.stream, payload))));
      } catch (e) {
        bad(e instanceof ApiError ? e.toData() : { code: 'internal', message: String(e) });
      }
    });
    ws.on('close', () => {
      sessions.delete(ws);
      for (const off of subs.values()) off();
      subs.clear();
    });
    ws.on('error', () => ws.terminate());
  };

  return {
    handleUpgrade(req, socket, head, login) {
      upgrading++;
      let counted = true;
      const done = (): void => {
        if (counted) upgrading--;
        counted = false;
      };
      socket.once('close', done);
      wss.handleUpgrade(req, socket, head, (ws) => {
        done();
        serve(ws, login);
      });
    },
    get clients() {
      return wss.clients.size + upgrading;
    },
    close() {
      clearInterval(heartbeat);
      offSessionEnded();
      for (const ws of wss.clients) ws.terminate();
      wss.close();
    },
  };
}

/** The engine's session lookup, with a throwing engine treated as "no session" rather than a crash. */
function safeAuthenticate(engine: EngineApi, login: WsLogin, meta: RequestMeta): Identity | null {
  try {
    return engine.authenticate(login.token, login.origin, meta);
  } catch {
    return null;
  }
}
