import { errorWords } from '../i18n/error-words.js';
import { create } from 'zustand';
import type { ConsoleApi } from '../../shared/api/console-api.js';
import type { ApiError } from '../../shared/api/errors.js';
import type { ActionResult } from '../../shared/conference.js';
import type { Attendance, BookingOutcome, Readiness, ScheduledMeeting, ScheduleEvent } from '../../shared/schedule/api.js';
import { useConnectionStore } from './connection-store.js';

/**
 * The schedule as the Day and Week views show it: the meetings of the shown days (`listMeetings`,
 * asked again whenever the `schedule` stream says meetings changed, and after a reconnect), the
 * readiness of each meeting (the stream sends it for meetings within 30 minutes; the board asks
 * `getReadiness` for the one it shows), the start runs with a result per site, and attendance.
 */

export type ScheduleMode = 'day' | 'week';

export interface DayRange {
  /** Local `YYYY-MM-DD`, inclusive. */
  readonly from: string;
  readonly to: string;
}

export interface StartRun {
  readonly meetingId: string;
  readonly conferenceId: string | null;
  /** Targets asked in the request on its way (null: none on its way). */
  readonly inFlight: readonly string[] | 'all' | null;
  /** The latest result per target, across the first start and its retries, in first-seen order. */
  readonly results: readonly ActionResult[];
  /** The request itself failed (no results). */
  readonly error: string | null;
  readonly at: number;
  readonly attempts: number;
}

export interface Loaded<T> {
  readonly data: T | null;
  readonly loading: boolean;
  readonly error: string | null;
  readonly fetchedAt: number | null;
}

export interface ScheduleState {
  /** The day the views are on (local `YYYY-MM-DD`); null until the view knows today. */
  readonly day: string | null;
  readonly mode: ScheduleMode;
  /** The days asked for (the shown day, or its week). */
  readonly range: DayRange | null;
  readonly meetings: readonly ScheduledMeeting[];
  /** The range the meetings are for (they are kept while the next range loads). */
  readonly loadedRange: DayRange | null;
  readonly loading: boolean;
  readonly error: string | null;
  readonly fetchedAt: number | null;
  readonly readiness: ReadonlyMap<string, Readiness>;
  readonly readinessErrors: ReadonlyMap<string, string>;
  readonly selectedId: string | null;
  readonly starts: ReadonlyMap<string, StartRun>;
  readonly attendance: ReadonlyMap<string, Loaded<Attendance>>;

  setDay(day: string): void;
  setMode(mode: ScheduleMode): void;
  /** Ask for the meetings of a range (no request when it is already loaded, unless `force`). */
  show(range: DayRange, force?: boolean): Promise<void>;
  refresh(): Promise<void>;
  receive(event: ScheduleEvent): void;
  select(meetingId: string | null): void;
  fetchReadiness(meetingId: string): Promise<void>;
  /** Dial out a meeting's participants (all, or only `siteIds`: a retry). */
  start(meetingId: string, siteIds?: readonly string[]): Promise<void>;
  fetchAttendance(meetingId: string): Promise<void>;
  /** A booking or edit went through: put the meeting in the list at once (the refetch follows). */
  noteBooked(outcome: BookingOutcome): void;
  reset(): void;
}

/** A failure in the user's words (the catalogue's), never an exception's English text. */
const message = (e: unknown): string => errorWords(e);

export const sameRange = (a: DayRange | null, b: DayRange | null): boolean => !!a && !!b && a.from === b.from && a.to === b.to;

/** The newer of two readiness reports of a meeting (by check time, then by arrival). */
function newer(old: Readiness | undefined, next: Readiness): Readiness {
  if (!old) return next;
  return Date.parse(next.checkedAt) >= Date.parse(old.checkedAt) ? next : old;
}

/** Results of a retry replace those of the same targets; the others keep their place. */
export function mergeResults(old: readonly ActionResult[], next: readonly ActionResult[]): ActionResult[] {
  const byTarget = new Map(next.map((r) => [r.target, r]));
  const merged = old.map((r) => byTarget.get(r.target) ?? r);
  for (const r of next) if (!old.some((o) => o.target === r.target)) merged.push(r);
  return merged;
}

export interface ScheduleStoreOptions {
  readonly now?: () => number;
}

/** Nothing loaded, nothing selected: the store at start and after `reset`. */
function initialState() {
  return {
    day: null,
    mode: 'day' as const,
    range: null,
    meetings: [],
    loadedRange: null,
    loading: false,
    error: null,
    fetchedAt: null,
    readiness: new Map(),
    readinessErrors: new Map(),
    selectedId: null,
    starts: new Map(),
    attendance: new Map(),
  };
}

export function createScheduleStore(api: () => ConsoleApi | null, options: ScheduleStoreOptions = {}) {
  const now = options.now ?? Date.now;
  let seq = 0;

  return create<ScheduleState>()((set, get) => {
    const need = (): ConsoleApi => {
      const a = api();
      if (!a) throw new Error('not connected to the engine');
      return a;
    };

    const setIn = <K extends 'starts' | 'attendance' | 'readiness' | 'readinessErrors'>(key: K, id: string, value: ScheduleState[K] extends ReadonlyMap<string, infer V> ? V | null : never): void => {
      const map = new Map(get()[key] as ReadonlyMap<string, unknown>);
      if (value === null) map.delete(id);
      else map.set(id, value);
      set({ [key]: map } as Partial<ScheduleState>);
    };

    return {
      ...initialState(),

      setDay: (day) => set({ day }),
      setMode: (mode) => set({ mode }),

      async show(range, force = false) {
        if (!force && sameRange(range, get().range) && (get().loading || sameRange(range, get().loadedRange))) return;
        const a = api();
        set({ range });
        if (!a) return;
        const mine = ++seq;
        set({ loading: true });
        try {
          const meetings = await a.call('listMeetings', range.from === range.to ? { from: range.from } : { from: range.from, to: range.to });
          if (mine !== seq) return;
          set({ meetings, loadedRange: range, error: null, fetchedAt: now(), loading: false });
        } catch (e) {
          if (mine !== seq) return;
          set({ error: message(e), loading: false });
        }
      },

      refresh() {
        const range = get().range;
        return range ? get().show(range, true) : Promise.resolve();
      },

      receive(event) {
        if (event.readiness.length) {
          const map = new Map(get().readiness);
          for (const r of event.readiness) map.set(r.meetingId, newer(map.get(r.meetingId), r));
          set({ readiness: map });
        }
        if (event.changed.length) void get().refresh();
      },

      select: (selectedId) => set({ selectedId }),

      async fetchReadiness(meetingId) {
        try {
          const r = await need().call('getReadiness', { meetingId });
          setIn('readiness', meetingId, newer(get().readiness.get(meetingId), r));
          setIn('readinessErrors', meetingId, null);
        } catch (e) {
          setIn('readinessErrors', meetingId, message(e));
        }
      },

      async start(meetingId, siteIds) {
        const old = get().starts.get(meetingId);
        const asked = siteIds ? [...siteIds] : 'all';
        setIn('starts', meetingId, {
          meetingId,
          conferenceId: old?.conferenceId ?? null,
          inFlight: asked,
          results: siteIds ? (old?.results ?? []) : [],
          error: null,
          at: now(),
          attempts: (old?.attempts ?? 0) + 1,
        });
        try {
          const r = await need().call('startMeeting', siteIds ? { meetingId, siteIds: [...siteIds] } : { meetingId });
          const cur = get().starts.get(meetingId)!;
          setIn('starts', meetingId, { ...cur, conferenceId: r.conferenceId ?? cur.conferenceId, inFlight: null, results: mergeResults(cur.results, r.results), at: now() });
        } catch (e) {
          const cur = get().starts.get(meetingId)!;
          setIn('starts', meetingId, { ...cur, inFlight: null, error: message(e), at: now() });
        }
        void get().refresh();
      },

      async fetchAttendance(meetingId) {
        const old = get().attendance.get(meetingId);
        setIn('attendance', meetingId, { data: old?.data ?? null, loading: true, error: null, fetchedAt: old?.fetchedAt ?? null });
        try {
          const data = await need().call('getAttendance', { meetingId });
          setIn('attendance', meetingId, { data, loading: false, error: null, fetchedAt: now() });
        } catch (e) {
          setIn('attendance', meetingId, { data: old?.data ?? null, loading: false, error: message(e), fetchedAt: old?.fetchedAt ?? null });
        }
      },

      noteBooked(outcome) {
        const m = outcome.meeting;
        if (!outcome.ok || !m) return;
        const rest = get().meetings.filter((s) => s.meeting.id !== m.id);
        set({ meetings: [...rest, { meeting: m, occurrences: outcome.occurrences }] });
        void get().refresh();
      },

      reset: () => set(initialState()),
    };
  });
}

export type ScheduleStore = ReturnType<typeof createScheduleStore>;

let scheduleApi: ConsoleApi | null = null;

/** The API the app's schedule store uses (the schedule feed sets it). */
export function scheduleApiOf(): ConsoleApi | null {
  return scheduleApi;
}

export const useScheduleStore: ScheduleStore = createScheduleStore(() => scheduleApi);

export interface ScheduleFeed {
  stop(): void;
}

/**
 * Feeds a schedule store from the `schedule` stream, and gives it (and the booking form) the API.
 * Events naming changed meetings refetch the shown days; so does the link opening again after a
 * loss (the engine may have changed anything meanwhile).
 */
export function startScheduleFeed(api: ConsoleApi, onInvalid?: (e: ApiError) => void, store: ScheduleStore = useScheduleStore): ScheduleFeed {
  if (store === useScheduleStore) scheduleApi = api;
  const off = api.on('schedule', (event) => store.getState().receive(event), onInvalid);
  const offLink = useConnectionStore.subscribe((s, prev) => {
    if (s.link.phase === 'open' && prev.link.phase !== 'open') void store.getState().refresh();
  });
  void store.getState().refresh();
  return {
    stop() {
      off();
      offLink();
      if (store === useScheduleStore) scheduleApi = null;
    },
  };
}
