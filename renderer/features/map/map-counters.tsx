import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { InCallGlyph, StatusGlyph } from '../../theme/status-glyph.js';
import { useNetworkStore } from '../../stores/network-store.js';
import type { CounterRow } from './map-counts.js';
import { useMapStore } from './map-store.js';

/**
 * The columns: the states (each endpoint in exactly one, shared/endpoint-state.ts), which add up
 * to the total beside them; then in call, a second count across the states, after the total.
 */
const STATES = ['up', 'degraded', 'stale', 'down', 'unreachable', 'unknown'] as const;
type Column = (typeof STATES)[number];

const valueOf = (row: CounterRow, c: Column): number => row[c];
const ATTENTION: ReadonlySet<Column> = new Set(['degraded', 'stale', 'down']);

function Row({ row, name, group }: { readonly row: CounterRow; readonly name: string; readonly group: 'all' | 'tier' | 'district' }) {
  return (
    <tr data-group={group} data-key={row.key}>
      <th scope="row" className="map-counts__name" title={name}>
        {name}
      </th>
      {STATES.map((c) => {
        const n = valueOf(row, c);
        return (
          <td key={c} className="num" data-kind={c} data-count={n} data-attention={n > 0 && ATTENTION.has(c)}>
            {n}
          </td>
        );
      })}
      <td className="num map-counts__total" data-count={row.total}>
        {row.total}
      </td>
      <td className="num map-counts__call" data-kind="inCall" data-count={row.inCall}>
        {row.inCall}
      </td>
    </tr>
  );
}

/** Counters by endpoint per tier and per district, each column headed by its glyph and word. */
export function MapCounters({ id, wall = false, children }: { readonly id?: string; readonly wall?: boolean; readonly children?: ReactNode }) {
  const { t } = useTranslation();
  const counts = useMapStore((s) => s.counts);
  const sitesById = useNetworkStore((s) => s.index?.sitesById);
  if (!counts) return null;
  const head = (
    <thead>
      <tr>
        <th scope="col" className="map-counts__name">
          {t('map.counts.group')}
        </th>
        {STATES.map((c) => (
          <th scope="col" key={c} data-kind={c} title={t(`status.${c}`)}>
            <StatusGlyph kind={c} label={t(`status.${c}`)} />
            {/* On the desk the legend gives the words (glyphs keep the table narrow); on the wall, words. */}
            <span className={wall ? 'map-counts__word' : 'visually-hidden'}>{t(`status.short.${c}`)}</span>
          </th>
        ))}
        <th scope="col">{t('map.counts.total')}</th>
        <th scope="col" data-kind="inCall" className="map-counts__call" title={t('status.inCallMcu')}>
          <InCallGlyph label={t('status.inCall')} />
          <span className={wall ? 'map-counts__word' : 'visually-hidden'}>{t('status.short.inCall')}</span>
        </th>
      </tr>
    </thead>
  );
  return (
    <div className="map-counts" id={id} data-testid={wall ? 'wall-counters' : 'map-counters'} data-wall={wall} role="group" aria-label={t('map.counts.label')}>
      <table className="map-counts__table">
        <caption className="map-counts__caption">{t('map.counts.byTier')}</caption>
        {head}
        <tbody>
          {counts.tiers.map((r) => (
            <Row key={r.key} row={r} name={t(`tier.${r.key}`, { defaultValue: r.key })} group="tier" />
          ))}
          <Row row={counts.all} name={t('map.counts.all')} group="all" />
        </tbody>
      </table>
      {counts.districts.length > 0 && (
        <table className="map-counts__table">
          <caption className="map-counts__caption">{t('map.counts.byDistrict')}</caption>
          {head}
          <tbody>
            {counts.districts.map((r) => (
              <Row key={r.key} row={r} name={sitesById?.get(r.key)?.name ?? r.key} group="district" />
            ))}
          </tbody>
        </table>
      )}
      {children}
    </div>
  );
}
