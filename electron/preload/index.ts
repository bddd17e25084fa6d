import { contextBridge, ipcRenderer } from 'electron';
import { wireIdleMs, type ConsoleTransport, type RequestMeta, type RpcReply, type Unsubscribe } from '../../shared/api/transport.js';
import { IPC_CHANNELS, PRELOAD_GLOBAL } from '../../shared/api/ipc-channels.js';

/**
 * The sandboxed preload: exposes the ConsoleTransport (request + subscribe) on
 * `window.bridgepoint` and nothing else; no ipcRenderer, no Node. The renderer wraps it with
 * createConsoleApi, which types and validates everything that comes back.
 */

interface StreamListener {
  readonly onPayload: (payload: unknown) => void;
  readonly onError: ((error: unknown) => void) | undefined;
}

/** Local listeners per stream; main holds one engine subscription per stream for this page. */
const listeners = new Map<string, Set<StreamListener>>();

function isStreamMessage(m: unknown): m is { stream: string; payload?: unknown; error?: unknown } {
  return typeof m === 'object' && m !== null && typeof (m as { stream?: unknown }).stream === 'string';
}

function deliver(run: () => void): void {
  try {
    run();
  } catch (err) {
    // One failing listener must not starve the others.
    console.error('bridgepoint: stream listener failed:', err);
  }
}

ipcRenderer.on(IPC_CHANNELS.event, (_event, message: unknown) => {
  if (!isStreamMessage(message)) return;
  const set = listeners.get(message.stream);
  if (!set) return;
  if ('error' in message) {
    // The subscription never started (unknown stream, not allowed): tell the listeners and drop them.
    listeners.delete(message.stream);
    for (const l of set) {
      if (l.onError) deliver(() => l.onError?.(message.error));
      else console.error(`bridgepoint: subscription to "${message.stream}" refused:`, message.error);
    }
    return;
  }
  for (const l of [...set]) deliver(() => l.onPayload(message.payload));
});

/** ConsoleTransport, plus an optional callback for a subscription the engine refused, plus desktop notifications. */
interface PreloadTransport extends ConsoleTransport {
  subscribe(stream: string, listener: (payload: unknown) => void, onError?: (error: unknown) => void): Unsubscribe;
  /** Ask main to show a desktop notification (main shows it only while the window is not focused). */
  notify(title: string, body: string): void;
  /** Tell main the desk's text-size choice ("Cỡ chữ"); main zooms the window by it (shared/ui-zoom.ts). */
  setTextSize(choice: string): void;
}

const transport: PreloadTransport = {
  async request(method: string, input: unknown, meta?: RequestMeta): Promise<RpcReply> {
    try {
      const idleMs = wireIdleMs(meta?.userIdleMs);
      return (await ipcRenderer.invoke(IPC_CHANNELS.request, { method, input, ...(idleMs === undefined ? {} : { idleMs }) })) as RpcReply;
    } catch (err) {
      // No handler yet (engine starting) or an input that cannot be cloned: still an RpcReply.
      const message = err instanceof Error ? err.message : String(err);
      return { ok: false, error: { code: 'unavailable', message } };
    }
  },

  subscribe(stream: string, listener: (payload: unknown) => void, onError?: (error: unknown) => void): Unsubscribe {
    let set = listeners.get(stream);
    if (!set) listeners.set(stream, (set = new Set()));
    const entry: StreamListener = { onPayload: listener, onError };
    set.add(entry);
    // Sent for every listener: main restarts the stream, so this listener gets a snapshot too.
    ipcRenderer.send(IPC_CHANNELS.subscribe, stream);
    let active = true;
    return () => {
      if (!active) return;
      active = false;
      const current = listeners.get(stream);
      if (!current?.delete(entry)) return;
      if (current.size === 0) {
        listeners.delete(stream);
        ipcRenderer.send(IPC_CHANNELS.unsubscribe, stream);
      }
    };
  },

  notify(title: string, body: string): void {
    ipcRenderer.send(IPC_CHANNELS.notify, { title: String(title), body: String(body) });
  },

  setTextSize(choice: string): void {
    ipcRenderer.send(IPC_CHANNELS.textSize, String(choice));
  },
};

contextBridge.exposeInMainWorld(PRELOAD_GLOBAL, transport);
