import { errorWords } from '../../i18n/error-words.js';
import { useEffect, useRef, useState } from 'react';
import type { ConsoleApi } from '../../../shared/api/console-api.js';
import type { BookingOutcome } from '../../../shared/schedule/api.js';
import { scheduleApiOf } from '../../stores/schedule-store.js';
import { toRequest, type BookingForm } from './booking-form-model.js';

export const CHECK_DELAY_MS = 400;

export interface LiveCheck {
  readonly outcome: BookingOutcome | null;
  readonly checking: boolean;
  readonly error: string | null;
}

/**
 * The form's verdict as it is filled: a `checkBooking` dry run, debounced, the latest answer
 * winning (an older answer arriving late is dropped).
 */
export function useLiveCheck(form: BookingForm, options: { readonly delayMs?: number; readonly api?: () => ConsoleApi | null } = {}): LiveCheck {
  const delay = options.delayMs ?? CHECK_DELAY_MS;
  const getApi = options.api ?? scheduleApiOf;
  const [state, setState] = useState<LiveCheck>({ outcome: null, checking: false, error: null });
  const seq = useRef(0);
  const key = JSON.stringify(toRequest(form));

  useEffect(() => {
    const mine = ++seq.current;
    setState((s) => ({ ...s, checking: true }));
    const timer = setTimeout(() => {
      const api = getApi();
      if (!api) {
        setState({ outcome: null, checking: false, error: null });
        return;
      }
      const request = JSON.parse(key) as Record<string, unknown>;
      // An edit is checked whole (its version too: someone else's change shows at once), with the
      // meeting's id beside it so it is not in conflict with itself.
      api
        .call('checkBooking', typeof request.id === 'string' ? { request, id: request.id } : { request })
        .then(
          (outcome) => mine === seq.current && setState({ outcome, checking: false, error: null }),
          (e: unknown) => mine === seq.current && setState({ outcome: null, checking: false, error: errorWords(e) }),
        );
    }, delay);
    return () => clearTimeout(timer);
  }, [key, delay, getApi]);

  return state;
}
