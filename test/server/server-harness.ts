import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { createConsoleServer, type ConsoleServer, type ConsoleServerOptions } from '../../electron/server/http-server.js';

export function rendererDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bp-renderer-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Bridgepoint</title>');
  writeFileSync(join(dir, 'assets', 'app.js'), 'console.log(1)');
  return dir;
}

export interface Harness {
  readonly server: ConsoleServer;
  readonly base: string;
  readonly port: number;
  close(): Promise<void>;
}

export async function startServer(options: Omit<ConsoleServerOptions, 'rendererDir'> & { rendererDir?: string }): Promise<Harness> {
  const server = createConsoleServer({ rendererDir: rendererDir(), ...options });
  const { port } = await server.listen(0, '127.0.0.1');
  return { server, port, base: `${server.scheme}://127.0.0.1:${port}`, close: () => server.close() };
}

/** Send raw bytes and collect everything the server answers until it closes (or `ms` pass). */
export function rawRequest(port: number, payload: string | Buffer | ((write: (b: string | Buffer) => boolean) => void), ms = 3_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const got: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(Buffer.concat(got).toString());
    }, ms);
    socket.on('data', (d) => got.push(d));
    socket.on('error', (e) => (got.length ? undefined : reject(e)));
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(got).toString());
    });
    socket.on('connect', () => {
      if (typeof payload === 'function') payload((b) => socket.write(b));
      else socket.write(payload);
    });
  });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- frames are read loosely in tests
export type Frame = { t: string; [k: string]: any };

export interface WsClient {
  readonly ws: WebSocket;
  readonly frames: Frame[];
  next(pred: (f: Frame) => boolean): Promise<Frame>;
  readonly closed: Promise<{ code: number; reason: string }>;
}

/** Open /ws as a browser would: subprotocols ['bridgepoint', 'bearer.<token>']. */
export function openWs(base: string, token: string | null, headers: Record<string, string> = {}, protocols?: string[]): Promise<WsClient> {
  return new Promise((resolve, reject) => {
    const offered = protocols ?? (token === null ? ['bridgepoint'] : ['bridgepoint', `bearer.${token}`]);
    const ws = new WebSocket(base.replace(/^http/, 'ws') + '/ws', offered, { headers, rejectUnauthorized: false });
    const frames: Frame[] = [];
    const waiters: { pred: (f: Frame) => boolean; done: (f: Frame) => void }[] = [];
    const closed = new Promise<{ code: number; reason: string }>((r) => ws.once('close', (code, reason) => r({ code, reason: reason.toString() })));
    ws.on('message', (d) => {
      const f = JSON.parse(d.toString()) as Frame;
      frames.push(f);
      for (const w of [...waiters]) {
        if (w.pred(f)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.done(f);
        }
      }
    });
    const next = (pred: (f: Frame) => boolean): Promise<Frame> =>
      new Promise<Frame>((done) => {
        const seen = frames.find(pred);
        if (seen) {
          frames.splice(frames.indexOf(seen), 1);
          return done(seen);
        }
        waiters.push({ pred, done: (f) => { frames.splice(frames.indexOf(f), 1); done(f); } });
      });
    ws.once('open', () => resolve({ ws, frames, next, closed }));
    ws.once('unexpected-response', (req, res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => {
        req.destroy();
        reject(new Error(`upgrade refused: ${res.statusCode} ${body}`));
      });
    });
    ws.once('error', reject);
  });
}

/** Resolves once `cond` holds, checking every 10 ms; throws after `ms`. */
export async function until(cond: () => boolean, ms = 3_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
