import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import type snmp from 'net-snmp';
import { ApiError } from '../../../shared/api/errors.js';
import type { ConnectionTestCode, ConnectionTestFailure, ConnectionTestInput, ConnectionTestResult } from '../../../shared/connection-test.js';
import { suggestProfile, type DeviceProfile } from '../../../shared/device-profile.js';
import type { Identity } from '../../../shared/roles.js';
import { SNMP_TYPE, snmpTypeName, textFromOctets } from '../../../shared/snmp-values.js';
import { EndpointSession, type RequestOutcome } from './endpoint-session.js';
import { createFloodLog, type FloodLog } from './flood-log.js';

/**
 * "Test connection" for the inventory editor: one short-lived session with the settings as typed
 * (1 s timeout, 1 retry, contained as the poller's sessions are: nothing it receives can throw out
 * of here), one GET of sysDescr, sysObjectID and sysUpTime, and a result with a code for every way
 * it can go wrong. A few tests at once per account and a few more in all, so the console is no
 * network scanner; the audit gate records each one (target host:port, never a secret).
 */

export const SYS_DESCR = '1.3.6.1.2.1.1.1.0';
export const SYS_OBJECT_ID = '1.3.6.1.2.1.1.2.0';
export const SYS_UPTIME = '1.3.6.1.2.1.1.3.0';
const OBJECTS: readonly { readonly oid: string; readonly name: string }[] = [
  { oid: SYS_DESCR, name: 'sysDescr' },
  { oid: SYS_OBJECT_ID, name: 'sysObjectID' },
  { oid: SYS_UPTIME, name: 'sysUpTime' },
];

/** The text of net-snmp's Report errors (its UsmStats table, usmStats 1.3.6.1.6.3.15.1.1.N), by our code. */
const USM_REPORTS: Readonly<Record<string, ConnectionTestCode>> = {
  'Unsupported Security Level': 'unsupported_security_level',
  'Not In Time Window': 'not_in_time_window',
  'Unknown User Name': 'unknown_user',
  'Unknown Engine ID': 'unknown_engine_id',
  'Wrong Digest (incorrect password, community or key)': 'wrong_digest',
  'Decryption Error': 'decryption_error',
};

export interface ConnectionTesterOptions {
  readonly profiles: ReadonlyMap<string, DeviceProfile>;
  /** One attempt's timeout (default 1000 ms) and extra attempts (default 1). */
  readonly timeoutMs?: number;
  readonly retries?: number;
  /** Tests at once per account (default 3) and in all (default 8). */
  readonly perCaller?: number;
  readonly total?: number;
  /** Longest wait for a host name to resolve (default 3000 ms). */
  readonly resolveTimeoutMs?: number;
  readonly onLog?: (line: string) => void;
}

export class ConnectionTester {
  private readonly running = new Map<string, number>();
  private inFlight = 0;
  private readonly flood: FloodLog;
  private readonly timeoutMs: number;
  private readonly attempts: number;
  private readonly perCaller: number;
  private readonly total: number;
  private readonly resolveTimeoutMs: number;
  private readonly log: (line: string) => void;

  constructor(private readonly options: ConnectionTesterOptions) {
    this.timeoutMs = options.timeoutMs ?? 1000;
    this.attempts = (options.retries ?? 1) + 1;
    this.perCaller = options.perCaller ?? 3;
    this.total = options.total ?? 8;
    this.resolveTimeoutMs = options.resolveTimeoutMs ?? 3000;
    this.log = options.onLog ?? (() => {});
    this.flood = createFloodLog(this.log, 'snmp test: ');
  }

  /** Refuses (too_many_requests) past the limits; otherwise always a result, never a throw. */
  async test(caller: Identity, input: ConnectionTestInput): Promise<ConnectionTestResult> {
    if (input.profile !== undefined && !this.options.profiles.has(input.profile)) {
      throw new ApiError('bad_request', `unknown profile "${input.profile}" (profiles: ${[...this.options.profiles.keys()].join(', ')})`, undefined, {
        reason: 'unknown_profile',
        profile: input.profile,
      });
    }
    const who = caller.user;
    const mine = this.running.get(who) ?? 0;
    if (mine >= this.perCaller || this.inFlight >= this.total) {
      const max = mine >= this.perCaller ? this.perCaller : this.total;
      throw new ApiError('too_many_requests', `at most ${max} connection tests at once${mine >= this.perCaller ? ' per account' : ''}: wait for one to finish`, undefined, {
        reason: 'connection_tests_busy',
        max,
        retryAfterS: Math.ceil((this.timeoutMs * this.attempts) / 1000),
      });
    }
    this.running.set(who, mine + 1);
    this.inFlight++;
    try {
      return await this.run(input);
    } catch (e) {
      // Contained: whatever went wrong is a result.
      this.log(`snmp test ${input.host}:${input.port}: failed unexpectedly: ${String(e)}`);
      return result({ code: 'internal', params: { message: e instanceof Error ? e.message : String(e) } });
    } finally {
      this.inFlight--;
      const left = (this.running.get(who) ?? 1) - 1;
      if (left > 0) this.running.set(who, left);
      else this.running.delete(who);
    }
  }

  close(): void {
    this.flood.close();
  }

  private async run(input: ConnectionTestInput): Promise<ConnectionTestResult> {
    const { host, port, snmp: settings } = input;
    const resolved = await this.resolve(host);
    if (!resolved.ok) return result({ code: 'unresolvable_host', params: { host, why: resolved.why } });
    const address = resolved.address;
    const session = new EndpointSession(`test ${host}:${port}`, address, port, settings, { timeoutMs: this.timeoutMs, onLog: this.log, flood: this.flood });
    try {
      const values = new Map<string, snmp.Varbind>();
      let failure: ConnectionTestFailure | null = null;
      let rttMs: number | null = null;
      let foreign: string | null = null;
      let asked = OBJECTS.map((o) => o.oid);
      // SNMPv1 refuses the whole GET for one missing object (noSuchName): ask again without it.
      for (let round = 0; round < OBJECTS.length && asked.length > 0; round++) {
        const out: RequestOutcome = await session.request('get', asked, this.attempts);
        if (out.ok) {
          rttMs = Math.round(out.rttMs * 10) / 10;
          foreign = out.foreignSource;
          asked.forEach((oid, i) => {
            const vb = out.varbinds[i];
            if (vb) values.set(oid, vb);
          });
          break;
        }
        const missing = /^agent error: NoSuchName: (\S+)/.exec(out.error)?.[1];
        if (missing && asked.includes(missing)) {
          failure ??= { code: 'no_such_object', params: { object: nameOf(missing), oid: missing } };
          asked = asked.filter((o) => o !== missing);
          continue;
        }
        return result(failureOf(out, input, address, { attempts: this.attempts, timeoutMs: this.timeoutMs }, session.v3EngineKnown));
      }
      const read = readSystem(values);
      failure ??= read.failure;
      if (foreign) failure = { code: 'foreign_source', params: { from: foreign, expected: `${isIP(address) === 6 ? `[${address}]` : address}:${port}` } };
      return {
        ok: failure === null,
        rttMs,
        sysDescr: read.sysDescr,
        sysObjectID: read.sysObjectID,
        uptimeS: read.uptimeS,
        suggestedProfile: suggestProfile(this.options.profiles.values(), read.sysObjectID),
        failure,
      };
    } finally {
      await session.close();
    }
  }

  /** IPv4 first, as the poller's sessions do; a name that does not resolve in time is a result too. */
  private async resolve(host: string): Promise<{ ok: true; address: string } | { ok: false; why: string }> {
    if (isIP(host)) return { ok: true, address: host };
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<{ ok: false; why: string }>((resolve) => {
      timer = setTimeout(() => resolve({ ok: false, why: 'timeout' }), this.resolveTimeoutMs);
    });
    const lookedUp = lookup(host, { all: true }).then(
      (all) => {
        const a = all.find((x) => x.family === 4) ?? all[0];
        return a ? { ok: true as const, address: a.address } : { ok: false as const, why: 'no address' };
      },
      (e: NodeJS.ErrnoException) => ({ ok: false as const, why: String(e.code ?? e.message) }),
    );
    try {
      return await Promise.race([lookedUp, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}

function result(failure: ConnectionTestFailure): ConnectionTestResult {
  return { ok: false, rttMs: null, sysDescr: null, sysObjectID: null, uptimeS: null, suggestedProfile: null, failure };
}

const nameOf = (oid: string): string => OBJECTS.find((o) => o.oid === oid)?.name ?? oid;

/** A request that got no values: what the session's error means for the technician (exported for tests). */
export function failureOf(
  out: Extract<RequestOutcome, { ok: false }>,
  input: ConnectionTestInput,
  address: string,
  tries: { attempts: number; timeoutMs: number },
  engineKnown: boolean,
): ConnectionTestFailure {
  const s = input.snmp;
  const v3 = s.version === '3' ? s : null;
  const level = v3 ? (v3.level ?? (v3.privKey ? 'authPriv' : v3.authKey ? 'authNoPriv' : 'noAuthNoPriv')) : null;
  const user = v3?.user ?? null;
  const err = out.error;
  if (err === 'timeout') {
    if (v3 && level === 'authPriv' && engineKnown) return { code: 'silent_after_discovery', params: { user, privProtocol: v3.privProtocol ?? 'aes' } };
    return { code: v3 ? 'no_answer_v3' : 'no_answer', params: { address, port: input.port, ...tries } };
  }
  if (err === 'unresolvable host') return { code: 'unresolvable_host', params: { host: input.host, why: out.detail } };
  if (err === 'unreachable host') return { code: 'unreachable_host', params: { host: input.host, address } };
  if (err === 'malformed response') return { code: 'malformed_response', params: {} };
  if (err === 'protocol error' || err === 'community mismatch in response') return { code: 'protocol_error', params: { detail: out.detail } };
  if (err.startsWith('privacy protocol not supported')) return { code: 'privacy_unsupported', params: { privProtocol: v3?.privProtocol ?? 'aes' } };
  if (err === 'not in time window') return { code: 'not_in_time_window', params: {} };
  if (err.startsWith('decryption failed')) return { code: 'decryption_error', params: { user, privProtocol: v3?.privProtocol ?? 'aes' } };
  if (err.startsWith('authentication failed')) {
    const report = USM_REPORTS[out.detail];
    // Without a Report, the answer failed our own digest check: the keys do not match either.
    const code = report ?? 'wrong_digest';
    const params: Record<string, string | null> = code === 'not_in_time_window' || code === 'unknown_engine_id' ? {} : { user };
    if (code === 'wrong_digest') params['authProtocol'] = v3?.authProtocol ?? 'sha';
    if (code === 'decryption_error') params['privProtocol'] = v3?.privProtocol ?? 'aes';
    if (code === 'unsupported_security_level') params['level'] = level;
    return { code, params };
  }
  if (err.startsWith('agent error: ')) return { code: 'agent_error', params: { status: err.slice('agent error: '.length) } };
  if (err.startsWith('request failed: ')) return { code: 'send_failed', params: { message: err.slice('request failed: '.length) } };
  return { code: 'internal', params: { message: err } };
}

/** The three values, type-checked; the first thing wrong with them is the failure. */
function readSystem(values: ReadonlyMap<string, snmp.Varbind>): { sysDescr: string | null; sysObjectID: string | null; uptimeS: number | null; failure: ConnectionTestFailure | null } {
  let failure: ConnectionTestFailure | null = null;
  const fail = (f: ConnectionTestFailure) => {
    failure ??= f;
  };
  const get = (oid: string, type: number): unknown => {
    const vb = values.get(oid);
    if (!vb) return null; // refused with noSuchName: already the failure
    if (vb.type === SNMP_TYPE.NoSuchObject || vb.type === SNMP_TYPE.NoSuchInstance || vb.type === SNMP_TYPE.EndOfMibView) {
      fail({ code: 'no_such_object', params: { object: nameOf(oid), oid } });
      return null;
    }
    if (vb.type !== type) {
      fail({ code: 'unexpected_value', params: { object: nameOf(oid), oid, type: snmpTypeName(vb.type) } });
      return null;
    }
    return vb.value;
  };
  const descr = get(SYS_DESCR, SNMP_TYPE.OctetString);
  const objectId = get(SYS_OBJECT_ID, SNMP_TYPE.OID);
  const ticks = get(SYS_UPTIME, SNMP_TYPE.TimeTicks);
  return {
    sysDescr: typeof descr === 'string' || descr instanceof Uint8Array ? textFromOctets(descr).text : null,
    sysObjectID: typeof objectId === 'string' && /^\d+(\.\d+)*$/.test(objectId) ? objectId : null,
    uptimeS: typeof ticks === 'number' ? Math.floor(ticks / 100) : null,
    failure,
  };
}
