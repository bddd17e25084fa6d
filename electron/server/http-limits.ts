import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { ApiErrorCode, ApiErrorParams } from '../../shared/api/errors.js';

/** What one HTTP request or WebSocket client may cost the engine. */
export interface ServerLimits {
  /** Request body (JSON RPC input). */
  readonly maxBodyBytes: number;
  /** All request headers together; more is answered 431. */
  readonly maxHeaderBytes: number;
  /** Headers must arrive within this long (slowloris), the whole request within requestTimeoutMs. */
  readonly headersTimeoutMs: number;
  readonly requestTimeoutMs: number;
  /** An idle kept-alive connection is closed after this long. */
  readonly keepAliveTimeoutMs: number;
  /** Open TCP connections (HTTP and WebSocket together). */
  readonly maxConnections: number;
  /** WebSocket clients at once; more are refused with 503. */
  readonly maxWsClients: number;
  /** Bytes queued for one WebSocket client before it is dropped as too slow (1008). */
  readonly wsClientBufferBytes: number;
  /** Bytes queued for all WebSocket clients together; over it the fullest client is dropped. */
  readonly wsTotalBufferBytes: number;
  /** Requests one WebSocket connection may have waiting; more are answered `too_many_requests`. */
  readonly wsMaxInFlight: number;
  /** Largest frame a client may send (ws closes with 1009 beyond it). */
  readonly wsMaxFrameBytes: number;
}

export const DEFAULT_LIMITS: ServerLimits = {
  maxBodyBytes: 1 << 20,
  maxHeaderBytes: 16 << 10,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  maxConnections: 512,
  maxWsClients: 100,
  wsClientBufferBytes: 4 << 20,
  wsTotalBufferBytes: 64 << 20,
  wsMaxInFlight: 32,
  wsMaxFrameBytes: 1 << 20,
};

/** How long a refused connection keeps reading (and discarding) so the client sees the answer. */
const LINGER_MS = 5_000;
const LINGER_MAX_BYTES = 32 << 20;

/**
 * Close a connection whose request was refused before it was read to the end, so that the client
 * still reads the answer: send FIN after the answer, keep reading and discarding what the client
 * is still sending (closing with unread data would make the kernel send RST, and the client's
 * stack would throw away the answer), and destroy once the client closes, after LINGER_MS, or
 * after LINGER_MAX_BYTES.
 */
export function lingeringClose(socket: Duplex): void {
  let seen = 0;
  const finish = (): void => void socket.destroy();
  const timer = setTimeout(finish, LINGER_MS);
  timer.unref();
  socket.once('close', () => clearTimeout(timer));
  socket.once('end', finish);
  socket.on('data', (chunk: Buffer) => {
    seen += chunk.length;
    if (seen > LINGER_MAX_BYTES) finish();
  });
  socket.on('error', finish);
  socket.end();
  socket.resume();
}

/**
 * Have Node's HTTP server close this response's connection by lingering instead of at once.
 * Node's server calls the (undocumented) `socket.destroySoon()` after a `Connection: close`
 * response; it is shadowed on this socket instance only. test/server/http-limits.test.ts fails
 * if a Node upgrade changes that (the client then loses the 413 to a reset).
 */
export function lingerAfterResponse(socket: Socket): void {
  (socket as Socket & { destroySoon: () => void }).destroySoon = () => lingeringClose(socket);
}

/** A JSON error written straight to a socket: for upgrades and parse errors, where no response object exists. */
export function writeRawError(socket: Duplex, status: number, code: ApiErrorCode, message: string, params?: ApiErrorParams, headers: Record<string, string> = {}): void {
  if (!socket.writable) return void socket.destroy();
  const body = JSON.stringify({ error: { code, message, ...(params ? { params } : {}) } });
  const head = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}`,
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Cache-Control: no-store',
    'Connection: close',
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
  ];
  socket.write(`${head.join('\r\n')}\r\n\r\n${body}`);
  lingeringClose(socket);
}

/** Node's answer to a request it could not parse, in the API's JSON shape; oversized headers are 431. */
export function answerClientError(err: NodeJS.ErrnoException, socket: Duplex, limits: ServerLimits): void {
  if (err.code === 'ECONNRESET' || !socket.writable) return void socket.destroy();
  if (err.code === 'HPE_HEADER_OVERFLOW') {
    return writeRawError(socket, 431, 'bad_request', `request headers larger than ${limits.maxHeaderBytes} bytes`, { limitBytes: limits.maxHeaderBytes });
  }
  if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    return writeRawError(socket, 408, 'bad_request', 'the request did not arrive in time', { timeoutMs: limits.requestTimeoutMs });
  }
  writeRawError(socket, 400, 'bad_request', 'malformed HTTP request');
}
