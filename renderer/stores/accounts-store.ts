import { create } from 'zustand';
import { mayBeScoped, type SessionInfo, type User } from '../../shared/accounts.js';
import type { ConsoleApi } from '../../shared/api/console-api.js';
import { ApiError, type ApiErrorData } from '../../shared/api/errors.js';
import type { Role } from '../../shared/roles.js';

/**
 * The Accounts view's data (technicians only): every account and every open session, and the
 * changes a technician makes to them. Each change answers with the engine's refusal (or null)
 * and reloads both lists, since one change (disable, reset, delete) also ends sessions.
 */
export interface NewAccount {
  readonly user: string;
  readonly displayName: string;
  readonly role: Role;
  readonly scope: readonly string[];
  readonly password: string;
}

/** A one-time password the technician just set, shown once. */
export interface RevealedPassword {
  readonly user: string;
  readonly password: string;
}

export interface AccountsState {
  readonly users: readonly User[];
  readonly sessions: readonly SessionInfo[];
  readonly loading: boolean;
  readonly error: ApiErrorData | null;
  readonly fetchedAt: number | null;
  readonly revealed: RevealedPassword | null;
  refresh(): Promise<void>;
  create(account: NewAccount): Promise<ApiErrorData | null>;
  setDisabled(user: string, disabled: boolean): Promise<ApiErrorData | null>;
  resetPassword(user: string): Promise<ApiErrorData | null>;
  remove(user: string): Promise<ApiErrorData | null>;
  revoke(sessionId: string): Promise<ApiErrorData | null>;
  dismissRevealed(): void;
}

/** No 0/O, 1/l/I: read off a screen and typed by hand (the engine's first-run alphabet). */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** A random one-time password such as `k7pq-x3md-9vfa-w2ne` (16 random characters, 80 bits). */
export function oneTimePassword(random: (count: number) => readonly number[] = (n) => [...crypto.getRandomValues(new Uint32Array(n))]): string {
  const values = random(16);
  const chars = [...values].map((v) => ALPHABET[v % ALPHABET.length]!);
  return [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join('')).join('-');
}

const asError = (e: unknown): ApiErrorData => (e instanceof ApiError ? e.toData() : { code: 'internal', message: e instanceof Error ? e.message : String(e) });

export function createAccountsStore(api: () => ConsoleApi | null, options: { now?: () => number; password?: () => string } = {}) {
  const now = options.now ?? Date.now;
  const makePassword = options.password ?? (() => oneTimePassword());
  return create<AccountsState>()((set, get) => {
    const act = async (run: (a: ConsoleApi) => Promise<unknown>): Promise<ApiErrorData | null> => {
      const a = api();
      if (!a) return new ApiError('unavailable', 'not connected').toData();
      try {
        await run(a);
        return null;
      } catch (e) {
        return asError(e);
      } finally {
        void get().refresh();
      }
    };
    return {
      users: [],
      sessions: [],
      loading: false,
      error: null,
      fetchedAt: null,
      revealed: null,
      async refresh() {
        const a = api();
        if (!a) return;
        set({ loading: true });
        try {
          const [users, sessions] = await Promise.all([a.call('listUsers', {}), a.call('listSessions', {})]);
          set({ users, sessions, loading: false, error: null, fetchedAt: now() });
        } catch (e) {
          set({ loading: false, error: asError(e) });
        }
      },
      create: (account) =>
        act((a) => a.call('createUser', { ...account, scope: mayBeScoped(account.role) ? [...account.scope] : [] })).then((error) => {
          if (!error) set({ revealed: { user: account.user, password: account.password } });
          return error;
        }),
      setDisabled: (user, disabled) => act((a) => a.call('updateUser', { user, disabled })),
      resetPassword(user) {
        const password = makePassword();
        return act((a) => a.call('setPassword', { user, password })).then((error) => {
          if (!error) set({ revealed: { user, password } });
          return error;
        });
      },
      remove: (user) => act((a) => a.call('deleteUser', { user })),
      revoke: (id) => act((a) => a.call('revokeSession', { id })),
      dismissRevealed: () => set({ revealed: null }),
    };
  });
}

export type AccountsStore = ReturnType<typeof createAccountsStore>;

let accountsApi: ConsoleApi | null = null;

/** Give the app's accounts store its engine API (the console does this after login). */
export function setAccountsApi(api: ConsoleApi | null): void {
  accountsApi = api;
}

export const useAccountsStore: AccountsStore = createAccountsStore(() => accountsApi);
