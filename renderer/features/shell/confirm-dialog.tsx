import './confirm-dialog.css';
import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiErrorData } from '../../../shared/api/errors.js';
import { apiErrorText } from '../../i18n/error-words.js';

export interface ConfirmDialogProps {
  /** The question, naming what will happen to whom. */
  readonly question: string;
  /** The button that does it, naming it again ("Xoá tài khoản dieuhanh"). */
  readonly confirmLabel: string;
  /** The safe choice's words (default "Huỷ" / "Cancel"). */
  readonly cancelLabel?: string;
  readonly danger?: boolean;
  readonly testId: string;
  /**
   * Does it. An async action answers the engine's refusal (shown in the dialog) or null when done;
   * a sync one (a request the store follows itself) returns nothing and the dialog closes.
   */
  readonly onConfirm: () => Promise<ApiErrorData | null> | void;
  readonly onClose: () => void;
  readonly children?: ReactNode;
}

/**
 * A dangerous action, named and confirmed (ui.md), for every feature: the question names the
 * target, the focus starts on the safe choice (Cancel), Tab stays inside the dialog, Escape
 * cancels (and goes no further: a dialog over a form does not close the form too), Enter on the
 * named action does it, and a refusal stays in the dialog in words.
 */
export function ConfirmDialog({ question, confirmLabel, cancelLabel, danger = true, testId, onConfirm, onClose, children }: ConfirmDialogProps) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiErrorData | null>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const questionId = useId();

  useEffect(() => cancel.current?.focus(), []);

  const confirm = async (): Promise<void> => {
    const pending = onConfirm();
    if (!pending) return onClose();
    setBusy(true);
    const refused = await pending;
    setBusy(false);
    if (refused) setError(refused);
    else onClose();
  };

  const onKeyDown = (e: KeyboardEvent): void => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      onClose();
    } else if (e.key === 'Tab') {
      // Two buttons: Tab and Shift+Tab go from one to the other and never leave the dialog.
      e.preventDefault();
      e.stopPropagation();
      (document.activeElement === cancel.current ? confirmButton.current : cancel.current)?.focus();
    } else if (e.key === 'Enter') {
      // Enter presses the focused button only; it never reaches a form behind the dialog.
      e.stopPropagation();
    }
  };

  return (
    <div className="confirm-backdrop" onKeyDown={onKeyDown}>
      <div className="confirm-dialog" role="alertdialog" aria-modal="true" aria-label={confirmLabel} aria-describedby={questionId} data-testid={testId}>
        <p className="confirm-dialog__question" id={questionId}>
          {question}
        </p>
        {children}
        {error && (
          <p className="confirm-dialog__error" role="alert" data-testid={`${testId}-error`}>
            {t('dialog.failed', { reason: apiErrorText(error, t) })}
          </p>
        )}
        <div className="confirm-dialog__foot">
          <button ref={cancel} type="button" className="confirm-button" onClick={onClose} data-testid={`${testId}-cancel`}>
            {cancelLabel ?? t('dialog.cancel')}
          </button>
          <button
            ref={confirmButton}
            type="button"
            className={danger ? 'confirm-button confirm-button--danger' : 'confirm-button'}
            onClick={() => void confirm()}
            disabled={busy}
            data-testid={`${testId}-confirm`}
          >
            {confirmLabel}
          </button>
        </div>
      </div>
    </div>
  );
}
