import { requests } from '../../../shared/api/contract.js';
import type { McuStatus } from '../../../shared/conference.js';
import { mayCall, type Identity } from '../../../shared/roles.js';

/**
 * When the map's controls may be used. The actions themselves go through the console's
 * conference store (stores/conference-store.ts): the same RPC requests as the Live view, the
 * engine's role check and audit log, optimistic pending state that settles on the MCU's report.
 */
export type Blocker = 'link' | 'noIdentity' | 'supervisor' | 'mcu' | 'notInCall' | 'noConference' | 'noUri';

export interface ControlContext {
  readonly linkOpen: boolean;
  readonly identity: Identity | null;
  readonly mcu: McuStatus | null;
}

/** Who and what must be there before any control is offered, most basic first; null when it may be used. */
export function controlBlocker(ctx: ControlContext): Blocker | null {
  if (!ctx.linkOpen) return 'link';
  if (!ctx.identity) return 'noIdentity';
  if (!mayCall(ctx.identity, requests.muteParticipant.roles)) return 'supervisor';
  if (!ctx.mcu || ctx.mcu.state !== 'ok') return 'mcu';
  return null;
}
