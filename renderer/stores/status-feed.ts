import type { ConsoleApi } from '../../shared/api/console-api.js';
import type { ApiError } from '../../shared/api/errors.js';
import { createStatusFollower, type StatusFollower } from '../../shared/status-follower.js';
import { statusSink, type StatusStore } from './status-store.js';

/**
 * Feeds the status store from the `status` stream through a follower, which asks for a fresh
 * snapshot when it sees a gap in the sequence. `restart` starts a new follower: after a
 * reconnect the engine may be a new process whose sequence starts again at 0, which an old
 * follower would take for stale news.
 */
export interface StatusFeed {
  restart(): void;
  stop(): void;
  readonly follower: StatusFollower;
}

export function startStatusFeed(api: ConsoleApi, store: StatusStore, onInvalid?: (e: ApiError) => void): StatusFeed {
  const sink = statusSink(store);
  const fetchSnapshot = () => api.call('getStatusSnapshot', {});
  let follower = createStatusFollower(sink, fetchSnapshot);
  const unsubscribe = api.on('status', (event) => follower.receive(event), onInvalid);
  return {
    restart() {
      follower = createStatusFollower(sink, fetchSnapshot);
    },
    stop: unsubscribe,
    get follower() {
      return follower;
    },
  };
}
