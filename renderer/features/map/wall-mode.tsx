import './map.css';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useClockStore } from '../../stores/clock-store.js';
import { useNetworkStore } from '../../stores/network-store.js';
import { clockParts } from '../../i18n/format.js';
import { AlarmBanner } from '../alarms/alarm-banner.js';
import { MapCanvas } from './map-canvas.js';
import { selectMcu, useConferenceStore } from './map-conferences.js';
import { MapCounters } from './map-counters.js';
import { MapLegend } from './map-legend.js';
import { useMapStore } from './map-store.js';

export interface WallModeProps {
  /** Called when the wall is left (Escape, or the browser leaving full screen). */
  readonly onExit?: () => void;
}

/**
 * The control room's big screen: the map and the counters per tier and district alone, in large
 * type, no controls but the alarm banner (the wall must still say what waits for someone). It asks for full screen (the Fullscreen API) when it opens; where that is
 * refused (no user gesture, a kiosk) it still fills the window. Escape leaves.
 */
export function WallMode({ onExit }: WallModeProps) {
  const { t } = useTranslation();
  const rootRef = useRef<HTMLDivElement>(null);
  const province = useNetworkStore((s) => s.network?.name ?? '');
  const timezone = useNetworkStore((s) => s.network?.timezone ?? 'Asia/Ho_Chi_Minh');
  const now = useClockStore((s) => s.now);
  const mcu = useConferenceStore(selectMcu);
  const clock = clockParts(now, timezone);

  useEffect(() => {
    const el = rootRef.current;
    let entered = false;
    if (el && typeof el.requestFullscreen === 'function' && !document.fullscreenElement) {
      el.requestFullscreen().then(
        () => (entered = true),
        () => undefined, // refused: stay as a full-window overlay
      );
    }
    const onChange = (): void => {
      if (entered && !document.fullscreenElement) onExit?.();
    };
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        onExit?.();
      } else if (e.key === 'f' || e.key === 'F') useMapStore.getState().requestView('fit');
    };
    document.addEventListener('fullscreenchange', onChange);
    window.addEventListener('keydown', onKey, true);
    return () => {
      document.removeEventListener('fullscreenchange', onChange);
      window.removeEventListener('keydown', onKey, true);
      if (document.fullscreenElement === el) void document.exitFullscreen?.().catch(() => undefined);
    };
  }, [onExit]);

  return (
    <div ref={rootRef} className="wall" data-testid="wall-mode" role="region" aria-label={t('map.wall.label')}>
      <header className="wall__head">
        <span className="wall__province">{province}</span>
        <span className="wall__mcu" data-state={mcu?.state ?? 'unknown'}>
          {t('map.mcu.short')} · {t(`map.mcu.state.${mcu?.state ?? 'unknown'}`)}
        </span>
        <AlarmBanner wall />
        <span className="wall__clock num">{clock.time}</span>
      </header>
      <div className="wall__body">
        <div className="wall__stage">
          <MapCanvas wall />
        </div>
        <MapCounters wall>
          <MapLegend />
        </MapCounters>
      </div>
    </div>
  );
}
