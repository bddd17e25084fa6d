import { useTranslation } from 'react-i18next';
import { formatAge, formatDateTime } from '../../i18n/format.js';
import { useClockStore } from '../../stores/clock-store.js';

/** "4 s" for a dense table (the column says "measured … ago"), ticking with the console's clock; the full time in the tooltip. */
export function ShortAge({ at, timezone }: { readonly at: string | null; readonly timezone: string }) {
  const { t } = useTranslation();
  const now = useClockStore((s) => s.now);
  const ms = at ? Date.parse(at) : NaN;
  if (Number.isNaN(ms)) return <>{t('value.none')}</>;
  const s = Math.max(0, Math.floor((now - ms) / 1000));
  const text = s < 120 ? t('session.ageShort.s', { n: s }) : s < 7200 ? t('session.ageShort.min', { n: Math.floor(s / 60) }) : s < 172_800 ? t('session.ageShort.h', { n: Math.floor(s / 3600) }) : t('session.ageShort.d', { n: Math.floor(s / 86_400) });
  return (
    <span className="num" title={t('session.ageShort.title', { time: formatDateTime(at, timezone), age: formatAge(at, now, t) })}>
      {text}
    </span>
  );
}
