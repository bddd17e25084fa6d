import { z } from 'zod';
import { MAX_USER_IDLE_MS } from './transport.js';
import { ApiErrorSchema } from './errors.js';

/** Frames on the WebSocket bridge (`/ws`). Both sides validate every frame they receive. */
export const ClientFrameSchema = z.discriminatedUnion('t', [
  z.object({
    t: z.literal('req'),
    id: z.number().int().nonnegative(),
    method: z.string().min(1),
    input: z.unknown(),
    /** RequestMeta.userIdleMs: how long ago the user last touched the console. */
    idleMs: z.number().int().nonnegative().max(MAX_USER_IDLE_MS).optional(),
  }),
  z.object({ t: z.literal('sub'), stream: z.string().min(1) }),
  z.object({ t: z.literal('unsub'), stream: z.string().min(1) }),
]);
export type ClientFrame = z.infer<typeof ClientFrameSchema>;

export const ServerFrameSchema = z.union([
  z.object({ t: z.literal('res'), id: z.number().int().nonnegative(), ok: z.literal(true), result: z.unknown() }),
  z.object({ t: z.literal('res'), id: z.number().int().nonnegative(), ok: z.literal(false), error: ApiErrorSchema }),
  z.object({ t: z.literal('evt'), stream: z.string(), payload: z.unknown() }),
  /** A frame the server could not read; the connection stays open. */
  z.object({ t: z.literal('bad'), error: ApiErrorSchema }),
]);
export type ServerFrame = z.infer<typeof ServerFrameSchema>;
