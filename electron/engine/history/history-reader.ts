import type { HistoryStore } from './history-store.js';
import type { NetworkTree } from './network-tree.js';
import type { RollupAccumulator } from './rollup-accumulator.js';

/** What the history queries read: the store (after a flush), the tree, and what is still in memory. */
export interface HistoryReader {
  readonly store: HistoryStore;
  readonly now: () => number;
  /** Write what was gathered, so the store answers for it too. */
  readonly flush: () => void;
  readonly tree: () => NetworkTree;
  /** Since when each endpoint has been known (epoch ms). */
  readonly known: ReadonlyMap<string, number>;
  /** The buckets still being filled. */
  readonly rollups: RollupAccumulator;
}
