import { PRELOAD_GLOBAL } from '../../shared/api/ipc-channels.js';
import type { ConsoleTransport, RpcReply, Unsubscribe } from '../../shared/api/transport.js';
import type { ApiError } from '../../shared/api/errors.js';
import type { ConnectionState } from './connection-state.js';
import { bearerProtocols, createWsTransport } from './ws-transport.js';

/**
 * Where this page runs: in the desktop app (the Electron preload's IPC bridge is there; main
 * keeps the login session per window), or in a browser served by `bridgepoint serve` (HTTP for
 * the login, then the WebSocket with the token as its subprotocol).
 */
export type ConsoleHost =
  | { readonly kind: 'ipc'; readonly preload: ConsoleTransport }
  | { readonly kind: 'websocket'; readonly base: string; readonly wsUrl: string };

/** The transport under a logged-in console, whichever the host. */
export interface SelectedTransport {
  readonly kind: 'ipc' | 'websocket';
  readonly transport: ConsoleTransport;
  readonly state: ConnectionState;
  onState(listener: (state: ConnectionState) => void): Unsubscribe;
  onProtocolError(listener: (error: ApiError) => void): Unsubscribe;
  /** The login session ended (logout, expiry, revoke, account disabled): told once. */
  onSessionEnded(listener: () => void): Unsubscribe;
  /** Stop for good (after the session ended, or on logout). */
  close(): void;
}

function isTransport(value: unknown): value is ConsoleTransport {
  const t = value as Partial<ConsoleTransport> | null | undefined;
  return typeof t === 'object' && t !== null && typeof t.request === 'function' && typeof t.subscribe === 'function';
}

export function wsUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
}

export function detectHost(win: Window = window): ConsoleHost {
  const preload = (win as unknown as Record<string, unknown>)[PRELOAD_GLOBAL];
  if (isTransport(preload)) return { kind: 'ipc', preload };
  return { kind: 'websocket', base: `${win.location.protocol}//${win.location.host}`, wsUrl: wsUrl(win.location) };
}

const unauthenticated = (reply: RpcReply): boolean =>
  !reply.ok && typeof reply.error === 'object' && reply.error !== null && (reply.error as { code?: unknown }).code === 'unauthenticated';

/** The IPC bridge as a session's transport: ended by main's `session` stream or an `unauthenticated` reply. */
function ipcTransport(preload: ConsoleTransport): SelectedTransport {
  const endedListeners = new Set<() => void>();
  let ended = false;
  const end = (): void => {
    if (ended) return;
    ended = true;
    for (const l of [...endedListeners]) l();
  };
  const offSession = preload.subscribe('session', () => end());
  // IPC to the main process in the same app: it is up for as long as this window is.
  const state: ConnectionState = { phase: 'open', since: Date.now(), attempt: 0, retryAt: null };
  return {
    kind: 'ipc',
    transport: {
      async request(method, input) {
        const reply = await preload.request(method, input);
        if (unauthenticated(reply)) end();
        return reply;
      },
      subscribe: (stream, listener) => preload.subscribe(stream, listener),
    },
    state,
    onState: () => () => undefined,
    onProtocolError: () => () => undefined,
    onSessionEnded(listener) {
      endedListeners.add(listener);
      return () => endedListeners.delete(listener);
    },
    close() {
      ended = true;
      offSession();
    },
  };
}

/** The transport for a logged-in session: IPC in the desktop app, else the WebSocket with the token. */
export function openTransport(host: ConsoleHost, token: string | null): SelectedTransport {
  if (host.kind === 'ipc') return ipcTransport(host.preload);
  const ws = createWsTransport({ url: host.wsUrl, protocols: token ? bearerProtocols(token) : undefined });
  return {
    kind: 'websocket',
    transport: ws,
    get state() {
      return ws.state;
    },
    onState: (l) => ws.onState(l),
    onProtocolError: (l) => ws.onProtocolError(l),
    onSessionEnded: (l) => ws.onSessionEnded(l),
    close: () => ws.close(),
  };
}
