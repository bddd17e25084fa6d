import WebSocket from 'ws';
import { ackFrame, parseServerFrame } from './events-codec.js';

/**
 * One events WebSocket: acks every server message (duplicates and ones we cannot use included, as
 * long as an id can be read), drops duplicate message ids, passes the rest on in the order
 * received, detects a half-open socket by ping/pong, and reports its end exactly once.
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
  readonly heartbeatMs: number;
  readonly handshakeTimeoutMs: number;
  readonly onOpen: () => void;
  readonly onMessage: (m: EventsMessage) => void;
  readonly onAck: (messageId: number, status: string) => void;
  /** Called once, with why the connection ended. */
  readonly onClose: (reason: string) => void;
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
  private awaitingPong = false;
  private heartbeat: ReturnType<typeof setInterval> | null = null;
  private closed = false;
  private lastError: string | null = null;
  private readonly problem: (line: string) => void;

  constructor(private readonly o: EventsConnectionOptions) {
    this.problem = problemLog(o.log);
    this.ws = new WebSocket(o.url, { maxPayload: o.maxFrameBytes, rejectUnauthorized: !o.insecureTls, handshakeTimeout: o.handshakeTimeoutMs });
    this.ws.on('open', () => {
      this.heartbeat = setInterval(() => this.beat(), o.heartbeatMs);
      o.onOpen();
    });
    this.ws.on('message', (data: WebSocket.RawData, isBinary: boolean) => {
      this.awaitingPong = false;
      if (isBinary) this.problem('binary frame ignored (CMS sends JSON text)');
      else this.receive(rawToString(data));
    });
    this.ws.on('pong', () => {
      this.awaitingPong = false;
    });
    this.ws.on('error', (e: Error & { code?: string }) => {
      this.lastError = e.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH' ? `frame larger than ${o.maxFrameBytes} bytes` : e.message;
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

  private beat(): void {
    if (this.awaitingPong) {
      this.o.log(`events socket silent for ${this.o.heartbeatMs} ms after a ping: treating it as dead`);
      this.close(`no answer to ping within ${this.o.heartbeatMs} ms (half-open connection)`, true);
      return;
    }
    this.awaitingPong = true;
    try {
      this.ws.ping();
    } catch {
      // Not open any more: the close handler reports it.
    }
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
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.o.onClose(reason);
  }
}

function rawToString(data: WebSocket.RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}
