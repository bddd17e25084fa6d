import { create } from 'zustand';
import type { ConsoleApi } from '../../shared/api/console-api.js';
import { ApiError, type ApiErrorData } from '../../shared/api/errors.js';
import type { AuditEntry, AuditQuery } from '../../shared/audit.js';
import { endOfLocalDay, parseLocalDate, startOfLocalDay } from '../../shared/schedule/zoned-time.js';

/**
 * The audit log (`listAudit`, newest first): the session view's recent actions, and the audit
 * view with its filters and "show more". One request at a time; a refresh asked for while one is
 * on its way runs once it is back, so the last action is always in.
 */
export const AUDIT_FETCH = 50;

/** The viewer's filters as typed: days are local `YYYY-MM-DD` in the inventory's zone. */
export interface AuditFilters {
  readonly user?: string;
  readonly action?: string;
  readonly result?: 'ok' | 'failed';
  readonly fromDay?: string;
  readonly toDay?: string;
  readonly target?: string;
}

/** The filters as the engine takes them: days to instants ([from, end of to)), blanks dropped. */
export function toQuery(f: AuditFilters, timezone: string): Omit<AuditQuery, 'limit' | 'beforeId'> {
  const q: { -readonly [K in keyof AuditQuery]?: AuditQuery[K] } = {};
  if (f.user?.trim()) q.user = f.user.trim();
  if (f.action) q.action = f.action;
  if (f.result) q.result = f.result;
  if (f.target?.trim()) q.target = f.target.trim();
  const from = f.fromDay ? parseLocalDate(f.fromDay) : null;
  if (from?.ok) q.from = new Date(startOfLocalDay(from.value, timezone)).toISOString();
  const to = f.toDay ? parseLocalDate(f.toDay) : null;
  if (to?.ok) q.to = new Date(endOfLocalDay(to.value, timezone)).toISOString();
  return q;
}

export interface AuditState {
  readonly entries: readonly AuditEntry[];
  readonly loading: boolean;
  /** Why the last request failed; cleared by the next answer. */
  readonly error: ApiErrorData | null;
  readonly fetchedAt: number | null;
  readonly filters: AuditFilters;
  /** The last page was full: there may be older entries. */
  readonly hasMore: boolean;
  refresh(): void;
  /** Older entries under the same filters, appended. */
  loadMore(): void;
  setFilters(filters: AuditFilters, timezone: string): void;
  clear(): void;
}

/** The refusal as data, so the view words it from the catalogue. */
const asErrorData = (e: unknown): ApiErrorData => (e instanceof ApiError ? e.toData() : { code: 'internal', message: e instanceof Error ? e.message : String(e) });

export function createAuditStore(api: () => ConsoleApi | null, options: { limit?: number; now?: () => number } = {}) {
  const limit = options.limit ?? AUDIT_FETCH;
  const now = options.now ?? Date.now;
  let inFlight = false;
  let again = false;
  let query: Omit<AuditQuery, 'limit' | 'beforeId'> = {};
  return create<AuditState>()((set, get) => {
    const fetch = (more: boolean): void => {
      const a = api();
      if (!a) return;
      if (inFlight) {
        if (!more) again = true;
        return;
      }
      inFlight = true;
      set({ loading: true });
      const last = get().entries.at(-1);
      const input = more && last ? { limit, beforeId: last.id, ...query } : { limit, ...query };
      a.call('listAudit', input)
        .then(
          (page) => {
            const sorted = [...page].sort((x, y) => y.id - x.id);
            set({ entries: more ? [...get().entries, ...sorted] : sorted, hasMore: page.length >= limit, error: null, fetchedAt: now() });
          },
          (e: unknown) => set({ error: asErrorData(e) }),
        )
        .finally(() => {
          inFlight = false;
          set({ loading: false });
          if (again) {
            again = false;
            fetch(false);
          }
        });
    };
    return {
      entries: [],
      loading: false,
      error: null,
      fetchedAt: null,
      filters: {},
      hasMore: false,
      refresh: () => fetch(false),
      loadMore: () => fetch(true),
      setFilters(filters, timezone) {
        query = toQuery(filters, timezone);
        set({ filters, entries: [], fetchedAt: null, hasMore: false });
        fetch(false);
      },
      clear: () => set({ entries: [], loading: false, error: null, fetchedAt: null, hasMore: false }),
    };
  });
}

export type AuditStore = ReturnType<typeof createAuditStore>;

let auditApi: ConsoleApi | null = null;

/** Give the app's audit stores their engine API (the conference feed does this). */
export function setAuditApi(api: ConsoleApi | null): void {
  auditApi = api;
}

/** The session view's recent actions. */
export const useAuditStore: AuditStore = createAuditStore(() => auditApi);
/** The audit view: its own filters and pages. */
export const useAuditViewStore: AuditStore = createAuditStore(() => auditApi, { limit: 100 });
