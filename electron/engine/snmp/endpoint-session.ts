import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import snmp from 'net-snmp';
import type { SnmpSettings } from '../../../shared/inventory.js';
import { containMessageHandlers } from './contain.js';
import type { FloodLog } from './flood-log.js';
import { RequestIdInUseError, type PollSocket } from './poll-socket.js';

/**
 * One net-snmp session per endpoint, made from its SnmpSettings and reused across polls; its socket
 * is a view of the poller's shared one (poll-socket.ts) when given, else its own.
 *
 * - The host name is resolved once (and again after a failure), so 5,000 endpoints do not cost a
 *   DNS lookup per request, and an unresolvable name is one clear error, not a timeout.
 * - net-snmp's own retries resend the same request id; we create the session with retries 0 and
 *   retry here, so a probe can use one attempt and a full poll several.
 * - A packet net-snmp cannot parse makes the session emit 'error' (uncaught, it would kill the
 *   process) and the request then times out: we listen, count it, and report that timeout as
 *   'malformed response'.
 * - An answer net-snmp parses but that breaks the protocol (a Report PDU to a v1/v2c request, an
 *   unknown PDU type, another version, another number of varbinds) is a 'protocol error'. The
 *   patched library fails the request; should it throw instead, the throw is caught at the socket
 *   (contain.ts) and every request waiting on this session ends as a 'protocol error', so a poll
 *   never hangs on a request the library lost. Lines about bad packets go through a flood log.
 * - net-snmp accepts a reply by request id from any source (and the shared socket routes by request
 *   id); we note replies that come from another address or port than asked, so the poll can report
 *   it (the values are still used: multi-homed agents do this in the field).
 * - On the shared socket a request whose random id another request holds is refused before it
 *   leaves; it is asked again at once with a new id (REISSUES times at most), not counted as an attempt.
 */

export type RequestKind = 'get' | 'getNext';

export type RequestOutcome =
  | { readonly ok: true; readonly varbinds: snmp.Varbind[]; readonly rttMs: number; readonly foreignSource: string | null }
  | {
      readonly ok: false;
      readonly error: string;
      readonly timedOut: boolean;
      /** The agent did answer, with an error (a Report, an error-status): it is up but refuses. */
      readonly fromAgent: boolean;
      readonly detail: string;
    };

export interface SessionOptions {
  readonly timeoutMs: number;
  readonly onLog: (line: string) => void;
  /** Lines about bad packets, rate-limited per kind and source address. */
  readonly flood: FloodLog;
  /** Where the session's socket comes from (a discovery sweep's shared socket); default its own. */
  readonly dgramModule?: snmp.SessionOptions['dgramModule'];
  /** The poller's shared socket (poll-socket.ts): a view of it instead of a socket of its own. */
  readonly pollSocket?: PollSocket;
}

/** Times a request is asked again because its random id was taken on the shared socket (one in 10^5 draws or so). */
const REISSUES = 5;
/** The error of a request refused by the shared socket for its id: asked again, not an attempt. */
const ID_IN_USE = 'request id in use';

const AUTH: Record<NonNullable<Extract<SnmpSettings, { version: '3' }>['authProtocol']>, number> = {
  md5: snmp.AuthProtocols.md5,
  sha: snmp.AuthProtocols.sha,
  sha224: snmp.AuthProtocols.sha224,
  sha256: snmp.AuthProtocols.sha256,
  sha384: snmp.AuthProtocols.sha384,
  sha512: snmp.AuthProtocols.sha512,
};
const PRIV: Record<NonNullable<Extract<SnmpSettings, { version: '3' }>['privProtocol']>, number> = {
  des: snmp.PrivProtocols.des,
  aes: snmp.PrivProtocols.aes,
  aes256b: snmp.PrivProtocols.aes256b,
  aes256r: snmp.PrivProtocols.aes256r,
};

/** net-snmp's v3 user from our settings; the level defaults from which keys are present. */
export function v3User(s: Extract<SnmpSettings, { version: '3' }>): snmp.User {
  const level = s.level ?? (s.privKey ? 'authPriv' : s.authKey ? 'authNoPriv' : 'noAuthNoPriv');
  const user: snmp.User = { name: s.user, level: snmp.SecurityLevel[level] };
  if (level !== 'noAuthNoPriv') {
    user.authProtocol = AUTH[s.authProtocol ?? 'sha'];
    user.authKey = s.authKey ?? '';
  }
  if (level === 'authPriv') {
    user.privProtocol = PRIV[s.privProtocol ?? 'aes'];
    user.privKey = s.privKey ?? '';
  }
  return user;
}

export class EndpointSession {
  private session: snmp.Session | null = null;
  private address: string | null = null;
  private resolving: Promise<string | null> | null = null;
  private closed = false;
  private malformedSeen = 0;
  private lastForeign: string | null = null;
  private lastFrom = '';
  /** Requests of this session still waiting for net-snmp's callback. */
  private readonly waiting = new Set<(o: RequestOutcome) => void>();
  private readonly closedPromise: Promise<void>;
  private markClosed!: () => void;

  constructor(
    readonly label: string,
    private readonly host: string,
    private readonly port: number,
    private readonly settings: SnmpSettings,
    private readonly options: SessionOptions,
  ) {
    this.closedPromise = new Promise((resolve) => (this.markClosed = resolve));
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** SNMPv3: the agent answered the engine discovery (net-snmp holds its engine ID), whatever came after. */
  get v3EngineKnown(): boolean {
    return !!(this.session as unknown as { msgSecurityParameters?: unknown } | null)?.msgSecurityParameters;
  }

  /** One request with `attempts` tries of `timeoutMs` each. Never rejects. */
  async request(kind: RequestKind, oids: string[], attempts: number, onSend?: () => void): Promise<RequestOutcome> {
    let last: RequestOutcome = { ok: false, error: 'timeout', timedOut: true, fromAgent: false, detail: 'no attempt' };
    for (let i = 0, reissued = 0; i < Math.max(1, attempts); i++) {
      const session = await this.ready();
      if (typeof session === 'string') return { ok: false, error: session, timedOut: false, fromAgent: false, detail: session };
      if (i === 0) onSend?.();
      last = await this.once(session, kind, oids);
      if (!last.ok && last.error === ID_IN_USE && reissued++ < REISSUES) {
        i--; // net-snmp draws a new id for the new request
        continue;
      }
      if (last.ok || !last.timedOut) return last;
    }
    return last;
  }

  /** Close the socket once; a second call (or a close during resolution) is harmless. */
  close(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      const s = this.session;
      this.session = null;
      if (!s) this.markClosed();
      else {
        s.once('close', () => this.markClosed());
        try {
          s.close();
        } catch {
          this.markClosed(); // socket already gone
        }
      }
    }
    return this.closedPromise;
  }

  private async ready(): Promise<snmp.Session | string> {
    if (this.closed) return 'closed';
    if (this.session) return this.session;
    if (!this.address) {
      this.resolving ??= this.resolve();
      const address = await this.resolving;
      this.resolving = null;
      if (this.closed) return 'closed';
      if (!address) return 'unresolvable host';
      this.address = address;
    }
    // Several requests of one poll may have waited on the same lookup: open one socket only.
    this.session ??= this.open(this.address);
    return this.session;
  }

  private async resolve(): Promise<string | null> {
    if (isIP(this.host)) return this.host;
    try {
      // IPv4 first: codecs in the field are IPv4, and "localhost" may list ::1 before 127.0.0.1.
      const all = await lookup(this.host, { all: true });
      return (all.find((a) => a.family === 4) ?? all[0])?.address ?? null;
    } catch (e) {
      this.options.onLog(`snmp ${this.label}: cannot resolve "${this.host}" (${(e as NodeJS.ErrnoException).code ?? e})`);
      return null;
    }
  }

  private open(address: string): snmp.Session {
    const options: snmp.SessionOptions = {
      port: this.port,
      retries: 0,
      timeout: this.options.timeoutMs,
      transport: isIP(address) === 6 ? 'udp6' : 'udp4',
      backwardsGetNexts: false,
    };
    const dgramModule = this.options.dgramModule ?? this.options.pollSocket?.moduleFor(address, this.port);
    if (dgramModule) options.dgramModule = dgramModule;
    const s = this.settings;
    const session =
      s.version === '3'
        ? snmp.createV3Session(address, v3User(s), options)
        : snmp.createSession(address, s.community, { ...options, version: s.version === '1' ? snmp.Version1 : snmp.Version2c });
    const { flood } = this.options;
    session.on('error', (err: Error) => {
      this.malformedSeen++;
      flood.line('unreadable packets', this.lastFrom, `snmp ${this.label}: unreadable packet from agent (${err.message})`);
    });
    // net-snmp re-emits socket errors under the error object as event name; listen on the socket.
    session.dgram.on('error', (err) => flood.line('socket errors', this.label, `snmp ${this.label}: socket error ${err.message}`));
    containMessageHandlers(session.dgram, (e, rinfo) => {
      const detail = e instanceof Error ? e.message : String(e);
      flood.line('packets the SNMP library failed on', rinfo.address, `snmp ${this.label}: the SNMP library failed on a packet from ${rinfo.address}:${rinfo.port}: ${detail}`);
      for (const finish of [...this.waiting]) finish({ ok: false, error: 'protocol error', timedOut: false, fromAgent: false, detail });
    });
    session.dgram.prependListener('message', (_buf, rinfo) => {
      this.lastFrom = rinfo.address;
      const foreign = rinfo.address !== address || rinfo.port !== this.port;
      this.lastForeign = foreign ? `${rinfo.address}:${rinfo.port}` : null;
    });
    return session;
  }

  private once(session: snmp.Session, kind: RequestKind, oids: string[]): Promise<RequestOutcome> {
    const started = performance.now();
    const malformedBefore = this.malformedSeen;
    return new Promise((settle) => {
      const resolve = (o: RequestOutcome) => {
        if (this.waiting.delete(resolve)) settle(o);
      };
      this.waiting.add(resolve);
      const done: snmp.ResponseCallback = (err, varbinds) => {
        if (!err) {
          const foreignSource = this.lastForeign;
          resolve({ ok: true, varbinds: varbinds ?? [], rttMs: performance.now() - started, foreignSource });
          return;
        }
        if (err instanceof RequestIdInUseError) {
          resolve({ ok: false, error: ID_IN_USE, timedOut: false, fromAgent: false, detail: err.message });
          return;
        }
        const timedOut = err instanceof snmp.RequestTimedOutError;
        if (timedOut && this.malformedSeen > malformedBefore) {
          resolve({ ok: false, error: 'malformed response', timedOut: false, fromAgent: false, detail: err.message });
        } else {
          resolve({ ok: false, ...classifyError(err), timedOut, detail: err.message });
        }
      };
      try {
        if (kind === 'get') session.get(oids, done);
        else session.getNext(oids, done);
      } catch (e) {
        resolve({ ok: false, ...classifyError(e as Error), timedOut: false, detail: String(e) });
      }
    });
  }
}

/** Answers net-snmp could read but that are no valid answer to what we asked. */
const PROTOCOL_ERRORS = new Set(
  ['EUnexpectedReport', 'EUnknownPduType', 'EVersionNoMatch', 'EReqResOidNoMatch', 'EResponseNotHandled', 'EUnexpectedResponse', 'EBadVarbindList'].map(
    (name) => snmp.ResponseInvalidCode[name],
  ),
);

/** A short, stable error name for a sample (the detail goes to the log), and who gave it. */
export function classifyError(err: Error & { code?: unknown }): { error: string; fromAgent: boolean } {
  if (err instanceof snmp.ResponseInvalidError) {
    const code = err.code;
    const agent = (error: string) => ({ error, fromAgent: true });
    if (code === snmp.ResponseInvalidCode.EAuthFailure) return agent(`authentication failed (${err.message})`);
    if (code === snmp.ResponseInvalidCode.ECouldNotDecrypt) return agent('decryption failed (wrong privacy key?)');
    if (code === snmp.ResponseInvalidCode.ENotInTimeWindow) return agent('not in time window');
    if (code === snmp.ResponseInvalidCode.ECommunityNoMatch) return agent('community mismatch in response');
    if (code !== undefined && PROTOCOL_ERRORS.has(code)) return { error: 'protocol error', fromAgent: false };
    return { error: 'malformed response', fromAgent: false };
  }
  if (err instanceof snmp.RequestFailedError) return { error: `agent error: ${err.message}`, fromAgent: true };
  return { error: transportError(err), fromAgent: false };
}

function transportError(err: Error & { code?: unknown }): string {
  if (err instanceof snmp.RequestTimedOutError) return 'timeout';
  if (err.message === 'Socket forcibly closed') return 'closed';
  switch (err.code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_NONAME':
      return 'unresolvable host';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ECONNREFUSED':
      return 'unreachable host';
    case 'ERR_OSSL_EVP_UNSUPPORTED':
      return 'privacy protocol not supported by this Node.js (DES needs --openssl-legacy-provider; use AES)';
    default:
      return `request failed: ${err.message}`;
  }
}
