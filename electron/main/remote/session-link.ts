import { WebSocket } from 'ws';
import { ServerFrameSchema } from '../../../shared/api/wire.js';
import { SESSION_ENDED_CLOSE, WS_PROTOCOL } from '../../server/ws-bridge.js';
import { connectPinned, type PinnedTarget } from './pinned-tls.js';

const RETRY_MAX_MS = 15_000;

/**
 * One login session's WebSocket to the remote server: the event streams this desktop watches,
 * subscribed again after every reconnect (the server may restart), and the session's end (close
 * 4401, or 401 on reconnect) reported once.
 */
export class SessionLink {
  private ws: WebSocket | null = null;
  private readonly listeners = new Map<string, Set<(payload: unknown) => void>>();
  private attempt = 0;
  private retry: ReturnType<typeof setTimeout> | null = null;
  private closed = false;

  constructor(
    private readonly target: PinnedTarget,
    private readonly token: string,
    private readonly onEnded: () => void,
    private readonly log: (message: string) => void = (m) => console.warn(`bridgepoint: ${m}`),
  ) {
    this.open();
  }

  subscribe(stream: string, listener: (payload: unknown) => void): () => void {
    let set = this.listeners.get(stream);
    if (!set) {
      this.listeners.set(stream, (set = new Set()));
      this.send({ t: 'sub', stream });
    }
    set.add(listener);
    return () => {
      const current = this.listeners.get(stream);
      if (!current?.delete(listener) || current.size > 0) return;
      this.listeners.delete(stream);
      this.send({ t: 'unsub', stream });
    };
  }

  /** Stop for good (logout, window closed, app quitting). */
  close(): void {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    this.ws?.close();
    this.ws = null;
  }

  private send(frame: object): void {
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(frame));
  }

  private open(): void {
    this.retry = null;
    const url = `wss://${this.target.host.includes(':') ? `[${this.target.host}]` : this.target.host}:${this.target.port}/ws`;
    connectPinned(this.target).then(
      (socket) => {
        if (this.closed) return void socket.destroy();
        const ws = new WebSocket(url, [WS_PROTOCOL, `bearer.${this.token}`], { createConnection: () => socket });
        this.ws = ws;
        ws.on('open', () => {
          this.attempt = 0;
          for (const stream of this.listeners.keys()) this.send({ t: 'sub', stream });
        });
        ws.on('message', (data) => this.deliver(data.toString()));
        ws.on('unexpected-response', (_req, res) => {
          ws.terminate();
          if (res.statusCode === 401) this.end();
        });
        ws.on('close', (code) => {
          if (this.ws !== ws) return;
          this.ws = null;
          if (code === SESSION_ENDED_CLOSE) this.end();
          else this.reconnect(`closed (${code})`);
        });
        ws.on('error', (e) => this.log(`remote event stream: ${e.message}`));
      },
      (e: unknown) => this.reconnect((e as Error).message),
    );
  }

  private deliver(text: string): void {
    let frame;
    try {
      frame = ServerFrameSchema.parse(JSON.parse(text));
    } catch {
      return this.log('remote server sent a frame that is not the console protocol; ignored');
    }
    if (frame.t === 'bad') return this.log(`remote server refused a frame: ${frame.error.message}`);
    if (frame.t !== 'evt') return;
    for (const listener of [...(this.listeners.get(frame.stream) ?? [])]) {
      try {
        listener(frame.payload);
      } catch (e) {
        this.log(`listener for ${frame.stream} failed: ${String(e)}`);
      }
    }
  }

  private reconnect(why: string): void {
    if (this.closed || this.retry) return;
    const delay = Math.min(RETRY_MAX_MS, 500 * 2 ** this.attempt++);
    this.log(`remote event stream ${why}; retrying in ${Math.round(delay / 100) / 10} s`);
    this.retry = setTimeout(() => this.open(), delay);
    this.retry.unref?.();
  }

  private end(): void {
    if (this.closed) return;
    this.close();
    this.onEnded();
  }
}
