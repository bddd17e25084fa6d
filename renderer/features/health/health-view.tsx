import './health.css';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiErrorData } from '../../../shared/api/errors.js';
import { worstFirst } from '../../../shared/history/health-targets.js';
import type { AvailabilityGrouping, AvailabilityRow } from '../../../shared/history/history-api.js';
import { formatDateTime } from '../../i18n/format.js';
import { apiErrorText } from '../../i18n/error-words.js';
import { localeOf } from '../../i18n/index.js';
import { useClockStore } from '../../stores/clock-store.js';
import { getAvailability } from '../../stores/health-api.js';
import { useNetworkStore } from '../../stores/network-store.js';
import { useUiStore } from '../../stores/ui-store.js';
import { HealthTable, type HealthRowView } from './health-table.js';
import { PERIODS, pct, periodRange, sparkDays, type Period } from './health-words.js';
import { ReportPanel } from './report-panel.js';
import { SiteChart } from './site-chart.js';

interface Figures {
  readonly total: AvailabilityRow | null;
  readonly rows: readonly AvailabilityRow[];
  readonly sites: readonly AvailabilityRow[];
  readonly daily: ReadonlyMap<string, (number | null)[]>;
  readonly until: string;
  readonly scoped: boolean;
}

const key = (group: string | null) => group ?? '';

/**
 * The Health view for supervisors (issue 10): one row per district (per commune inside a
 * district, or directly in a two-tier network) with availability over the period, outages, p95
 * loss / jitter / latency, a sparkline of the days and the worst sites; colour and a mark only where
 * a figure breaks its threshold. A site opens its chart: the metric over time, outages as bands.
 */
export function HealthView() {
  const { t, i18n } = useTranslation();
  const network = useNetworkStore((s) => s.network);
  const sites = useNetworkStore((s) => s.index?.sitesById ?? null);
  const timezone = network?.timezone ?? 'Asia/Ho_Chi_Minh';
  const threeTier = (network?.tiers.length ?? 0) > 2;
  const [period, setPeriod] = useState<Period>('7d');
  const [workingHours, setWorkingHours] = useState(false);
  const [district, setDistrict] = useState<string | null>(() => {
    const s = useUiStore.getState().selectedSiteId;
    return s && threeTier ? (useNetworkStore.getState().index?.sitesById.get(s)?.district ?? null) : null;
  });
  const [siteId, setSiteId] = useState<string | null>(() => useUiStore.getState().selectedSiteId);
  const [figures, setFigures] = useState<Figures | null>(null);
  const [error, setError] = useState<ApiErrorData | null>(null);
  const [asOf] = useState(() => useClockStore.getState().now);
  const groupBy: AvailabilityGrouping = threeTier && district === null ? 'district' : 'site';

  useEffect(() => {
    let live = true;
    const { from, to } = periodRange(period, asOf);
    void (async () => {
      const [main, total, bySite, ...days] = await Promise.all([
        getAvailability(from, to, groupBy, workingHours),
        getAvailability(from, to, 'province', workingHours),
        getAvailability(from, to, 'site', workingHours),
        ...sparkDays(period, asOf).map((d) => getAvailability(d.from, d.to, groupBy, workingHours)),
      ]);
      if (!live) return;
      if (!main!.ok) return setError(main!.error);
      setError(null);
      const daily = new Map<string, (number | null)[]>();
      days.forEach((d, i) => {
        if (!d.ok) return;
        for (const r of d.value.rows) {
          const list = daily.get(key(r.group)) ?? Array<number | null>(days.length).fill(null);
          list[i] = r.availabilityPct;
          daily.set(key(r.group), list);
        }
      });
      setFigures({
        total: total!.ok ? (total!.value.rows[0] ?? null) : null,
        rows: main!.value.rows,
        sites: bySite!.ok ? bySite!.value.rows : [],
        daily,
        until: main!.value.until,
        scoped: main!.value.scoped,
      });
    })();
    return () => {
      live = false;
    };
  }, [period, workingHours, groupBy, asOf]);

  const name = (group: string | null) => (group === null ? (groupBy === 'district' ? t('health.provinceTier') : t('health.province')) : (sites?.get(group)?.name ?? group));
  const views: HealthRowView[] = useMemo(() => {
    if (!figures) return [];
    const inDistrict = (id: string | null) => id !== null && (id === district || sites?.get(id)?.district === district);
    const rows = groupBy === 'site' && district !== null ? figures.rows.filter((r) => inDistrict(r.group)) : figures.rows;
    return worstFirst(rows).map((row) => ({
      row,
      name: name(row.group),
      daily: figures.daily.get(key(row.group)) ?? [],
      worst:
        groupBy === 'district'
          ? worstFirst(figures.sites.filter((s) => s.group !== null && sites?.get(s.group)?.district === row.group && (s.availabilityPct ?? 100) < 100))
              .slice(0, 3)
              .map((s) => name(s.group))
          : [],
      onOpen: row.group === null ? null : groupBy === 'district' ? () => setDistrict(row.group) : () => setSiteId(row.group),
    }));
  }, [figures, groupBy, district, sites, t]);

  const { from, to } = periodRange(period, asOf);
  const chartSite = siteId ? sites?.get(siteId) : undefined;
  return (
    <section className="health" data-testid="health-view" aria-label={t('health.title')}>
      <header className="health__bar">
        <h2>{t('health.title')}</h2>
        <div role="group" aria-label={t('health.period')} className="health__periods">
          {(Object.keys(PERIODS) as Period[]).map((p) => (
            <button key={p} type="button" aria-pressed={period === p} onClick={() => setPeriod(p)} data-testid={`health-period-${p}`}>
              {t(`health.periods.${p}`)}
            </button>
          ))}
        </div>
        <label>
          <input type="checkbox" checked={workingHours} onChange={(e) => setWorkingHours(e.target.checked)} data-testid="health-working-hours" /> {t('health.workingHours')}
        </label>
        {district !== null && (
          <button type="button" onClick={() => (setDistrict(null), setSiteId(null))} data-testid="health-up">
            {t('health.back')}
          </button>
        )}
        {figures && (
          <span className="health__dim" data-testid="health-summary">
            {t('health.summary', { name: network?.name ?? '', availability: pct(figures.total?.availabilityPct ?? null, localeOf(i18n.language)), from: formatDateTime(from, timezone), until: formatDateTime(figures.until, timezone) })}
            {figures.scoped && ` · ${t('health.scoped')}`}
          </span>
        )}
      </header>
      {error && (
        <p className="health__error" role="alert">
          {apiErrorText(error, t)}
        </p>
      )}
      <ReportPanel district={district} districtName={district ? name(district) : null} timezone={timezone} now={asOf} workingHours={workingHours} />
      {figures && <HealthTable rows={views} groupLabel={groupBy === 'district' ? t('health.col.district') : t('health.col.site')} />}
      {chartSite && chartSite.endpoints[0] && <SiteChart key={chartSite.id} endpointId={chartSite.endpoints[0].id} from={from} to={to} title={t('health.chart.title', { name: chartSite.name })} timezone={timezone} />}
    </section>
  );
}
