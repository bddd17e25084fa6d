import type { IdentityView } from '../../shared/accounts.js';
import type { ConsoleApi } from '../../shared/api/console-api.js';
import { ApiError } from '../../shared/api/errors.js';
import type { AuthGateway } from '../../renderer/api/auth-gateway.js';
import type { SelectedTransport } from '../../renderer/api/select-transport.js';

/** A gateway scripted by the test: who may log in, what the engine answers, what the page kept. */
export function fakeGateway(options: { kept?: IdentityView | null; accounts?: Record<string, { password: string; identity: IdentityView }> } = {}) {
  const calls: { method: string; input: unknown }[] = [];
  const links: { ended: () => void; closed: boolean }[] = [];
  let loginError: ApiError | null = null;
  let callError: ApiError | null = null;
  let forgotten = 0;
  const api = {
    async call(method: string, input: unknown) {
      calls.push({ method, input });
      if (callError) throw callError;
      return { ok: true };
    },
    on: () => () => undefined,
  } as unknown as ConsoleApi;
  const gateway: AuthGateway = {
    kind: 'websocket',
    resume: async () => options.kept ?? null,
    async login(user, password) {
      calls.push({ method: 'login', input: { user, password } });
      if (loginError) throw loginError;
      const account = options.accounts?.[user];
      if (!account || account.password !== password) throw new ApiError('unauthenticated', 'wrong user name or password', undefined, { reason: 'credentials' });
      return account.identity;
    },
    api: () => api,
    open() {
      const listeners = new Set<() => void>();
      const link = { ended: () => [...listeners].forEach((l) => l()), closed: false };
      links.push(link);
      return {
        kind: 'websocket',
        transport: { request: async () => ({ ok: true, result: null }), subscribe: () => () => undefined },
        state: { phase: 'open', since: 0, attempt: 0, retryAt: null },
        onState: () => () => undefined,
        onProtocolError: () => () => undefined,
        onSessionEnded(l) {
          listeners.add(l);
          return () => listeners.delete(l);
        },
        close() {
          link.closed = true;
        },
      } satisfies SelectedTransport;
    },
    forget() {
      forgotten += 1;
    },
  };
  return {
    gateway,
    calls,
    links,
    failLogin: (e: ApiError | null) => (loginError = e),
    failCalls: (e: ApiError | null) => (callError = e),
    forgotten: () => forgotten,
  };
}

export const OPERATOR: IdentityView = { user: 'dieuhanh', role: 'operator', displayName: 'Điều hành viên', scope: [], sessionId: 's1', mustChangePassword: false };
export const ADMIN_FIRST: IdentityView = { user: 'admin', role: 'technician', displayName: 'Quản trị hệ thống', scope: [], sessionId: 's2', mustChangePassword: true };
