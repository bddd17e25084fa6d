import { useTranslation } from 'react-i18next';
import { ALARM_STATES, type AlarmState } from '../../../shared/alarms/alarm-machine.js';
import { ALARM_PRIORITIES, type AlarmPriority } from '../../../shared/alarms/alarm-rules.js';
import { ALARM_SORTS, type AlarmFilter, type AlarmSort } from '../../../shared/alarms/alarm-summary.js';
import { PriorityGlyph } from './priority-glyph.js';

interface Props {
  readonly filter: AlarmFilter;
  readonly onChange: (filter: AlarmFilter) => void;
  /** The districts to narrow to (none in a two-tier network: no filter then). */
  readonly areas: readonly { readonly id: string; readonly name: string }[];
}

const toggled = <T,>(list: readonly T[] | undefined, item: T): T[] => (list?.includes(item) ? list.filter((x) => x !== item) : [...(list ?? []), item]);

/** Narrow the list: priorities (each a toggle with its shape), state, district, sort, hidden ones. */
export function AlarmFilters({ filter, onChange, areas }: Props) {
  const { t } = useTranslation();
  return (
    <div className="alarms__filters" role="group" aria-label={t('alarms.filter.title')}>
      {ALARM_PRIORITIES.map((p: AlarmPriority) => (
        <label key={p} className="alarms__chip" data-on={filter.priorities?.includes(p) ?? false}>
          <input type="checkbox" checked={filter.priorities?.includes(p) ?? false} onChange={() => onChange({ ...filter, priorities: toggled(filter.priorities, p) })} data-testid={`alarms-filter-${p}`} />
          <PriorityGlyph priority={p} label={t(`alarms.priority.${p}`)} /> {t(`alarms.priority.${p}`)}
        </label>
      ))}
      <select
        value={filter.states?.[0] ?? ''}
        onChange={(e) => onChange({ ...filter, states: e.target.value ? [e.target.value as AlarmState] : [] })}
        aria-label={t('alarms.filter.state')}
        data-testid="alarms-filter-state"
      >
        <option value="">{t('alarms.filter.anyState')}</option>
        {ALARM_STATES.filter((s) => s !== 'normal').map((s) => (
          <option key={s} value={s}>
            {t(`alarms.state.${s}`)}
          </option>
        ))}
      </select>
      {areas.length > 0 && (
        <select value={filter.areaId ?? ''} onChange={(e) => onChange({ ...filter, areaId: e.target.value || null })} aria-label={t('alarms.filter.area')} data-testid="alarms-filter-area">
          <option value="">{t('alarms.filter.anyArea')}</option>
          {areas.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </select>
      )}
      <select value={filter.sort ?? 'priority'} onChange={(e) => onChange({ ...filter, sort: e.target.value as AlarmSort })} aria-label={t('alarms.filter.sort')} data-testid="alarms-sort">
        {ALARM_SORTS.map((s) => (
          <option key={s} value={s}>
            {t(`alarms.sort.${s}`)}
          </option>
        ))}
      </select>
      <label className="alarms__filter">
        <input type="checkbox" checked={filter.showHidden} onChange={(e) => onChange({ ...filter, showHidden: e.target.checked })} data-testid="alarms-show-hidden" />
        {t('alarms.showHidden')}
      </label>
    </div>
  );
}
