import type { WebSocket } from 'ws';

/** How long a dropped client gets to take its close frame before its socket is destroyed. */
const CLOSE_GRACE_MS = 1_000;

export interface SendBudget {
  /**
   * Send `text` to `ws` unless that would take its queue over the per-client budget (the client is
   * then dropped as too slow) or everyone's queues over the global budget (the fullest clients are
   * dropped until it fits). False when the text was not sent.
   */
  send(ws: WebSocket, text: string | Buffer): boolean;
  /** Close with 1008 and a reason, and destroy the socket after a short grace (its queue is freed). */
  drop(ws: WebSocket, reason: string): void;
}

/**
 * Send buffers bounded per client and in total. A client that stops reading is dropped while its
 * queue is still small, instead of growing the engine's memory until the heartbeat notices.
 * The total is summed over the clients once per event-loop turn and kept up to date by this
 * turn's sends, so a status frame to 100 clients costs 100 additions, not 100².
 */
export function createSendBudget(clients: () => Iterable<WebSocket>, perClient: number, total: number): SendBudget {
  let queued: number | null = null;
  const queuedNow = (): number => {
    if (queued === null) {
      queued = 0;
      for (const ws of clients()) queued += ws.bufferedAmount;
      setImmediate(() => (queued = null));
    }
    return queued;
  };

  const drop = (ws: WebSocket, reason: string): void => {
    if (ws.readyState !== ws.OPEN) return;
    if (queued !== null) queued -= ws.bufferedAmount;
    ws.close(1008, reason);
    setTimeout(() => ws.terminate(), CLOSE_GRACE_MS).unref();
  };

  const fullest = (): WebSocket | null => {
    let worst: WebSocket | null = null;
    for (const ws of clients()) {
      if (ws.readyState === ws.OPEN && ws.bufferedAmount > 0 && (!worst || ws.bufferedAmount > worst.bufferedAmount)) worst = ws;
    }
    return worst;
  };

  return {
    drop,
    send(ws, text) {
      if (ws.readyState !== ws.OPEN) return false;
      const size = typeof text === 'string' ? Buffer.byteLength(text) : text.length;
      if (ws.bufferedAmount + size > perClient) {
        drop(ws, `client too slow: more than ${Math.round(perClient / 1024)} KB waiting to be read`);
        return false;
      }
      while (queuedNow() + size > total) {
        const victim = fullest();
        if (!victim) break;
        drop(victim, `server send budget exhausted: this client had the most data waiting`);
        if (victim === ws) return false;
      }
      ws.send(text, { binary: false });
      queued = queuedNow() + size;
      return true;
    },
  };
}
