import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAlarmStore } from '../../stores/alarm-store.js';
import { canAskForNotifications } from './desk-outputs.js';

/** A speaker, crossed out when silenced: the state has a shape as well as words. */
function SpeakerGlyph({ silenced }: { readonly silenced: boolean }) {
  return (
    <svg className="glyph" width={14} height={14} viewBox="0 0 14 14" aria-hidden="true">
      <path d="M1.5 5 H4 L7.5 2 V12 L4 9 H1.5 Z" fill="currentColor" />
      {silenced ? <path d="M9 4.5 L13 9.5 M13 4.5 L9 9.5" stroke="currentColor" strokeWidth={1.5} /> : <path d="M9.5 4.5 Q11.5 7 9.5 9.5 M11 3 Q14 7 11 11" fill="none" stroke="currentColor" strokeWidth={1.2} />}
    </svg>
  );
}

/**
 * Next to the alarm banner: silence or restore the alarm sound for this desk (a silenced desk is
 * marked, so the next shift sees it), and in a browser, ask once for desktop notifications.
 */
export function SoundToggle() {
  const { t } = useTranslation();
  const silenced = useAlarmStore((s) => s.silenced);
  const loaded = useAlarmStore((s) => s.loaded);
  const [ask, setAsk] = useState(() => canAskForNotifications());
  if (!loaded) return null;
  return (
    <>
      <button
        type="button"
        className="sound-toggle"
        data-testid="alarm-sound"
        data-attention={silenced}
        aria-pressed={silenced}
        title={silenced ? t('alarms.sound.restoreTitle') : t('alarms.sound.silenceTitle')}
        aria-label={silenced ? t('alarms.sound.silenced') : t('alarms.sound.on')}
        onClick={() => useAlarmStore.getState().setSilenced(!silenced)}
      >
        <SpeakerGlyph silenced={silenced} />
        {/* The top bar stays one line: the speaker alone while sound is on, words once silenced. */}
        {silenced && t('alarms.sound.silenced')}
      </button>
      {ask && (
        <button
          type="button"
          className="sound-toggle"
          data-testid="alarm-notify-ask"
          title={t('alarms.sound.askNotify')}
          aria-label={t('alarms.sound.askNotify')}
          onClick={() => void Notification.requestPermission().finally(() => setAsk(false))}
        >
          <svg className="glyph" width={14} height={14} viewBox="0 0 14 14" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth={1.3}>
            <path d="M3 10 V6.5 C3 4.3 4.6 2.8 6.5 2.8 C8.4 2.8 10 4.3 10 6.5 V10 L11 11 H2 Z M5.3 12.5 H7.7" />
            <path d="M11.5 1.5 V5 M9.75 3.25 H13.25" />
          </svg>
        </button>
      )}
    </>
  );
}
