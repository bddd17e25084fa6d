import { create } from 'zustand';
import type { EngineEvent } from '../../shared/events.js';

/**
 * The engine's event log as the console holds it, apart from the status store (one store per
 * concern). Two bounded lists, each newest first by event id (the engine's own order; `at` is the
 * measurement time and may lag a little):
 * - `recent`: the last events of the whole network (`listEvents` on connect, then the `events`
 *   stream), for the ticker and the "behind which site" look-up;
 * - `site`: the selected site's events (`listEvents({siteId})` on selection, then live ones).
 * A list that arrives while live events are already coming is merged with them by id. Live events
 * come in bursts (a district going dark is dozens at once), so they wait in a queue and land once
 * per animation frame, like status deltas.
 */
export const RECENT_LIMIT = 300;
export const SITE_LIMIT = 50;

export interface SiteEvents {
  readonly siteId: string | null;
  readonly events: readonly EngineEvent[];
  /** The selection's `listEvents` is on its way. */
  readonly loading: boolean;
  /** Why it failed; null when it did not. */
  readonly error: string | null;
}

export interface EventsState {
  readonly recent: readonly EngineEvent[];
  readonly site: SiteEvents;
  /** A live event from the stream (applied with the next frame). */
  add(event: EngineEvent): void;
  /** Apply the queued live events now (the frame callback does this). */
  flush(): void;
  /** Forget the network's list before asking for it again (a new link may mean a new engine). */
  beginRecent(): void;
  loadedRecent(events: readonly EngineEvent[]): void;
  /** A new selection: its list is on its way (null: nothing selected). */
  beginSite(siteId: string | null): void;
  /** The selection's list; ignored when the selection has moved on meanwhile. */
  loadedSite(siteId: string, events: readonly EngineEvent[]): void;
  failSite(siteId: string, message: string): void;
  clear(): void;
}

/** Union by id, newest (highest id) first, at most `limit`. */
export function mergeEvents(a: readonly EngineEvent[], b: readonly EngineEvent[], limit: number): EngineEvent[] {
  const byId = new Map<number, EngineEvent>();
  for (const e of a) byId.set(e.id, e);
  for (const e of b) byId.set(e.id, e);
  return [...byId.values()].sort((x, y) => y.id - x.id).slice(0, limit);
}

/** Puts one event in a newest-first list (usually at the front), bounded. */
function insert(list: readonly EngineEvent[], event: EngineEvent, limit: number): readonly EngineEvent[] {
  if (list.length === 0 || event.id > list[0]!.id) return [event, ...list.slice(0, limit - 1)];
  if (list.some((e) => e.id === event.id)) return list;
  return mergeEvents(list, [event], limit);
}

const NO_SITE: SiteEvents = { siteId: null, events: [], loading: false, error: null };

type Scheduler = (cb: () => void) => void;

/** requestAnimationFrame where there is one (read at call time, so tests can stub it). */
const nextFrame: Scheduler = (cb) => {
  const raf = globalThis.requestAnimationFrame as ((cb: FrameRequestCallback) => number) | undefined;
  if (typeof raf === 'function') raf(() => cb());
  else setTimeout(cb, 16);
};

export function createEventsStore(limits: { recent?: number; site?: number } = {}, schedule: Scheduler = nextFrame) {
  const recentLimit = limits.recent ?? RECENT_LIMIT;
  const siteLimit = limits.site ?? SITE_LIMIT;
  let queue: EngineEvent[] = [];
  let scheduled = false;
  return create<EventsState>()((set, get) => ({
    recent: [],
    site: NO_SITE,
    add(event) {
      queue.push(event);
      if (scheduled) return;
      scheduled = true;
      schedule(() => {
        scheduled = false;
        get().flush();
      });
    },
    flush() {
      if (queue.length === 0) return;
      const batch = queue;
      queue = [];
      let { recent, site } = get();
      for (const event of batch) {
        recent = insert(recent, event, recentLimit);
        if (site.siteId !== null && event.siteId === site.siteId) site = { ...site, events: insert(site.events, event, siteLimit) };
      }
      set({ recent, site });
    },
    beginRecent() {
      queue = [];
      set({ recent: [] });
    },
    loadedRecent: (events) => {
      get().flush();
      set({ recent: mergeEvents(get().recent, events, recentLimit) });
    },
    beginSite: (siteId) => {
      get().flush();
      set({ site: siteId === null ? NO_SITE : { siteId, events: [], loading: true, error: null } });
    },
    loadedSite(siteId, events) {
      get().flush();
      const site = get().site;
      if (site.siteId !== siteId) return;
      set({ site: { siteId, events: mergeEvents(site.events, events, siteLimit), loading: false, error: null } });
    },
    failSite(siteId, message) {
      const site = get().site;
      if (site.siteId !== siteId) return;
      set({ site: { ...site, loading: false, error: message } });
    },
    clear: () => {
      queue = [];
      set({ recent: [], site: NO_SITE });
    },
  }));
}

export type EventsStore = ReturnType<typeof createEventsStore>;

export const useEventsStore: EventsStore = createEventsStore();

/** The latest `unreachable` event of an endpoint in the lists given (each newest first). */
export function latestUnreachable(endpointId: string, ...lists: readonly (readonly EngineEvent[])[]): EngineEvent | null {
  let best: EngineEvent | null = null;
  for (const list of lists) {
    const e = list.find((x) => x.code === 'unreachable' && x.endpointId === endpointId);
    if (e && (!best || e.id > best.id)) best = e;
  }
  return best;
}
