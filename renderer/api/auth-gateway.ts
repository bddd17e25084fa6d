import type { IdentityView } from '../../shared/accounts.js';
import { createConsoleApi, type ConsoleApi } from '../../shared/api/console-api.js';
import { ApiError } from '../../shared/api/errors.js';
import type { Unsubscribe } from '../../shared/api/transport.js';
import { createHttpTransport } from './http-transport.js';
import { openTransport, type ConsoleHost, type SelectedTransport } from './select-transport.js';
import { sessionTokenStorage, type TokenStorage } from './token-storage.js';

/**
 * How this page logs in, whichever the host. The browser logs in over HTTP, keeps the token in
 * sessionStorage and offers it on the WebSocket; the desktop window logs in over IPC and main
 * keeps the token for it. Either way the rest of the console sees a SelectedTransport.
 */
export interface AuthGateway {
  readonly kind: 'ipc' | 'websocket';
  /** The session this page already has (a reload): its identity, or null (none, or it ended). */
  resume(): Promise<IdentityView | null>;
  /** Throws the engine's ApiError (credentials, too_many_requests, unavailable). */
  login(user: string, password: string): Promise<IdentityView>;
  /** Calls made outside the console's link: changing a one-time password, logging out. */
  api(): ConsoleApi;
  /** The link of the logged-in console; its onSessionEnded fires once when the session ends. */
  open(): SelectedTransport;
  /** Drop what this page keeps of the session (the browser's token). */
  forget(): void;
}

const isUnauthenticated = (e: unknown): boolean => e instanceof ApiError && e.code === 'unauthenticated';

export function desktopGateway(preload: Extract<ConsoleHost, { kind: 'ipc' }>['preload']): AuthGateway {
  const api = createConsoleApi(preload);
  const host: ConsoleHost = { kind: 'ipc', preload };
  return {
    kind: 'ipc',
    async resume() {
      try {
        return await api.call('whoami', {});
      } catch (e) {
        if (isUnauthenticated(e)) return null;
        throw e;
      }
    },
    async login(user, password) {
      return (await api.call('login', { user, password })).identity;
    },
    api: () => api,
    open: () => openTransport(host, null),
    forget: () => undefined,
  };
}

export interface BrowserGatewayOptions {
  readonly storage?: TokenStorage;
  readonly fetch?: typeof fetch;
  /** Opens the WebSocket transport (tests put a fake one here). */
  readonly openTransport?: (host: ConsoleHost, token: string | null) => SelectedTransport;
}

export function browserGateway(host: Extract<ConsoleHost, { kind: 'websocket' }>, options: BrowserGatewayOptions = {}): AuthGateway {
  const storage = options.storage ?? sessionTokenStorage();
  const open = options.openTransport ?? openTransport;
  const apiWith = (token: string | null): ConsoleApi => createConsoleApi(createHttpTransport({ base: host.base, token, fetch: options.fetch }));

  /** true: the session holds; false: the engine says it ended; null: the engine does not answer. */
  const stillValid = async (token: string): Promise<boolean | null> => {
    try {
      await apiWith(token).call('whoami', {});
      return true;
    } catch (e) {
      return isUnauthenticated(e) ? false : null;
    }
  };

  return {
    kind: 'websocket',
    async resume() {
      const token = storage.get();
      if (!token) return null;
      try {
        return await apiWith(token).call('whoami', {});
      } catch (e) {
        storage.clear();
        if (isUnauthenticated(e)) return null;
        throw e;
      }
    },
    async login(user, password) {
      const result = await apiWith(null).call('login', { user, password, client: 'browser' });
      storage.set(result.token);
      return result.identity;
    },
    api: () => apiWith(storage.get()),
    open() {
      const token = storage.get();
      const selected = open(host, token);
      const listeners = new Set<() => void>();
      let ended = false;
      const end = (): void => {
        if (ended) return;
        ended = true;
        for (const l of [...listeners]) l();
      };
      const offEnded = selected.onSessionEnded(end);
      // A refused upgrade looks like any lost link to a browser: ask over HTTP whether the session
      // still holds (it may have expired or been revoked while the link was down).
      let probing = false;
      const offState = selected.onState((s) => {
        if (s.phase !== 'closed' || probing || ended || !token) return;
        probing = true;
        void stillValid(token).then((valid) => {
          probing = false;
          if (valid === false) end();
        });
      });
      const stop: Unsubscribe = () => {
        offEnded();
        offState();
      };
      return {
        kind: selected.kind,
        transport: selected.transport,
        get state() {
          return selected.state;
        },
        onState: (l) => selected.onState(l),
        onProtocolError: (l) => selected.onProtocolError(l),
        onSessionEnded(listener) {
          listeners.add(listener);
          return () => listeners.delete(listener);
        },
        close() {
          ended = true;
          stop();
          selected.close();
        },
      };
    },
    forget: () => storage.clear(),
  };
}

export function gatewayFor(host: ConsoleHost): AuthGateway {
  return host.kind === 'ipc' ? desktopGateway(host.preload) : browserGateway(host);
}
