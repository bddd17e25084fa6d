import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useStatusStore } from '../../stores/status-store.js';
import { countStatuses, type StatusCounts } from '../../stores/status-counts.js';
import { InCallGlyph, StatusGlyph } from '../../theme/status-glyph.js';
import type { StatusKind } from '../../theme/status-kind.js';

/**
 * Endpoint counts by state, each as glyph + number + word. Down, stale and degraded are drawn
 * for attention only when non-zero; stale and degraded are shown only when there are some.
 */
const ALWAYS: readonly (keyof StatusCounts & StatusKind)[] = ['up', 'down', 'unknown', 'unreachable'];

export function useCounts(endpointIds: readonly string[]): StatusCounts {
  const statuses = useStatusStore((s) => s.statuses);
  return useMemo(() => countStatuses(endpointIds, statuses), [endpointIds, statuses]);
}

export function StatusCounters({ endpointIds, className, testId }: { readonly endpointIds: readonly string[]; readonly className?: string; readonly testId?: string }) {
  const { t } = useTranslation();
  const counts = useCounts(endpointIds);
  const kinds: (keyof StatusCounts & StatusKind)[] = [...ALWAYS];
  if (counts.degraded > 0) kinds.push('degraded');
  if (counts.stale > 0) kinds.push('stale');
  return (
    <span className={className} role="group" aria-label={t('tree.counters')} data-testid={testId}>
      {kinds.map((k) => (
        <span key={k} className="count" data-kind={k} data-count={counts[k]} data-attention={counts[k] > 0 && k !== 'up' && k !== 'unknown'} title={t(`status.${k}`)}>
          <StatusGlyph kind={k} label={t(`status.${k}`)} muted={counts[k] === 0} />
          <span className="count__n">{counts[k]}</span>
          <span className="count__word">{t(`status.short.${k}`)}</span>
        </span>
      ))}
      <span className="count" data-kind="inCall" data-count={counts.inCall} title={t('status.inCall')}>
        <InCallGlyph label={t('status.inCall')} />
        <span className="count__n">{counts.inCall}</span>
        <span className="count__word">{t('status.short.inCall')}</span>
      </span>
    </span>
  );
}
