import './alarms.css';
import { useMemo, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { alarmList, type AlarmFilter } from '../../../shared/alarms/alarm-summary.js';
import type { ApiErrorData } from '../../../shared/api/errors.js';
import { can } from '../../../shared/api/permissions.js';
import { formatAge, formatDateTime } from '../../i18n/format.js';
import { apiErrorText } from '../../i18n/error-words.js';
import { acknowledgeAlarms, shelveAlarm, unshelveAlarm, useAlarmStore } from '../../stores/alarm-store.js';
import { useClockStore } from '../../stores/clock-store.js';
import { useConnectionStore } from '../../stores/connection-store.js';
import { useNetworkStore } from '../../stores/network-store.js';
import { useUiStore } from '../../stores/ui-store.js';
import { AlarmFilters } from './alarm-filters.js';
import { AlarmRow } from './alarm-row.js';
import { KpiPanel } from './kpi-panel.js';
import { MaintenancePanel } from './maintenance-panel.js';
import { ShelveForm } from './shelve-form.js';

const TABS = ['list', 'maintenance', 'kpi'] as const;
type Tab = (typeof TABS)[number];

/**
 * The Alarms view (ISA-18.2): every alarm needing attention, most urgent first, with its site,
 * what, since when, its value with unit and age, and its state in words; narrowed by priority,
 * state and district, sorted by priority, time or site. Arrows move, Space selects, `a`
 * acknowledges the selection (with the comment typed above), `s` shelves the current alarm with a
 * reason, `m` opens its site on the map. Suppressed, shelved and out-of-service alarms are behind
 * a filter. Two more tabs: sites in maintenance, and the alarm system's KPIs.
 */
export function AlarmsView() {
  const { t } = useTranslation();
  const byId = useAlarmStore((s) => s.byId);
  const identity = useConnectionStore((s) => s.identity);
  const network = useNetworkStore((s) => s.network);
  const sites = useNetworkStore((s) => s.index?.sitesById ?? null);
  const timezone = network?.timezone ?? 'Asia/Ho_Chi_Minh';
  const now = useClockStore((s) => s.now);
  const [tab, setTab] = useState<Tab>('list');
  const [filter, setFilter] = useState<AlarmFilter>({ showHidden: false });
  const [cursor, setCursor] = useState(0);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [comment, setComment] = useState('');
  const [shelving, setShelving] = useState<string | null>(null);
  const [error, setError] = useState<ApiErrorData | null>(null);

  const siteName = (id: string | null) => (id === null ? t('alarms.network') : (sites?.get(id)?.name ?? t('alarms.outOfScope')));
  const areas = useMemo(() => (network && network.tiers.length > 2 ? network.sites.filter((s) => s.tier === network.tiers[1]).map((s) => ({ id: s.id, name: s.name })) : []), [network]);
  const list = useMemo(
    () =>
      alarmList(Object.values(byId), filter, {
        inArea: (site, area) => site !== null && (site === area || sites?.get(site)?.district === area),
        siteName: (id) => (id === null ? '' : (sites?.get(id)?.name ?? id)),
      }),
    [byId, filter, sites],
  );
  const mayAct = can(identity, 'acknowledgeAlarms');
  const current = list[Math.min(cursor, list.length - 1)] ?? null;

  const districtName = (id: string | null) => {
    const d = id === null ? null : (sites?.get(id)?.district ?? null);
    return d && d !== id ? (sites?.get(d)?.name ?? null) : null;
  };
  const showOnMap = (siteId: string) => {
    useUiStore.getState().select(siteId);
    useUiStore.getState().setView('map');
  };
  const done = (e: ApiErrorData | null) => {
    setError(e);
    if (e === null) setSelected(new Set());
  };
  const acknowledge = async () => {
    const ids = selected.size > 0 ? [...selected] : current ? [current.id] : [];
    const ackable = ids.filter((id) => byId[id]?.state === 'unack' || byId[id]?.state === 'rtn_unack');
    if (ackable.length === 0) return;
    done(await acknowledgeAlarms(ackable, comment.trim()));
    setComment('');
  };
  const shelve = async (reason: string, minutes: number) => {
    if (!shelving) return;
    const e = await shelveAlarm(shelving, reason, minutes);
    done(e);
    if (e === null) setShelving(null);
  };
  const onKey = (e: KeyboardEvent) => {
    if (tab !== 'list' || e.target instanceof HTMLInputElement || e.target instanceof HTMLSelectElement) return;
    if (e.key === 'ArrowDown') setCursor((c) => Math.min(c + 1, list.length - 1));
    else if (e.key === 'ArrowUp') setCursor((c) => Math.max(c - 1, 0));
    else if (e.key === ' ' && current) {
      setSelected((s) => {
        const next = new Set(s);
        if (!next.delete(current.id)) next.add(current.id);
        return next;
      });
    } else if (e.key === 'a' && mayAct) void acknowledge();
    else if (e.key === 's' && mayAct && current) setShelving(current.id);
    else if (e.key === 'm' && current?.subject.siteId) showOnMap(current.subject.siteId);
    else return;
    e.preventDefault();
  };
  const shelvingAlarm = shelving ? byId[shelving] : undefined;

  return (
    <section className="alarms" data-testid="alarms-view" aria-label={t('alarms.title')} tabIndex={0} onKeyDown={onKey}>
      <header className="alarms__bar">
        <h2>{t('alarms.title')}</h2>
        <nav className="alarms__tabs" role="tablist" aria-label={t('alarms.title')}>
          {TABS.map((k) => (
            <button key={k} type="button" role="tab" aria-selected={tab === k} onClick={() => setTab(k)} data-testid={`alarms-tab-${k}`}>
              {t(`alarms.tab.${k}`)}
            </button>
          ))}
        </nav>
        {tab === 'list' && (
          <span className="alarms__count" data-testid="alarms-count">
            {t('alarms.count', { count: list.length })}
          </span>
        )}
        {tab === 'list' && mayAct && (
          <>
            <input className="alarms__comment" value={comment} onChange={(e) => setComment(e.target.value)} placeholder={t('alarms.commentHint')} maxLength={500} data-testid="alarms-comment" aria-label={t('alarms.comment')} />
            <button type="button" onClick={() => void acknowledge()} data-testid="alarms-ack" disabled={list.length === 0}>
              {selected.size > 0 ? t('alarms.ackSelected', { count: selected.size }) : t('alarms.ack')}
            </button>
          </>
        )}
      </header>
      {tab === 'maintenance' && <MaintenancePanel />}
      {tab === 'kpi' && <KpiPanel />}
      {tab === 'list' && <AlarmFilters filter={filter} onChange={setFilter} areas={areas} />}
      {tab === 'list' && error && (
        <p className="alarms__error" role="alert" data-testid="alarms-error">
          {apiErrorText(error, t)}
        </p>
      )}
      {tab === 'list' && shelvingAlarm && (
        <ShelveForm
          title={t('alarms.shelveTitle', { site: siteName(shelvingAlarm.subject.siteId), what: t(`alarms.rule.${shelvingAlarm.ruleId}`, { defaultValue: t('alarms.rule.other') }) })}
          onShelve={(reason, minutes) => void shelve(reason, minutes)}
          onCancel={() => setShelving(null)}
        />
      )}
      {tab === 'list' &&
        (list.length === 0 ? (
          <p className="alarms__empty" data-testid="alarms-empty">
            {t('alarms.none')}
          </p>
        ) : (
          <table className="alarms__table">
            <thead>
              <tr>
                <th>{t('alarms.col.priority')}</th>
                <th>{t('alarms.col.site')}</th>
                <th>{t('alarms.col.what')}</th>
                <th>{t('alarms.col.since')}</th>
                <th>{t('alarms.col.value')}</th>
                <th>{t('alarms.col.state')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((a, i) => (
                <AlarmRow
                  key={a.id}
                  alarm={a}
                  current={i === cursor}
                  selected={selected.has(a.id)}
                  onSelect={() => setCursor(i)}
                  site={siteName(a.subject.siteId)}
                  district={districtName(a.subject.siteId)}
                  since={formatDateTime(a.activeSince ?? a.returnedAt, timezone) ?? '—'}
                  age={formatAge(a.activeSince ?? a.returnedAt, now, t)}
                  valueAge={a.valueAt ? formatAge(a.valueAt, now, t) : null}
                  explained={a.suppressedBy ? t('alarms.hidden.suppressed', { by: siteName(byId[a.suppressedBy]?.subject.siteId ?? null) }) : a.shelved ? t('alarms.hidden.shelved', { by: a.shelved.by, reason: a.shelved.reason, until: formatDateTime(a.shelved.until, timezone) }) : a.outOfService ? t('alarms.hidden.maintenance', { reason: a.outOfService.reason }) : null}
                  onShowOnMap={a.subject.siteId && sites?.has(a.subject.siteId) ? () => showOnMap(a.subject.siteId!) : null}
                  onUnshelve={a.shelved && mayAct ? () => void unshelveAlarm(a.id).then(done) : null}
                />
              ))}
            </tbody>
          </table>
        ))}
    </section>
  );
}
