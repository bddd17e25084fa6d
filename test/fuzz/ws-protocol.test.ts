import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { isStreamName, requests, streams } from '../../shared/api/contract.js';
import { ClientFrameSchema } from '../../shared/api/wire.js';
import { TECH_TOKEN } from '../server/fake-engine.js';
import { FUZZ_SEED, fuzzRuns, startFuzzTarget, timedHealth, type FuzzTarget } from './fuzz-target.js';

let target: FuzzTarget;
beforeAll(async () => {
  target = await startFuzzTarget();
});
afterAll(() => target.close());

const METHODS = Object.keys(requests);
const STREAMS = Object.keys(streams);
const json = fc.jsonValue({ maxDepth: 3 });

/** One frame: a request the test will expect an answer to, or anything else. */
type Frame = { kind: 'req'; method: string; input: unknown } | { kind: 'text'; text: string } | { kind: 'binary'; bytes: Uint8Array };
const frame: fc.Arbitrary<Frame> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('req' as const), method: fc.oneof(fc.constantFrom(...METHODS), fc.string({ maxLength: 20 })), input: fc.oneof(fc.constant({}), json) }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constantFrom('sub', 'unsub'), stream: fc.oneof(fc.constantFrom(...STREAMS), fc.string({ maxLength: 10 })) }).map((f) => ({ kind: 'text' as const, text: JSON.stringify(f) })) },
  { weight: 1, arbitrary: fc.record({ t: fc.oneof(fc.constantFrom('req', 'res', 'evt', 'bad'), fc.string()), id: fc.oneof(fc.integer(), fc.string(), fc.double()), method: fc.string(), input: json }, { requiredKeys: [] }).map((f) => ({ kind: 'text' as const, text: JSON.stringify(f) })) },
  { weight: 1, arbitrary: json.map((v) => ({ kind: 'text' as const, text: JSON.stringify(v) })) },
  { weight: 1, arbitrary: fc.string({ maxLength: 300 }).map((text) => ({ kind: 'text' as const, text })) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }).map((bytes) => ({ kind: 'binary' as const, bytes })) },
);

function tryParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function connect(port: number): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`, ['bridgepoint', `bearer.${TECH_TOKEN}`]);
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

describe('fuzz: WebSocket protocol', () => {
  it('every request frame is answered once, bad frames are answered "bad", the connection and the server stay up', async () => {
    let nextId = 1;
    const slow: number[] = [];
    await fc.assert(
      fc.asyncProperty(fc.array(frame, { minLength: 1, maxLength: 20 }), async (burst) => {
        const ws = await connect(target.port);
        const answers = new Map<number, number>();
        let bads = 0;
        let closed: number | null = null;
        ws.on('close', (code) => (closed = code));
        ws.on('message', (data) => {
          const f = JSON.parse(data.toString()) as { t: string; id?: number };
          if (f.t === 'res') answers.set(f.id!, (answers.get(f.id!) ?? 0) + 1);
          if (f.t === 'bad') bads++;
        });
        const expected: number[] = [];
        let expectedBads = 0;
        for (const f of burst) {
          const text = f.kind === 'req' ? JSON.stringify({ t: 'req', id: nextId++, method: f.method, input: f.input }) : f.kind === 'text' ? f.text : null;
          if (text === null) {
            expectedBads++; // binary frames are refused
            ws.send(f.kind === 'binary' ? f.bytes : '', { binary: true });
            continue;
          }
          const parsed = ClientFrameSchema.safeParse(tryParse(text));
          if (!parsed.success) expectedBads++;
          else if (parsed.data.t === 'req') expected.push(parsed.data.id);
          else if (parsed.data.t === 'sub' && !isStreamName(parsed.data.stream)) expectedBads++;
          ws.send(text);
        }
        const probe = nextId++;
        ws.send(JSON.stringify({ t: 'req', id: probe, method: 'getHealth', input: {} }));
        const end = Date.now() + 5_000;
        const done = (): boolean => answers.has(probe) && expected.every((id) => answers.has(id));
        while (!done() && closed === null && Date.now() < end) await new Promise((r) => setTimeout(r, 2));
        expect(closed).toBeNull();
        expect(answers.get(probe)).toBe(1);
        expect(bads).toBe(expectedBads);
        for (const id of expected) expect(answers.get(id), `request ${id}`).toBe(1);
        ws.close();
        const health = await timedHealth(target.port);
        expect(health.status).toBe(200);
        if (health.ms > 100) slow.push(health.ms);
      }),
      { seed: FUZZ_SEED, numRuns: fuzzRuns(250), endOnFailure: true },
    );
    expect(slow.length, `health slower than 100 ms: ${slow.map((m) => m.toFixed(0)).join(', ')}`).toBeLessThanOrEqual(Math.floor(fuzzRuns(250) / 50));
    expect(target.errors).toEqual([]);
    expect(target.engineCalls()).toBeGreaterThan(fuzzRuns(250));
  }, 60_000);
});
