import { DAY_MS, HOUR_MS, MINUTE_MS } from '../schedule/zoned-time.js';
import { ROLLUP_LEVELS, type RollupLevel, type RollupLevelId } from './rollup.js';

/**
 * How long each rollup level is kept: the engine's setting (`bridgepoint serve --keep-1m 48h …`,
 * EngineOptions.historyRetention), the figures (ROLLUP_LEVELS) where not given. A
 * retention is a duration in minutes, hours or days ("90m", "48h", "35d").
 *
 * Rules, so every query still finds its rows:
 * - a level keeps at least one of its buckets (a 15-minute level kept 10 minutes holds nothing);
 * - a finer level is kept no longer than the next coarser one (the cover of a period and a
 *   chart's level fall back from fine to coarse: a 1-minute row older than every 15-minute row
 *   would be read by nothing);
 * - at most ten years (3,653 days): the daily rows, outages and maintenance beyond that would
 *   serve no report (a request's range is at most five years: history-api.ts).
 */

export type RollupRetention = Readonly<Record<RollupLevelId, number>>;

export const MAX_RETENTION_MS = 3653 * DAY_MS;

export const DEFAULT_RETENTION: RollupRetention = Object.freeze(Object.fromEntries(ROLLUP_LEVELS.map((l) => [l.id, l.retentionMs])) as Record<RollupLevelId, number>);

export type RetentionProblem =
  | { readonly reason: 'not_a_duration'; readonly level: RollupLevelId; readonly text: string }
  | { readonly reason: 'below_bucket'; readonly level: RollupLevelId; readonly retentionMs: number; readonly bucketMs: number }
  | { readonly reason: 'over_coarser'; readonly level: RollupLevelId; readonly retentionMs: number; readonly coarser: RollupLevelId; readonly coarserMs: number }
  | { readonly reason: 'too_long'; readonly level: RollupLevelId; readonly retentionMs: number; readonly maxMs: number };

const UNIT_MS: Readonly<Record<string, number>> = { m: MINUTE_MS, h: HOUR_MS, d: DAY_MS };

/** "90m", "48h", "35d" → milliseconds; null for anything else (no zero, no fractions, no sign). */
export function parseRetention(text: string): number | null {
  const m = /^([1-9]\d{0,6})(m|h|d)$/.exec(text.trim());
  return m ? Number(m[1]) * UNIT_MS[m[2]!]! : null;
}

/** A retention in the largest unit that says it exactly: 172800000 → "48h", 3024000000 → "35d". */
export function formatRetention(ms: number): string {
  if (ms % DAY_MS === 0) return `${ms / DAY_MS}d`;
  if (ms % HOUR_MS === 0) return `${ms / HOUR_MS}h`;
  return `${Math.round(ms / MINUTE_MS)}m`;
}

/** The levels with this retention (the where not given), or what is wrong with it. */
export function retentionLevels(given: Partial<RollupRetention>): { ok: true; levels: readonly RollupLevel[] } | { ok: false; problem: RetentionProblem } {
  const levels = ROLLUP_LEVELS.map((l) => ({ ...l, retentionMs: given[l.id] ?? l.retentionMs }));
  for (const l of levels) {
    if (!Number.isSafeInteger(l.retentionMs)) return { ok: false, problem: { reason: 'not_a_duration', level: l.id, text: String(l.retentionMs) } };
    if (l.retentionMs < l.bucketMs) return { ok: false, problem: { reason: 'below_bucket', level: l.id, retentionMs: l.retentionMs, bucketMs: l.bucketMs } };
    if (l.retentionMs > MAX_RETENTION_MS) return { ok: false, problem: { reason: 'too_long', level: l.id, retentionMs: l.retentionMs, maxMs: MAX_RETENTION_MS } };
  }
  for (let i = 0; i + 1 < levels.length; i++) {
    const [fine, coarse] = [levels[i]!, levels[i + 1]!];
    if (fine.retentionMs > coarse.retentionMs) return { ok: false, problem: { reason: 'over_coarser', level: fine.id, retentionMs: fine.retentionMs, coarser: coarse.id, coarserMs: coarse.retentionMs } };
  }
  return { ok: true, levels: Object.freeze(levels) };
}

/** The problem in English, naming the level as its flag does (`--keep-1m`). */
export function describeRetentionProblem(p: RetentionProblem): string {
  const flag = (l: RollupLevelId) => `--keep-${l}`;
  switch (p.reason) {
    case 'not_a_duration':
      return `${flag(p.level)} must be a duration such as 90m, 48h or 35d, not "${p.text}"`;
    case 'below_bucket':
      return `${flag(p.level)} ${formatRetention(p.retentionMs)} keeps less than one ${p.level} bucket: give at least ${formatRetention(p.bucketMs)}`;
    case 'over_coarser':
      return `${flag(p.level)} ${formatRetention(p.retentionMs)} is longer than ${flag(p.coarser)} ${formatRetention(p.coarserMs)}: a finer level cannot be kept longer than a coarser one`;
    case 'too_long':
      return `${flag(p.level)} ${formatRetention(p.retentionMs)} is over the longest retention, ${formatRetention(p.maxMs)} (ten years)`;
  }
}

/** The levels for a setting, or a RangeError saying what is wrong (the engine refuses to start). */
export function levelsOrThrow(given: Partial<RollupRetention> | undefined): readonly RollupLevel[] {
  if (!given) return ROLLUP_LEVELS;
  const r = retentionLevels(given);
  if (!r.ok) throw new RangeError(`history retention: ${describeRetentionProblem(r.problem)}`);
  return r.levels;
}

/**
 * A retention setting as text per level ({ "1m": "48h", "15m": "21d" }: serve's `--keep-*` flags,
 * the desktop app's `historyRetention` setting) checked whole: the durations, or the first problem.
 */
export function readRetention(given: Readonly<Partial<Record<string, unknown>>>): { ok: true; retention: Partial<RollupRetention> } | { ok: false; problem: RetentionProblem | { readonly reason: 'unknown_level'; readonly level: string } } {
  const retention: Partial<Record<RollupLevelId, number>> = {};
  for (const [level, text] of Object.entries(given)) {
    if (text === undefined) continue;
    const l = ROLLUP_LEVELS.find((x) => x.id === level);
    if (!l) return { ok: false, problem: { reason: 'unknown_level', level } };
    const ms = typeof text === 'string' ? parseRetention(text) : null;
    if (ms === null) return { ok: false, problem: { reason: 'not_a_duration', level: l.id, text: String(text) } };
    retention[l.id] = ms;
  }
  const r = retentionLevels(retention);
  return r.ok ? { ok: true, retention } : r;
}

/** readRetention's problem in English (an unknown level included). */
export function describeReadProblem(p: RetentionProblem | { readonly reason: 'unknown_level'; readonly level: string }): string {
  return p.reason === 'unknown_level' ? `"${p.level}" is not a rollup level (${ROLLUP_LEVELS.map((l) => l.id).join(', ')})` : describeRetentionProblem(p);
}
