import type { McuState, McuStatus } from '../conference.js';

/**
 * The MCU's reachability for link-health history (issue 10): outages of cause 'mcu'
 * (outage-tracker.ts) run while the MCU is out of reach. Pure: the caller feeds the MCU driver's
 * statuses with the time it sees them.
 *
 * Verdict per connection state:
 * - `ok`: reachable. `auth_failed`: reachable too (the MCU answered; it is the console's login that
 *   is refused, an alarm of its own, and the sites can still meet).
 * - `disconnected`: out of reach (the MCU did not answer, or the link to it broke).
 * - `connecting`: an attempt in progress gives no verdict: the previous one stands (a reconnect
 *   loop does not end an MCU outage; the first attempt at start claims nothing).
 * - `none`, `bad_config`: no MCU to judge: unknown (an open MCU outage ends there, as a codec's
 *   outage ends on `unknown`).
 *
 * Time of a change: the status's `since` when the connection became ok or stopped being ok in this
 * very update (the driver moves `since` exactly then); otherwise the time the caller sees it. Never
 * before the previous change, never after now.
 */

export type McuVerdict = 'reachable' | 'out' | 'unknown';

export function mcuVerdict(state: McuState, previous: McuVerdict): McuVerdict {
  switch (state) {
    case 'ok':
    case 'auth_failed':
      return 'reachable';
    case 'disconnected':
      return 'out';
    case 'connecting':
      return previous;
    case 'none':
    case 'bad_config':
      return 'unknown';
  }
}

/** What the caller keeps between statuses; `at` is the time of the last verdict change (-Infinity at first). */
export interface McuReach {
  readonly state: McuState;
  readonly verdict: McuVerdict;
  readonly at: number;
}

export const MCU_UNSEEN: McuReach = { state: 'none', verdict: 'unknown', at: -Infinity };

/**
 * The MCU's reachability after `status`, seen at `now`; `changed` when the verdict changed (the
 * codecs' outages then move at `next.at`).
 */
export function nextMcuReach(prev: McuReach, status: Pick<McuStatus, 'state' | 'since'>, now: number): { next: McuReach; changed: boolean } {
  const verdict = mcuVerdict(status.state, prev.verdict);
  if (verdict === prev.verdict) return { next: { ...prev, state: status.state }, changed: false };
  const since = Date.parse(status.since);
  const okChanged = (status.state === 'ok') !== (prev.state === 'ok');
  const at = Math.max(prev.at, okChanged && Number.isFinite(since) ? Math.min(since, now) : now);
  return { next: { state: status.state, verdict, at }, changed: true };
}
