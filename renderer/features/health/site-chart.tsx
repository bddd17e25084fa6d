import 'uplot/dist/uPlot.min.css';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type uPlot from 'uplot';
import type { ApiErrorData } from '../../../shared/api/errors.js';
import { ROLLUP_METRICS, type RollupMetric } from '../../../shared/history/histogram.js';
import type { HistoryView } from '../../../shared/history/history-api.js';
import { apiErrorText } from '../../i18n/error-words.js';
import { formatDateTime } from '../../i18n/format.js';
import { localeOf } from '../../i18n/index.js';
import { getHistory } from '../../stores/health-api.js';
import { zoomAwareCursorBind } from './chart-zoom.js';
import { BAND_STYLE, maintenanceBands, outageBands, paintBands, placeMaintenanceLabels, type BandKind, type MaintenanceBand } from './chart-bands.js';

const UNIT: Record<RollupMetric, string> = { packetLossPct: '%', jitterMs: 'ms', latencyMs: 'ms', bitrateKbps: 'kbps' };

/** The chart's series from the points: time in seconds, then avg, p95 and max (null where nothing was sampled). */
export function chartData(h: HistoryView): uPlot.AlignedData {
  const xs = h.points.map((p) => Date.parse(p.at) / 1000);
  return [xs, h.points.map((p) => p.avg), h.points.map((p) => p.p95), h.points.map((p) => p.max)];
}

/** Axis labels: hours and minutes over a day or two, day and month beyond (in the network's zone). */
export function timeLabel(locale: string, timeZone: string, spanMs: number): (seconds: number) => string {
  const short = spanMs <= 2 * 86_400_000;
  const f = new Intl.DateTimeFormat(locale, short ? { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } : { timeZone, day: '2-digit', month: '2-digit' });
  return (seconds) => {
    const parts = Object.fromEntries(f.formatToParts(new Date(seconds * 1000)).map((p) => [p.type, p.value]));
    // Day and month as control rooms write them (07/12), whatever separator the locale picks.
    return short ? `${parts['hour']}:${parts['minute']}` : `${parts['day']}/${parts['month']}`;
  };
}

const LEGEND: readonly BandKind[] = ['outage', 'mcu', 'maintenance'];

/**
 * One codec's metric over the period (uPlot: fast on thousands of points): average, p95 and
 * maximum per bucket; behind the lines, outages as hatched bands (cross-hatched while the MCU was
 * out of reach) and maintenance windows as striped, labelled bands with the reason and the span as
 * a tooltip (chart-bands.ts: a shape and a word, not a colour only), with a legend; drag to zoom,
 * double-click or the button to see the whole period again.
 */
export function SiteChart({ endpointId, from, to, title, timezone }: { readonly endpointId: string; readonly from: string; readonly to: string; readonly title: string; readonly timezone: string }) {
  const { t, i18n } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const [metric, setMetric] = useState<RollupMetric>('packetLossPct');
  const [history, setHistory] = useState<HistoryView | null>(null);
  const [error, setError] = useState<ApiErrorData | null>(null);

  useEffect(() => {
    let live = true;
    void getHistory(endpointId, metric, from, to).then((r) => {
      if (!live) return;
      if (r.ok) setHistory(r.value);
      setError(r.ok ? null : r.error);
    });
    return () => {
      live = false;
    };
  }, [endpointId, metric, from, to]);

  useEffect(() => {
    const el = box.current;
    if (!el || !history) return;
    const maintenance = maintenanceBands(history);
    const bands = [...maintenance, ...outageBands(history)];
    const when = (iso: string | null) => (iso === null ? t('health.chart.openEnded') : (formatDateTime(iso, timezone) ?? iso));
    const tip = (b: MaintenanceBand) =>
      b.reason === null ? t('health.chart.maintenanceAbove', { from: when(b.start), until: when(b.end) }) : t('health.chart.maintenanceTip', { reason: b.reason, by: b.by ?? '—', from: when(b.start), until: when(b.end) });
    const unit = UNIT[history.metric];
    const opts: uPlot.Options = {
      width: Math.max(320, el.clientWidth || 800),
      height: 240,
      // On a zoomed page (desk-zoom.ts) the pointer is read in the plot's own pixels.
      cursor: { bind: zoomAwareCursorBind() },
      scales: { x: { time: true, min: Date.parse(history.from) / 1000, max: Date.parse(history.to) / 1000 } },
      // Times on the network's clock and in the desk's words, not the browser's.
      axes: [{ stroke: '#9aa3ab', grid: { stroke: '#3a4046' }, values: (_u, ticks) => ticks.map(timeLabel(localeOf(i18n.language), timezone, Date.parse(history.to) - Date.parse(history.from))) }, { stroke: '#9aa3ab', grid: { stroke: '#3a4046' }, values: (_u, ticks) => ticks.map((v) => `${v} ${unit}`) }],
      series: [
        {},
        { label: t('health.chart.avg'), stroke: '#c9d1d9', width: 1.5 },
        { label: t('health.chart.p95'), stroke: '#d29922', width: 1, dash: [4, 3] },
        { label: t('health.chart.max'), stroke: '#8b949e', width: 1 },
      ],
      hooks: {
        drawClear: [(u) => paintBands(u, bands)],
        draw: [(u) => placeMaintenanceLabels(u, maintenance, t('health.chart.maintenanceLabel'), tip)],
      },
    };
    // uPlot is loaded with the first chart: it reads the screen at import (matchMedia), and no
    // other view needs it.
    let live = true;
    void import('uplot').then(({ default: UPlot }) => {
      if (!live) return;
      plot.current?.destroy();
      plot.current = new UPlot(opts, chartData(history), el);
    });
    return () => {
      live = false;
      plot.current?.destroy();
      plot.current = null;
    };
  }, [history, t, i18n.language, timezone]);

  const reset = () => {
    if (plot.current && history) plot.current.setScale('x', { min: Date.parse(history.from) / 1000, max: Date.parse(history.to) / 1000 });
  };

  return (
    <section className="health__chart" data-testid="health-chart" aria-label={title}>
      <header className="health__bar">
        <h3>{title}</h3>
        <select value={metric} onChange={(e) => setMetric(e.target.value as RollupMetric)} aria-label={t('health.chart.metric')} data-testid="health-metric">
          {ROLLUP_METRICS.map((m) => (
            <option key={m} value={m}>
              {t(`health.metric.${m}`)}
            </option>
          ))}
        </select>
        <button type="button" onClick={reset}>
          {t('health.chart.reset')}
        </button>
        {history && (
          <span className="health__dim" data-testid="health-chart-note">
            {t('health.chart.note', { count: history.outages.length, bucket: Math.round(history.bucketMs / 60_000) })}
          </span>
        )}
      </header>
      {error && (
        <p className="health__error" role="alert">
          {apiErrorText(error, t)}
        </p>
      )}
      <div ref={box} className="health__plot" onDoubleClick={reset} />
      <ul className="health__legend" data-testid="health-chart-legend">
        {LEGEND.map((k) => (
          <li key={k} data-kind={k}>
            <span className={`health__swatch health__swatch--${k}`} style={{ borderColor: BAND_STYLE[k].stroke }} aria-hidden="true" />
            {t(`health.chart.legend.${k}`)}
            {history && k === 'maintenance' && history.maintenance.length > 0 && <span className="health__dim"> ({history.maintenance.length})</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}
