import type { TFunction } from 'i18next';
import { ApiError, type ApiErrorData } from '../../shared/api/errors.js';
import { i18n } from './index.js';

/**
 * An engine error in words, from the catalogue (`errors.reason.<reason>` when the engine gave a
 * reason the catalogue words, else `errors.code.<code>`), never the engine's English message.
 */
export function apiErrorText(error: Pick<ApiErrorData, 'code' | 'params'>, t: TFunction): string {
  const params = error.params ?? {};
  const reason = params['reason'];
  if (typeof reason === 'string') {
    const worded = t(`errors.reason.${reason}`, { ...params, defaultValue: '' });
    if (worded) return worded;
  }
  return t(`errors.code.${error.code}`, { retryAfterS: '…', ...params, defaultValue: t('errors.code.internal') });
}

/**
 * Any failure in the user's language: an engine error from the catalogue (apiErrorText); anything
 * else (a fault inside the console itself) as the catalogue's internal-error words, never the
 * exception's English text (it goes to the developer console instead).
 */
export function errorWords(e: unknown, t: TFunction = i18n.t.bind(i18n)): string {
  if (e instanceof ApiError) return apiErrorText(e.toData(), t);
  console.warn('[bridgepoint]', e);
  return t('errors.code.internal');
}
