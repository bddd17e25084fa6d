import { useEffect, useRef, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../shell/confirm-dialog.js';
import { isDirty, type BookingForm } from './booking-form-model.js';

/**
 * Closing the booking form without losing what was typed: Escape, the close button and Cancel
 * ask `requestClose`, which closes an untouched form at once and otherwise asks (DiscardDialog).
 * Escape is heard on the document too, so it asks the same way when the focus has left the form.
 */
export function useCloseGuard(initial: BookingForm, form: BookingForm, formRef: RefObject<HTMLFormElement | null>, onClose: () => void) {
  const [asking, setAsking] = useState(false);
  const dirty = isDirty(initial, form);
  const requestClose = (): void => {
    if (dirty) setAsking(true);
    else onClose();
  };
  const requestCloseRef = useRef(requestClose);
  requestCloseRef.current = requestClose;
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      if (e.target instanceof Node && formRef.current?.contains(e.target)) return;
      e.preventDefault();
      requestCloseRef.current();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [formRef]);
  return {
    asking,
    requestClose,
    /** Back to the form (then `focus` puts the caret back in it). */
    keep: (focus: () => void): void => {
      setAsking(false);
      focus();
    },
  };
}

/** "Discard the booking “…” being filled in?": the focus on keeping it, the named action discards. */
export function DiscardDialog({ title, editing, onDiscard, onKeep }: { readonly title: string; readonly editing: boolean; readonly onDiscard: () => void; readonly onKeep: () => void }) {
  const { t } = useTranslation();
  return (
    <ConfirmDialog
      testId="discard-dialog"
      question={title.trim() ? t('schedule.discard.questionTitled', { title: title.trim() }) : t('schedule.discard.question')}
      confirmLabel={editing ? t('schedule.discard.confirmEdit') : t('schedule.discard.confirm')}
      cancelLabel={t('schedule.discard.keep')}
      onConfirm={onDiscard}
      onClose={onKeep}
    />
  );
}
