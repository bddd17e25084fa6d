import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeviceProfile } from '../../shared/device-profile.js';
import { createSnmpPoller, type PolledEndpoint, type PollSample } from '../../electron/engine/snmp/poller.js';
import type { Request } from '../engine/snmp/ber.js';
import { int, message, response, TAG, varbind } from '../engine/snmp/ber.js';
import { SampleLog } from '../engine/snmp/collect.js';
import { FakeAgent } from '../engine/snmp/fake-agent.js';
import { FUZZ_SEED, fuzzRuns } from './fuzz-target.js';
import { mutate, mutations, varbinds } from './snmp-datagrams.js';

/**
 * The poll path against a fake UDP agent that answers with random and wrong PDUs: one endpoint
 * per kind of wrong answer, each answer drawn from a seeded generator, next to a healthy
 * endpoint on the same poller. The healthy one keeps being polled and answered throughout; each
 * bad one shows the problem its kind of answer stands for; nothing crashes or hangs.
 */

const UPTIME = '1.3.6.1.2.1.1.3.0';
const profile: DeviceProfile = { id: 'fuzz', name: 'fuzz', mib: 'test', metrics: { uptimeS: { oid: UPTIME, encoding: 'timeticks', scale: 0.01 } }, traps: [] };

const good = (req: Request) => response(req.version, req.community, req.reqId, req.oids.map((o) => varbind(o, int(4200, TAG.TimeTicks))));

type Answer = (req: Request, draw: number) => Buffer | null;
/** Per kind: how the agent answers, and which sample errors that may give. */
const KINDS: Record<string, { answer: Answer; errors: readonly (string | null)[] }> = {
  // A Report PDU (SNMPv3 only) to a v2c get, with any varbinds: issue #14.
  // (Random varbinds may themselves be unreadable: then it is a malformed response.)
  report: { answer: (req, d) => message(req.version, req.community, TAG.Report, req.reqId, pick(reports, d)), errors: ['protocol error', 'malformed response'] },
  // Random bytes: net-snmp cannot parse them (or they carry no pending request id).
  garbage: { answer: (_req, d) => pick(garbage, d), errors: ['malformed response', 'timeout'] },
  // A valid answer cut short (net-snmp's reader may take a cut varbind list as a shorter one).
  truncated: { answer: (req, d) => { const full = good(req); return full.subarray(0, d % full.length); }, errors: ['malformed response', 'protocol error', 'timeout'] },
  // A valid answer to another request.
  wrongid: { answer: (req, d) => good({ ...req, reqId: req.reqId ^ (1 + (d % 0xffff)) }), errors: ['timeout'] },
  // Hundreds of varbinds for one OID asked.
  huge: { answer: (req, d) => response(req.version, req.community, req.reqId, Array.from({ length: 2 + (d % 1500) }, (_, i) => varbind(`${UPTIME}.${i}`, int(i)))), errors: ['protocol error'] },
  // Any PDU tag other than a Response, with the right id and any varbinds.
  wrongpdu: { answer: (req, d) => message(req.version, req.community, otherPdus[d % otherPdus.length]!, req.reqId, pick(reports, d)), errors: ['protocol error', 'malformed response', 'timeout'] },
  // A valid answer with a few bytes flipped, inserted, deleted: anything may come of it, but no crash.
  mutated: { answer: (req, d) => mutate(good(req), pick(mutationLists, d)), errors: [null, 'malformed response', 'timeout', 'protocol error', 'community mismatch in response'] },
};

const RUNS = fuzzRuns(1200);
const PER_KIND = 6;
const sample = <T>(arb: fc.Arbitrary<T>) => fc.sample(arb, { seed: FUZZ_SEED, numRuns: RUNS });
const reports = sample(varbinds(8));
const garbage = sample(fc.uint8Array({ minLength: 1, maxLength: 400 }).map((b) => Buffer.from(b)));
const mutationLists = sample(mutations);
const draws = sample(fc.nat());
const otherPdus = [0xa0, 0xa1, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7, 0xa8, 0xa9, 0xaf];
function pick<T>(list: readonly T[], d: number): T {
  return list[d % list.length]!;
}

let agent: FakeAgent;
const drawn = new Map<string, number>();
beforeAll(async () => {
  agent = await FakeAgent.start((req) => {
    if (req.community === 'good') return good(req);
    const name = req.community.split('.')[0]!;
    const kind = KINDS[name];
    if (!kind) return null;
    const n = drawn.get(name) ?? 0;
    drawn.set(name, n + 1);
    return kind.answer(req, draws[n % draws.length]!);
  });
});
afterAll(() => agent?.close());

const ep = (id: string): PolledEndpoint => ({ endpointId: id, host: '127.0.0.1', port: agent.port, snmp: { version: '2c', community: id }, profile });

describe('poller fuzz (fake UDP agent)', () => {
  it('each kind of wrong answer shows its problem; the healthy endpoint keeps answering', async () => {
    const log = new SampleLog();
    const poller = createSnmpPoller({ intervalMs: 50, timeoutMs: 150, retries: 0, onSample: log.onSample, onLog: log.onLog });
    const kinds = Object.keys(KINDS);
    const started = Date.now();
    try {
      // Several endpoints per kind: backed-off bad endpoints are asked less often, together they are asked enough.
      poller.setEndpoints([ep('good'), ...kinds.flatMap((k) => Array.from({ length: PER_KIND }, (_, i) => ep(`${k}.${i}`)))]);
      // Until the agent has given RUNS wrong answers (bad endpoints back off: fewer polls each).
      await log.until(() => [...drawn.values()].reduce((a, b) => a + b, 0) >= RUNS, `${RUNS} wrong answers`, 30_000);
    } finally {
      await poller.close();
    }
    const elapsed = Date.now() - started;
    const healthy = log.of('good');
    expect(healthy.every((s: PollSample) => s.answered && s.error === null)).toBe(true);
    // Polled at its interval throughout, whatever the others did (within a noisy machine's slack).
    expect(healthy.length).toBeGreaterThan(elapsed / 50 / 3);
    for (const [k, { errors }] of Object.entries(KINDS)) {
      const samples = Array.from({ length: PER_KIND }, (_, i) => log.of(`${k}.${i}`)).flat();
      const wrong = samples.filter((s) => !errors.includes(s.error));
      expect(wrong.map((s) => s.error), k).toEqual([]);
      // A bad endpoint shows a problem: an error on its samples (or, for mutated, at least once).
      expect(samples.some((s) => s.error !== null), k).toBe(true);
    }
    // At the wire: every bad endpoint was asked again and again, not once and then hung.
    for (const k of kinds) expect(drawn.get(k) ?? 0, k).toBeGreaterThanOrEqual(5);
    console.log(`poller fuzz: ${JSON.stringify(Object.fromEntries(drawn))} wrong answers in ${elapsed} ms; ${healthy.length} healthy polls`);
  }, 60_000);
});
