import './alarms.css';
import { useMemo, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AlarmView } from '../../../shared/alarms/alarm-api.js';
import { alarmList } from '../../../shared/alarms/alarm-summary.js';
import type { ApiErrorData } from '../../../shared/api/errors.js';
import { can } from '../../../shared/api/permissions.js';
import { formatAge, formatDateTime } from '../../i18n/format.js';
import { apiErrorText } from '../../i18n/error-words.js';
import { acknowledgeAlarms, shelveAlarm, useAlarmStore } from '../../stores/alarm-store.js';
import { useClockStore } from '../../stores/clock-store.js';
import { useConnectionStore } from '../../stores/connection-store.js';
import { useNetworkStore } from '../../stores/network-store.js';
import { PriorityGlyph } from './priority-glyph.js';

const SHELVE_MINUTES = [15, 60, 240, 480] as const;

/**
 * The Alarms view (ISA-18.2): every alarm needing attention, most urgent first, with its site,
 * what, since when, its value with unit and age, and its state in words. Arrows move, Space
 * selects, `a` acknowledges the selection (with the comment typed above), `s` shelves the
 * current alarm with a reason. Suppressed, shelved and out-of-service alarms are behind a filter.
 */
export function AlarmsView() {
  const { t } = useTranslation();
  const byId = useAlarmStore((s) => s.byId);
  const identity = useConnectionStore((s) => s.identity);
  const sites = useNetworkStore((s) => s.index?.sitesById ?? null);
  const timezone = useNetworkStore((s) => s.network?.timezone ?? 'Asia/Ho_Chi_Minh');
  const now = useClockStore((s) => s.now);
  const [showHidden, setShowHidden] = useState(false);
  const [cursor, setCursor] = useState(0);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [comment, setComment] = useState('');
  const [shelving, setShelving] = useState<{ id: string; reason: string; minutes: number } | null>(null);
  const [error, setError] = useState<ApiErrorData | null>(null);
  const list = useMemo(() => alarmList(Object.values(byId), showHidden), [byId, showHidden]);
  const mayAct = can(identity, 'acknowledgeAlarms');
  const current = list[Math.min(cursor, list.length - 1)] ?? null;

  const siteName = (id: string | null) => (id === null ? t('alarms.network') : (sites?.get(id)?.name ?? t('alarms.outOfScope')));
  const districtName = (id: string | null) => {
    const d = id === null ? null : (sites?.get(id)?.district ?? null);
    return d && d !== id ? (sites?.get(d)?.name ?? null) : null;
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
  const shelve = async () => {
    if (!shelving) return;
    const e = await shelveAlarm(shelving.id, shelving.reason, shelving.minutes);
    done(e);
    if (e === null) setShelving(null);
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.target instanceof HTMLInputElement || e.target instanceof HTMLSelectElement) return;
    if (e.key === 'ArrowDown') setCursor((c) => Math.min(c + 1, list.length - 1));
    else if (e.key === 'ArrowUp') setCursor((c) => Math.max(c - 1, 0));
    else if (e.key === ' ' && current) {
      setSelected((s) => {
        const next = new Set(s);
        if (!next.delete(current.id)) next.add(current.id);
        return next;
      });
    } else if (e.key === 'a' && mayAct) void acknowledge();
    else if (e.key === 's' && mayAct && current) setShelving({ id: current.id, reason: '', minutes: 60 });
    else return;
    e.preventDefault();
  };

  return (
    <section className="alarms" data-testid="alarms-view" aria-label={t('alarms.title')} tabIndex={0} onKeyDown={onKey}>
      <header className="alarms__bar">
        <h2>{t('alarms.title')}</h2>
        <span className="alarms__count" data-testid="alarms-count">
          {t('alarms.count', { count: list.length })}
        </span>
        <label className="alarms__filter">
          <input type="checkbox" checked={showHidden} onChange={(e) => setShowHidden(e.target.checked)} data-testid="alarms-show-hidden" />
          {t('alarms.showHidden')}
        </label>
        {mayAct && (
          <>
            <input className="alarms__comment" value={comment} onChange={(e) => setComment(e.target.value)} placeholder={t('alarms.commentHint')} maxLength={500} data-testid="alarms-comment" aria-label={t('alarms.comment')} />
            <button type="button" onClick={() => void acknowledge()} data-testid="alarms-ack" disabled={list.length === 0}>
              {selected.size > 0 ? t('alarms.ackSelected', { count: selected.size }) : t('alarms.ack')}
            </button>
          </>
        )}
      </header>
      {error && (
        <p className="alarms__error" role="alert" data-testid="alarms-error">
          {apiErrorText(error, t)}
        </p>
      )}
      {shelving && (
        <form
          className="alarms__shelve"
          data-testid="alarms-shelve"
          onSubmit={(e) => {
            e.preventDefault();
            void shelve();
          }}
        >
          <strong>{t('alarms.shelveTitle', { site: siteName(byId[shelving.id]?.subject.siteId ?? null), what: t(`alarms.rule.${byId[shelving.id]?.ruleId ?? ''}`, { defaultValue: t('alarms.rule.other') }) })}</strong>
          <input autoFocus value={shelving.reason} onChange={(e) => setShelving({ ...shelving, reason: e.target.value })} placeholder={t('alarms.reason')} aria-label={t('alarms.reason')} maxLength={500} data-testid="alarms-shelve-reason" />
          <select value={shelving.minutes} onChange={(e) => setShelving({ ...shelving, minutes: Number(e.target.value) })} aria-label={t('alarms.duration')} data-testid="alarms-shelve-minutes">
            {SHELVE_MINUTES.map((m) => (
              <option key={m} value={m}>
                {t('alarms.minutes', { count: m })}
              </option>
            ))}
          </select>
          <button type="submit" data-testid="alarms-shelve-confirm">
            {t('alarms.shelve')}
          </button>
          <button type="button" onClick={() => setShelving(null)}>
            {t('alarms.cancel')}
          </button>
        </form>
      )}
      {list.length === 0 ? (
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
                explained={a.suppressedBy ? t('alarms.hidden.suppressed', { by: siteName(byId[a.suppressedBy]?.subject.siteId ?? null) }) : a.shelved ? t('alarms.hidden.shelved', { by: a.shelved.by, reason: a.shelved.reason }) : a.outOfService ? t('alarms.hidden.maintenance', { reason: a.outOfService.reason }) : null}
              />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

interface RowProps {
  readonly alarm: AlarmView;
  readonly current: boolean;
  readonly selected: boolean;
  readonly onSelect: () => void;
  readonly site: string;
  readonly district: string | null;
  readonly since: string;
  readonly age: string;
  readonly valueAge: string | null;
  readonly explained: string | null;
}

function AlarmRow({ alarm: a, current, selected, onSelect, site, district, since, age, valueAge, explained }: RowProps) {
  const { t } = useTranslation();
  return (
    <tr data-testid="alarm-row" data-alarm-id={a.id} data-state={a.state} data-priority={a.priority} data-current={current} aria-selected={selected} onClick={onSelect}>
      <td>
        <PriorityGlyph priority={a.priority} label={t(`alarms.priority.${a.priority}`)} /> {t(`alarms.priority.${a.priority}`)}
      </td>
      <td>
        {site}
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
      </td>
    </tr>
  );
}
