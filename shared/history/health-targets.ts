import { DEFAULT_DEGRADED_THRESHOLDS } from '../status-derivation.js';
import type { AvailabilityRow } from './history-api.js';

/**
 * The figures a health row is judged by: availability below the target, or a p95 above the
 * degraded thresholds the live console uses, breaks it. One place, so the view, the reports and
 * any export mark the same rows.
 */
export const AVAILABILITY_TARGET_PCT = 99;

export type HealthFigure = 'availability' | 'packetLossPct' | 'jitterMs' | 'latencyMs';

/** Which figures of a row break their threshold (an unmeasured figure breaks nothing). */
export function brokenFigures(row: Pick<AvailabilityRow, 'availabilityPct' | 'p95'>, limits = DEFAULT_DEGRADED_THRESHOLDS): Set<HealthFigure> {
  const broken = new Set<HealthFigure>();
  if (row.availabilityPct !== null && row.availabilityPct < AVAILABILITY_TARGET_PCT) broken.add('availability');
  for (const m of ['packetLossPct', 'jitterMs', 'latencyMs'] as const) {
    const v = row.p95[m]?.value;
    if (v !== undefined && v > limits[m]) broken.add(m);
  }
  return broken;
}

/** Worst first: lowest availability, then longest down time; unmeasured rows last. */
export function worstFirst<T extends Pick<AvailabilityRow, 'availabilityPct' | 'downMs'>>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => (a.availabilityPct ?? Infinity) - (b.availabilityPct ?? Infinity) || b.downMs - a.downMs);
}
