import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { SiteView } from '../../../shared/inventory.js';
import { formatAge, formatNumber } from '../../i18n/format.js';
import { localeOf } from '../../i18n/index.js';
import { useClockStore } from '../../stores/clock-store.js';
import { useStatusStore } from '../../stores/status-store.js';
import { useUiStore } from '../../stores/ui-store.js';
import { InCallGlyph, StatusGlyph } from '../../theme/status-glyph.js';
import { Age } from './age.js';
import { problemRows, type MetricReading, type ProblemMetric, type ProblemRow } from './problem-model.js';

const COLUMNS: readonly { readonly metric: ProblemMetric; readonly word: 'loss' | 'jitter' | 'latency'; readonly unit: 'pct' | 'ms'; readonly digits: number }[] = [
  { metric: 'packetLossPct', word: 'loss', unit: 'pct', digits: 1 },
  { metric: 'jitterMs', word: 'jitter', unit: 'ms', digits: 0 },
  { metric: 'latencyMs', word: 'latency', unit: 'ms', digits: 0 },
];

/**
 * A figure with its unit. When the row is stale the number stays in full contrast; the cue is a
 * separate mark and word after it, with the measurement's age in its tooltip, never drawn over it.
 */
function Figure({ reading, unit, digits, stale }: { readonly reading: MetricReading; readonly unit: string; readonly digits: number; readonly stale: boolean }) {
  const { t, i18n } = useTranslation();
  const now = useClockStore((s) => s.now);
  const n = formatNumber(reading.value, localeOf(i18n.language), digits);
  if (n === null) return <span className="faint">{t('age.never')}</span>;
  return (
    <span className="problem__figure" title={stale ? t('tree.staleValue', { age: formatAge(reading.at, now, t) }) : (reading.at ?? undefined)}>
      <span className="problem__n">{`${n}\u00a0${t(`unit.${unit}`)}`}</span>
      {stale && <span className="problem__old">{t('tree.stale')}</span>}
    </span>
  );
}

function Row({ row, selected }: { readonly row: ProblemRow; readonly selected: boolean }) {
  const { t } = useTranslation();
  return (
    <tr className="problem" data-site-id={row.site.id} data-kind={row.kind} data-stale={row.stale} data-in-call={row.inCall} aria-selected={selected}>
      <th scope="row" className="problem__site">
        <button type="button" className="problem__select" onClick={() => useUiStore.getState().select(row.site.id)}>
          {row.site.name}
        </button>
      </th>
      <td className="problem__state" data-kind={row.kind}>
        <StatusGlyph kind={row.kind} label={t(`status.${row.kind}`)} />
        <span>{t(`status.short.${row.kind}`)}</span>
        {row.inCall && <InCallGlyph label={t('status.inCall')} />}
      </td>
      {COLUMNS.map((c) => (
        <td key={c.metric} className="num" data-metric={c.metric} data-value={row.metrics[c.metric].value ?? ''}>
          <Figure reading={row.metrics[c.metric]} unit={c.unit} digits={c.digits} stale={row.stale} />
        </td>
      ))}
      <td className="problem__age">
        {row.stale && <StatusGlyph kind="stale" label={t('status.stale')} />}
        <Age at={row.updatedAt} />
      </td>
    </tr>
  );
}

/** The site list, problems only: worst first, with loss, jitter and latency (units, ages). */
export function ProblemList({ sites, filter }: { readonly sites: readonly SiteView[]; readonly filter: string }) {
  const { t } = useTranslation();
  const statuses = useStatusStore((s) => s.statuses);
  const selectedSiteId = useUiStore((s) => s.selectedSiteId);
  const rows = useMemo(() => problemRows(sites, statuses, filter), [sites, statuses, filter]);
  if (rows.length === 0) {
    return (
      <p className="tier__note" data-testid="problem-list-empty">
        {t(filter.trim() ? 'tree.problemsNoMatch' : 'tree.problemsNone')}
      </p>
    );
  }
  return (
    <table className="problem-list" data-testid="problem-list" aria-label={t('tree.problemsLabel')}>
      <thead>
        <tr>
          <th scope="col">{t('tree.col.site')}</th>
          <th scope="col">{t('tree.col.state')}</th>
          {COLUMNS.map((c) => (
            <th scope="col" key={c.metric} className="num">
              {t(`tree.col.${c.word}`)}
            </th>
          ))}
          <th scope="col">{t('tree.col.age')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <Row key={r.site.id} row={r} selected={r.site.id === selectedSiteId} />
        ))}
      </tbody>
    </table>
  );
}
