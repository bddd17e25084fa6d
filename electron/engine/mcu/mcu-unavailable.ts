import { ApiError } from '../../../shared/api/errors.js';
import type { McuStatus } from '../../../shared/conference.js';

/**
 * The answer to a control action while the MCU is not connected: "MCU not connected since …,
 * retrying in …" (code `mcu_unavailable`, HTTP 503), never "no conference with id …" (the
 * conference list is empty during an outage, not the conference gone). The renderer words it from
 * `params`: since (ISO), retryAt (ISO or null), retryInS (whole seconds or null), state, problem.
 */
export function mcuUnavailable(status: McuStatus, now: number = Date.now()): ApiError {
  const retryAt = status.retryAt ?? null;
  const retryInS = retryAt === null ? null : Math.max(1, Math.ceil((Date.parse(retryAt) - now) / 1000));
  const next = retryInS !== null ? `retrying in ${retryInS} s` : status.state === 'connecting' ? 'connecting now' : 'not retrying';
  const why = status.message ? ` (${status.message})` : '';
  return new ApiError('mcu_unavailable', `MCU not connected since ${status.since}, ${next}${why}`, undefined, {
    since: status.since,
    retryAt,
    retryInS,
    state: status.state,
    problem: status.problem ?? null,
  });
}
