/**
 * Where a browser keeps its bearer token: sessionStorage, so it lives as long as the tab (a
 * reload keeps the login, closing the tab ends it on this desk) and is never a cookie.
 */
export const TOKEN_KEY = 'bridgepoint.token';

export interface TokenStorage {
  get(): string | null;
  set(token: string): void;
  clear(): void;
}

export function sessionTokenStorage(storage: () => Storage = () => sessionStorage): TokenStorage {
  return {
    get() {
      try {
        return storage().getItem(TOKEN_KEY);
      } catch {
        return null;
      }
    },
    set(token) {
      try {
        storage().setItem(TOKEN_KEY, token);
      } catch {
        // No storage (a locked-down browser): the login lasts until the page is reloaded.
      }
    },
    clear() {
      try {
        storage().removeItem(TOKEN_KEY);
      } catch {
        // nothing kept
      }
    },
  };
}
