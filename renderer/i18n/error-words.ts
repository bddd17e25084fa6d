import type { TFunction } from 'i18next';
import type { ApiErrorData } from '../../shared/api/errors.js';

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
