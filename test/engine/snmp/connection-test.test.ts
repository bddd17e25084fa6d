import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEngine, type Engine } from '../../../electron/engine/engine.js';
import { ConnectionTester, failureOf, SYS_DESCR, SYS_OBJECT_ID, SYS_UPTIME } from '../../../electron/engine/snmp/connection-test.js';
import { loadProfiles } from '../../../electron/engine/snmp/profiles.js';
import { ApiError } from '../../../shared/api/errors.js';
import { CONNECTION_TEST_PARAMS, ConnectionTestInputSchema, ConnectionTestResultSchema, type ConnectionTestResult } from '../../../shared/connection-test.js';
import type { Identity } from '../../../shared/roles.js';
import { empty, int, message, octets, oid, response, TAG, varbind, type Request } from './ber.js';
import { FakeAgent, type Reply } from './fake-agent.js';
import { freeUdpPort, Snmpd, V3, V3_MORE } from './snmpd.js';

// "Test connection" (issue 12 item 3): against Debian's snmpd for what a real agent does with
// good and bad settings (v1, v2c, v3 Reports), against a raw UDP agent for what only a
// misbehaving one does, and through the engine for the role, the scope, the audit and the limit.

const profiles = loadProfiles();
const TECH: Identity = { user: 'kythuat', role: 'technician' };
const OTHER_TECH: Identity = { user: 'kythuat-2', role: 'technician' };
const input = (over: Record<string, unknown>) => ConnectionTestInputSchema.parse({ host: '127.0.0.1', snmp: { version: '2c', community: 'public' }, ...over });
const GOOD_V3 = { version: '3', user: V3.user, level: 'authPriv', authProtocol: 'sha', authKey: V3.authKey, privProtocol: 'aes', privKey: V3.privKey } as const;

/** Every failure's params are the ones its catalogue words may use, and the result fits the contract. */
function checked(r: ConnectionTestResult): ConnectionTestResult {
  expect(ConnectionTestResultSchema.parse(r)).toEqual(r);
  expect(r.ok).toBe(r.failure === null);
  if (r.failure) expect(Object.keys(r.failure.params).filter((k) => !CONNECTION_TEST_PARAMS[r.failure!.code].includes(k)), r.failure.code).toEqual([]);
  return r;
}

let snmpd: Snmpd;
let tester: ConnectionTester;
const lines: string[] = [];
beforeAll(async () => {
  snmpd = await Snmpd.start();
  tester = new ConnectionTester({ profiles, timeoutMs: 300, onLog: (l) => lines.push(l) });
});
afterAll(async () => {
  tester?.close();
  await snmpd?.dispose();
});
const run = async (over: Record<string, unknown>, who = TECH) => checked(await tester.test(who, input({ port: snmpd.port, ...over })));

describe('against Debian snmpd', () => {
  it('v2c and v1: sysDescr, sysObjectID, uptime, a round trip, and Net-SNMP suggests generic-mib2', async () => {
    for (const snmp of [{ version: '2c', community: 'public' }, { version: '1', community: 'public' }]) {
      const r = await run({ snmp });
      expect(r, snmp.version).toMatchObject({ ok: true, failure: null, sysObjectID: '1.3.6.1.4.1.8072.3.2.10', suggestedProfile: 'generic-mib2' });
      expect(r.sysDescr).toMatch(/Linux/);
      expect(r.uptimeS).toBeGreaterThanOrEqual(0);
      expect(r.rttMs).toBeGreaterThan(0);
    }
  });

  it('a wrong community gets no answer: host down or wrong community, after 1 s × 2 attempts by default', async () => {
    const r = await run({ snmp: { version: '2c', community: 'not-the-community' } });
    expect(r).toMatchObject({ ok: false, sysDescr: null, failure: { code: 'no_answer', params: { address: '127.0.0.1', port: snmpd.port, attempts: 2, timeoutMs: 300 } } });
    const defaults = new ConnectionTester({ profiles });
    const started = Date.now();
    const d = checked(await defaults.test(TECH, input({ port: snmpd.port, snmp: { version: '1', community: 'nope' } })));
    defaults.close();
    expect(d.failure).toMatchObject({ code: 'no_answer', params: { attempts: 2, timeoutMs: 1000 } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
    expect(Date.now() - started).toBeLessThan(4000);
  });

  it('v3: every level answers; the Reports (unknown user, wrong digest, security level) and a silent wrong privacy key each have their code', async () => {
    expect(await run({ snmp: GOOD_V3 })).toMatchObject({ ok: true, suggestedProfile: 'generic-mib2' });
    expect(await run({ snmp: { version: '3', user: 'bpnoauth' } })).toMatchObject({ ok: true });
    const sha256 = V3_MORE[1];
    expect(await run({ snmp: { version: '3', user: sha256.user, level: 'authNoPriv', authProtocol: 'sha256', authKey: sha256.authKey } })).toMatchObject({ ok: true });

    expect((await run({ snmp: { ...GOOD_V3, user: 'khong-co-ai' } })).failure).toEqual({ code: 'unknown_user', params: { user: 'khong-co-ai' } });
    expect((await run({ snmp: { ...GOOD_V3, authKey: 'not-the-auth-key' } })).failure).toEqual({ code: 'wrong_digest', params: { user: V3.user, authProtocol: 'sha' } });
    expect((await run({ snmp: { ...GOOD_V3, authProtocol: 'md5' } })).failure).toEqual({ code: 'wrong_digest', params: { user: V3.user, authProtocol: 'md5' } });
    // Net-SNMP drops an AES request it cannot decrypt (no usmStatsDecryptionErrors Report), after answering the discovery.
    expect((await run({ snmp: { ...GOOD_V3, privKey: 'not-the-priv-key' } })).failure).toEqual({ code: 'silent_after_discovery', params: { user: V3.user, privProtocol: 'aes' } });
    const aes256 = V3_MORE[2];
    expect((await run({ snmp: { version: '3', user: aes256.user, level: 'authPriv', authProtocol: 'sha512', authKey: aes256.authKey, privProtocol: 'aes', privKey: aes256.privKey } })).failure).toEqual({
      code: 'silent_after_discovery',
      params: { user: aes256.user, privProtocol: 'aes' },
    });
    // bpnoauth has no keys at all: asked with authentication, the agent says the level is not supported.
    expect((await run({ snmp: { version: '3', user: 'bpnoauth', level: 'authNoPriv', authKey: 'whatever-key' } })).failure).toEqual({
      code: 'unsupported_security_level',
      params: { user: 'bpnoauth', level: 'authNoPriv' },
    });
  });

  it('nothing listening: no answer (v3 says so in its own words); an unknown name does not resolve', async () => {
    const closed = await freeUdpPort();
    expect((await run({ port: closed, snmp: GOOD_V3 })).failure).toMatchObject({ code: 'no_answer_v3', params: { address: '127.0.0.1', port: closed } });
    expect((await run({ port: closed })).failure).toMatchObject({ code: 'no_answer' });
    const r = await run({ host: 'khong-co-may-nay.invalid' });
    expect(r.failure).toMatchObject({ code: 'unresolvable_host', params: { host: 'khong-co-may-nay.invalid', why: expect.stringMatching(/^(ENOTFOUND|EAI_AGAIN|EAI_NONAME|timeout)$/) } });
    // A name that resolves is tested at its address.
    expect(await run({ host: 'localhost' })).toMatchObject({ ok: true });
  });

  it('an unknown profile is refused before anything is sent', async () => {
    await expect(tester.test(TECH, input({ port: snmpd.port, profile: 'khong-co' }))).rejects.toMatchObject({ code: 'bad_request', params: { reason: 'unknown_profile', profile: 'khong-co' } });
    expect(await run({ profile: 'polycom-group' })).toMatchObject({ ok: true, suggestedProfile: 'generic-mib2' }); // the choice is the technician's; the suggestion says what fits
  });
});

describe('against a raw UDP agent', () => {
  let agent: FakeAgent;
  const values: Record<string, Buffer> = {
    [SYS_DESCR]: octets('Cisco Codec SoftW: ce9.15.3 MainBoard: 102076'),
    [SYS_OBJECT_ID]: oid('1.3.6.1.4.1.5596.150.6.4.1'),
    [SYS_UPTIME]: int(123456, TAG.TimeTicks),
  };
  const answer = (req: Request, over: Record<string, Buffer> = {}) => response(req.version, req.community, req.reqId, req.oids.map((o) => varbind(o, over[o] ?? values[o] ?? empty(TAG.NoSuchObject))));
  const behaviours: Record<string, (req: Request) => Reply> = {
    good: (req) => answer(req),
    polycom: (req) => answer(req, { [SYS_OBJECT_ID]: oid('1.3.6.1.4.1.13885.101') }),
    unknown: (req) => answer(req, { [SYS_OBJECT_ID]: oid('1.3.6.1.4.1.311.1.1.3') }),
    otherport: (req) => ({ from: 'other-port', packet: answer(req) }),
    nosuch: (req) => answer(req, { [SYS_OBJECT_ID]: empty(TAG.NoSuchObject) }),
    // SNMPv1: the whole GET refused for sysObjectID (noSuchName, index 2); asked again without it.
    v1nosuch: (req) => (req.oids.includes(SYS_OBJECT_ID) ? response(0, req.community, req.reqId, req.oids.map((o) => varbind(o, empty(TAG.Null))), 2, req.oids.indexOf(SYS_OBJECT_ID) + 1) : answer(req)),
    wrongtype: (req) => answer(req, { [SYS_OBJECT_ID]: octets('1.3.6.1.4.1.9') }),
    generr: (req) => response(req.version, req.community, req.reqId, req.oids.map((o) => varbind(o, empty(TAG.Null))), 5, 1),
    garbage: () => Buffer.from([0x30, 0x03, 0x02, 0x01]),
    report: (req) => message(req.version, req.community, TAG.Report, req.reqId, [varbind('1.3.6.1.6.3.15.1.1.3.0', int(1, TAG.Counter))]),
    silent: () => null,
  };
  beforeAll(async () => {
    agent = await FakeAgent.start((req) => behaviours[req.community]?.(req) ?? null);
  });
  afterAll(() => agent?.close());
  const fake = async (community: string, version: '1' | '2c' = '2c', who = TECH) => checked(await tester.test(who, input({ port: agent.port, snmp: { version, community } })));

  it('suggests the profile from sysObjectID: TANDBERG and Polycom enterprises, none for others', async () => {
    expect(await fake('good')).toMatchObject({ ok: true, sysObjectID: '1.3.6.1.4.1.5596.150.6.4.1', suggestedProfile: 'cisco-telepresence', uptimeS: 1234, sysDescr: 'Cisco Codec SoftW: ce9.15.3 MainBoard: 102076' });
    expect(await fake('polycom')).toMatchObject({ ok: true, suggestedProfile: 'polycom-group' });
    expect(await fake('unknown')).toMatchObject({ ok: true, suggestedProfile: null });
  });

  it('an answer from another port is a failure with its values kept', async () => {
    const r = await fake('otherport');
    expect(r).toMatchObject({ ok: false, sysObjectID: '1.3.6.1.4.1.5596.150.6.4.1', failure: { code: 'foreign_source', params: { from: `127.0.0.1:${agent.otherPort}`, expected: `127.0.0.1:${agent.port}` } } });
  });

  it('noSuchObject (v2c) and noSuchName (v1) name the missing object; the others are still read', async () => {
    expect(await fake('nosuch')).toMatchObject({ ok: false, sysObjectID: null, suggestedProfile: null, uptimeS: 1234, failure: { code: 'no_such_object', params: { object: 'sysObjectID', oid: SYS_OBJECT_ID } } });
    const v1 = await fake('v1nosuch', '1');
    expect(v1).toMatchObject({ ok: false, sysDescr: expect.stringMatching(/^Cisco Codec/), uptimeS: 1234, failure: { code: 'no_such_object', params: { object: 'sysObjectID', oid: SYS_OBJECT_ID } } });
    expect(agent.requests.filter((r) => r.community === 'v1nosuch').map((r) => r.oids.length)).toEqual([3, 2]);
  });

  it('a wrong type, an error-status, garbage and a Report to v2c each have their code; silence is no answer', async () => {
    expect((await fake('wrongtype')).failure).toEqual({ code: 'unexpected_value', params: { object: 'sysObjectID', oid: SYS_OBJECT_ID, type: 'OctetString' } });
    expect((await fake('generr')).failure).toEqual({ code: 'agent_error', params: { status: expect.stringMatching(/^GeneralError/) } });
    expect((await fake('garbage')).failure).toMatchObject({ code: 'malformed_response' });
    expect((await fake('report')).failure).toMatchObject({ code: 'protocol_error' });
    expect((await fake('silent')).failure).toMatchObject({ code: 'no_answer', params: { attempts: 2 } });
  });

  it('at most three tests at once per account, a few more in all; a finished one frees its place', async () => {
    const slow = Array.from({ length: 3 }, () => fake('silent'));
    await new Promise((r) => setTimeout(r, 20));
    const refused = await tester.test(TECH, input({ port: agent.port, snmp: { version: '2c', community: 'good' } })).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ApiError);
    expect((refused as ApiError).toData()).toMatchObject({ code: 'too_many_requests', params: { reason: 'connection_tests_busy', max: 3, retryAfterS: 1 } });
    expect(await fake('good', '2c', OTHER_TECH)).toMatchObject({ ok: true }); // another account is not held up
    await Promise.all(slow);
    expect(await fake('good')).toMatchObject({ ok: true });

    const small = new ConnectionTester({ profiles, timeoutMs: 300, total: 2 });
    const two = [TECH, OTHER_TECH].map((who) => small.test(who, input({ port: agent.port, snmp: { version: '2c', community: 'silent' } })));
    await new Promise((r) => setTimeout(r, 20));
    await expect(small.test({ user: 'third', role: 'technician' }, input({ port: agent.port }))).rejects.toMatchObject({ code: 'too_many_requests', params: { max: 2 } });
    await Promise.all(two);
    small.close();
  });

  it('whatever throws inside is an internal result, not an exception', async () => {
    const broken = new Map(profiles);
    broken.values = () => {
      throw new Error('profiles on fire');
    };
    const t = new ConnectionTester({ profiles: broken, timeoutMs: 300 });
    expect(checked(await t.test(TECH, input({ port: agent.port, snmp: { version: '2c', community: 'good' } })))).toMatchObject({ ok: false, failure: { code: 'internal', params: { message: 'profiles on fire' } } });
    t.close();
  });
});

describe('failureOf: each session error as a code', () => {
  const v3 = input({ snmp: { ...GOOD_V3, privProtocol: 'des' } });
  const tries = { attempts: 2, timeoutMs: 1000 };
  const of = (error: string, detail = error, i = v3, known = false) => checked({ ok: false, rttMs: null, sysDescr: null, sysObjectID: null, uptimeS: null, suggestedProfile: null, failure: failureOf({ ok: false, error, timedOut: false, fromAgent: true, detail }, i, '10.0.0.9', tries, known) }).failure;

  it('reads every usmStats Report net-snmp can give, and its own checks of the answer', () => {
    const report = (text: string) => of(`authentication failed (${text})`, text);
    expect(report('Unknown User Name')).toEqual({ code: 'unknown_user', params: { user: V3.user } });
    expect(report('Wrong Digest (incorrect password, community or key)')).toEqual({ code: 'wrong_digest', params: { user: V3.user, authProtocol: 'sha' } });
    expect(report('Decryption Error')).toEqual({ code: 'decryption_error', params: { user: V3.user, privProtocol: 'des' } });
    expect(report('Unsupported Security Level')).toEqual({ code: 'unsupported_security_level', params: { user: V3.user, level: 'authPriv' } });
    expect(report('Not In Time Window')).toEqual({ code: 'not_in_time_window', params: {} });
    expect(report('Unknown Engine ID')).toEqual({ code: 'unknown_engine_id', params: {} });
    // The answer fails our own digest check, or cannot be decrypted, or is out of our time window.
    expect(of('authentication failed (Authentication digest ab received in message does not match cd)')).toMatchObject({ code: 'wrong_digest' });
    expect(of('decryption failed (wrong privacy key?)')).toEqual({ code: 'decryption_error', params: { user: V3.user, privProtocol: 'des' } });
    expect(of('not in time window')).toEqual({ code: 'not_in_time_window', params: {} });
  });

  it('and the transport and agent errors', () => {
    expect(of('privacy protocol not supported by this Node.js (DES needs --openssl-legacy-provider; use AES)')).toEqual({ code: 'privacy_unsupported', params: { privProtocol: 'des' } });
    expect(of('unreachable host')).toEqual({ code: 'unreachable_host', params: { host: '127.0.0.1', address: '10.0.0.9' } });
    expect(of('request failed: send EPERM')).toEqual({ code: 'send_failed', params: { message: 'send EPERM' } });
    expect(of('agent error: AuthorizationError: 1.3.6.1.2.1.1.1.0')).toEqual({ code: 'agent_error', params: { status: 'AuthorizationError: 1.3.6.1.2.1.1.1.0' } });
    expect(of('community mismatch in response')).toMatchObject({ code: 'protocol_error' });
    expect(of('closed')).toEqual({ code: 'internal', params: { message: 'closed' } });
    expect(of('timeout', 'timeout', v3, true)).toEqual({ code: 'silent_after_discovery', params: { user: V3.user, privProtocol: 'des' } });
    expect(of('timeout', 'timeout', v3, false)).toEqual({ code: 'no_answer_v3', params: { address: '10.0.0.9', port: 161, attempts: 2, timeoutMs: 1000 } });
    expect(of('timeout', 'timeout', input({}), true)).toEqual({ code: 'no_answer', params: { address: '10.0.0.9', port: 161, attempts: 2, timeoutMs: 1000 } });
  });
});

describe('through the engine', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await startEngine({ inventoryPath: null, monitoring: false, mcuDriver: null });
  });
  afterAll(() => engine?.close());

  it('technicians only, refused for a scoped account, and every test audited by host:port without its secrets', async () => {
    const ok = await engine.call(TECH, 'testEndpointConnection', { host: '127.0.0.1', port: snmpd.port, snmp: GOOD_V3 });
    expect(ok).toMatchObject({ ok: true, result: { ok: true, suggestedProfile: 'generic-mib2' } });
    const failed = await engine.call(TECH, 'testEndpointConnection', { host: '127.0.0.1', port: snmpd.port, snmp: { ...GOOD_V3, user: 'khong-co-ai' } });
    expect(failed).toMatchObject({ ok: true, result: { ok: false, failure: { code: 'unknown_user' } } });
    const op = await engine.call({ user: 'dieuhanh', role: 'operator' }, 'testEndpointConnection', { host: '10.0.0.1', snmp: { version: '2c', community: 'secret-community-1' } });
    expect(op).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const scoped = await engine.call({ ...TECH, scope: ['ba-be'] }, 'testEndpointConnection', { host: '10.0.0.2', snmp: { version: '2c', community: 'secret-community-2' } });
    expect(scoped).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const bad = await engine.call(TECH, 'testEndpointConnection', { host: '10.0.0.3', snmp: { version: '3', user: 'u', level: 'authPriv', authKey: 'secret-auth-3' } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad_request', details: ['snmp.privKey: required for authPriv'] } });

    const entries = engine.audit.list({ action: 'testEndpointConnection' });
    expect(entries.map((e) => [e.user, e.target, e.targetLabel, e.result, e.error?.code ?? null])).toEqual([
      [TECH.user, 'host:10.0.0.3:161', '10.0.0.3:161', 'failed', 'bad_request'],
      [TECH.user, 'host:10.0.0.2:161', '10.0.0.2:161', 'failed', 'forbidden'],
      ['dieuhanh', 'host:10.0.0.1:161', '10.0.0.1:161', 'failed', 'forbidden'],
      [TECH.user, `host:127.0.0.1:${snmpd.port}`, `127.0.0.1:${snmpd.port}`, 'failed', 'connection_failed'],
      [TECH.user, `host:127.0.0.1:${snmpd.port}`, `127.0.0.1:${snmpd.port}`, 'ok', null],
    ]);
    expect(entries[3]!.error).toEqual({ code: 'connection_failed', params: { failure: 'unknown_user' } });
    expect(JSON.parse(entries[4]!.params)).toEqual({ host: '127.0.0.1', port: snmpd.port, snmp: { version: '3', user: V3.user, level: 'authPriv', authProtocol: 'sha', privProtocol: 'aes' } });
    const all = JSON.stringify(entries);
    for (const secret of [V3.authKey, V3.privKey, 'secret-community-1', 'secret-community-2', 'secret-auth-3']) expect(all).not.toContain(secret);
  });

  it('an IPv6 host is written [address]:port', async () => {
    await engine.call(TECH, 'testEndpointConnection', { host: '::1', port: await freeUdpPort(), snmp: { version: '2c', community: 'public' } });
    expect(engine.audit.list({ action: 'testEndpointConnection', limit: 1 })[0]!.target).toMatch(/^host:\[::1\]:\d+$/);
  });
});
