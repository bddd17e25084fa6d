import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { AlarmKpisSchema } from '../../../shared/alarms/alarm-api.js';
import { parseAlarmId } from '../../../shared/alarms/alarm-machine.js';
import type { ApiErrorData } from '../../../shared/api/errors.js';
import { formatAge } from '../../i18n/format.js';
import { apiErrorText } from '../../i18n/error-words.js';
import { getAlarmKpis } from '../../stores/alarm-store.js';
import { useClockStore } from '../../stores/clock-store.js';
import { useNetworkStore } from '../../stores/network-store.js';

type Kpis = z.infer<typeof AlarmKpisSchema>;

/**
 * Targets from EEMUA 191 (and ISA-18.2's performance section): about one alarm per 10 minutes per
 * operator is manageable, a peak over 10 is a flood, under 1 % of the time in flood, and the ten
 * most frequent alarms under 20 % of the load. A figure past its target is marked (word and colour).
 */
const TARGETS = { average: 1, peak: 10, floodPct: 1, top10SharePct: 20 } as const;

/** The figures a province tunes its alarm rules by, over the last 24 hours, read again every minute. */
export function KpiPanel() {
  const { t } = useTranslation();
  const sites = useNetworkStore((s) => s.network?.sites ?? null);
  const now = useClockStore((s) => s.now);
  const [kpis, setKpis] = useState<Kpis | null>(null);
  const [readAt, setReadAt] = useState<string | null>(null);
  const [error, setError] = useState<ApiErrorData | null>(null);
  useEffect(() => {
    const read = async () => {
      const r = await getAlarmKpis();
      if (r.ok) {
        setKpis(r.value);
        setReadAt(new Date().toISOString());
      }
      setError(r.ok ? null : r.error);
    };
    void read();
    const every = setInterval(() => void read(), 60_000);
    return () => clearInterval(every);
  }, []);
  const siteOfEndpoint = useMemo(() => new Map((sites ?? []).flatMap((s) => s.endpoints.map((e) => [e.id, s.name] as const))), [sites]);
  const named = (id: string) => {
    const p = parseAlarmId(id);
    if (!p) return id;
    const what = t(`alarms.rule.${p.ruleId}`, { defaultValue: t('alarms.rule.other') });
    const where = p.kind === 'endpoint' ? (siteOfEndpoint.get(p.subjectId) ?? t('alarms.outOfScope')) : t('alarms.network');
    return `${what} — ${where}`;
  };

  if (error) {
    return (
      <p className="alarms__error" role="alert">
        {apiErrorText(error, t)}
      </p>
    );
  }
  if (!kpis) return <p className="alarms__empty">{t('alarms.kpi.loading')}</p>;
  const figure = (key: keyof typeof TARGETS, value: number, unit: string) => {
    const over = value > TARGETS[key];
    return (
      <div className="alarms__kpi" data-testid={`kpi-${key}`} data-attention={over}>
        <dt>{t(`alarms.kpi.${key}`)}</dt>
        <dd>
          {value.toLocaleString('vi-VN', { maximumFractionDigits: 1 })} {unit}
          <span className="alarms__dim"> · {t('alarms.kpi.target', { value: TARGETS[key], unit })}</span>
          {over && <strong className="alarms__over"> · {t('alarms.kpi.over')}</strong>}
        </dd>
      </div>
    );
  };
  return (
    <div className="alarms__panel" data-testid="kpi-panel">
      <p className="alarms__dim">{t('alarms.kpi.period', { count: kpis.activations, age: formatAge(readAt, now, t) })}</p>
      <dl className="alarms__kpis">
        {figure('average', kpis.perTenMinutes.average, t('alarms.kpi.per10'))}
        {figure('peak', kpis.perTenMinutes.peak, t('alarms.kpi.per10'))}
        {figure('floodPct', kpis.floodPct, '%')}
        {figure('top10SharePct', kpis.top10SharePct, '%')}
      </dl>
      <h3>{t('alarms.kpi.top10')}</h3>
      {kpis.top10.length === 0 ? (
        <p className="alarms__dim">{t('alarms.kpi.noneYet')}</p>
      ) : (
        <ol className="alarms__top" data-testid="kpi-top10">
          {kpis.top10.map((a) => (
            <li key={a.alarmId}>
              {named(a.alarmId)} <span className="alarms__dim">· {t('alarms.kpi.times', { count: a.count })}</span>
            </li>
          ))}
        </ol>
      )}
      <h3>{t('alarms.kpi.chattering')}</h3>
      <p data-testid="kpi-chattering">{kpis.chattering.length === 0 ? <span className="alarms__dim">{t('alarms.kpi.noneNow')}</span> : kpis.chattering.map(named).join('; ')}</p>
      <h3>{t('alarms.kpi.stale')}</h3>
      <p data-testid="kpi-stale">{kpis.stale.length === 0 ? <span className="alarms__dim">{t('alarms.kpi.noneNow')}</span> : kpis.stale.map(named).join('; ')}</p>
    </div>
  );
}
