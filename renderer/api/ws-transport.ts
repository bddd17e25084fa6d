import { ApiError, describeZodError } from '../../shared/api/errors.js';
import { ServerFrameSchema, type ClientFrame, type ServerFrame } from '../../shared/api/wire.js';
import { wireIdleMs, type ConsoleTransport, type RpcReply, type Unsubscribe } from '../../shared/api/transport.js';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from './backoff.js';
import type { ConnectionState } from './connection-state.js';

/**
 * ConsoleTransport over the engine's WebSocket bridge (`/ws`, frames in shared/api/wire.ts).
 * Requests carry ids and wait in a pending map; subscriptions are remembered and sent again after
 * every reconnect; every server frame is validated, and a bad one is reported, not fatal.
 */
export interface WsTransport extends ConsoleTransport {
  readonly state: ConnectionState;
  onState(listener: (state: ConnectionState) => void): Unsubscribe;
  /** Frames the client could not use (malformed, unknown id, the server's `bad` replies). */
  onProtocolError(listener: (error: ApiError) => void): Unsubscribe;
  /**
   * The login session behind the link has ended: the server closed with 4401, or answered a
   * request `unauthenticated`. The transport then stops for good (a new login opens a new one).
   */
  onSessionEnded(listener: () => void): Unsubscribe;
  /** Close for good: no more reconnects; pending requests are rejected. */
  close(): void;
}

export interface WsTransportOptions {
  readonly url: string;
  /** Subprotocols offered on every connect (`bridgepoint`, `bearer.<token>`). */
  readonly protocols?: readonly string[];
  readonly WebSocket?: typeof WebSocket;
  readonly backoff?: BackoffOptions;
  readonly random?: () => number;
  /** A request with no reply after this long is rejected as unavailable. */
  readonly requestTimeoutMs?: number;
  /** A connection attempt that has not opened after this long is abandoned and retried. */
  readonly connectTimeoutMs?: number;
  /** A link that stayed open this long resets the back-off. */
  readonly stableAfterMs?: number;
  readonly now?: () => number;
}

/** The close code the server uses when the session behind a connection ends (electron/server/ws-bridge.ts). */
export const SESSION_ENDED_CLOSE = 4401;

/** The subprotocols for a logged-in browser: the console's own, and the token. */
export function bearerProtocols(token: string): string[] {
  return ['bridgepoint', `bearer.${token}`];
}

interface Pending {
  readonly method: string;
  readonly frame: string;
  sent: boolean;
  readonly resolve: (reply: RpcReply) => void;
  readonly reject: (error: ApiError) => void;
  readonly timer: ReturnType<typeof setTimeout>;
}

export function createWsTransport(options: WsTransportOptions): WsTransport {
  const WS = options.WebSocket ?? globalThis.WebSocket;
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  const random = options.random ?? Math.random;
  const timeoutMs = options.requestTimeoutMs ?? 30_000;
  const stableAfterMs = options.stableAfterMs ?? 5_000;
  const connectTimeoutMs = options.connectTimeoutMs ?? 10_000;
  const now = options.now ?? Date.now;

  const pending = new Map<number, Pending>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const stateListeners = new Set<(s: ConnectionState) => void>();
  const errorListeners = new Set<(e: ApiError) => void>();
  const endedListeners = new Set<() => void>();
  let sessionEnded = false;
  let nextId = 1;
  let socket: WebSocket | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let openedAt: number | null = null;
  let closedForGood = false;
  let state: ConnectionState = { phase: 'connecting', since: now(), attempt: 0, retryAt: null };

  const setState = (next: ConnectionState): void => {
    state = next;
    for (const l of [...stateListeners]) l(state);
  };

  const report = (error: ApiError): void => {
    if (errorListeners.size === 0) console.warn(`[bridgepoint] ${error.message}`, error.details ?? '');
    for (const l of [...errorListeners]) l(error);
  };

  const send = (frame: ClientFrame): boolean => {
    if (!socket || socket.readyState !== WS.OPEN) return false;
    socket.send(JSON.stringify(frame));
    return true;
  };

  const settle = (id: number): Pending | undefined => {
    const p = pending.get(id);
    if (p) {
      pending.delete(id);
      clearTimeout(p.timer);
    }
    return p;
  };

  const rejectAll = (why: string): void => {
    for (const id of [...pending.keys()]) {
      const p = settle(id)!;
      p.reject(new ApiError('unavailable', `${p.method}: ${why}`));
    }
  };

  const endSession = (): void => {
    if (sessionEnded) return;
    sessionEnded = true;
    stop('the login session has ended');
    for (const l of [...endedListeners]) l();
  };

  const onFrame = (frame: ServerFrame): void => {
    switch (frame.t) {
      case 'res': {
        const p = settle(frame.id);
        if (!p) return report(new ApiError('internal', `reply for unknown request id ${frame.id}`));
        p.resolve(frame.ok ? { ok: true, result: frame.result } : { ok: false, error: frame.error });
        if (!frame.ok && frame.error.code === 'unauthenticated') endSession();
        return;
      }
      case 'evt': {
        for (const l of [...(listeners.get(frame.stream) ?? [])]) {
          try {
            l(frame.payload);
          } catch (e) {
            report(new ApiError('internal', `listener for ${frame.stream} threw: ${String(e)}`));
          }
        }
        return;
      }
      case 'bad':
        return report(new ApiError(frame.error.code, `engine could not read a frame: ${frame.error.message}`, frame.error.details));
    }
  };

  const onMessage = (data: unknown): void => {
    if (typeof data !== 'string') return report(new ApiError('internal', 'binary frame from engine ignored'));
    let raw: unknown;
    try {
      raw = JSON.parse(data);
    } catch {
      return report(new ApiError('internal', 'malformed frame from engine (not JSON)', [data.slice(0, 200)]));
    }
    const parsed = ServerFrameSchema.safeParse(raw);
    if (!parsed.success) return report(new ApiError('internal', 'malformed frame from engine', describeZodError(parsed.error)));
    onFrame(parsed.data);
  };

  const connect = (): void => {
    retryTimer = null;
    setState({ phase: 'connecting', since: now(), attempt: state.attempt, retryAt: null });
    let ws: WebSocket;
    try {
      ws = options.protocols ? new WS(options.url, [...options.protocols]) : new WS(options.url);
    } catch (e) {
      report(new ApiError('unavailable', `cannot open ${options.url}: ${String(e)}`));
      return scheduleRetry();
    }
    socket = ws;
    ws.onopen = () => {
      if (socket !== ws) return;
      clearTimeout(connectTimer);
      openedAt = now();
      for (const stream of listeners.keys()) send({ t: 'sub', stream });
      for (const p of pending.values()) {
        if (!p.sent) {
          ws.send(p.frame);
          p.sent = true;
        }
      }
      setState({ phase: 'open', since: openedAt, attempt: state.attempt, retryAt: null });
    };
    ws.onmessage = (ev: MessageEvent) => {
      if (socket === ws) onMessage(ev.data);
    };
    // Some WebSocket implementations (Node's) report a refused connection only as an error,
    // with no close event: both mean the link is lost, handled once.
    const lost = (): void => {
      if (socket !== ws) return;
      socket = null;
      clearTimeout(connectTimer);
      try {
        ws.close();
      } catch {
        // already closing
      }
      const stable = openedAt !== null && now() - openedAt >= stableAfterMs;
      openedAt = null;
      rejectAll('the connection to the engine was closed');
      if (stable) state = { ...state, attempt: 0 };
      scheduleRetry();
    };
    ws.onclose = (ev: CloseEvent) => {
      if (socket === ws && ev.code === SESSION_ENDED_CLOSE) endSession();
      else lost();
    };
    ws.onerror = lost;
    // A connect that hangs (a silent network) counts as a failure too.
    const connectTimer = setTimeout(() => {
      if (ws.readyState === WS.CONNECTING) lost();
    }, connectTimeoutMs);
  };

  const scheduleRetry = (): void => {
    if (closedForGood) return;
    const attempt = state.attempt + 1;
    const delay = backoffDelay(attempt, backoff, random);
    setState({ phase: 'closed', since: now(), attempt, retryAt: now() + delay });
    retryTimer = setTimeout(connect, delay);
  };

  /** No more reconnects; pending requests are rejected with `why`. */
  const stop = (why: string): void => {
    closedForGood = true;
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = null;
    rejectAll(why);
    const ws = socket;
    socket = null;
    ws?.close();
    setState({ phase: 'closed', since: now(), attempt: state.attempt, retryAt: null });
  };

  connect();

  return {
    get state() {
      return state;
    },
    request(method, input, meta) {
      if (sessionEnded) return Promise.reject(new ApiError('unauthenticated', `${method}: the login session has ended`));
      if (closedForGood || state.phase === 'closed') {
        return Promise.reject(new ApiError('unavailable', `${method}: not connected to the engine`));
      }
      const id = nextId++;
      const idleMs = wireIdleMs(meta?.userIdleMs);
      const frame = JSON.stringify({ t: 'req', id, method, input: input ?? {}, ...(idleMs === undefined ? {} : { idleMs }) } satisfies ClientFrame);
      return new Promise<RpcReply>((resolve, reject) => {
        const timer = setTimeout(() => {
          if (settle(id)) reject(new ApiError('unavailable', `${method}: no reply from the engine within ${timeoutMs / 1000} s`));
        }, timeoutMs);
        const p: Pending = { method, frame, sent: false, resolve, reject, timer };
        pending.set(id, p);
        // While connecting the frame waits in the pending map and goes out on open.
        if (socket && socket.readyState === WS.OPEN) {
          socket.send(frame);
          p.sent = true;
        }
      });
    },
    subscribe(stream, listener) {
      let set = listeners.get(stream);
      if (!set) {
        set = new Set();
        listeners.set(stream, set);
        send({ t: 'sub', stream });
      }
      set.add(listener);
      return () => {
        const s = listeners.get(stream);
        if (!s?.delete(listener) || s.size > 0) return;
        listeners.delete(stream);
        send({ t: 'unsub', stream });
      };
    },
    onState(listener) {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
    onProtocolError(listener) {
      errorListeners.add(listener);
      return () => errorListeners.delete(listener);
    },
    onSessionEnded(listener) {
      endedListeners.add(listener);
      return () => endedListeners.delete(listener);
    },
    close() {
      stop('the console closed the connection');
    },
  };
}
