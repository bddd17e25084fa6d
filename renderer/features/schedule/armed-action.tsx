import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ARM_SECONDS, armState, press } from '../shell/arming.js';

export interface ArmedActionProps {
  readonly label: string;
  /** What firing does, naming its targets ("Bắt đầu và gọi 14 điểm cầu?"). */
  readonly confirm: string;
  readonly onFire: () => void;
  readonly disabled?: boolean;
  readonly reason?: string | null;
  readonly seconds?: number;
  readonly testId: string;
}

/**
 * Armed, then fired: the first click arms (the button changes and counts down, the confirmation
 * names the targets); a second click within the countdown fires. Escape or the countdown disarm.
 */
export function ArmedAction({ label, confirm, onFire, disabled = false, reason, seconds = ARM_SECONDS, testId }: ArmedActionProps) {
  const { t } = useTranslation();
  const [armedAt, setArmedAt] = useState<number | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const state = armState(disabled ? null : armedAt, now, seconds);

  useEffect(() => {
    if (armedAt === null) return;
    const timer = setInterval(() => {
      const at = Date.now();
      setNow(at);
      if (!armState(armedAt, at, seconds).armed) setArmedAt(null);
    }, 200);
    return () => clearInterval(timer);
  }, [armedAt, seconds]);

  useEffect(() => {
    if (disabled) setArmedAt(null);
  }, [disabled]);

  const onClick = (): void => {
    if (disabled) return;
    const at = Date.now();
    const what = press(armedAt, at, seconds);
    setNow(at);
    if (what === 'arm') setArmedAt(at);
    else if (what === 'fire') {
      setArmedAt(null);
      onFire();
    }
  };

  const hint = t('schedule.armed.hint', { seconds: state.left });
  return (
    <span className="armed-action" data-armed={state.armed}>
      <button
        type="button"
        className="armed-action__button"
        data-testid={testId}
        data-armed={state.armed}
        disabled={disabled}
        title={disabled ? (reason ?? label) : state.armed ? `${confirm} ${hint}` : t('schedule.armed.idle', { label })}
        aria-label={state.armed ? `${confirm} ${hint}` : label}
        onClick={onClick}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && state.armed) {
            e.preventDefault();
            e.stopPropagation();
            setArmedAt(null);
          }
        }}
      >
        {state.armed ? t('schedule.armed.fire', { seconds: state.left }) : label}
      </button>
      {state.armed && (
        <span className="armed-action__confirm" role="alert" data-testid={`${testId}-confirm`}>
          {confirm}
        </span>
      )}
      {disabled && reason && <span className="faint armed-action__reason">{reason}</span>}
    </span>
  );
}
