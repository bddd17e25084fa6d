import { useTranslation } from 'react-i18next';
import type { EndpointState, StateCounts } from '../../../shared/endpoint-state.js';
import { useLiveCounts } from '../../stores/live-counts.js';
import { InCallGlyph, StatusGlyph } from '../../theme/status-glyph.js';

/**
 * Endpoint counts by state, each as glyph + number + word, from shared/endpoint-state.ts (the one
 * derivation the map, the site list and the Live view read too): each endpoint in one state, so the
 * states shown add up to `data-total`. Down, stale and degraded are drawn for attention only when
 * non-zero; stale and degraded are shown only when there are some. In call comes last, apart: it is
 * counted across the states (a codec in a call is also up, degraded, stale or unknown).
 */
const ALWAYS: readonly EndpointState[] = ['up', 'down', 'unknown', 'unreachable'];

/** Counted change by change (renderer/stores/live-counts.ts): the same numbers as countEndpoints, at the cost of each batch. */
export function useCounts(endpointIds: readonly string[]): StateCounts {
  return useLiveCounts(endpointIds);
}

export function StatusCounters({ endpointIds, className, testId }: { readonly endpointIds: readonly string[]; readonly className?: string; readonly testId?: string }) {
  const { t } = useTranslation();
  const counts = useCounts(endpointIds);
  const kinds: EndpointState[] = [...ALWAYS];
  if (counts.degraded > 0) kinds.push('degraded');
  if (counts.stale > 0) kinds.push('stale');
  return (
    <span className={className} role="group" aria-label={t('tree.counters')} data-testid={testId} data-total={counts.total}>
      {kinds.map((k) => (
        <span key={k} className="count" data-kind={k} data-count={counts[k]} data-attention={counts[k] > 0 && k !== 'up' && k !== 'unknown'} title={t(`status.${k}`)}>
          <StatusGlyph kind={k} label={t(`status.${k}`)} muted={counts[k] === 0} />
          <span className="count__n">{counts[k]}</span>
          <span className="count__word">{t(`status.short.${k}`)}</span>
        </span>
      ))}
      <span className="count count--call" data-kind="inCall" data-count={counts.inCall} title={t('status.inCallMcu')}>
        <InCallGlyph label={t('status.inCall')} />
        <span className="count__n">{counts.inCall}</span>
        <span className="count__word">{t('status.short.inCall')}</span>
      </span>
    </span>
  );
}
