import { z } from 'zod';

/**
 * Live status of one endpoint, as `GET /api/v1/status` and the status stream carry it.
 * A field not known is null, never a made-up value; `updatedAt` is when any field last changed
 * and `measuredAt` holds the time each measured field was taken (ISO 8601, UTC).
 */
export const REACHABILITY = ['up', 'down', 'unknown', 'unreachable'] as const;
export type Reachability = (typeof REACHABILITY)[number];

const nullableNumber = z.number().nullable();

export const EndpointStatusSchema = z.object({
  endpointId: z.string(),
  siteId: z.string(),
  reachability: z.enum(REACHABILITY),
  /** Seconds since the codec last started (sysUpTime). */
  uptimeS: nullableNumber,
  inCall: z.boolean().nullable(),
  /** The far end of the codec's call as the codec names it. */
  remoteSite: z.string().nullable(),
  conferenceId: z.string().nullable(),
  audioMuted: z.boolean().nullable(),
  videoMuted: z.boolean().nullable(),
  /** The codec's own microphone and camera mute (SNMP); audioMuted/videoMuted are what the MCU receives. */
  micMuted: z.boolean().nullable(),
  cameraMuted: z.boolean().nullable(),
  /** The screen layout the MCU gives this participant (shared/conference.ts LAYOUTS). */
  layout: z.string().nullable(),
  bitrateKbps: nullableNumber,
  packetLossPct: nullableNumber,
  jitterMs: nullableNumber,
  latencyMs: nullableNumber,
  ifOperUp: z.boolean().nullable(),
  rxBps: nullableNumber,
  txBps: nullableNumber,
  degraded: z.boolean(),
  stale: z.boolean(),
  updatedAt: z.string().nullable(),
  measuredAt: z.record(z.string(), z.string()),
});
export type EndpointStatus = z.infer<typeof EndpointStatusSchema>;

/** The status of an endpoint nobody has measured yet. */
export function unknownStatus(endpointId: string, siteId: string): EndpointStatus {
  return {
    endpointId,
    siteId,
    reachability: 'unknown',
    uptimeS: null,
    inCall: null,
    remoteSite: null,
    conferenceId: null,
    audioMuted: null,
    videoMuted: null,
    micMuted: null,
    cameraMuted: null,
    layout: null,
    bitrateKbps: null,
    packetLossPct: null,
    jitterMs: null,
    latencyMs: null,
    ifOperUp: null,
    rxBps: null,
    txBps: null,
    degraded: false,
    stale: false,
    updatedAt: null,
    measuredAt: {},
  };
}

/**
 * The status stream: first a snapshot, then delta batches. `seq` grows by one per batch; a
 * snapshot carries the seq of the last batch it already contains, so the next delta is seq + 1.
 */
export const StatusSnapshotSchema = z.object({
  kind: z.literal('snapshot'),
  seq: z.number().int().nonnegative(),
  statuses: z.array(EndpointStatusSchema),
  /**
   * The running inventory's version (an opaque fingerprint). A delta carries it when the inventory
   * was replaced (an edit, an import, a reorganisation, an undo, a reload): consoles read the
   * network again, so a rename or a move made at another desk shows everywhere.
   */
  network: z.string().max(100).optional(),
});
export type StatusSnapshot = z.infer<typeof StatusSnapshotSchema>;

export const StatusDeltaSchema = z.object({
  kind: z.literal('delta'),
  seq: z.number().int().positive(),
  updates: z.array(EndpointStatusSchema),
  removed: z.array(z.string()),
  network: z.string().max(100).optional(),
});
export type StatusDelta = z.infer<typeof StatusDeltaSchema>;

export const StatusEventSchema = z.discriminatedUnion('kind', [StatusSnapshotSchema, StatusDeltaSchema]);
export type StatusEvent = z.infer<typeof StatusEventSchema>;
