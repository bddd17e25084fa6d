import { errorWords } from '../i18n/error-words.js';
import { create } from 'zustand';
import type { ConsoleApi } from '../../shared/api/console-api.js';
import { ApiError } from '../../shared/api/errors.js';
import type { ActionResult, Conference, ConferencesView, Layout } from '../../shared/conference.js';
import { CONTROL_OF, controlKey, isSettled, participantTarget, type ActionKind, type ActionLogEntry, type BulkRun, type BulkWay, type ControlError, type PendingChange } from './conference-pending.js';

/**
 * Conferences and their rosters as the MCU reports them (the `conferences` stream: the whole view
 * on subscribe and after every change), with the operator's actions laid over them.
 *
 * Optimistic, honest: an action shows the requested state at once as a pending change; the change
 * settles (is dropped) when the MCU's own report agrees; a refusal (an ActionResult that is not ok,
 * or a request that throws) drops it at once (the control rolls back to what the MCU reports) and
 * leaves an error beside the control and in the results log. A change the engine accepted but the
 * MCU never reports is dropped after `confirmMs`, with a note: the screen then shows the MCU's view.
 */
export const CONFIRM_MS = 5_000;
export const LOG_LIMIT = 30;

export interface ConferenceState {
  readonly view: ConferencesView | null;
  /** When the last view arrived (ms since epoch). */
  readonly receivedAt: number | null;
  readonly pending: readonly PendingChange[];
  readonly errors: ReadonlyMap<string, ControlError>;
  /** Newest first. */
  readonly log: readonly ActionLogEntry[];
  readonly bulk: BulkRun | null;
  /** The conference the operator looks at (null: the first one). */
  readonly selectedId: string | null;

  receive(view: ConferencesView): void;
  select(conferenceId: string | null): void;
  clearError(key: string): void;
  /** Drop accepted changes the MCU has not confirmed within `confirmMs` (a timer does this). */
  expire(): void;

  mute(conferenceId: string, participantId: string, kind: 'audio' | 'video', muted: boolean, label: string): Promise<void>;
  setLayout(conferenceId: string, participantId: string | null, layout: Layout, label: string): Promise<void>;
  muteAllExceptChair(conferenceId: string, chairParticipantId: string, label: string): Promise<void>;
  disconnect(conferenceId: string, participantId: string, label: string): Promise<void>;
  endConference(conferenceId: string, label: string): Promise<void>;
  dialOut(conferenceId: string, target: { endpointId: string } | { uri: string }, label: string): Promise<void>;
  connectSites(conferenceId: string, by: BulkWay, value: string, siteIds: readonly string[], label: string): Promise<void>;
}

export interface ConferenceStoreOptions {
  readonly now?: () => number;
  readonly confirmMs?: number;
  /** Timer for the confirmation deadline (tests pass their own). */
  readonly setTimer?: (cb: () => void, ms: number) => void;
}

export interface ConferenceStoreHooks {
  readonly api: ConsoleApi | null;
  /** After every action (the audit panel refreshes). */
  readonly afterAction?: () => void;
}

/** A failure in the user's words (the catalogue's), never an exception's English text. */
const message = (e: unknown): string => errorWords(e);
/** A refusal: the MCU's words (a result's error), or the engine's ApiError with its code and params. */
type Failure = string | Pick<ControlError, 'message' | 'code' | 'params'>;
const failure = (e: unknown): Failure => (e instanceof ApiError ? { message: e.message, code: e.code, ...(e.params ? { params: e.params } : {}) } : message(e));
const asError = (f: Failure): Pick<ControlError, 'message' | 'code' | 'params'> => (typeof f === 'string' ? { message: f } : f);

export function createConferenceStore(hooks: () => ConferenceStoreHooks, options: ConferenceStoreOptions = {}) {
  const now = options.now ?? Date.now;
  const confirmMs = options.confirmMs ?? CONFIRM_MS;
  const setTimer = options.setTimer ?? ((cb, ms) => void setTimeout(cb, ms));
  let nextId = 1;

  return create<ConferenceState>()((set, get) => {
    const api = (): ConsoleApi => {
      const a = hooks().api;
      if (!a) throw new Error('not connected to the engine');
      return a;
    };

    const addPending = (changes: Omit<PendingChange, 'id' | 'since' | 'accepted'>[]): number[] => {
      const at = now();
      const made = changes.map((c) => ({ ...c, id: nextId++, since: at, accepted: false }));
      // A newer request for the same control replaces the older one.
      const same = (a: PendingChange, b: PendingChange) => a.conferenceId === b.conferenceId && a.participantId === b.participantId && a.field === b.field;
      const errors = new Map(get().errors);
      for (const c of made) errors.delete(controlKey(c.conferenceId, c.participantId, CONTROL_OF[c.field]));
      set({ pending: [...get().pending.filter((p) => !made.some((m) => same(m, p))), ...made], errors });
      return made.map((m) => m.id);
    };

    /** The engine answered: ok changes wait for the MCU; refused ones roll back with their error. */
    const resolvePending = (ids: readonly number[], failed: ReadonlyMap<number, Failure>): void => {
      const errors = new Map(get().errors);
      const at = now();
      const pending: PendingChange[] = [];
      let accepted = false;
      for (const p of get().pending) {
        if (!ids.includes(p.id)) pending.push(p);
        else if (failed.has(p.id)) errors.set(controlKey(p.conferenceId, p.participantId, CONTROL_OF[p.field]), { kind: 'error', ...asError(failed.get(p.id)!), at });
        else if (!get().view || !isSettled(get().view!, p)) {
          pending.push({ ...p, accepted: true });
          accepted = true;
        }
      }
      set({ pending, errors });
      if (accepted) setTimer(() => get().expire(), confirmMs + 10);
    };

    const setError = (key: string, msg: Failure, partial?: { failed: number; total: number }): void => {
      const errors = new Map(get().errors);
      errors.set(key, partial ? { kind: 'partial', ...asError(msg), ...partial, at: now() } : { kind: 'error', ...asError(msg), at: now() });
      set({ errors });
    };

    const clearErrorKey = (key: string): void => {
      if (!get().errors.has(key)) return;
      const errors = new Map(get().errors);
      errors.delete(key);
      set({ errors });
    };

    const logStart = (action: ActionKind, conferenceId: string, label: string, detail: string | null = null): number => {
      const id = nextId++;
      set({ log: [{ id, at: now(), action, conferenceId, label, detail, results: null, error: null }, ...get().log].slice(0, LOG_LIMIT) });
      return id;
    };

    const logEnd = (id: number, results: readonly ActionResult[] | null, error: string | null): void => {
      set({ log: get().log.map((e) => (e.id === id ? { ...e, results, error } : e)) });
    };

    const after = (): void => hooks().afterAction?.();

    /** One request for one target with one pending change: the common path. */
    const single = async (
      action: ActionKind,
      conferenceId: string,
      label: string,
      detail: string | null,
      change: Omit<PendingChange, 'id' | 'since' | 'accepted'> | null,
      errorKey: string,
      call: () => Promise<ActionResult>,
    ): Promise<void> => {
      const ids = change ? addPending([change]) : [];
      if (!change) clearErrorKey(errorKey);
      const logId = logStart(action, conferenceId, label, detail);
      try {
        const r = await call();
        logEnd(logId, [r], null);
        if (change) resolvePending(ids, r.ok ? new Map() : new Map([[ids[0]!, r.error ?? 'refused']]));
        else if (!r.ok) setError(errorKey, r.error ?? 'refused');
      } catch (e) {
        logEnd(logId, null, message(e));
        if (change) resolvePending(ids, new Map([[ids[0]!, failure(e)]]));
        else setError(errorKey, failure(e));
      } finally {
        after();
      }
    };

    return {
      view: null,
      receivedAt: null,
      pending: [],
      errors: new Map(),
      log: [],
      bulk: null,
      selectedId: null,

      receive(view) {
        const pending = get().pending.filter((p) => !isSettled(view, p));
        set({ view, receivedAt: now(), pending: pending.length === get().pending.length ? get().pending : pending });
      },

      select: (selectedId) => set({ selectedId }),

      clearError: clearErrorKey,

      expire() {
        const at = now();
        const late = get().pending.filter((p) => p.accepted && at - p.since >= confirmMs);
        if (late.length === 0) return;
        const errors = new Map(get().errors);
        for (const p of late) {
          errors.set(controlKey(p.conferenceId, p.participantId, CONTROL_OF[p.field]), { kind: 'unconfirmed', message: `no report from the MCU within ${Math.round(confirmMs / 1000)} s`, at });
        }
        set({ pending: get().pending.filter((p) => !late.includes(p)), errors });
      },

      mute(conferenceId, participantId, kind, muted, label) {
        const field = kind === 'audio' ? 'audioMuted' : 'videoMuted';
        return single(
          'muteParticipant',
          conferenceId,
          label,
          `${kind}:${muted ? 'off' : 'on'}`,
          { conferenceId, participantId, field, value: muted },
          controlKey(conferenceId, participantId, kind),
          () => api().call('muteParticipant', { conferenceId, participantId, [kind]: muted }),
        );
      },

      setLayout(conferenceId, participantId, layout, label) {
        return single(
          'setLayout',
          conferenceId,
          label,
          `layout:${layout}`,
          { conferenceId, participantId, field: 'layout', value: layout },
          controlKey(conferenceId, participantId, 'layout'),
          () => api().call('setLayout', participantId === null ? { conferenceId, layout } : { conferenceId, participantId, layout }),
        );
      },

      disconnect(conferenceId, participantId, label) {
        return single(
          'disconnectParticipant',
          conferenceId,
          label,
          null,
          { conferenceId, participantId, field: 'leaving', value: true },
          controlKey(conferenceId, participantId, 'disconnect'),
          () => api().call('disconnectParticipant', { conferenceId, participantId }),
        );
      },

      endConference(conferenceId, label) {
        return single(
          'endConference',
          conferenceId,
          label,
          null,
          { conferenceId, participantId: null, field: 'ending', value: true },
          controlKey(conferenceId, null, 'end'),
          () => api().call('endConference', { conferenceId }),
        );
      },

      dialOut(conferenceId, target, label) {
        return single('dialOut', conferenceId, label, null, null, controlKey(conferenceId, null, 'dial'), () => api().call('dialOut', { conferenceId, ...target }));
      },

      async muteAllExceptChair(conferenceId, chairParticipantId, label) {
        const conf = get().view?.conferences.find((c) => c.id === conferenceId);
        const others = (conf?.participants ?? []).filter((p) => p.id !== chairParticipantId && p.state !== 'disconnected');
        const ids = addPending(others.map((p) => ({ conferenceId, participantId: p.id, field: 'audioMuted' as const, value: true })));
        const idOf = new Map(others.map((p, i) => [participantTarget(p), ids[i]!]));
        clearErrorKey(controlKey(conferenceId, null, 'muteAll'));
        const logId = logStart('muteAllExceptChair', conferenceId, label);
        try {
          const results = await api().call('muteAllExceptChair', { conferenceId, chairParticipantId });
          logEnd(logId, results, null);
          const failed = new Map<number, string>();
          for (const r of results) {
            const id = idOf.get(r.target);
            if (!r.ok && id !== undefined) failed.set(id, r.error ?? 'refused');
          }
          resolvePending(ids, failed);
          const refused = results.filter((r) => !r.ok);
          if (refused.length > 0) setError(controlKey(conferenceId, null, 'muteAll'), refused[0]!.error ?? 'refused', { failed: refused.length, total: results.length });
        } catch (e) {
          logEnd(logId, null, message(e));
          resolvePending(ids, new Map(ids.map((id) => [id, failure(e)])));
          setError(controlKey(conferenceId, null, 'muteAll'), failure(e));
        } finally {
          after();
        }
      },

      async connectSites(conferenceId, by, value, siteIds, label) {
        const id = nextId++;
        const at = now();
        set({ bulk: { id, conferenceId, by, value, siteIds: [...siteIds], results: null, error: null, at } });
        clearErrorKey(controlKey(conferenceId, null, 'connect'));
        const logId = logStart('connectSites', conferenceId, label);
        const finish = (results: readonly ActionResult[] | null, error: string | null): void => {
          const bulk = get().bulk;
          if (bulk?.id === id) set({ bulk: { ...bulk, results, error } });
        };
        try {
          // Every site in scope goes as the list the operator confirmed (the sites not yet in the call).
          const input = by === 'district' ? { conferenceId, district: value } : by === 'tier' ? { conferenceId, tier: value } : { conferenceId, siteIds: [...siteIds] };
          const results = await api().call('connectSites', input);
          logEnd(logId, results, null);
          finish(results, null);
          const refused = results.filter((r) => !r.ok);
          if (refused.length > 0) setError(controlKey(conferenceId, null, 'connect'), refused[0]!.error ?? 'refused', { failed: refused.length, total: results.length });
        } catch (e) {
          logEnd(logId, null, message(e));
          finish(null, message(e));
          setError(controlKey(conferenceId, null, 'connect'), failure(e));
        } finally {
          after();
        }
      },
    };
  });
}

export type ConferenceStore = ReturnType<typeof createConferenceStore>;

let sessionHooks: ConferenceStoreHooks = { api: null };

/** Give the app's conference store its engine API (the feed does this). */
export function setConferenceHooks(hooks: ConferenceStoreHooks): void {
  sessionHooks = hooks;
}

export const useConferenceStore: ConferenceStore = createConferenceStore(() => sessionHooks);

/** A conference as the screen shows it: the MCU's, or the one chosen. */
export function selectedConference(s: Pick<ConferenceState, 'view' | 'selectedId'>): Conference | null {
  const list = s.view?.conferences ?? [];
  return list.find((c) => c.id === s.selectedId) ?? list[0] ?? null;
}
