import { ROLLUP_LEVELS, levelFor, type RollupLevel, type RollupLevelId } from './rollup.js';

/**
 * Which rollup rows hold the samples of a period, read as few as possible: the coarsest buckets
 * that lie inside it, finer ones at its edges (a month from local midnight to midnight is about 29
 * daily rows and some hourly ones per endpoint and metric, not 720 hourly ones). Coarser rows are
 * exact merges of finer ones, so the result is the same as from the finest level, only cheaper.
 *
 * - A level is used for a bucket only while its rows are kept (bucket start ≥ now − retention,
 *   the rule of `levelFor`) and once the bucket has closed (its end ≤ `closedUpTo`: coarse rows
 *   are written when their bucket closes; the minute still being filled is in no row yet).
 * - An edge that is not on a bucket of the finest level kept there is widened to that bucket:
 *   the period's samples are those of the buckets that overlap it. A period older than the
 *   daily rows' retention starts where they do.
 * - Retention is the engine's (`levels`, from retention.ts), the issue's by default.
 */

export interface CoverRun {
  readonly level: RollupLevelId;
  /** Buckets of `level` with start in [from, to). */
  readonly from: number;
  readonly to: number;
}

export function rollupCover(from: number, to: number, now: number, closedUpTo: number = now, levels: readonly RollupLevel[] = ROLLUP_LEVELS): CoverRun[] {
  if (![from, to, now, closedUpTo].every(Number.isFinite)) throw new RangeError(`rollupCover: bad range [${from}, ${to}) at ${now}`);
  const coarsest = levels[levels.length - 1]!;
  const end = Math.min(to, closedUpTo);
  const first = levelFor(from, now, levels) ?? coarsest;
  const start = Math.max(from, now - coarsest.retentionMs);
  let t = Math.floor(start / first.bucketMs) * first.bucketMs;
  if (t < now - first.retentionMs) t += first.bucketMs; // the oldest daily bucket may be gone already
  const runs: { level: RollupLevelId; from: number; to: number }[] = [];
  const kept = (l: RollupLevel, at: number) => at >= now - l.retentionMs && at % l.bucketMs === 0 && at + l.bucketMs <= closedUpTo;
  while (t < end) {
    const usable = levels.filter((l) => kept(l, t));
    if (usable.length === 0) break; // only the minute being filled is left
    // Coarsest inside the period; else the finest kept, overlapping the period's end.
    const level = [...usable].reverse().find((l) => t + l.bucketMs <= end) ?? usable[0]!;
    const last = runs[runs.length - 1];
    if (last && last.level === level.id && last.to === t) last.to = t + level.bucketMs;
    else runs.push({ level: level.id, from: t, to: t + level.bucketMs });
    t += level.bucketMs;
  }
  return runs;
}
