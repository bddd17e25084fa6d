import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { AuthState, AuthStore } from '../../stores/auth-store.js';

const AuthContext = createContext<AuthStore | null>(null);

export function AuthProvider({ store, children }: { readonly store: AuthStore; readonly children: ReactNode }) {
  return <AuthContext.Provider value={store}>{children}</AuthContext.Provider>;
}

/** The auth store of this page, or null when rendered without one (a view tested on its own). */
export function useAuthStore(): AuthStore | null {
  return useContext(AuthContext);
}

const NO_STORE = { getState: () => null, subscribe: () => () => undefined };

/** A value from the auth store; `fallback` when there is none. */
export function useAuth<T>(select: (s: AuthState) => T, fallback: T): T {
  const store = useAuthStore();
  return useStore((store ?? NO_STORE) as AuthStore, (s: AuthState | null) => (s ? select(s) : fallback));
}
