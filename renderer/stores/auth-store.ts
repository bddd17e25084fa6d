import { create } from 'zustand';
import type { IdentityView } from '../../shared/accounts.js';
import { ApiError, type ApiErrorData } from '../../shared/api/errors.js';
import type { AuthGateway } from '../api/auth-gateway.js';
import type { SelectedTransport } from '../api/select-transport.js';
import { useConnectionStore } from './connection-store.js';

/**
 * Who is at this desk. The console (its link, streams and stores) runs only while someone is
 * logged in with a password they chose: `checking` (a kept session is asked about), `login`,
 * `changePassword` (a one-time password must be replaced first), `in`.
 */
export type AuthPhase = 'checking' | 'login' | 'changePassword' | 'in';

/** Why the login page is shown again. */
export type AuthNotice = 'sessionEnded' | 'loggedOut';

/** The console started for a session (console-session.ts startConsole). */
export interface RunningConsole {
  stop(): void;
}

export interface AuthDeps {
  readonly gateway: AuthGateway;
  readonly startConsole: (selected: SelectedTransport) => RunningConsole;
  readonly now?: () => number;
}

export interface AuthState {
  readonly phase: AuthPhase;
  readonly identity: IdentityView | null;
  readonly notice: AuthNotice | null;
  /** The last refusal of a login or password change, as the engine sent it. */
  readonly error: ApiErrorData | null;
  readonly busy: boolean;
  /** Slowed down: no new attempt before this time (ms since epoch). */
  readonly retryAt: number | null;
  /** Ask about a kept session (a reload), then show the console or the login page. */
  start(): Promise<void>;
  login(user: string, password: string): Promise<boolean>;
  changePassword(currentPassword: string, password: string): Promise<boolean>;
  logout(): Promise<void>;
  /** The session ended elsewhere (revoked, expired, account disabled). */
  ended(): void;
  clearError(): void;
}

const asErrorData = (e: unknown): ApiErrorData =>
  e instanceof ApiError ? e.toData() : { code: 'internal', message: e instanceof Error ? e.message : String(e) };

export function createAuthStore(deps: AuthDeps) {
  const now = deps.now ?? Date.now;
  let running: RunningConsole | null = null;
  let selected: SelectedTransport | null = null;

  return create<AuthState>()((set, get) => {
    const stopConsole = (): void => {
      const r = running;
      running = null;
      selected = null;
      r?.stop();
    };

    const leave = (notice: AuthNotice | null): void => {
      stopConsole();
      deps.gateway.forget();
      set({ phase: 'login', identity: null, notice, busy: false, error: null });
    };

    const enter = (identity: IdentityView): void => {
      if (identity.mustChangePassword) {
        set({ phase: 'changePassword', identity, busy: false, error: null });
        return;
      }
      stopConsole();
      const link = deps.gateway.open();
      selected = link;
      link.onSessionEnded(() => {
        if (selected === link) get().ended();
      });
      useConnectionStore.getState().setIdentity(identity);
      running = deps.startConsole(link);
      set({ phase: 'in', identity, notice: null, busy: false, error: null, retryAt: null });
    };

    const refused = (e: unknown): false => {
      const error = asErrorData(e);
      const wait = error.code === 'too_many_requests' ? error.params?.['retryAfterS'] : undefined;
      set({ busy: false, error, retryAt: typeof wait === 'number' && wait > 0 ? now() + wait * 1000 : null });
      return false;
    };

    return {
      phase: 'checking',
      identity: null,
      notice: null,
      error: null,
      busy: false,
      retryAt: null,

      async start() {
        set({ phase: 'checking' });
        try {
          const identity = await deps.gateway.resume();
          if (identity) enter(identity);
          else set({ phase: 'login' });
        } catch (e) {
          set({ phase: 'login', error: asErrorData(e) });
        }
      },

      async login(user, password) {
        const s = get();
        if (s.busy || (s.retryAt !== null && s.retryAt > now())) return false;
        set({ busy: true, error: null, retryAt: null });
        try {
          const identity = await deps.gateway.login(user.trim(), password);
          set({ notice: null });
          enter(identity);
          return true;
        } catch (e) {
          return refused(e);
        }
      },

      async changePassword(currentPassword, password) {
        const identity = get().identity;
        if (!identity || get().busy) return false;
        set({ busy: true, error: null });
        try {
          await deps.gateway.api().call('setPassword', { user: identity.user, password, currentPassword });
          enter({ ...identity, mustChangePassword: false });
          return true;
        } catch (e) {
          if (e instanceof ApiError && e.code === 'unauthenticated') {
            leave('sessionEnded');
            return false;
          }
          return refused(e);
        }
      },

      async logout() {
        const api = deps.gateway.api();
        // Stop listening first: the end of this session is the person's own doing, not news.
        selected = null;
        try {
          await api.call('logout', {});
        } catch {
          // Ended already, or the engine is away: this page forgets the session either way.
        }
        leave('loggedOut');
      },

      ended() {
        if (get().phase === 'login') return;
        leave('sessionEnded');
      },

      clearError: () => set({ error: null, retryAt: null }),
    };
  });
}

export type AuthStore = ReturnType<typeof createAuthStore>;
