import type { ConsoleApi } from '../../shared/api/console-api.js';
import { ApiError, type ApiErrorData } from '../../shared/api/errors.js';

/** A question for the engine: its answer, or its refusal as data for the catalogue. */
export type Answer<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ApiErrorData };

/**
 * The engine API a feature's store calls, set when the console starts after a login and cleared
 * when it stops; `ask` turns every outcome (an answer, a refusal, no link at all) into data.
 */
export function apiHolder() {
  let api: ConsoleApi | null = null;
  return {
    set(next: ConsoleApi | null): void {
      api = next;
    },
    async ask<T>(run: (api: ConsoleApi) => Promise<T>): Promise<Answer<T>> {
      if (!api) return { ok: false, error: { code: 'unavailable', message: 'not connected' } };
      try {
        return { ok: true, value: await run(api) };
      } catch (e) {
        return { ok: false, error: e instanceof ApiError ? e.toData() : { code: 'internal', message: String(e) } };
      }
    },
  };
}
