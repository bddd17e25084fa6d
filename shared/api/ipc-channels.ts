// Kept free of zod so the sandboxed preload bundle stays small.

/** The IPC channel names, in one place for main and preload. */
export const IPC_CHANNELS = {
  request: 'bp:request',
  subscribe: 'bp:subscribe',
  unsubscribe: 'bp:unsubscribe',
  event: 'bp:event',
  /** Renderer → main: an alarm to show as a desktop notification while the window is not focused. */
  notify: 'bp:notify',
} as const;

/** The object the preload exposes on `window` (contextBridge). */
export const PRELOAD_GLOBAL = 'bridgepoint';
