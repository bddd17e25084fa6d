import { create } from 'zustand';
import type { EndpointStatus } from '../../shared/status.js';
import type { StatusFollowerSink } from '../../shared/status-follower.js';

/**
 * Live endpoint statuses. Deltas arrive faster than screens draw, so they wait in a queue,
 * coalesced per endpoint (latest wins), and land in the store once per animation frame: one
 * store update, one render pass. A snapshot replaces everything at once and drops the queue,
 * which only held older news.
 */
export interface StatusState {
  readonly statuses: ReadonlyMap<string, EndpointStatus>;
  /** True once the first snapshot has been applied. */
  readonly ready: boolean;
  /**
   * What the last batch changed: the statuses it was applied to and the endpoints it touched, so
   * counters can count just those again (null after a snapshot or a clear: count everything).
   */
  readonly changed: StatusChange | null;
  /** When the last snapshot or batch was applied (ms since epoch); null before the first. */
  readonly appliedAt: number | null;
  /** The engine's inventory version (null until the engine says): a change means read the network again. */
  readonly network: string | null;
  setNetwork(version: string): void;
  reset(statuses: readonly EndpointStatus[]): void;
  enqueue(updates: readonly EndpointStatus[], removed: readonly string[]): void;
  /** Apply the queue now (the frame callback does this). */
  flush(): void;
  /** Forget everything (tests, or a change of engine). */
  clear(): void;
}

export interface StatusChange {
  readonly from: ReadonlyMap<string, EndpointStatus>;
  readonly ids: readonly string[];
}

type Scheduler = (cb: () => void) => void;

/** requestAnimationFrame where there is one (read at call time, so tests can stub it). */
const nextFrame: Scheduler = (cb) => {
  const raf = globalThis.requestAnimationFrame as ((cb: FrameRequestCallback) => number) | undefined;
  if (typeof raf === 'function') raf(() => cb());
  else setTimeout(cb, 16);
};

export function createStatusStore(schedule: Scheduler = nextFrame, now: () => number = Date.now) {
  /** endpointId → new status, or null when removed. */
  let queue = new Map<string, EndpointStatus | null>();
  let scheduled = false;

  return create<StatusState>()((set, get) => ({
    statuses: new Map(),
    changed: null,
    ready: false,
    appliedAt: null,
    network: null,
    setNetwork(version) {
      if (version !== get().network) set({ network: version });
    },
    reset(list) {
      queue = new Map();
      set({ statuses: new Map(list.map((s) => [s.endpointId, s])), changed: null, ready: true, appliedAt: now() });
    },
    enqueue(updates, removed) {
      for (const u of updates) queue.set(u.endpointId, u);
      for (const id of removed) queue.set(id, null);
      if (scheduled || queue.size === 0) return;
      scheduled = true;
      schedule(() => {
        scheduled = false;
        get().flush();
      });
    },
    flush() {
      if (queue.size === 0) return;
      const batch = queue;
      queue = new Map();
      const from = get().statuses;
      const next = new Map(from);
      for (const [id, status] of batch) {
        if (status) next.set(id, status);
        else next.delete(id);
      }
      set({ statuses: next, changed: { from, ids: [...batch.keys()] }, appliedAt: now() });
    },
    clear() {
      queue = new Map();
      set({ statuses: new Map(), changed: null, ready: false, appliedAt: null, network: null });
    },
  }));
}

export type StatusStore = ReturnType<typeof createStatusStore>;

export const useStatusStore: StatusStore = createStatusStore();

/** The follower's sink: snapshots reset the store, deltas go through the frame queue. */
export function statusSink(store: StatusStore): StatusFollowerSink {
  return {
    reset: (statuses) => store.getState().reset(statuses),
    apply: (updates, removed) => store.getState().enqueue(updates, removed),
    network: (version) => store.getState().setNetwork(version),
  };
}
