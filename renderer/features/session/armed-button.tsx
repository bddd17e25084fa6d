import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A dangerous action, armed then fired: the first click arms it (the button changes, names its
 * targets, counts down); a second click within the countdown fires it. The countdown running out,
 * Escape, or the button being disabled meanwhile disarm it. A second click that comes too soon
 * after the first (a double click) does not fire.
 */
export const ARM_SECONDS = 5;
/** A confirmation sooner than this after arming is taken for a double click and ignored. */
export const ARM_GUARD_MS = 350;

export interface ArmedButtonProps {
  /** Text of the idle button. */
  readonly label: string;
  /** What firing will do, naming its targets ("Ngắt kết nối 14 xã của Ba Bể?"). */
  readonly confirm: string;
  readonly onFire: () => void;
  readonly disabled?: boolean;
  /** Why it is disabled (its tooltip). */
  readonly reason?: string | null;
  readonly seconds?: number;
  readonly testId?: string;
  readonly className?: string;
  /** A narrow button (in a table row): the confirmation goes in the tooltip, not beside the button. */
  readonly compact?: boolean;
  readonly tabIndex?: number;
  /** Extra content shown while armed (a list of the targets). */
  readonly details?: ReactNode;
  readonly icon?: ReactNode;
}

export function ArmedButton({ label, confirm, onFire, disabled = false, reason, seconds = ARM_SECONDS, testId, className, compact = false, tabIndex, details, icon }: ArmedButtonProps) {
  const { t } = useTranslation();
  const [armedAt, setArmedAt] = useState<number | null>(null);
  const [left, setLeft] = useState(seconds);
  const fired = useRef(false);
  const armed = armedAt !== null && !disabled;

  useEffect(() => {
    if (armedAt === null) return;
    const tick = (): void => {
      const remaining = Math.ceil((armedAt + seconds * 1000 - Date.now()) / 1000);
      if (remaining <= 0) setArmedAt(null);
      else setLeft(remaining);
    };
    tick();
    const timer = setInterval(tick, 200);
    return () => clearInterval(timer);
  }, [armedAt, seconds]);

  useEffect(() => {
    if (disabled) setArmedAt(null);
  }, [disabled]);

  const onClick = (): void => {
    if (disabled) return;
    if (armedAt === null) {
      fired.current = false;
      setLeft(seconds);
      setArmedAt(Date.now());
      return;
    }
    if (Date.now() - armedAt < ARM_GUARD_MS || fired.current) return;
    fired.current = true;
    setArmedAt(null);
    onFire();
  };

  const text = armed ? t('session.armed.fire', { seconds: left }) : label;
  const title = disabled ? (reason ?? label) : armed ? `${confirm} ${t('session.armed.hint', { seconds: left })}` : t('session.armed.idle', { label });
  return (
    <span className={['armed', className].filter(Boolean).join(' ')} data-armed={armed} data-compact={compact}>
      <button
        type="button"
        className="armed__button"
        data-testid={testId}
        data-armed={armed}
        disabled={disabled}
        aria-disabled={disabled}
        aria-label={armed ? `${confirm} ${t('session.armed.hint', { seconds: left })}` : label}
        title={title}
        tabIndex={tabIndex}
        onClick={onClick}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && armed) {
            e.preventDefault();
            e.stopPropagation();
            setArmedAt(null);
          }
        }}
      >
        {icon}
        <span className="armed__text">{text}</span>
      </button>
      {armed && !compact && (
        <span className="armed__confirm" role="alert" data-testid={testId ? `${testId}-confirm` : undefined}>
          {confirm}
          {details}
        </span>
      )}
    </span>
  );
}
