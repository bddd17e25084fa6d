import { mean, percentile, type RollupMetric } from '../../../shared/history/histogram.js';
import { MAX_HISTORY_POINTS, type HistoryView } from '../../../shared/history/history-api.js';
import { ROLLUP_LEVELS, bucketStart, levelFor, type RollupLevel } from '../../../shared/history/rollup.js';
import type { Identity } from '../../../shared/roles.js';
import type { HistoryReader } from './history-reader.js';
import { viewOf } from './network-tree.js';

const iso = (t: number): string => new Date(t).toISOString();

/**
 * One endpoint's metric over [from, to) at the finest level kept that gives at most
 * MAX_HISTORY_POINTS buckets, with its outages and the maintenance windows over it (its site's or a
 * site's above it; past, in force or planned) in the range. Null for an endpoint the caller
 * cannot see (not in the inventory, or outside the scope): the handler answers as for an unknown id.
 */
export function endpointHistory(r: HistoryReader, caller: Identity, q: { endpointId: string; metric: RollupMetric; from: number; to: number }): HistoryView | null {
  const t = r.tree();
  const view = viewOf(caller, t.inv);
  const site = t.inv.sites.find((s) => s.endpoints.some((e) => e.id === q.endpointId));
  if (!site || (view && !view.endpointIds.has(q.endpointId))) return null;
  r.flush();
  const now = r.now();
  const level = historyLevel(q.from, q.to, now, r.store.levels);
  const end = Math.min(q.to, r.rollups.openMinute);
  const starts: number[] = [];
  for (let b = bucketStart(level, q.from); b < end; b += level.bucketMs) starts.push(b);
  const rows = r.store.points(level.id, q.endpointId, q.metric, starts).map((p) => ({ at: p.bucketStart, h: p.histogram }));
  const open = r.rollups.open(level.id).bucket;
  const soFar = level.id === '1m' ? null : r.rollups.closedSoFar(level.id, q.endpointId, q.metric);
  if (soFar && open >= bucketStart(level, q.from) && open < end) rows.push({ at: open, h: soFar });
  const points = rows.map(({ at, h }) => ({ at: iso(at), count: h.count, min: h.min, avg: mean(h), max: h.max, p95: percentile(h, 0.95)?.value ?? null }));
  const outages = r.store.outages(q.from, q.to, q.endpointId).map((o) => ({
    start: iso(o.start),
    end: o.end === null ? null : iso(o.end),
    cause: o.cause,
    behind: o.behind !== null && view && !view.siteIds.has(o.behind) ? null : o.behind,
  }));
  const above = t.ancestorsOf(site.id);
  const maintenance = r.store
    .maintenance(q.from, q.to)
    .filter((w) => w.siteId === site.id || (w.subtree && above.includes(w.siteId)))
    .map((w) => {
      const seen = !view || view.siteIds.has(w.siteId);
      return { start: iso(w.start), end: w.end === null ? null : iso(w.end), siteId: seen ? w.siteId : null, by: seen ? w.by : null, reason: seen ? w.reason : null };
    });
  return { endpointId: q.endpointId, metric: q.metric, from: iso(q.from), to: iso(q.to), level: level.id, bucketMs: level.bucketMs, points, outages, maintenance };
}

/** The finest level kept for `from` (under the engine's retention) whose buckets over the range stay within MAX_HISTORY_POINTS. */
export function historyLevel(from: number, to: number, now: number, levels: readonly RollupLevel[] = ROLLUP_LEVELS): RollupLevel {
  const coarsest = levels[levels.length - 1]!;
  const finest = levelFor(from, now, levels) ?? coarsest;
  return levels.slice(levels.indexOf(finest)).find((l) => (to - from) / l.bucketMs <= MAX_HISTORY_POINTS) ?? coarsest;
}
