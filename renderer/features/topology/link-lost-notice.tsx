import { useTranslation } from 'react-i18next';
import { formatAge } from '../../i18n/format.js';
import { useClockStore } from '../../stores/clock-store.js';
import { useStatusStore } from '../../stores/status-store.js';
import { StatusGlyph } from '../../theme/status-glyph.js';

/** Says plainly that what the tree shows is no longer live, and since when. */
export function LinkLostNotice() {
  const { t } = useTranslation();
  const appliedAt = useStatusStore((s) => s.appliedAt);
  const now = useClockStore((s) => s.now);
  const text =
    appliedAt === null ? t('app.linkLostNever') : t('app.linkLost', { age: formatAge(new Date(appliedAt).toISOString(), now, t) });
  return (
    <div className="link-lost" role="status" data-testid="link-lost">
      <StatusGlyph kind="down" label={t('connection.closed')} />
      <span>{text}</span>
    </div>
  );
}
