import { z } from 'zod';
import { ALL_ROLES, ROLES, type Role } from '../roles.js';
import { NetworkViewSchema } from '../inventory.js';
import { StatusEventSchema, StatusSnapshotSchema } from '../status.js';
import { EngineEventSchema } from '../events.js';
import { FaultRequestSchema, MonitoringStatsSchema } from '../monitoring.js';

/**
 * The ConsoleApi contract: every request the renderer (or a script over HTTP) may make, with its
 * input and output schemas and the roles allowed to call it; and every event stream. Both
 * transports (Electron IPC and WebSocket) and the HTTP RPC are generated from this one table.
 */
export interface RequestSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly summary: string;
  readonly roles: readonly Role[];
  readonly input: I;
  readonly output: O;
}

const none = z.object({}).strict();
const spec = <I extends z.ZodType, O extends z.ZodType>(s: RequestSpec<I, O>): RequestSpec<I, O> => s;

export const HealthSchema = z.object({
  ok: z.boolean(),
  version: z.string(),
  endpoints: z.number().int(),
  mcu: z.enum(['none', 'connecting', 'ok', 'disconnected', 'auth_failed', 'bad_config']),
});
export type Health = z.infer<typeof HealthSchema>;

export const IdentitySchema = z.object({ user: z.string(), role: z.enum(ROLES) });

export const InventorySummarySchema = z.object({
  name: z.string(),
  sites: z.number().int(),
  endpoints: z.number().int(),
});

export const requests = {
  whoami: spec({
    summary: 'The caller as the engine sees it (user and role).',
    roles: ALL_ROLES,
    input: none,
    output: IdentitySchema,
  }),
  getHealth: spec({
    summary: 'Engine version, endpoint count and MCU connection state.',
    roles: ALL_ROLES,
    input: none,
    output: HealthSchema,
  }),
  getNetwork: spec({
    summary: 'The inventory tree (province, tiers, sites, endpoints) without secrets.',
    roles: ALL_ROLES,
    input: none,
    output: NetworkViewSchema,
  }),
  getStatusSnapshot: spec({
    summary: 'Every endpoint status with the sequence number of the last delta it contains.',
    roles: ALL_ROLES,
    input: none,
    output: StatusSnapshotSchema,
  }),
  reloadInventory: spec({
    summary: 'Re-read the inventory file; on any error the running inventory is kept.',
    roles: ['technician'],
    input: none,
    output: InventorySummarySchema,
  }),
  getMonitoring: spec({
    summary: 'Poller and trap receiver figures: poll cycle, overruns, in flight, timeouts, traps received and rejected.',
    roles: ALL_ROLES,
    input: none,
    output: MonitoringStatsSchema.nullable(),
  }),
  listEvents: spec({
    summary: 'Recent events (traps, up/down, degraded), newest first, optionally for one endpoint or site.',
    roles: ALL_ROLES,
    input: z.strictObject({ endpointId: z.string().optional(), siteId: z.string().optional(), limit: z.number().int().min(1).max(1000).optional() }),
    output: z.array(EngineEventSchema),
  }),
  injectFault: spec({
    summary: 'Demo and training only: break a simulated site or endpoint (down, loss, jitter, latency) or clear it.',
    roles: ['technician'],
    input: FaultRequestSchema,
    output: z.object({ ok: z.literal(true) }),
  }),
} as const;

export interface StreamSpec<P extends z.ZodType = z.ZodType> {
  readonly summary: string;
  readonly roles: readonly Role[];
  readonly payload: P;
}

export const streams = {
  status: {
    summary: 'Endpoint status: a snapshot on subscribe, then sequence-numbered delta batches.',
    roles: ALL_ROLES,
    payload: StatusEventSchema,
  } satisfies StreamSpec,
  events: {
    summary: 'Each new event of the event log as it happens.',
    roles: ALL_ROLES,
    payload: EngineEventSchema,
  } satisfies StreamSpec,
} as const;

export type RequestName = keyof typeof requests;
export type StreamName = keyof typeof streams;
export type RequestInput<N extends RequestName> = z.input<(typeof requests)[N]['input']>;
export type RequestOutput<N extends RequestName> = z.output<(typeof requests)[N]['output']>;
export type StreamPayload<S extends StreamName> = z.output<(typeof streams)[S]['payload']>;

export function isRequestName(name: string): name is RequestName {
  return Object.hasOwn(requests, name);
}
export function isStreamName(name: string): name is StreamName {
  return Object.hasOwn(streams, name);
}
