import WebSocket from 'ws';
import type { McuProblem } from '../../../../shared/conference.js';
import { ackFrame, parseServerFrame } from './events-codec.js';
import { Liveness, type LivenessSettings } from './liveness.js';

/**
 * One events WebSocket: acks every server message (duplicates and ones we cannot use included, as
 * long as an id can be read), drops duplicate message ids, passes the rest on in the order
 * received, detects a half-open socket by requests that must be answered (see liveness.ts; pongs
 * count as a sign of life but are never required), and reports its end exactly once.
 */

export interface EventsMessage {
  readonly messageId: number;
  readonly type: string;
  readonly message: Readonly<Record<string, unknown>>;
}

export interface EventsConnectionOptions {
  readonly url: string;
  readonly insecureTls: boolean;
  readonly maxFrameBytes: number;
  readonly liveness: LivenessSettings;
  readonly handshakeTimeoutMs: number;
  readonly now: () => number;
  readonly onOpen: () => void;
  readonly onMessage: (m: EventsMessage) => void;
  readonly onAck: (messageId: number, status: string) => void;
  /** Quiet for a while: send something the server must answer (a ping goes along, for free). */
  readonly onProbe: () => void;
  readonly onUnconfirmed: (lastHeardAt: number) => void;
  readonly onConfirmed: () => void;
  /** Called once, with why the connection ended and the fault behind it when it is a known one. */
  readonly onClose: (reason: string, problem: McuProblem | null) => void;
  readonly log: (line: string) => void;
}

/** How many message ids are remembered to spot duplicates. */
const RECENT_IDS = 4096;
/** Problems logged per connection before only every 100th is. */
const LOUD_PROBLEMS = 20;

/** A log for problems a peer can repeat at will: the first few in full, then every 100th. */
export function problemLog(log: (line: string) => void): (line: string) => void {
  let count = 0;
  return (line) => {
    count++;
    if (count <= LOUD_PROBLEMS) log(line);
    else if (count % 100 === 0) log(`${count} problems on this events connection so far; latest: ${line}`);
  };
}

export class EventsConnection {
  private readonly ws: WebSocket;
  private readonly recent = new Set<number>();
  private highestId = -1;
  private nextOwnId = 1;
  private readonly liveness: Liveness;
  private closed = false;
  private lastError: string | null = null;
  private problemKind: McuProblem | null = null;
  private readonly problem: (line: string) => void;

  constructor(private readonly o: EventsConnectionOptions) {
    this.problem = problemLog(o.log);
    this.liveness = new Liveness(o.liveness, {
      now: o.now,
      probe: () => this.probe(),
      unconfirmed: (at) => o.onUnconfirmed(at),
      confirmed: () => o.onConfirmed(),
      dead: (quietMs) => {
        o.log(`events socket silent for ${quietMs} ms, checks unanswered: treating it as dead`);
        this.close(`no sign of life from the events socket for ${Math.round(quietMs / 1000)} s, checks unanswered (half-open connection)`, true);
      },
    });
    this.ws = new WebSocket(o.url, { maxPayload: o.maxFrameBytes, rejectUnauthorized: !o.insecureTls, handshakeTimeout: o.handshakeTimeoutMs });
    this.ws.on('open', () => {
      this.liveness.start();
      o.onOpen();
    });
    this.ws.on('message', (data: WebSocket.RawData, isBinary: boolean) => {
      this.liveness.heard();
      if (isBinary) this.problem('binary frame ignored (CMS sends JSON text)');
      else this.receive(rawToString(data));
    });
    this.ws.on('pong', () => this.liveness.heard());
    this.ws.on('error', (e: Error & { code?: string }) => {
      const tooLarge = e.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH';
      if (tooLarge) this.problemKind = 'frame_too_large';
      this.lastError = tooLarge ? `frame larger than ${o.maxFrameBytes} bytes` : e.message;
      o.log(`events socket error: ${this.lastError}`);
    });
    this.ws.on('close', (code: number, reason: Buffer) => {
      const text = reason.toString('utf8').slice(0, 200);
      this.end(this.lastError ?? `events socket closed (${code}${text ? ` ${text}` : ''})`);
    });
  }

  /** Send a client message; returns its messageId (acks come back through onAck). */
  send(type: string, body: Readonly<Record<string, unknown>>): number {
    const messageId = this.nextOwnId++;
    this.raw(JSON.stringify({ type: 'message', message: { messageId, type, ...body } }));
    return messageId;
  }

  /** Send a prebuilt frame that needs an id (see events-codec builders). */
  sendFrame(build: (messageId: number) => string): number {
    const messageId = this.nextOwnId++;
    this.raw(build(messageId));
    return messageId;
  }

  /** End the connection (our side). `hard` drops it without a closing handshake. */
  close(reason: string, hard = false): void {
    if (this.closed) return;
    this.lastError = reason;
    if (hard || this.ws.readyState !== WebSocket.OPEN) this.ws.terminate();
    else {
      this.ws.close(1000, 'client closing');
      setTimeout(() => this.ws.terminate(), 1000).unref();
    }
  }

  /** Resolves once the socket is fully closed. */
  whenClosed(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => this.ws.once('close', () => resolve()));
  }

  private raw(frame: string): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(frame);
  }

  private probe(): void {
    try {
      this.ws.ping();
    } catch {
      // Not open any more: the close handler reports it.
    }
    this.o.onProbe();
  }

  private receive(text: string): void {
    const frame = parseServerFrame(text);
    if (frame.kind === 'ack') {
      this.o.onAck(frame.messageId, frame.status);
      return;
    }
    if (frame.kind === 'invalid') {
      if (frame.messageId !== null) this.raw(ackFrame(frame.messageId));
      this.problem(`${frame.reason}: ${text.slice(0, 120)}`);
      return;
    }
    this.raw(ackFrame(frame.messageId));
    if (this.recent.has(frame.messageId)) {
      this.problem(`duplicate messageId ${frame.messageId} (${frame.type}) acked and ignored`);
      return;
    }
    if (frame.messageId < this.highestId) this.problem(`messageId ${frame.messageId} after ${this.highestId} (out of order), processed as received`);
    this.highestId = Math.max(this.highestId, frame.messageId);
    this.recent.add(frame.messageId);
    if (this.recent.size > RECENT_IDS) this.recent.delete(this.recent.values().next().value as number);
    try {
      this.o.onMessage(frame);
    } catch (e) {
      this.problem(`handling ${frame.type} ${frame.messageId} failed: ${(e as Error).message}`);
    }
  }

  private end(reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.liveness.stop();
    this.o.onClose(reason, this.problemKind);
  }
}

function rawToString(data: WebSocket.RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}
