import { z } from 'zod';

const percentiles = z.object({ p50: z.number().nullable(), p99: z.number().nullable(), max: z.number().nullable() });

/** How the poller and the trap receiver are doing: shown in the top bar, read by scripts. */
export const MonitoringStatsSchema = z.object({
  intervalMs: z.number(),
  poller: z.object({
    endpoints: z.number(),
    inFlight: z.number(),
    maxInFlight: z.number(),
    queued: z.number(),
    backedOff: z.number(),
    polls: z.number(),
    probes: z.number(),
    answered: z.number(),
    timeouts: z.number(),
    errors: z.number(),
    overruns: z.number(),
    pollsPerSecond: z.number(),
    pollCycleMs: percentiles,
    startDelayMs: percentiles,
    rttMs: percentiles,
  }),
  traps: z
    .object({ port: z.number(), received: z.number(), rejected: z.number(), unknownSource: z.number(), malformed: z.number() })
    .nullable(),
});
export type MonitoringStatsView = z.infer<typeof MonitoringStatsSchema>;

/** A fault for the simulated province (demo and training only; design.md). */
export const FaultRequestSchema = z.strictObject({
  target: z.string().min(1),
  kind: z.enum(['down', 'loss', 'jitter', 'latency', 'clear']),
  value: z.number().optional(),
  durationS: z.number().positive().optional(),
});
