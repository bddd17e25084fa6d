import { PRELOAD_GLOBAL } from '../../shared/api/ipc-channels.js';
import type { ConsoleTransport, Unsubscribe } from '../../shared/api/transport.js';
import type { ApiError } from '../../shared/api/errors.js';
import type { ConnectionState } from './connection-state.js';
import { createWsTransport } from './ws-transport.js';

/**
 * The transport under the console: the Electron preload's IPC bridge when it is there, else the
 * WebSocket bridge of `bridgepoint serve` on the host that served this page.
 */
export interface SelectedTransport {
  readonly kind: 'ipc' | 'websocket';
  readonly transport: ConsoleTransport;
  readonly state: ConnectionState;
  onState(listener: (state: ConnectionState) => void): Unsubscribe;
  onProtocolError(listener: (error: ApiError) => void): Unsubscribe;
}

function isTransport(value: unknown): value is ConsoleTransport {
  const t = value as Partial<ConsoleTransport> | null | undefined;
  return typeof t === 'object' && t !== null && typeof t.request === 'function' && typeof t.subscribe === 'function';
}

export function wsUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
}

export function selectTransport(win: Window = window): SelectedTransport {
  const preload = (win as unknown as Record<string, unknown>)[PRELOAD_GLOBAL];
  if (isTransport(preload)) {
    // IPC to the main process in the same app: it is up for as long as this window is.
    const state: ConnectionState = { phase: 'open', since: Date.now(), attempt: 0, retryAt: null };
    return {
      kind: 'ipc',
      transport: preload,
      state,
      onState: () => () => undefined,
      onProtocolError: () => () => undefined,
    };
  }
  const ws = createWsTransport({ url: wsUrl(win.location) });
  return {
    kind: 'websocket',
    transport: ws,
    get state() {
      return ws.state;
    },
    onState: (l) => ws.onState(l),
    onProtocolError: (l) => ws.onProtocolError(l),
  };
}
