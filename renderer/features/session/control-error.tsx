import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ControlError } from '../../stores/conference-store.js';
import { SeverityGlyph } from '../../theme/severity-glyph.js';

/** The control's last refusal, beside it: shape + colour + the reason in words (in full in the tooltip). */
export function ControlErrorNote({ error, testId, onDismiss }: { readonly error: ControlError | undefined; readonly testId?: string; readonly onDismiss?: () => void }) {
  const { t } = useTranslation();
  if (!error) return null;
  const text = errorText(error, t);
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

export function errorText(error: ControlError, t: TFunction): string {
  if (error.kind === 'partial') return t('session.error.partial', { failed: error.failed, total: error.total, message: error.message });
  if (error.kind === 'unconfirmed') return t('session.error.unconfirmed');
  return t('session.error.refused', { message: error.message });
}
