import dgram, { type RemoteInfo, type Socket } from 'node:dgram';
import { snmpMessageId } from '../../../shared/snmp-message-id.js';
import { SessionSocketView } from './session-socket-view.js';

/**
 * The poller's UDP sockets: a fixed few per address family (SOCKETS_PER_FAMILY), shared by every
 * endpoint's net-snmp session, so 5,000 endpoints cost 128 file descriptors, not 5,000 (and no
 * `ulimit -n` above N). Why more than one: libuv reads at most 32 datagrams from a socket per turn
 * of the event loop, so few sockets let answers wait in the kernel while the loop runs timers and
 * sends more requests: on a starved CPU one socket became timeouts, and on a quiet one 16 sockets
 * halved the saturated poller's throughput against a socket per codec (34 % of bare net-snmp
 * against 66 %, 526 against 217 µs of CPU a poll); 128 gave 63 % and 230 µs (bench:poll,
 * 2026-12-07, docs/benchmarks.md). A session keeps its socket.
 *
 * Each session gets a view of the socket through net-snmp's `dgramModule` option. What a view sends
 * goes out of the family's socket; an answer goes to the view that sent the request it answers,
 * found by the number net-snmp itself matches answers by (shared/snmp-message-id.ts: the PDU's
 * request-id for v1/v2c, the header's msgID for v3). So an answer from another address or port than
 * asked (a multi-homed codec answering from its other interface) still reaches its session, which
 * reports it: net-snmp's Session.onMsg takes the datagram only and never looks at the sender, and
 * the view passes the true sender on to the session's other listeners.
 *
 * Request ids are random (net-snmp's _generateId, 0..10^8), per session: two sessions on one socket
 * could draw the same one. A view refuses to send a datagram whose id another request on this
 * socket holds (RequestIdInUseError: the session asks again, with a new id), and an id is held
 * from its send until `holdMs` later, answered or not, so a late answer cannot reach a new request
 * that drew its number.
 *
 * A datagram without a readable id is dropped and counted, or, when it came from the address and
 * port of the one view with requests out there, given to it: its library then reports it as an
 * unreadable answer ('malformed response' rather than a timeout). With several views waiting on
 * one address and port it is nobody's for sure, and is dropped. One with an id nobody holds (a
 * late or repeated answer, or a stranger's) is dropped and counted. Nothing here throws for a datagram.
 */

type Family = 'udp4' | 'udp6';

export class RequestIdInUseError extends Error {
  readonly code = 'EREQIDINUSE';
  constructor(id: number) {
    super(`request id ${id} is in use on the shared socket`);
  }
}

export interface PollSocketStats {
  /** UDP sockets open (at most SOCKETS_PER_FAMILY per address family in use). */
  readonly sockets: number;
  /** Sessions with a view of them. */
  readonly views: number;
  readonly sent: number;
  /** Answers handed to a session by request id (msgID for v3). */
  readonly routed: number;
  /** Of those, from another address or port than the request went to. */
  readonly foreign: number;
  /** Datagrams without a readable SNMP header. */
  readonly unreadable: number;
  /** Datagrams with an id no request holds (late, repeated or stray). */
  readonly unmatched: number;
  /** Sends refused because another request held the id (asked again with a new one). */
  readonly idCollisions: number;
  /** Request ids held now. */
  readonly held: number;
}

interface Held {
  readonly view: PollSocketView;
  readonly until: number;
  answered: boolean;
}

/** A bigger receive buffer than Linux's 208 KiB default: 500 answers in flight arrive in bursts. */
const RECEIVE_BUFFER = 2 ** 20;
/** Sockets per address family, taken in turn by new sessions (see above). */
export const SOCKETS_PER_FAMILY = 128;

export class PollSocket {
  private readonly sockets = new Map<string, Socket>();
  private nextSlot = 0;
  /** Request id → the view whose request carries it. */
  private readonly held = new Map<number, Held>();
  /** The held ids in send order, with when they expire; `head` is the first not yet let go. */
  private readonly order: { readonly id: number; readonly until: number }[] = [];
  private head = 0;
  /** `address:port` of a target → its views (usually one). */
  private readonly byTarget = new Map<string, PollSocketView[]>();
  private viewCount = 0;
  private closed = false;
  private readonly counts = { sent: 0, routed: 0, foreign: 0, unreadable: 0, unmatched: 0, idCollisions: 0 };

  /**
   * @param holdMs how long an id stays taken after its send: longer than a request's timeout.
   * @param onError socket errors (send errors go to the request that sent).
   * @param perFamily sockets per address family.
   */
  constructor(
    private readonly holdMs: number,
    private readonly onError: (e: Error) => void = () => {},
    private readonly perFamily: number = SOCKETS_PER_FAMILY,
  ) {}

  /** What net-snmp's `dgramModule` option takes: a view for the session of `address:port`. */
  moduleFor(address: string, port: number): { createSocket(type: Family): Socket } {
    return {
      createSocket: (type: Family) => {
        if (this.closed) throw new Error('poll socket closed');
        const view = new PollSocketView(this, type, `${address}:${port}`, this.nextSlot++ % this.perFamily);
        const list = this.byTarget.get(view.target);
        if (list) list.push(view);
        else this.byTarget.set(view.target, [view]);
        this.viewCount++;
        return view as unknown as Socket;
      },
    };
  }

  stats(): PollSocketStats {
    this.expire(performance.now());
    return { sockets: this.sockets.size, views: this.viewCount, held: this.held.size, ...this.counts };
  }

  /** Send for `view`, once its datagram's id is its own. */
  send(view: PollSocketView, buffer: Buffer, offset: number, length: number, port: number, address: string, callback: (error: Error | null, bytes?: number) => void): void {
    if (this.closed) {
      queueMicrotask(() => callback(new Error('poll socket closed')));
      return;
    }
    const now = performance.now();
    this.expire(now);
    const parsed = snmpMessageId(buffer.subarray(offset, offset + length));
    if (parsed) {
      if (this.held.has(parsed.id)) {
        this.counts.idCollisions++;
        queueMicrotask(() => callback(new RequestIdInUseError(parsed.id)));
        return;
      }
      const until = now + this.holdMs;
      this.held.set(parsed.id, { view, until, answered: false });
      this.order.push({ id: parsed.id, until });
      view.unanswered++;
    }
    this.counts.sent++;
    this.socketFor(view.family, view.slot).send(buffer, offset, length, port, address, callback);
  }

  forget(view: PollSocketView): void {
    const list = this.byTarget.get(view.target);
    const i = list?.indexOf(view) ?? -1;
    if (!list || i < 0) return;
    list.splice(i, 1);
    if (list.length === 0) this.byTarget.delete(view.target);
    this.viewCount--;
  }

  /** Close the sockets; views still open get 'close' (their sessions end their requests). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const list of [...this.byTarget.values()]) {
      for (const view of [...list]) {
        try {
          view.close();
        } catch {
          // closed by its session meanwhile
        }
      }
    }
    for (const held of this.held.values()) if (!held.answered) held.view.unanswered--;
    this.held.clear();
    this.order.length = 0;
    this.head = 0;
    for (const socket of this.sockets.values()) socket.close();
    this.sockets.clear();
  }

  private socketFor(family: Family, slot: number): Socket {
    const key = `${family}/${slot}`;
    let socket = this.sockets.get(key);
    if (socket) return socket;
    socket = dgram.createSocket(family);
    const s = socket;
    s.on('message', (msg: Buffer, rinfo: RemoteInfo) => this.receive(msg, rinfo));
    s.on('error', (e) => this.onError(e));
    s.on('listening', () => {
      try {
        s.setRecvBufferSize(RECEIVE_BUFFER);
      } catch (e) {
        this.onError(e as Error);
      }
    });
    // Bound now, so the buffer is set before answers come; sends made meanwhile wait for the bind.
    s.bind(0);
    // Pending requests keep the process alive through their timers, as net-snmp's own sockets do.
    s.unref();
    this.sockets.set(key, s);
    return s;
  }

  private receive(msg: Buffer, rinfo: RemoteInfo): void {
    const parsed = snmpMessageId(msg);
    if (parsed === null) {
      this.counts.unreadable++;
      // Only to the one session waiting on that address and port: with several (one agent answering
      // for many codecs by community) it cannot be told whose it is, and each waits for its own.
      const waiting = (this.byTarget.get(`${rinfo.address}:${rinfo.port}`) ?? []).filter((view) => view.waiting());
      if (waiting.length === 1) waiting[0]!.deliver(msg, rinfo);
      return;
    }
    const held = this.held.get(parsed.id);
    if (!held || held.answered || !held.view.isOpen || held.until < performance.now()) {
      this.counts.unmatched++;
      return;
    }
    held.answered = true;
    held.view.unanswered--;
    this.counts.routed++;
    if (`${rinfo.address}:${rinfo.port}` !== held.view.target) this.counts.foreign++;
    held.view.deliver(msg, rinfo);
  }

  /**
   * Let go of ids held longer than `holdMs`, oldest first from a queue in send order (walking the
   * map from its start instead cost about 2 µs a send with 7,500 ids held).
   */
  private expire(now: number): void {
    const order = this.order;
    while (this.head < order.length && order[this.head]!.until < now) {
      const { id, until } = order[this.head++]!;
      const held = this.held.get(id);
      if (held && held.until === until) {
        this.held.delete(id);
        if (!held.answered) held.view.unanswered--;
      }
    }
    if (this.head > 1024 && this.head * 2 > order.length) {
      order.splice(0, this.head);
      this.head = 0;
    }
  }
}

/** What a net-snmp session sees as its socket: sends through the shared one, hears its own answers. */
export class PollSocketView extends SessionSocketView {
  /** Requests sent whose id is still held and not answered. */
  unanswered = 0;

  constructor(
    private readonly owner: PollSocket,
    readonly family: Family,
    /** `address:port` the session polls. */
    readonly target: string,
    /** Which of the family's sockets it sends from. */
    readonly slot: number,
  ) {
    super();
  }

  /** An answer for this view's session; what a listener throws stays with the listener (contain.ts wraps them). */
  deliver(msg: Buffer, rinfo: RemoteInfo): void {
    if (this.isOpen) this.emit('message', msg, rinfo);
  }

  /** Waiting for something from its target: it may be this unreadable datagram. */
  waiting(): boolean {
    return this.isOpen && this.unanswered > 0;
  }

  protected sendShared(buffer: Buffer, offset: number, length: number, port: number, address: string, callback: (error: Error | null, bytes?: number) => void): void {
    this.owner.send(this, buffer, offset, length, port, address, callback);
  }

  protected forget(): void {
    this.owner.forget(this);
  }
}
