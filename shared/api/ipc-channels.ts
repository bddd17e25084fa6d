// Kept free of zod so the sandboxed preload bundle stays small.

/** The IPC channel names, in one place for main and preload. */
export const IPC_CHANNELS = {
  request: 'bp:request',
  subscribe: 'bp:subscribe',
  unsubscribe: 'bp:unsubscribe',
  event: 'bp:event',
  /** Renderer → main: an alarm to show as a desktop notification while the window is not focused. */
  notify: 'bp:notify',
  /** Renderer → main: the desk's text-size choice ("Cỡ chữ", shared/ui-zoom.ts TEXT_SIZES) for the window's zoom. */
  textSize: 'bp:text-size',
} as const;

/** The object the preload exposes on `window` (contextBridge). */
export const PRELOAD_GLOBAL = 'bridgepoint';
