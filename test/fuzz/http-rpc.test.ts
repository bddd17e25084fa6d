import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requests } from '../../shared/api/contract.js';
import { TECH_TOKEN } from '../server/fake-engine.js';
import { FUZZ_SEED, fuzzRuns, send, startFuzzTarget, timedHealth, type FuzzTarget, type RawReply } from './fuzz-target.js';

let target: FuzzTarget;
beforeAll(async () => {
  target = await startFuzzTarget();
});
afterAll(() => target.close());

const METHODS = Object.keys(requests);
const json = fc.jsonValue({ maxDepth: 3 });
/** Bodies: JSON objects with the contract's field names, any JSON, broken text, random bytes. */
const body = fc.oneof(
  fc.dictionary(fc.constantFrom('id', 'conferenceId', 'participantId', 'meetingId', 'request', 'from', 'to', 'user', 'password', 'layout', 'muted', 'endpointId', 'kind', 'x'), json).map((o) => JSON.stringify(o)),
  json.map((v) => JSON.stringify(v)),
  fc.string({ maxLength: 200 }),
  fc.uint8Array({ maxLength: 300 }).map((a) => Buffer.from(a)),
);
const header = (port: number) => fc.record(
  {
    'content-type': fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded', ''),
    authorization: fc.constantFrom(`Bearer ${TECH_TOKEN}`, `Bearer ${TECH_TOKEN}`, 'Bearer nope', 'Basic eDp5', ''),
    origin: fc.constantFrom('http://evil.example', 'null', 'http://127.0.0.1', `http://127.0.0.1:${port}`, `http://127.0.0.1:${port}`),
    host: fc.constantFrom('127.0.0.1', 'localhost', 'evil.example', '[::1]'),
    'x-fuzz': fc.string({ maxLength: 50 }).map((s) => s.replace(/[^\x20-\x7e]/g, '')),
  },
  { requiredKeys: ['host'] },
);
const path = fc.oneof(
  fc.constantFrom(...METHODS).map((m) => `/api/v1/rpc/${m}`),
  fc.constantFrom('/api/v1/health', '/api/v1/sites', '/api/v1/status', '/api/v1/meetings?date=2026-13-40', '/api/v1/rpc', '/api/v1/rpc/', '/api/v1/simulator/faults', '/api/v1/rpc/login', '/api/v1/%', '/%2e%2e/etc/passwd'),
  fc.webPath().map((p) => (p.startsWith('/') ? p : `/${p}`)),
);
const hostile = (port: number) => fc.record({ method: fc.constantFrom('POST', 'POST', 'POST', 'GET', 'PUT', 'DELETE', 'HEAD'), path, headers: header(port), body });
/** Requests past the guard and the token, so the engine's validation and handlers are what is fuzzed. */
const wellFormed = fc.record({
  method: fc.constant('POST'),
  path: fc.constantFrom(...METHODS).map((m) => `/api/v1/rpc/${m}`),
  headers: fc.constant({ host: '127.0.0.1', authorization: `Bearer ${TECH_TOKEN}`, 'content-type': 'application/json' }),
  body: fc.oneof(fc.constant('{}'), body),
});
const call = (port: number) => fc.oneof({ arbitrary: wellFormed, weight: 2 }, { arbitrary: hostile(port), weight: 1 });

/** Statuses the API documents; 500 (internal) is not among them. */
const DOCUMENTED = new Set([200, 400, 401, 403, 404, 405, 409, 413, 415, 421, 422, 429, 503]);

describe('fuzz: HTTP RPC from the contract', () => {
  it('every answer is documented, the server stays up, and health answers within 100 ms after each burst', async () => {
    const slow: number[] = [];
    await fc.assert(
      fc.asyncProperty(fc.array(call(target.port), { minLength: 1, maxLength: 6 }), async (burst) => {
        const replies: RawReply[] = await Promise.all(
          burst.map((c) => send(target.port, c.method, c.path.replace(/[^\x21-\x7e]/g, ''), c.headers, c.method === 'GET' || c.method === 'HEAD' ? undefined : c.body)),
        );
        for (const [i, r] of replies.entries()) {
          if (!DOCUMENTED.has(r.status)) throw new Error(`${burst[i]!.method} ${burst[i]!.path} answered ${r.status}: ${r.body.slice(0, 200)}`);
          // The API answers errors as JSON; the renderer bundle's 403/404 may be plain text.
          if (r.status < 400 || burst[i]!.method === 'HEAD') continue;
          if (burst[i]!.path.startsWith('/api/')) expect(r.type).toMatch(/^application\/json/);
          if (r.type.startsWith('application/json')) expect(JSON.parse(r.body)).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
        }
        const health = await timedHealth(target.port);
        expect(health.status).toBe(200);
        if (health.ms > 100) slow.push(health.ms);
      }),
      { seed: FUZZ_SEED, numRuns: fuzzRuns(300), endOnFailure: true },
    );
    // A shared 2-core machine may stall a single probe; one slow probe in 50 is tolerated, no more.
    expect(slow.length, `health slower than 100 ms: ${slow.map((m) => m.toFixed(0)).join(', ')}`).toBeLessThanOrEqual(Math.floor(fuzzRuns(300) / 50));
    expect(target.errors).toEqual([]);
    // The generator must get past the guard often enough to exercise the engine's validation.
    expect(target.engineCalls()).toBeGreaterThan(fuzzRuns(300) / 2);
  }, 60_000);
});
