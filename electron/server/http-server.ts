import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { LOCAL_IDENTITY, type Identity } from '../../shared/roles.js';
import type { EngineApi } from '../engine/engine-api.js';
import { handleApi, json } from './http-api.js';
import { serveStatic } from './static-files.js';
import { createWsBridge, type WsBridge } from './ws-bridge.js';

export interface ConsoleServerOptions {
  readonly engine: EngineApi;
  readonly rendererDir: string;
  /** Who is calling. Until accounts exist every caller is the local technician. */
  readonly identify?: (req: IncomingMessage) => Identity;
}

export interface ConsoleServer {
  readonly http: Server;
  readonly ws: WsBridge;
  listen(port: number, host: string): Promise<{ port: number; host: string }>;
  close(): Promise<void>;
}

/** HTTP (renderer bundle + JSON API) and the WebSocket bridge on one port. */
export function createConsoleServer(options: ConsoleServerOptions): ConsoleServer {
  const identify = options.identify ?? (() => LOCAL_IDENTITY);
  const ws = createWsBridge(options.engine);

  const http = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const work = path.startsWith('/api/')
      ? handleApi(options.engine, identify(req), req, res)
      : req.method === 'GET' || req.method === 'HEAD'
        ? serveStatic(options.rendererDir, path, res)
        : Promise.resolve(json(res, 405, { error: { code: 'bad_request', message: `${req.method} not allowed` } }));
    work.catch((e: unknown) => {
      console.error('bridgepoint: request failed:', e);
      if (!res.headersSent) json(res, 500, { error: { code: 'internal', message: 'internal error' } });
      else res.destroy();
    });
  });
  http.headersTimeout = 10_000;
  http.requestTimeout = 30_000;

  http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = (req.url ?? '').split('?')[0];
    if (path !== '/ws' || !sameOrigin(req)) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    ws.handleUpgrade(req, socket, head, identify(req));
  });

  return {
    http,
    ws,
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
        http.closeAllConnections();
        http.close(() => resolve());
      }),
  };
}

/**
 * Browsers send Origin on WebSocket upgrades; refuse pages of other sites (cross-site WebSocket
 * hijacking). Non-browser clients (scripts, tests) send none and are allowed.
 */
function sameOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}
