import { merge } from '../../../shared/history/histogram.js';
import { ROLLUP_LEVELS, bucketStart, type RollupLevel } from '../../../shared/history/rollup.js';
import type { HistoryStore, RollupRow } from './history-store.js';
import type { RollupAccumulator } from './rollup-accumulator.js';

/**
 * After a restart: the minute being filled (written at a clean stop in this same minute), the
 * coarse buckets that were open when the last run stopped and have closed since (completed from
 * their finer rows and written), and what each coarse bucket open now already holds.
 */
export function restoreRollups(store: HistoryStore, rollups: RollupAccumulator, lastAlive: number | null, now: number): void {
  const [m1, ...coarse] = ROLLUP_LEVELS;
  const open = (l: RollupLevel) => bucketStart(l, now);
  rollups.restore(m1!.id, store.rollups(m1!.id, open(m1!), open(m1!) + 1));
  if (lastAlive !== null) {
    coarse.forEach((l, i) => {
      const finer = ROLLUP_LEVELS[i]!;
      const b = bucketStart(l, lastAlive);
      if (b >= open(l)) return;
      const merged = new Map<string, RollupRow>();
      for (const r of store.rollups(finer.id, b, b + l.bucketMs)) {
        const key = `${r.endpointId}\u0000${r.histogram.metric}`;
        const had = merged.get(key);
        merged.set(key, { level: l.id, bucketStart: b, endpointId: r.endpointId, histogram: had ? merge(had.histogram, r.histogram) : r.histogram });
      }
      store.write({ outages: [], rollups: merged.values(), known: [], maintenance: [], aliveAt: lastAlive });
    });
  }
  coarse.forEach((l, i) => {
    const finer = ROLLUP_LEVELS[i]!;
    const rows = [...store.rollups(finer.id, open(l), open(finer))].map((r) => ({ ...r, level: l.id, bucketStart: open(l) }));
    rollups.restore(l.id, rows);
  });
}
