import { useTranslation } from 'react-i18next';
import { clockParts, zoneLabel } from '../../i18n/format.js';
import { useClockStore } from '../../stores/clock-store.js';

/** The time in the inventory's zone: 24-hour, dd/MM/yyyy, labelled (ICT). */
export function Clock({ timezone }: { readonly timezone: string }) {
  const { t } = useTranslation();
  const now = useClockStore((s) => s.now);
  const { time, date } = clockParts(now, timezone);
  const zone = zoneLabel(timezone, now);
  return (
    <span className="clock" role="timer" aria-label={t('topbar.clock', { zone })} data-testid="clock">
      <time className="clock__time num" dateTime={new Date(now).toISOString()}>
        {time}
      </time>
      <span className="num">{date}</span>
      <span className="clock__zone">{zone}</span>
    </span>
  );
}
