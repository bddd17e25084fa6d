import criticalSound from '../../../assets/sounds/alarm-critical.wav?url';
import highSound from '../../../assets/sounds/alarm-high.wav?url';
import { PRELOAD_GLOBAL } from '../../../shared/api/ipc-channels.js';
import { i18n } from '../../i18n/index.js';
import type { AnnunciatorOutputs, LoudPriority } from './annunciator.js';

const SOUNDS: Record<LoudPriority, string> = { critical: criticalSound, high: highSound };

interface DesktopBridge {
  notify?(title: string, body: string): void;
}

/**
 * The annunciator's outputs on this desk: the bundled sounds through an <audio> element, and a
 * desktop notification through Electron (the preload's `notify`; main shows it only while the
 * window is unfocused) or, in a browser, the Notification API once the person allowed it.
 */
export function deskOutputs(win: Window = window): AnnunciatorOutputs {
  let playing: HTMLAudioElement | null = null;
  return {
    t: i18n.t.bind(i18n),
    play(priority) {
      try {
        playing?.pause();
        playing = new Audio(SOUNDS[priority]);
        // A browser may refuse sound before the page had a click; the list and banner still show it.
        void playing.play().catch(() => undefined);
      } catch {
        playing = null;
      }
    },
    notify(title, body) {
      const bridge = (win as unknown as Record<string, DesktopBridge | undefined>)[PRELOAD_GLOBAL];
      if (bridge?.notify) {
        bridge.notify(title, body);
        return;
      }
      if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
      try {
        const n = new Notification(title, { body, silent: true, tag: 'bridgepoint-alarm' });
        n.onclick = () => win.focus();
      } catch {
        // Some browsers allow notifications only from a service worker; the banner still shows it.
      }
    },
    focused: () => win.document.hasFocus() && win.document.visibilityState === 'visible',
  };
}

/** In a browser: may the console ask for desktop notifications (not yet asked, and supported)? */
export function canAskForNotifications(win: Window = window): boolean {
  const bridge = (win as unknown as Record<string, DesktopBridge | undefined>)[PRELOAD_GLOBAL];
  return !bridge?.notify && typeof Notification !== 'undefined' && Notification.permission === 'default';
}
