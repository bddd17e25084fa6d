import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ApiErrorParams } from '../../../shared/api/errors.js';
import type { ControlError } from '../../stores/conference-pending.js';
import { useNetworkStore } from '../../stores/network-store.js';
import { clockOf } from './mcu-state.js';
import { SeverityGlyph } from '../../theme/severity-glyph.js';
import { apiErrorText } from '../../i18n/error-words.js';

/** The control's last refusal, beside it: shape + colour + the reason in words (in full in the tooltip). */
export function ControlErrorNote({ error, testId, onDismiss }: { readonly error: ControlError | undefined; readonly testId?: string; readonly onDismiss?: () => void }) {
  const { t } = useTranslation();
  const timezone = useNetworkStore((s) => s.network?.timezone ?? DEFAULT_TIMEZONE);
  if (!error) return null;
  const text = errorText(error, t, timezone);
  return (
    <span className="ctl-error" role="alert" data-kind={error.kind} data-testid={testId} title={text}>
      <SeverityGlyph severity={error.kind === 'error' ? 'critical' : 'warning'} label={t(`session.error.kind.${error.kind}`)} />
      <span className="ctl-error__text">{text}</span>
      {onDismiss && (
        <button type="button" className="ctl-error__dismiss" onClick={onDismiss} aria-label={t('session.error.dismiss')} title={t('session.error.dismiss')}>
          ×
        </button>
      )}
    </span>
  );
}

const DEFAULT_TIMEZONE = 'Asia/Ho_Chi_Minh';

export function errorText(error: ControlError, t: TFunction, timezone = DEFAULT_TIMEZONE): string {
  if (error.code === 'mcu_unavailable') return mcuUnavailableText(error.params ?? {}, t, timezone);
  if (error.kind === 'partial') return t('session.error.partial', { failed: error.failed, total: error.total, message: error.message });
  if (error.kind === 'unconfirmed') return t('session.error.unconfirmed');
  // The engine's refusals are worded from the catalogue; an MCU's own words (no code) are kept.
  return t('session.error.refused', { message: error.code ? apiErrorText({ code: error.code, params: error.params }, t) : error.message });
}

/** "MCU mất kết nối từ 10:02:03, thử kết nối lại sau 4 giây" from the engine's mcu_unavailable params. */
export function mcuUnavailableText(params: ApiErrorParams, t: TFunction, timezone = DEFAULT_TIMEZONE): string {
  const since = clockOf(typeof params['since'] === 'string' ? params['since'] : null, timezone) ?? '—';
  const seconds = params['retryInS'];
  if (typeof seconds === 'number') return t('session.error.mcuUnavailable.retrying', { since, seconds });
  if (params['state'] === 'connecting') return t('session.error.mcuUnavailable.connecting', { since });
  return t('session.error.mcuUnavailable.stopped', { since });
}
