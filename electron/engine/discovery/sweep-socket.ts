import dgram, { type RemoteInfo, type Socket } from 'node:dgram';
import { SessionSocketView } from '../snmp/session-socket-view.js';

/**
 * The one UDP socket of a discovery sweep, and its pacer. net-snmp opens a socket per session;
 * a sweep of a /22 must not open a thousand, so each probe's session gets a view of this socket
 * instead (net-snmp's `dgramModule` option): what a view sends goes out of the shared socket, and
 * what comes back from an address and port goes to the view that asked it. An answer from another
 * address than asked reaches no view and is dropped.
 *
 * The pacer is the rate bound. A datagram leaves only while fewer than `rate` left in the last
 * second (a sliding window over the send times: the bound holds in every window, whatever the
 * event loop does), and only with a token: tokens come at `rate` a second, at most `BURST` kept,
 * so the datagrams are spread over the second, and a late timer on a busy engine lets out a few
 * at once instead of slowing the sweep. net-snmp starts a request's timeout in the send callback,
 * so the time a datagram waits in the queue is not counted against its timeout.
 */
/** Tokens kept at most: how many datagrams may leave together after a late timer. */
export const BURST = 10;

export class SweepSocket {
  private readonly socket: Socket;
  private readonly views = new Map<string, SocketView>();
  private readonly queue: { send: () => void; drop: (e: Error) => void }[] = [];
  private readonly intervalMs: number;
  private readonly ratePerS: number;
  /** Send times of the last second, oldest first (at most `ratePerS`). */
  private readonly window: number[] = [];
  private tokens = 1;
  private refilledAt = performance.now();
  private timer: NodeJS.Timeout | null = null;
  private closed = false;
  /** Send callbacks not yet called: a socket closed under them never calls them, so close does. */
  private readonly unsent = new Set<(error: Error | null, bytes?: number) => void>();
  /** Datagrams sent so far. */
  sent = 0;

  constructor(
    ratePerS: number,
    private readonly onSend: (address: string, port: number) => void = () => {},
    onError: (e: Error) => void = () => {},
  ) {
    this.ratePerS = ratePerS;
    this.intervalMs = 1000 / ratePerS;
    this.socket = dgram.createSocket('udp4');
    this.socket.on('message', (msg: Buffer, rinfo: RemoteInfo) => this.views.get(`${rinfo.address}:${rinfo.port}`)?.emit('message', msg, rinfo));
    this.socket.on('error', onError);
  }

  /** Datagrams waiting for their turn. */
  get queued(): number {
    return this.queue.length;
  }

  /** What net-snmp's `dgramModule` option takes: a view for the session of `address:port`. */
  moduleFor(address: string, port: number): { createSocket(): Socket } {
    return {
      createSocket: () => {
        const view = new SocketView(this, `${address}:${port}`);
        this.views.set(view.key, view);
        return view as unknown as Socket;
      },
    };
  }

  /** Queue a datagram; it leaves when the pacer allows. */
  enqueue(buffer: Buffer, port: number, address: string, callback: (error: Error | null, bytes?: number) => void): void {
    if (this.closed) {
      queueMicrotask(() => callback(new Error('sweep socket closed')));
      return;
    }
    this.queue.push({
      send: () => {
        this.sent++;
        this.onSend(address, port);
        const once = (error: Error | null, bytes?: number): void => {
          if (!this.unsent.delete(once)) return;
          callback(error, bytes);
        };
        this.unsent.add(once);
        this.socket.send(buffer, 0, buffer.length, port, address, once);
      },
      drop: (e) => callback(e),
    });
    this.pump();
  }

  forget(view: SocketView): void {
    if (this.views.get(view.key) === view) this.views.delete(view.key);
  }

  /** Drop what is queued, close every view (their requests end at once), close the socket. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const dropped = this.queue.splice(0);
    for (const d of dropped) d.drop(new Error('sweep socket closed'));
    for (const pending of [...this.unsent]) pending(new Error('sweep socket closed'));
    for (const view of [...this.views.values()]) {
      try {
        view.close();
      } catch {
        // already closed by its session
      }
    }
    this.socket.close();
  }

  private pump(): void {
    if (this.timer || this.closed) return;
    while (this.queue.length > 0) {
      const now = performance.now();
      this.tokens = Math.min(BURST, this.tokens + (now - this.refilledAt) / this.intervalMs);
      this.refilledAt = now;
      while (this.window.length > 0 && now - this.window[0]! >= 1000) this.window.shift();
      let wait = 0;
      if (this.window.length >= this.ratePerS) wait = this.window[0]! + 1000 - now;
      else if (this.tokens < 1) wait = (1 - this.tokens) * this.intervalMs;
      if (wait > 0) {
        this.timer = setTimeout(() => {
          this.timer = null;
          this.pump();
        }, Math.max(1, Math.ceil(wait)));
        return;
      }
      this.tokens -= 1;
      this.window.push(now);
      this.queue.shift()!.send();
    }
  }
}

/** What a net-snmp session sees as its socket: send through the shared one, hear its own answers. */
class SocketView extends SessionSocketView {
  constructor(
    private readonly owner: SweepSocket,
    readonly key: string,
  ) {
    super();
  }

  protected sendShared(buffer: Buffer, offset: number, length: number, port: number, address: string, callback: (error: Error | null, bytes?: number) => void): void {
    this.owner.enqueue(buffer.subarray(offset, offset + length), port, address, callback);
  }

  protected forget(): void {
    this.owner.forget(this);
  }
}
