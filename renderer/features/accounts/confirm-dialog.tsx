import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiErrorData } from '../../../shared/api/errors.js';
import { apiErrorText } from '../../i18n/error-words.js';

export interface ConfirmDialogProps {
  /** The question, naming what will happen to whom. */
  readonly question: string;
  /** The button that does it, naming it again ("Xoá tài khoản dieuhanh"). */
  readonly confirmLabel: string;
  readonly danger?: boolean;
  readonly testId: string;
  /** Does it; answers the engine's refusal, or null when done. */
  readonly onConfirm: () => Promise<ApiErrorData | null>;
  readonly onClose: () => void;
  readonly children?: ReactNode;
}

/**
 * A dangerous action, named and confirmed (ui.md): the question names the target, the focus
 * starts on Cancel, Escape cancels, and a refusal stays in the dialog in words.
 */
export function ConfirmDialog({ question, confirmLabel, danger = true, testId, onConfirm, onClose, children }: ConfirmDialogProps) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiErrorData | null>(null);
  const cancel = useRef<HTMLButtonElement>(null);

  useEffect(() => cancel.current?.focus(), []);

  const confirm = async (): Promise<void> => {
    setBusy(true);
    const refused = await onConfirm();
    setBusy(false);
    if (refused) setError(refused);
    else onClose();
  };

  return (
    <div className="acc-backdrop" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <div className="acc-dialog" role="alertdialog" aria-modal="true" aria-label={confirmLabel} data-testid={testId}>
        <p className="acc-dialog__question">{question}</p>
        {children}
        {error && (
          <p className="acc-error" role="alert" data-testid={`${testId}-error`}>
            {t('accounts.failed', { reason: apiErrorText(error, t) })}
          </p>
        )}
        <div className="acc-dialog__foot">
          <button ref={cancel} type="button" className="acc-button" onClick={onClose} data-testid={`${testId}-cancel`}>
            {t('accounts.confirm.cancel')}
          </button>
          <button type="button" className={danger ? 'acc-button acc-button--danger' : 'acc-button'} onClick={() => void confirm()} disabled={busy} data-testid={`${testId}-confirm`}>
            {confirmLabel}
          </button>
        </div>
      </div>
    </div>
  );
}
