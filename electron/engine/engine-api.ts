import type { ClientKind, Identity } from '../../shared/roles.js';
import type { RequestMeta, RpcReply, Unsubscribe } from '../../shared/api/transport.js';

/** Where a call comes from, as the transport saw it (for back-off, sessions and the audit log). */
export interface CallOrigin {
  /** A remote address such as `127.0.0.1`, or `desktop` for the Electron window. */
  readonly source: string;
  readonly client: ClientKind;
}

/**
 * What the transports (Electron IPC in electron/main, WebSocket/HTTP in electron/server) see of the
 * engine. Every call names its caller; the engine checks the role and validates the input in one
 * place (rpc-dispatch.ts), so a transport only resolves *who* is calling.
 */
export interface EngineApi {
  /** Never throws: errors come back as `{ ok: false, error: { code, message } }`. */
  call(caller: Identity, method: string, input: unknown): Promise<RpcReply>;
  /**
   * A request without a login session: only the ANONYMOUS_REQUESTS of the contract (login);
   * anything else answers `unauthenticated`. Never throws.
   */
  callAnonymous(origin: CallOrigin, method: string, input: unknown): Promise<RpcReply>;
  /**
   * The identity behind a bearer token, or null when the token is unknown, expired or revoked.
   * A successful lookup pushes the idle expiry back to the user's last activity: `meta.userIdleMs`
   * before now, or now when left out (NOT_USER_ACTIVITY for a check no person asked for).
   */
  authenticate(token: string, origin: CallOrigin, meta?: RequestMeta): Identity | null;
  /** Called with a session's id when it ends (logout, expiry, revoke, user disabled). */
  onSessionEnded(listener: (sessionId: string) => void): Unsubscribe;
  /**
   * Subscribe to an event stream. For `status` the listener gets a snapshot at once, then deltas.
   * Throws ApiError('unknown_method' | 'forbidden') when the stream does not exist or is not allowed.
   */
  subscribe(caller: Identity, stream: string, listener: (payload: unknown) => void): Unsubscribe;
}
