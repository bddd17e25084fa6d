import { ApiError, HTTP_STATUS, type ApiErrorData } from '../../../shared/api/errors.js';
import { wireIdleMs, type RequestMeta, type RpcReply, type Unsubscribe } from '../../../shared/api/transport.js';
import type { Identity } from '../../../shared/roles.js';
import type { CallOrigin, EngineApi } from '../../engine/engine-api.js';
import { checkStream } from '../../engine/rpc/dispatch.js';
import { normaliseFingerprint, type PinnedTarget } from './pinned-tls.js';
import { postJson } from './remote-http.js';
import { SessionLink } from './session-link.js';

/** Where the desktop finds the control centre's engine, and the certificate it must present. */
export interface RemoteSetting {
  /** `https://console.lan:8740` */
  readonly url: string;
  /** SHA-256 fingerprint of the server's certificate (as `serve` prints it at start). */
  readonly certSha256: string;
}

/** The setting checked: an https URL and a fingerprint, or an Error naming what is wrong. */
export function remoteTarget(setting: RemoteSetting): PinnedTarget {
  let url: URL;
  try {
    url = new URL(setting.url);
  } catch {
    throw new Error(`remote server "${setting.url}" is not a URL (e.g. https://console.lan:8740)`);
  }
  if (url.protocol !== 'https:') throw new Error(`remote server ${setting.url}: only https is accepted (passwords and tokens cross the network)`);
  const fingerprint = normaliseFingerprint(setting.certSha256);
  if (!fingerprint) {
    throw new Error(`remote server ${setting.url}: the certificate's SHA-256 fingerprint is missing or malformed ("${setting.certSha256}"); serve prints it at start`);
  }
  return { host: url.hostname.replace(/^\[|\]$/g, ''), port: Number(url.port || 443), fingerprint };
}

interface RemoteSession {
  readonly token: string;
  readonly identity: Identity;
  readonly link: SessionLink;
  /** When the window's user last touched it, as its requests said: relayed to the server's idle expiry. */
  userActiveAt: number;
}

/**
 * EngineApi over a remote `bridgepoint serve`: the desktop window talks to main over IPC exactly
 * as with the embedded engine, and main forwards each call over HTTPS and each stream over one
 * WebSocket per login session, every connection pinned to the server's certificate. The remote
 * engine checks roles and scope; this side only keeps the tokens (never given to the renderer).
 */
export class RemoteEngine implements EngineApi {
  private readonly sessions = new Map<string, RemoteSession>();
  private readonly endedListeners = new Set<(sessionId: string) => void>();

  constructor(
    private readonly target: PinnedTarget,
    private readonly now: () => number = Date.now,
  ) {}

  async callAnonymous(_origin: CallOrigin, method: string, input: unknown): Promise<RpcReply> {
    if (method !== 'login') return { ok: false, error: new ApiError('unauthenticated', 'log in first', undefined, { reason: 'no_session' }).toData() };
    const reply = await this.post(method, input, null);
    if (!reply.ok) return reply;
    const result = reply.result as { token?: unknown; identity?: Identity };
    if (typeof result.token !== 'string' || !result.identity?.sessionId) {
      return { ok: false, error: new ApiError('unavailable', 'the remote server answered the login without a session').toData() };
    }
    const { token, identity } = { token: result.token, identity: result.identity };
    const sessionId = identity.sessionId!;
    this.sessions.set(sessionId, { token, identity, link: new SessionLink(this.target, token, () => this.ended(sessionId)), userActiveAt: this.now() });
    return reply;
  }

  /** The session's identity; `meta` moves the user's last activity on, which the next call relays. */
  authenticate(token: string, _origin?: CallOrigin, meta: RequestMeta = {}): Identity | null {
    for (const session of this.sessions.values()) {
      if (session.token !== token) continue;
      session.userActiveAt = Math.max(session.userActiveAt, this.now() - (meta.userIdleMs ?? 0));
      return session.identity;
    }
    return null;
  }

  async call(caller: Identity, method: string, input: unknown): Promise<RpcReply> {
    const session = caller.sessionId ? this.sessions.get(caller.sessionId) : undefined;
    if (!session) return { ok: false, error: new ApiError('unauthenticated', 'the login session has ended', undefined, { reason: 'no_session' }).toData() };
    const reply = await this.post(method, input, session.token, { userIdleMs: this.now() - session.userActiveAt });
    if (method === 'logout' || (!reply.ok && (reply.error as ApiErrorData).code === 'unauthenticated')) this.ended(caller.sessionId!);
    return reply;
  }

  subscribe(caller: Identity, stream: string, listener: (payload: unknown) => void): Unsubscribe {
    checkStream(caller, stream); // the same refusal, at once, as the embedded engine gives
    const session = caller.sessionId ? this.sessions.get(caller.sessionId) : undefined;
    if (!session) throw new ApiError('unauthenticated', 'the login session has ended', undefined, { reason: 'no_session' });
    return session.link.subscribe(stream, listener);
  }

  onSessionEnded(listener: (sessionId: string) => void): Unsubscribe {
    this.endedListeners.add(listener);
    return () => this.endedListeners.delete(listener);
  }

  /** Logs every session out on the server, then closes the links. */
  async close(): Promise<void> {
    const open = [...this.sessions.values()];
    await Promise.allSettled(open.map((s) => this.post('logout', {}, s.token)));
    for (const s of open) this.ended(s.identity.sessionId!);
  }

  private ended(sessionId: string): void {
    const session = this.sessions.get(sessionId);
    if (!session) return;
    this.sessions.delete(sessionId);
    session.link.close();
    for (const listener of [...this.endedListeners]) listener(sessionId);
  }

  /** An RPC over HTTPS as an RpcReply: the server's own error, or `unavailable` when it cannot be reached. */
  private async post(method: string, input: unknown, token: string | null, meta: RequestMeta = {}): Promise<RpcReply> {
    try {
      const answer = await postJson(this.target, `/api/v1/rpc/${encodeURIComponent(method)}`, input, token, wireIdleMs(meta.userIdleMs));
      if (answer.status === 200) return { ok: true, result: answer.body };
      const error = (answer.body as { error?: ApiErrorData } | null)?.error;
      if (error && HTTP_STATUS[error.code] !== undefined) return { ok: false, error };
      return { ok: false, error: new ApiError('unavailable', `the remote server answered ${answer.status}`).toData() };
    } catch (e) {
      return { ok: false, error: (e instanceof ApiError ? e : new ApiError('unavailable', String(e))).toData() };
    }
  }
}
