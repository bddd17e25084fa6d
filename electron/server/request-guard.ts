import type { IncomingMessage } from 'node:http';
import type { ApiErrorCode, ApiErrorParams } from '../../shared/api/errors.js';
import { wireIdleMs, type RequestMeta } from '../../shared/api/transport.js';
import type { CallOrigin } from '../engine/engine-api.js';

/** Host names every console answers to: this machine only. */
export const LOOPBACK_HOSTS: readonly string[] = ['localhost', '127.0.0.1', '::1'];
/** Query parameters that would put a credential into URLs (browser history, proxy and access logs). */
const TOKEN_PARAMETERS = ['token', 'access_token', 'bearer', 'auth'];

export interface GuardConfig {
  /** Names the Host header may carry (lower case, without port); loopback names always included. */
  readonly allowedHosts: ReadonlySet<string>;
  /** Browser origins besides the console's own (`https://console.lan:8740`). */
  readonly allowedOrigins: ReadonlySet<string>;
  /** The scheme the server speaks, for the same-origin check. */
  readonly scheme: 'http' | 'https';
}

/** A request the server refuses before any engine work: the status, and the error it answers. */
export interface Refusal {
  readonly status: number;
  readonly code: ApiErrorCode;
  readonly message: string;
  readonly params?: ApiErrorParams;
}

export function guardConfig(options: { allowedHosts?: readonly string[]; allowedOrigins?: readonly string[]; tls?: boolean }): GuardConfig {
  return {
    allowedHosts: new Set([...LOOPBACK_HOSTS, ...(options.allowedHosts ?? []).map(normaliseHost)]),
    allowedOrigins: new Set((options.allowedOrigins ?? []).map((o) => new URL(o).origin)),
    scheme: options.tls ? 'https' : 'http',
  };
}

/** `Console.LAN.` → `console.lan`, `[::1]` → `::1`. */
export function normaliseHost(host: string): string {
  return host.trim().toLowerCase().replace(/\.$/, '').replace(/^\[(.*)\]$/, '$1');
}

/** The host name of a Host header (`[::1]:8740` → `::1`), or null when it is not one. */
export function hostName(header: string | undefined): string | null {
  if (!header) return null;
  try {
    return normaliseHost(new URL(`http://${header}`).hostname);
  } catch {
    return null;
  }
}

/**
 * The checks every request and WebSocket upgrade passes before it reaches the engine, in order:
 * no credential in the URL (400), a Host naming this server (421: DNS rebinding), and in browsers
 * an Origin of the console itself or an allowed one (403: cross-site requests).
 */
export function checkRequest(req: IncomingMessage, config: GuardConfig): Refusal | null {
  const { query } = requestTarget(req.url);
  const leaked = TOKEN_PARAMETERS.find((p) => [...query.keys()].some((k) => k.toLowerCase() === p));
  if (leaked) {
    return { status: 400, code: 'bad_request', message: 'send the token in the Authorization header, never in the URL', params: { parameter: leaked } };
  }
  const host = hostName(req.headers.host);
  if (host === null || !config.allowedHosts.has(host)) {
    return { status: 421, code: 'forbidden', message: 'this server does not answer to that host name', params: { host: req.headers.host ?? null } };
  }
  const origin = req.headers.origin;
  if (origin !== undefined && !originAllowed(origin, req.headers.host!, config)) {
    return { status: 403, code: 'forbidden', message: 'requests from pages of other sites are refused', params: { origin } };
  }
  return null;
}

function originAllowed(origin: string, host: string, config: GuardConfig): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false; // includes the opaque origin "null" of sandboxed frames and file: pages
  }
  if (config.allowedOrigins.has(url.origin)) return true;
  return url.protocol === `${config.scheme}:` && url.host.toLowerCase() === host.toLowerCase();
}

/**
 * The Origin to name in CORS headers: only one given with --allowed-origin (the console's own
 * pages are same-origin and need none). Null for every other request.
 */
export function corsOrigin(req: IncomingMessage, config: GuardConfig): string | null {
  const origin = req.headers.origin;
  if (origin === undefined) return null;
  try {
    const url = new URL(origin);
    return config.allowedOrigins.has(url.origin) ? url.origin : null;
  } catch {
    return null;
  }
}

/** State-changing requests carry JSON, which a cross-site form or `text/plain` fetch cannot send without a preflight. */
export function checkJsonBody(req: IncomingMessage): Refusal | null {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/json') return null;
  return { status: 415, code: 'unsupported_media_type', message: 'send the body as Content-Type: application/json', params: { contentType: type || null } };
}

/**
 * The path and query of a request target. Never throws: `new URL('//x%F3/…', base)` would take
 * `x%F3` for a host and fail, so the target is split by hand.
 */
export function requestTarget(url: string | undefined): { path: string; query: URLSearchParams } {
  const target = url ?? '/';
  const q = target.indexOf('?');
  return q < 0 ? { path: target, query: new URLSearchParams() } : { path: target.slice(0, q), query: new URLSearchParams(target.slice(q + 1)) };
}

/** The bearer token of `Authorization: Bearer <token>`; cookies are never read. */
export function bearerToken(req: IncomingMessage): string | null {
  const m = /^Bearer[ \t]+([^\s]+)[ \t]*$/i.exec(req.headers.authorization ?? '');
  return m ? m[1]! : null;
}

/** The header in which a console states how long its user has been away (RequestMeta.userIdleMs). */
export const USER_IDLE_HEADER = 'x-bridgepoint-user-idle-ms';

/**
 * What an HTTP request says about its user: the idle time of USER_IDLE_HEADER when it is a whole
 * number of milliseconds; without the header (or with nonsense in it) the request is the activity.
 */
export function requestMeta(req: IncomingMessage): RequestMeta {
  const raw = req.headers[USER_IDLE_HEADER];
  if (typeof raw !== 'string' || !/^\d{1,12}$/.test(raw.trim())) return {};
  return { userIdleMs: wireIdleMs(Number(raw.trim())) };
}

/** The token a browser WebSocket sends as its second subprotocol: `bridgepoint, bearer.<token>`. */
export function subprotocolToken(req: IncomingMessage): string | null {
  const offered = (req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
  const bearer = offered.find((p) => p.startsWith('bearer.') && p.length > 'bearer.'.length);
  return bearer ? bearer.slice('bearer.'.length) : null;
}

/** Where a call comes from: the peer address, and whether a browser or a script is calling. */
export function callOrigin(req: IncomingMessage): CallOrigin {
  const address = (req.socket.remoteAddress ?? 'unknown').replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, '$1');
  const ua = req.headers['user-agent'] ?? '';
  // Every browser's User-Agent starts with Mozilla/; Node's fetch sends Sec-Fetch-Mode too, so that is no sign.
  const browser = req.headers.origin !== undefined || /^Mozilla\//.test(ua);
  return { source: address, client: browser ? 'browser' : 'script' };
}
