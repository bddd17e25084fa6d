import type { StatusKind } from '../../theme/status-kind.js';

/**
 * The map's codes for what a node shows, as small integers in typed arrays (map-status.ts fills
 * them; map-draw.ts draws them). Apart so the link worker (map-link-worker.ts) needs nothing else.
 */

/** Drawn kinds as small integers, worst last (the order a site's endpoints are summed up in). */
export const KIND_CODES = ['up', 'unknown', 'unreachable', 'degraded', 'stale', 'down'] as const satisfies readonly StatusKind[];
export const K_UP = 0;
export const K_UNKNOWN = 1;
export const K_UNREACHABLE = 2;
export const K_DEGRADED = 3;
export const K_STALE = 4;
export const K_DOWN = 5;
export const KIND_COUNT = KIND_CODES.length;

export const F_IN_CALL = 1;
export const F_MUTED = 2;

/** Link health, from the child's loss and jitter. */
export const L_NONE = 0; // no measurement
export const L_OK = 1;
export const L_WARN = 2; // past the degraded thresholds
export const L_BAD = 3; // far past them
export const L_CUT = 4; // the child is down or unreachable
export const LINK_CODES = ['none', 'ok', 'warn', 'bad', 'cut'] as const;
export type LinkHealth = (typeof LINK_CODES)[number];
