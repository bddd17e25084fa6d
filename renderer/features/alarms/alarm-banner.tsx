import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { bannerCounts } from '../../../shared/alarms/alarm-summary.js';
import { ALARM_PRIORITIES } from '../../../shared/alarms/alarm-rules.js';
import { useAlarmStore } from '../../stores/alarm-store.js';
import { useUiStore } from '../../stores/ui-store.js';
import { PriorityGlyph } from './priority-glyph.js';

/**
 * The top bar's alarm banner: per priority with alarms, its shape and the alarms waiting for someone
 * (active ones in all in the tooltip); during a flood, the one summary instead of one alarm
 * at a time. A click opens the Alarms view. On the wall it is the same figures, not a control.
 */
export function AlarmBanner({ wall = false }: { readonly wall?: boolean }) {
  const { t } = useTranslation();
  const byId = useAlarmStore((s) => s.byId);
  const flood = useAlarmStore((s) => s.flood);
  const loaded = useAlarmStore((s) => s.loaded);
  const setView = useUiStore((s) => s.setView);
  const counts = useMemo(() => bannerCounts(Object.values(byId)), [byId]);
  if (!loaded) return null;
  const floodTotal = Object.values(flood.byArea).reduce((a, b) => a + b, 0);
  const Root = wall ? 'div' : 'button';
  return (
    <Root
      {...(wall ? { role: 'status' } : { type: 'button' as const, onClick: () => setView('alarms'), title: t('alarms.banner.title') })}
      className="alarm-banner"
      data-testid="alarm-banner"
      data-flood={flood.since !== null}
    >
      {ALARM_PRIORITIES.filter((p) => counts[p].unacknowledged > 0 || counts[p].active > 0).map((p) => (
        <span
          key={p}
          className="alarm-banner__count"
          data-priority={p}
          data-attention={counts[p].unacknowledged > 0}
          title={t('alarms.banner.count', { priority: t(`alarms.priority.${p}`), unacknowledged: counts[p].unacknowledged, active: counts[p].active })}
        >
          <PriorityGlyph priority={p} label={t(`alarms.priority.${p}`)} />
          {counts[p].unacknowledged}
        </span>
      ))}
      {ALARM_PRIORITIES.every((p) => counts[p].unacknowledged === 0 && counts[p].active === 0) && (
        <span className="alarm-banner__none" data-testid="alarm-none">
          {t('alarms.banner.none')}
        </span>
      )}
      {flood.since !== null && (
        <span className="alarm-banner__flood" data-testid="alarm-flood">
          {t('alarms.banner.flood', { count: floodTotal })}
        </span>
      )}
    </Root>
  );
}
