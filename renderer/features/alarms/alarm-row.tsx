import { useTranslation } from 'react-i18next';
import type { AlarmView } from '../../../shared/alarms/alarm-api.js';
import { PriorityGlyph } from './priority-glyph.js';

export interface AlarmRowProps {
  readonly alarm: AlarmView;
  readonly current: boolean;
  readonly selected: boolean;
  readonly onSelect: () => void;
  readonly site: string;
  readonly district: string | null;
  readonly since: string;
  readonly age: string;
  readonly valueAge: string | null;
  /** Why it is hidden (suppressed by, shelved by, in maintenance), in words. */
  readonly explained: string | null;
  /** Open the site on the map with its details; absent for network-wide alarms. */
  readonly onShowOnMap: (() => void) | null;
  /** Take it off the shelf; absent when not shelved or not allowed. */
  readonly onUnshelve: (() => void) | null;
}

/** One alarm: priority (shape and word), site with its district, what, since when, value with unit and age, state. */
export function AlarmRow({ alarm: a, current, selected, onSelect, site, district, since, age, valueAge, explained, onShowOnMap, onUnshelve }: AlarmRowProps) {
  const { t } = useTranslation();
  return (
    <tr data-testid="alarm-row" data-alarm-id={a.id} data-state={a.state} data-priority={a.priority} data-current={current} aria-selected={selected} onClick={onSelect}>
      <td>
        <PriorityGlyph priority={a.priority} label={t(`alarms.priority.${a.priority}`)} /> {t(`alarms.priority.${a.priority}`)}
      </td>
      <td>
        {onShowOnMap ? (
          <button type="button" className="alarms__link" onClick={onShowOnMap} data-testid="alarm-show-on-map" title={t('alarms.showOnMap')}>
            {site}
          </button>
        ) : (
          site
        )}
        {district && <span className="alarms__dim"> · {district}</span>}
      </td>
      <td>
        {t(`alarms.rule.${a.ruleId}`, { defaultValue: t('alarms.rule.other') })}
        {(a.chattering || a.standing) && <span className="alarms__flag"> · {t(a.chattering ? 'alarms.chattering' : 'alarms.standing')}</span>}
        {explained && <div className="alarms__dim">{explained}</div>}
      </td>
      <td>
        {since} <span className="alarms__dim">({age})</span>
      </td>
      <td>
        {a.value === null ? '—' : `${a.value} ${a.unit ?? ''}`}
        {valueAge && <span className="alarms__dim"> ({valueAge})</span>}
      </td>
      <td data-attention={a.state === 'unack' || a.state === 'rtn_unack'}>
        {t(`alarms.state.${a.state}`)}
        {a.ack && <div className="alarms__dim">{t('alarms.ackedBy', { by: a.ack.by, comment: a.ack.comment || '—' })}</div>}
        {onUnshelve && (
          <button type="button" className="alarms__small" onClick={onUnshelve} data-testid="alarm-unshelve">
            {t('alarms.unshelve')}
          </button>
        )}
      </td>
    </tr>
  );
}
