import { ApiError } from '../../../shared/api/errors.js';
import { MAX_RANGE_DAYS, MAX_RANGE_MS } from '../../../shared/history/history-api.js';
import { parseInstant } from '../../../shared/schedule/zoned-time.js';
import type { Handlers } from '../rpc/dispatch.js';
import type { HistoryService } from './history-service.js';

/** One time of a period: an ISO 8601 instant with Z or an offset, a real calendar date. */
function instant(field: 'from' | 'to', text: string): number {
  const r = parseInstant(text);
  if (!r.ok) throw new ApiError('bad_request', `${field}: ${r.message}`, undefined, { field, reason: 'invalid_date', value: text.slice(0, 64) });
  return r.value;
}

/** The period of a history request: valid dates, from before to, at most five years. */
export function checkPeriod(input: { from: string; to: string }): { from: number; to: number } {
  const from = instant('from', input.from);
  const to = instant('to', input.to);
  if (!(from < to)) throw new ApiError('bad_request', 'the period must start before it ends', undefined, { field: 'from', reason: 'range_reversed' });
  if (to - from > MAX_RANGE_MS) throw new ApiError('bad_request', `the period may be at most ${MAX_RANGE_DAYS} days (5 years)`, undefined, { field: 'to', reason: 'range_too_long', maxDays: MAX_RANGE_DAYS });
  return { from, to };
}

/**
 * What an endpoint the caller cannot see answers: exactly what an id that does not exist does. The
 * id is not echoed, so an answer to a scoped caller never carries an outside endpoint's id at all.
 */
export function unknownEndpoint(): ApiError {
  return new ApiError('not_found', 'no endpoint with the given endpointId', undefined, { field: 'endpointId' });
}

/** The contract's history requests over the service (roles and the input's shape are the RPC gate's). */
export function historyHandlers(history: HistoryService): Pick<Handlers, 'getAvailability' | 'getHistory'> {
  return {
    getAvailability: (input, caller) => history.availability(caller, { ...checkPeriod(input), groupBy: input.groupBy, workingHours: input.workingHours }),
    getHistory: (input, caller) => {
      const period = checkPeriod(input);
      const h = history.history(caller, { endpointId: input.endpointId, metric: input.metric, ...period });
      if (!h) throw unknownEndpoint();
      return h;
    },
  };
}
