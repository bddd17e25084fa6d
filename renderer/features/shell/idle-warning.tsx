import { useTranslation } from 'react-i18next';
import { useIdleStore } from '../../stores/idle-watch.js';

/**
 * A minute before the login session ends for want of input, a line under the top bar says so and
 * counts down; any key or pointer movement keeps the session (idle-watch.ts tells the engine).
 */
export function IdleWarning() {
  const { t } = useTranslation();
  const secondsLeft = useIdleStore((s) => s.secondsLeft);
  const idleMinutes = useIdleStore((s) => s.idleMinutes);
  if (secondsLeft === null || idleMinutes === null) return null;
  return (
    <div className="idle-warning" role="alert" data-testid="idle-warning">
      <span className="idle-warning__mark" aria-hidden="true">
        ⏲
      </span>
      {t('auth.idle.warning', { minutes: idleMinutes, seconds: secondsLeft })}
    </div>
  );
}
