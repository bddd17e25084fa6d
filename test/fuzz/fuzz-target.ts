import { request } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startConsole } from '../../electron/server/console-runtime.js';
import { createConsoleServer, type ConsoleServer } from '../../electron/server/http-server.js';
import { smallInventory, writeInventory } from '../fixtures/inventory.js';
import { TECH_TOKEN, withFakeAuth } from '../server/fake-engine.js';

/** Fixed seeds and bounded runs keep each fuzz file under 20 s here; FUZZ_RUNS=n runs longer. */
export const FUZZ_SEED = Number(process.env['FUZZ_SEED'] ?? 20261206);
export const fuzzRuns = (fallback: number): number => Number(process.env['FUZZ_RUNS'] ?? fallback);

export interface FuzzTarget {
  readonly server: ConsoleServer;
  readonly port: number;
  /** Every console.error line the server printed (a request that failed inside the server). */
  readonly errors: string[];
  /** Requests (other than the health probe) that reached the engine past the guard and the token check. */
  readonly engineCalls: () => number;
  close(): Promise<void>;
}

/** The real engine (small inventory, no monitoring, database in memory) behind the real server. */
export async function startFuzzTarget(): Promise<FuzzTarget> {
  const renderer = mkdtempSync(join(tmpdir(), 'bp-fuzz-renderer-'));
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Bridgepoint</title>');
  const engine = await startConsole({ inventoryPath: writeInventory(smallInventory()), demo: false, monitoring: false });
  const api = withFakeAuth(engine);
  const server = createConsoleServer({ engine: api, rendererDir: renderer });
  const { port } = await server.listen(0, '127.0.0.1');
  const errors: string[] = [];
  const original = console.error;
  console.error = (...args: unknown[]) => void errors.push(args.map(String).join(' '));
  return {
    server,
    port,
    errors,
    engineCalls: () => api.calls.filter((c) => c.method !== 'getHealth').length,
    close: async () => {
      console.error = original;
      await server.close();
      await engine.close();
    },
  };
}

export interface RawReply {
  readonly status: number;
  readonly body: string;
  readonly type: string;
}

/** One request with full control over method, path, headers and body bytes; errors become status 0. */
export function send(port: number, method: string, path: string, headers: Record<string, string>, body?: Buffer | string): Promise<RawReply> {
  // Node's client sends a DELETE body without any framing; say its length, as real clients do.
  const framed = body === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) };
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers: framed, agent: false }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      const type = res.headers['content-type'] ?? '';
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, type }));
      res.on('error', () => resolve({ status: res.statusCode ?? 0, body: text, type }));
    });
    req.on('error', (e) => resolve({ status: 0, body: e.message, type: '' }));
    req.setTimeout(5_000, () => req.destroy(new Error('timeout')));
    req.end(body);
  });
}

/** GET /api/v1/health with the test token: its status and how long it took. */
export async function timedHealth(port: number): Promise<{ status: number; ms: number }> {
  const start = performance.now();
  const { status } = await send(port, 'GET', '/api/v1/health', { host: '127.0.0.1', authorization: `Bearer ${TECH_TOKEN}` });
  return { status, ms: performance.now() - start };
}
