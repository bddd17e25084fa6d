import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Duplex } from 'node:stream';
import type { Identity } from '../../shared/roles.js';
import type { EngineApi } from '../engine/engine-api.js';
import { createRateLimitedLog } from '../engine/log/rate-limited-log.js';
import { error, handleApi, handleLogin, LOGIN_PATH } from './http-api.js';
import { answerClientError, DEFAULT_LIMITS, writeRawError, type ServerLimits } from './http-limits.js';
import { DEFAULT_SCRAPE_LIMITS, handleMetrics, METRICS_PATH, ScrapeLimiter, type ScrapeLimits } from './metrics-route.js';
import { NOT_USER_ACTIVITY } from '../../shared/api/transport.js';
import { bearerToken, callOrigin, checkRequest, corsOrigin, guardConfig, requestMeta, subprotocolToken } from './request-guard.js';
import { serveStatic } from './static-files.js';
import type { TlsFiles } from './tls.js';
import { createWsBridge, type WsBridge } from './ws-bridge.js';

export interface ConsoleServerOptions {
  readonly engine: EngineApi;
  readonly rendererDir: string;
  /** Certificate and key (PEM): serve https and wss instead of http and ws. */
  readonly tls?: TlsFiles;
  /** Host names besides loopback the Host header may carry (the name operators type). */
  readonly allowedHosts?: readonly string[];
  /** Browser origins besides the console's own that may call the API. */
  readonly allowedOrigins?: readonly string[];
  readonly limits?: Partial<ServerLimits>;
  /** How often `GET /metrics` may be scraped (DEFAULT_SCRAPE_LIMITS otherwise). */
  readonly scrapeLimits?: Partial<ScrapeLimits>;
}

export interface ConsoleServer {
  readonly http: Server;
  readonly ws: WsBridge;
  readonly scheme: 'http' | 'https';
  listen(port: number, host: string): Promise<{ port: number; host: string }>;
  close(): Promise<void>;
}

/**
 * HTTP (renderer bundle + JSON API) and the WebSocket bridge on one port. Every request passes
 * the guard (no token in the URL, a Host naming this server, an allowed Origin); every API call
 * needs `Authorization: Bearer <token>` except the login itself, and so does `GET /metrics`
 * (Prometheus). The renderer bundle is public: it is the login page, and carries no data.
 */
export function createConsoleServer(options: ConsoleServerOptions): ConsoleServer {
  const { engine } = options;
  const limits: ServerLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const guard = guardConfig({ allowedHosts: options.allowedHosts, allowedOrigins: options.allowedOrigins, tls: options.tls !== undefined });
  const ws = createWsBridge(engine, limits);
  const scrapes = new ScrapeLimiter({ ...DEFAULT_SCRAPE_LIMITS, ...options.scrapeLimits });
  // Failures are logged once per source and 10 s, then counted: a client cannot flood the log.
  const log = createRateLimitedLog({ write: (line) => console.error(line) });
  const failed = (kind: string, req: IncomingMessage, e: unknown): void =>
    log.warn(kind, callOrigin(req).source, `bridgepoint: ${kind.replace(/s$/, '')} from ${callOrigin(req).source}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);

  const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const refusal = checkRequest(req, guard);
    if (refusal) return error(res, refusal.status, refusal.code, refusal.message, {}, refusal.params);
    const path = (req.url ?? '/').split('?')[0]!;
    const cors = corsOrigin(req, guard);
    if (cors !== null) {
      // A page of an --allowed-origin calls the API cross-origin: answer its preflight, name it in every answer.
      res.setHeader('access-control-allow-origin', cors);
      res.setHeader('vary', 'Origin');
      if (req.method === 'OPTIONS') {
        res.writeHead(204, { 'access-control-allow-methods': 'GET, POST', 'access-control-allow-headers': 'authorization, content-type', 'access-control-max-age': '600' });
        return void res.end();
      }
    }
    const metrics = path === METRICS_PATH;
    if (!path.startsWith('/api/') && !metrics) {
      if (req.method === 'GET' || req.method === 'HEAD') return serveStatic(options.rendererDir, path, res);
      return error(res, 405, 'bad_request', `${req.method} not allowed`, { allow: 'GET, HEAD' });
    }
    const origin = callOrigin(req);
    if (path === LOGIN_PATH) return handleLogin(engine, origin, req, res, limits.maxBodyBytes);
    const token = bearerToken(req);
    const caller: Identity | null = token === null ? null : engine.authenticate(token, origin, requestMeta(req));
    if (!caller) {
      const message = token === null ? 'log in first: send Authorization: Bearer <token>' : 'the token is unknown or the session has ended';
      return error(res, 401, 'unauthenticated', message, { 'www-authenticate': 'Bearer realm="bridgepoint"' });
    }
    if (metrics) return handleMetrics(engine, caller, req, res, scrapes);
    return handleApi(engine, caller, req, res, limits.maxBodyBytes);
  };

  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    route(req, res).catch((e: unknown) => {
      if (req.destroyed && !req.complete) return void res.destroy(); // the client went away mid-body
      failed('failed requests', req, e);
      if (!res.headersSent) error(res, 500, 'internal', 'internal error');
      else res.destroy();
    });
  };
  const serverOptions = {
    maxHeaderSize: limits.maxHeaderBytes,
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    connectionsCheckingInterval: Math.min(1_000, limits.headersTimeoutMs),
  };
  const http: Server = options.tls
    ? createHttpsServer({ ...serverOptions, cert: options.tls.cert, key: options.tls.key }, onRequest)
    : createHttpServer(serverOptions, onRequest);
  http.maxConnections = limits.maxConnections;
  http.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => answerClientError(err, socket, limits));

  http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    try {
      upgrade(req, socket, head);
    } catch (e) {
      failed('failed WebSocket upgrades', req, e);
      writeRawError(socket, 500, 'internal', 'internal error');
    }
  });
  const upgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const path = (req.url ?? '').split('?')[0];
    const refusal = checkRequest(req, guard);
    if (refusal) return writeRawError(socket, refusal.status, refusal.code, refusal.message, refusal.params);
    if (path !== '/ws') return writeRawError(socket, 404, 'not_found', `no WebSocket at ${path}`);
    if (ws.clients >= limits.maxWsClients) {
      return writeRawError(socket, 503, 'unavailable', `${limits.maxWsClients} WebSocket clients are connected already; try again later`, { limit: limits.maxWsClients }, { 'Retry-After': '10' });
    }
    const origin = callOrigin(req);
    const token = subprotocolToken(req) ?? bearerToken(req);
    // Opening the socket is the console's own doing (a page load, a reconnect), not a person's.
    const identity = token === null ? null : engine.authenticate(token, origin, NOT_USER_ACTIVITY);
    if (token === null || !identity) {
      return writeRawError(socket, 401, 'unauthenticated', token === null ? 'log in first: offer the subprotocol bearer.<token>' : 'the token is unknown or the session has ended');
    }
    ws.handleUpgrade(req, socket, head, { token, identity, origin });
  };

  return {
    http,
    ws,
    scheme: guard.scheme,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        http.once('error', reject);
        http.listen(port, host, () => {
          http.off('error', reject);
          const addr = http.address();
          resolve({ host, port: typeof addr === 'object' && addr ? addr.port : port });
        });
      }),
    close: () =>
      new Promise((resolve) => {
        ws.close();
        log.close();
        http.closeAllConnections();
        http.close(() => resolve());
      }),
  };
}
