import { useMemo, useSyncExternalStore } from 'react';
import type { StateCounts } from '../../shared/endpoint-state.js';
import { LiveCounts } from '../../shared/live-counts.js';
import type { EndpointStatus } from '../../shared/status.js';
import { useStatusStore, type StatusState, type StatusStore } from './status-store.js';

/**
 * The counts of an endpoint list (shared/live-counts.ts) following the status store: each batch
 * the store applies names the endpoints it changed and the statuses it was applied to, so when
 * those are the statuses last counted only the changed endpoints are counted again; anything
 * else (a snapshot, a missed batch) counts the list in full. One follower per list, shared by
 * every component showing it.
 */
class FollowedCounts {
  private live: LiveCounts | null = null;
  private seen: ReadonlyMap<string, EndpointStatus> | null = null;
  private readonly listeners = new Set<() => void>();
  private off: (() => void) | null = null;

  constructor(
    private readonly endpointIds: readonly string[],
    private readonly store: StatusStore,
  ) {}

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    this.off ??= this.store.subscribe((s) => {
      const before = this.live?.counts;
      if (this.follow(s) !== before) for (const l of this.listeners) l();
    });
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) {
        this.off?.();
        this.off = null;
      }
    };
  };

  readonly get = (): StateCounts => this.follow(this.store.getState());

  private follow(s: StatusState): StateCounts {
    if (this.live && s.statuses === this.seen) return this.live.counts;
    if (!this.live) this.live = new LiveCounts(this.endpointIds, s.statuses);
    else if (s.changed && s.changed.from === this.seen) this.live.update(s.statuses, s.changed.ids);
    else this.live.reset(s.statuses);
    this.seen = s.statuses;
    return this.live.counts;
  }
}

const followers = new WeakMap<StatusStore, WeakMap<readonly string[], FollowedCounts>>();

export function followedCounts(endpointIds: readonly string[], store: StatusStore = useStatusStore): FollowedCounts {
  let byList = followers.get(store);
  if (!byList) followers.set(store, (byList = new WeakMap()));
  let followed = byList.get(endpointIds);
  if (!followed) byList.set(endpointIds, (followed = new FollowedCounts(endpointIds, store)));
  return followed;
}

/** Endpoint counts by state of a list (the same numbers as countEndpoints), updated per batch at the cost of the batch. */
export function useLiveCounts(endpointIds: readonly string[]): StateCounts {
  const followed = useMemo(() => followedCounts(endpointIds), [endpointIds]);
  return useSyncExternalStore(followed.subscribe, followed.get);
}
