import { ApiError } from '../../shared/api/errors.js';
import type { RequestMeta, RpcReply, Unsubscribe } from '../../shared/api/transport.js';
import type { Identity } from '../../shared/roles.js';
import type { CallOrigin, EngineApi } from '../../electron/engine/engine-api.js';

export const TECH: Identity = { user: 'kythuat', role: 'technician', sessionId: 's-tech' };
export const OPERATOR: Identity = { user: 'dieuhanh', role: 'operator', sessionId: 's-op' };
export const TECH_TOKEN = 'tok-tech-0123456789abcdef0123456789abcdef';
export const OPERATOR_TOKEN = 'tok-op-0123456789abcdef0123456789abcdef';
export const PASSWORD = 'đúng-mật-khẩu';

/** An EngineApi with sessions in a map: login, revoke and the session-ended notice, as tests need them. */
export interface FakeAuthEngine extends EngineApi {
  readonly tokens: Map<string, Identity>;
  /** Every origin the transport passed to authenticate / callAnonymous. */
  readonly origins: CallOrigin[];
  /** What each authenticate was told of the user's activity (undefined: nothing). */
  readonly activity: (RequestMeta | undefined)[];
  readonly calls: { caller: Identity; method: string; input: unknown }[];
  /** Revoke: the token stops working and session-ended listeners are told. */
  endSession(sessionId: string): void;
}

/**
 * Sessions around an inner engine's `call` and `subscribe` (the real engine, or the tiny one
 * below): the accounts service is built elsewhere, the server only needs this interface.
 */
export function withFakeAuth(inner: Pick<EngineApi, 'call' | 'subscribe'> = tinyEngine()): FakeAuthEngine {
  const tokens = new Map<string, Identity>([
    [TECH_TOKEN, TECH],
    [OPERATOR_TOKEN, OPERATOR],
  ]);
  const listeners = new Set<(id: string) => void>();
  const origins: CallOrigin[] = [];
  const activity: (RequestMeta | undefined)[] = [];
  const calls: FakeAuthEngine['calls'] = [];
  let logins = 0;
  return {
    tokens,
    origins,
    activity,
    calls,
    call(caller, method, input) {
      calls.push({ caller, method, input });
      return inner.call(caller, method, input);
    },
    subscribe: (caller, stream, listener) => inner.subscribe(caller, stream, listener),
    async callAnonymous(origin, method, input) {
      origins.push(origin);
      if (method !== 'login') return { ok: false, error: new ApiError('unauthenticated', 'log in first').toData() };
      const { user, password } = (input ?? {}) as { user?: unknown; password?: unknown };
      if (user !== 'dieuhanh' || password !== PASSWORD) return { ok: false, error: new ApiError('unauthenticated', 'wrong user or password').toData() };
      const token = `tok-login-${++logins}-0123456789abcdef`;
      const identity: Identity = { ...OPERATOR, sessionId: `s-login-${logins}`, source: origin.source, client: origin.client };
      tokens.set(token, identity);
      return { ok: true, result: { token, identity } };
    },
    authenticate(token, origin, meta) {
      origins.push(origin);
      activity.push(meta);
      return tokens.get(token) ?? null;
    },
    onSessionEnded(listener): Unsubscribe {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    endSession(sessionId) {
      for (const [token, id] of tokens) if (id.sessionId === sessionId) tokens.delete(token);
      for (const l of listeners) l(sessionId);
    },
  };
}

/**
 * A few requests and a `status` stream, enough to exercise the transport: whoami, getHealth,
 * echo (answers its input), slow (answers after `ms`), and anything else `unknown_method`.
 */
export function tinyEngine(): Pick<EngineApi, 'call' | 'subscribe'> & { emit(payload: unknown): void } {
  const subscribers = new Set<(payload: unknown) => void>();
  return {
    async call(caller, method, input): Promise<RpcReply> {
      if (method === 'whoami') return { ok: true, result: { user: caller.user, role: caller.role } };
      if (method === 'getHealth') return { ok: true, result: { ok: true, version: '0.0.0', endpoints: 0, mcu: 'none' } };
      if (method === 'echo') return { ok: true, result: input };
      if (method === 'slow') {
        await new Promise((r) => setTimeout(r, (input as { ms?: number } | null)?.ms ?? 200));
        return { ok: true, result: 'done' };
      }
      return { ok: false, error: new ApiError('unknown_method', `unknown request "${method}"`).toData() };
    },
    subscribe(_caller, stream, listener) {
      if (stream !== 'status') throw new ApiError('unknown_method', `unknown stream "${stream}"`);
      subscribers.add(listener);
      listener({ kind: 'snapshot', seq: 0 });
      return () => subscribers.delete(listener);
    },
    emit(payload) {
      for (const l of subscribers) l(payload);
    },
  };
}
