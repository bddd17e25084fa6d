import { create } from 'zustand';
import type { ConsoleApi } from '../../shared/api/console-api.js';
import type { AuditEntry } from '../../shared/audit.js';

/**
 * The audit log of control actions (`listAudit`, newest first), as the session view shows it:
 * asked for when the view opens and again after every action. One request at a time; a refresh
 * asked for while one is on its way runs once it is back, so the last action is always in.
 */
export const AUDIT_FETCH = 50;

export interface AuditState {
  readonly entries: readonly AuditEntry[];
  readonly loading: boolean;
  /** Why the last request failed; cleared by the next answer. */
  readonly error: string | null;
  readonly fetchedAt: number | null;
  refresh(): void;
  clear(): void;
}

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

export function createAuditStore(api: () => ConsoleApi | null, options: { limit?: number; now?: () => number } = {}) {
  const limit = options.limit ?? AUDIT_FETCH;
  const now = options.now ?? Date.now;
  let inFlight = false;
  let again = false;
  return create<AuditState>()((set, get) => ({
    entries: [],
    loading: false,
    error: null,
    fetchedAt: null,
    refresh() {
      const a = api();
      if (!a) return;
      if (inFlight) {
        again = true;
        return;
      }
      inFlight = true;
      set({ loading: true });
      a.call('listAudit', { limit })
        .then(
          (entries) => set({ entries: [...entries].sort((x, y) => y.id - x.id), error: null, fetchedAt: now() }),
          (e: unknown) => set({ error: message(e) }),
        )
        .finally(() => {
          inFlight = false;
          set({ loading: false });
          if (again) {
            again = false;
            get().refresh();
          }
        });
    },
    clear: () => set({ entries: [], loading: false, error: null, fetchedAt: null }),
  }));
}

export type AuditStore = ReturnType<typeof createAuditStore>;

let auditApi: ConsoleApi | null = null;

/** Give the app's audit store its engine API (the conference feed does this). */
export function setAuditApi(api: ConsoleApi | null): void {
  auditApi = api;
}

export const useAuditStore: AuditStore = createAuditStore(() => auditApi);
