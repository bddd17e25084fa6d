import { z } from 'zod';
import { ApiErrorSchema } from './errors.js';

/** Frames on the WebSocket bridge (`/ws`). Both sides validate every frame they receive. */
export const ClientFrameSchema = z.discriminatedUnion('t', [
  z.object({ t: z.literal('req'), id: z.number().int().nonnegative(), method: z.string().min(1), input: z.unknown() }),
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

/** The IPC channel names, in one place for main and preload. */
export const IPC_CHANNELS = {
  request: 'bp:request',
  subscribe: 'bp:subscribe',
  unsubscribe: 'bp:unsubscribe',
  event: 'bp:event',
} as const;

/** The object the preload exposes on `window` (contextBridge). */
export const PRELOAD_GLOBAL = 'bridgepoint';
