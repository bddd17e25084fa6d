import { z } from 'zod';

/**
 * The engine's event log: what happened to which endpoint, when. `code` is translated by the
 * renderer; `text` is technical detail shown as it is (a trap name, an SNMP error).
 */
export const EVENT_CODES = [
  'trap', // a trap or inform arrived
  'down', // the endpoint stopped answering
  'up', // it answers again (or for the first time)
  'unreachable', // it is silent because a site above it is down
  'degraded', // loss, jitter or latency over the threshold
  'recovered', // quality back within the thresholds
  'poll-problem', // the endpoint answered, but a value could not be read
  'trap-rejected', // a notification dropped: unknown community or user, unreadable, not acknowledgeable (a few per 10 s per sender)
  'not-ready', // 15 minutes before a meeting, a participant site is not ready (schedule readiness)
] as const;

export const EngineEventSchema = z.object({
  id: z.number().int().positive(),
  at: z.string(),
  code: z.enum(EVENT_CODES),
  severity: z.enum(['info', 'warning', 'critical']),
  endpointId: z.string().nullable(),
  siteId: z.string().nullable(),
  text: z.string(),
});
export type EngineEvent = z.infer<typeof EngineEventSchema>;
