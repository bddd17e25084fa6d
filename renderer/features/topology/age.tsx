import { useTranslation } from 'react-i18next';
import { formatAge } from '../../i18n/format.js';
import { useClockStore } from '../../stores/clock-store.js';

/** "4 s trước" from an ISO time, ticking with the console's clock; "—" when never measured. */
export function Age({ at, className }: { readonly at: string | null | undefined; readonly className?: string }) {
  const { t } = useTranslation();
  const now = useClockStore((s) => s.now);
  return (
    <span className={className} title={at ?? undefined}>
      {formatAge(at, now, t)}
    </span>
  );
}
