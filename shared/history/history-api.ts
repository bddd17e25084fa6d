import { z } from 'zod';
import { DAY_MS } from '../schedule/zoned-time.js';
import { ROLLUP_METRICS } from './histogram.js';
import { OUTAGE_CAUSES } from './outage-tracker.js';
import { ROLLUP_LEVEL_IDS, ROLLUP_LEVELS } from './rollup.js';

/**
 * Link-health history as the API carries it (issue 10): availability per group over a period, and
 * one endpoint's metric over time with its outages. Times are ISO 8601 instants with a zone; they
 * are checked by the engine (not here), so a wrong date is refused with a reason the console can
 * word (`invalid_date`, `range_reversed`, `range_too_long`) rather than a schema dump.
 */

/** The longest period a request may cover: the daily rollups' retention, five years. */
export const MAX_RANGE_MS = ROLLUP_LEVELS[ROLLUP_LEVELS.length - 1]!.retentionMs;
export const MAX_RANGE_DAYS = MAX_RANGE_MS / DAY_MS;

/** The most points getHistory returns: it picks the finest level kept that stays within this. */
export const MAX_HISTORY_POINTS = 2000;

export const AVAILABILITY_GROUPINGS = ['site', 'district', 'tier', 'province'] as const;
export type AvailabilityGrouping = (typeof AVAILABILITY_GROUPINGS)[number];

/** The metrics availability reports a p95 for (bitrate is a rate, not a quality figure). */
export const P95_METRICS = ['packetLossPct', 'jitterMs', 'latencyMs'] as const;

const instant = z.string().min(1).max(64);

export const AvailabilityInputSchema = z.strictObject({
  /** ISO 8601 instant with Z or an offset, e.g. 2026-06-01T00:00:00+07:00. */
  from: instant,
  to: instant,
  groupBy: z.enum(AVAILABILITY_GROUPINGS),
  /** Count only working hours (Mon–Fri 07:00–17:00 in the inventory's zone unless configured). */
  workingHours: z.boolean().optional(),
});

export const HistoryInputSchema = z.strictObject({
  endpointId: z.string().min(1).max(200),
  metric: z.enum(ROLLUP_METRICS),
  from: instant,
  to: instant,
});

const percentileSchema = z.object({ value: z.number(), low: z.number(), high: z.number() }).nullable();

export const AvailabilityRowSchema = z.object({
  /**
   * The group: a site id (site, district), a tier name (tier), null for the one province row and
   * for endpoints in no district (sites on the province tier) or, for a scoped caller, in a
   * district outside the scope.
   */
  group: z.string().nullable(),
  /** The site's name for site and district groups; the tier for tiers; null otherwise. */
  name: z.string().nullable(),
  endpoints: z.number().int(),
  measuredMs: z.number(),
  /** 100 × (measured − down) / measured; null when nothing was measured. */
  availabilityPct: z.number().nullable(),
  downMs: z.number(),
  downMsByCause: z.object(Object.fromEntries(OUTAGE_CAUSES.map((c) => [c, z.number()])) as Record<(typeof OUTAGE_CAUSES)[number], z.ZodNumber>),
  outages: z.number().int(),
  openOutages: z.number().int(),
  longestMs: z.number(),
  /** Mean counted length of the outages that ended; null when none did. */
  mttrMs: z.number().nullable(),
  /** Maintenance of the site (or a site above it) and time the engine was not running. */
  excludedMs: z.number(),
  /** 95th percentile of each metric over the period's samples, with the bounds the true value lies in. */
  p95: z.object(Object.fromEntries(P95_METRICS.map((m) => [m, percentileSchema])) as Record<(typeof P95_METRICS)[number], typeof percentileSchema>),
});
export type AvailabilityRow = z.infer<typeof AvailabilityRowSchema>;

export const AvailabilitySchema = z.object({
  from: z.string(),
  to: z.string(),
  /** Measuring stops here: min(to, now). */
  until: z.string(),
  groupBy: z.enum(AVAILABILITY_GROUPINGS),
  workingHours: z.boolean(),
  /** True when the figures cover the caller's part of the network only (a scoped supervisor). */
  scoped: z.boolean(),
  rows: z.array(AvailabilityRowSchema),
});
export type AvailabilityView = z.infer<typeof AvailabilitySchema>;

export const HistoryPointSchema = z.object({
  /** The bucket's start (ISO); the bucket is `bucketMs` long. */
  at: z.string(),
  count: z.number().int(),
  min: z.number().nullable(),
  avg: z.number().nullable(),
  max: z.number().nullable(),
  p95: z.number().nullable(),
});

export const HistoryOutageSchema = z.object({
  start: z.string(),
  /** Null while still open. */
  end: z.string().nullable(),
  cause: z.enum(OUTAGE_CAUSES),
  /** The dark site above (unreachable); null otherwise, or when that site is outside the caller's scope. */
  behind: z.string().nullable(),
});

/**
 * A maintenance window over the endpoint (its site's or a site's above it, over the subtree), past,
 * in force or planned, as history recorded it: out of availability over exactly its span.
 */
export const HistoryMaintenanceSchema = z.object({
  start: z.string(),
  /** Null while open-ended (until someone ends it). */
  end: z.string().nullable(),
  /** The site the window was set on; null (with `by` and `reason`) when that site is outside the caller's scope. */
  siteId: z.string().nullable(),
  by: z.string().nullable(),
  reason: z.string().nullable(),
});
export type HistoryMaintenance = z.infer<typeof HistoryMaintenanceSchema>;

export const HistorySchema = z.object({
  endpointId: z.string(),
  metric: z.enum(ROLLUP_METRICS),
  from: z.string(),
  to: z.string(),
  level: z.enum(ROLLUP_LEVEL_IDS),
  bucketMs: z.number().int(),
  points: z.array(HistoryPointSchema),
  outages: z.array(HistoryOutageSchema),
  maintenance: z.array(HistoryMaintenanceSchema),
});
export type HistoryView = z.infer<typeof HistorySchema>;
