import { addSample, emptyHistogram, merge, type Histogram, type RollupMetric } from '../../../shared/history/histogram.js';
import { ROLLUP_LEVELS, bucketStart, type RollupLevelId } from '../../../shared/history/rollup.js';
import type { RollupRow } from './history-store.js';

/**
 * The rollups being filled, in memory: per level, the open bucket's histogram of each endpoint and
 * metric. Samples go into the open minute; when the minute closes it becomes a 1m row and is
 * merged into the open 15-minute bucket, which becomes a row when it closes and is merged into the
 * hour, and so on up to the day. So a coarse row is written once, when its bucket has closed.
 *
 * Invariant: each level's open bucket holds the next finer level's open bucket
 * (open[i + 1] = bucketStart(level i + 1, open[i])).
 */

interface OpenLevel {
  readonly id: RollupLevelId;
  bucket: number;
  acc: Map<string, Histogram>;
}

const SEP = '\u0000';
export const rollupKey = (endpointId: string, metric: RollupMetric): string => `${endpointId}${SEP}${metric}`;
const endpointOf = (key: string): string => key.slice(0, key.indexOf(SEP));

export class RollupAccumulator {
  private readonly levels: OpenLevel[];

  constructor(now: number) {
    const minute = bucketStart('1m', now);
    this.levels = ROLLUP_LEVELS.map((l) => ({ id: l.id, bucket: bucketStart(l, minute), acc: new Map() }));
  }

  /** The start of the minute being filled: everything before it is in closed buckets. */
  get openMinute(): number {
    return this.levels[0]!.bucket;
  }

  /** The open bucket of a level and its histograms (restored at start, read by queries). */
  open(level: RollupLevelId): { readonly bucket: number; readonly acc: ReadonlyMap<string, Histogram> } {
    return this.levels.find((l) => l.id === level)!;
  }

  /** Put back what a level's open bucket held before a restart (merged with anything there). */
  restore(level: RollupLevelId, rows: Iterable<RollupRow>): void {
    const l = this.levels.find((x) => x.id === level)!;
    for (const r of rows) {
      if (r.level === level && r.bucketStart === l.bucket) this.mergeInto(l.acc, rollupKey(r.endpointId, r.histogram.metric), r.histogram);
    }
  }

  /** One sample into the open minute (the caller has advanced to the minute of `now` first). */
  add(endpointId: string, metric: RollupMetric, value: number): void {
    const acc = this.levels[0]!.acc;
    const key = rollupKey(endpointId, metric);
    acc.set(key, addSample(acc.get(key) ?? emptyHistogram(metric), value));
  }

  /** Close every bucket that ended by `now`; the rows to store, finest first. */
  advance(now: number): RollupRow[] {
    const minute = bucketStart('1m', now);
    const rows: RollupRow[] = [];
    for (let i = 0; i < this.levels.length; i++) {
      const l = this.levels[i]!;
      const next = bucketStart(l.id, minute);
      if (next <= l.bucket) break; // this level is still open, and so is every coarser one
      const up = this.levels[i + 1];
      for (const [key, h] of l.acc) {
        rows.push({ level: l.id, bucketStart: l.bucket, endpointId: endpointOf(key), histogram: h });
        if (up) this.mergeInto(up.acc, key, h);
      }
      l.acc = new Map();
      l.bucket = next;
    }
    return rows;
  }

  /** The open minute's rows as they stand (written at shutdown, read back by the next start). */
  partialMinute(): RollupRow[] {
    const l = this.levels[0]!;
    return [...l.acc].map(([key, h]) => ({ level: l.id, bucketStart: l.bucket, endpointId: endpointOf(key), histogram: h }));
  }

  /**
   * What the open bucket of `level` holds so far from closed minutes (the level's own histogram
   * merged with every finer open one but the minute being filled), for one endpoint and metric.
   */
  closedSoFar(level: RollupLevelId, endpointId: string, metric: RollupMetric): Histogram | null {
    const top = this.levels.findIndex((l) => l.id === level);
    let h: Histogram | null = null;
    for (let i = 1; i <= top; i++) {
      const part = this.levels[i]!.acc.get(rollupKey(endpointId, metric));
      if (part) h = h ? merge(h, part) : part;
    }
    return h;
  }

  private mergeInto(acc: Map<string, Histogram>, key: string, h: Histogram): void {
    const had = acc.get(key);
    acc.set(key, had ? merge(had, h) : h);
  }
}
