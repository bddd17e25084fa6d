import { useTranslation } from 'react-i18next';
import { brokenFigures, type HealthFigure } from '../../../shared/history/health-targets.js';
import type { AvailabilityRow } from '../../../shared/history/history-api.js';
import { OUTAGE_CAUSES } from '../../../shared/history/outage-tracker.js';
import { localeOf } from '../../i18n/index.js';
import { downText, p95Text, pct } from './health-words.js';
import { Sparkline } from './sparkline.js';

export interface HealthRowView {
  readonly row: AvailabilityRow;
  /** The group's name as the desk knows it. */
  readonly name: string;
  readonly daily: readonly (number | null)[];
  /** The worst sites inside the group (district rows), by name. */
  readonly worst: readonly string[];
  readonly onOpen: (() => void) | null;
}

/** A figure past its threshold: marked with a shape and a word as well as colour. */
function Figure({ text, broken, word }: { readonly text: string; readonly broken: boolean; readonly word: string }) {
  return (
    <td className="num" data-attention={broken}>
      {broken && <span className="health__mark" aria-hidden="true">▲ </span>}
      {text}
      {broken && <span className="visually-hidden"> ({word})</span>}
    </td>
  );
}

/** One row per group: availability, outages (count, down time, longest, MTTR), p95s with units, worst sites, a sparkline. */
export function HealthTable({ rows, groupLabel }: { readonly rows: readonly HealthRowView[]; readonly groupLabel: string }) {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n.language);
  const word = t('health.overTarget');
  const is = (b: Set<HealthFigure>, f: HealthFigure) => b.has(f);
  return (
    <table className="health__table" data-testid="health-table">
      <thead>
        <tr>
          <th>{groupLabel}</th>
          <th className="num">{t('health.col.availability')}</th>
          <th className="num">{t('health.col.outages')}</th>
          <th className="num">{t('health.col.down')}</th>
          <th className="num">{t('health.col.longest')}</th>
          <th className="num">{t('health.col.mttr')}</th>
          <th className="num">{t('health.col.loss')}</th>
          <th className="num">{t('health.col.jitter')}</th>
          <th className="num">{t('health.col.latency')}</th>
          <th>{t('health.col.trend')}</th>
          <th>{t('health.col.worst')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ row, name, daily, worst, onOpen }) => {
          const b = brokenFigures(row);
          return (
            <tr key={row.group ?? name} data-testid="health-row" data-group={row.group ?? ''}>
              <td>
                {onOpen ? (
                  <button type="button" className="health__link" onClick={onOpen} data-testid="health-open">
                    {name}
                  </button>
                ) : (
                  name
                )}
                {row.excludedMs > 0 && <div className="health__dim">{t('health.excluded', { time: downText(row.excludedMs, t) })}</div>}
              </td>
              <Figure text={pct(row.availabilityPct, locale)} broken={is(b, 'availability')} word={word} />
              <td className="num">
                {row.outages}
                {row.openOutages > 0 && <span className="health__dim"> ({t('health.open', { count: row.openOutages })})</span>}
              </td>
              <td className="num">
                {downText(row.downMs, t)}
                {row.downMs > 0 && (
                  <div className="health__dim" data-testid="health-causes">
                    {OUTAGE_CAUSES.filter((c) => row.downMsByCause[c] > 0)
                      .map((c) => t(`health.cause.${c}`, { time: downText(row.downMsByCause[c], t) }))
                      .join(' · ')}
                  </div>
                )}
              </td>
              <td className="num">{downText(row.longestMs, t)}</td>
              <td className="num">{downText(row.mttrMs, t)}</td>
              <Figure text={p95Text(row.p95.packetLossPct, '%', locale)} broken={is(b, 'packetLossPct')} word={word} />
              <Figure text={p95Text(row.p95.jitterMs, 'ms', locale)} broken={is(b, 'jitterMs')} word={word} />
              <Figure text={p95Text(row.p95.latencyMs, 'ms', locale)} broken={is(b, 'latencyMs')} word={word} />
              <td>
                <Sparkline values={daily} label={t('health.sparkLabel', { name, count: daily.length })} />
              </td>
              <td className="health__dim">{worst.join(', ') || '—'}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
