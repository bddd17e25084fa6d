import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { countEndpoints } from '../../../shared/endpoint-state.js';
import { useNetworkStore } from '../../stores/network-store.js';
import { useStatusStore } from '../../stores/status-store.js';
import { InCallGlyph, StatusGlyph } from '../../theme/status-glyph.js';

const NO_ENDPOINTS: readonly string[] = [];

/**
 * The Live view's counts, from shared/endpoint-state.ts like the top bar's: the codecs the MCU
 * lists in a conference, how many of them are in a call (the top bar's "in call", the same
 * number), and among them how many are degraded or stale, and how many the MCU still lists though
 * they are down or unreachable (never counted in a call).
 */
export function LiveSummary() {
  const { t } = useTranslation();
  const endpointIds = useNetworkStore((s) => s.index?.endpointIds ?? NO_ENDPOINTS);
  const statuses = useStatusStore((s) => s.statuses);
  const counts = useMemo(() => countEndpoints(
    endpointIds.filter((id) => (statuses.get(id)?.conferenceId ?? null) !== null),
    statuses,
  ), [endpointIds, statuses]);
  const lost = counts.down + counts.unreachable;
  return (
    <p className="live-summary" data-testid="live-summary" data-on-roster={counts.total}>
      <span className="count" data-kind="inCall" data-count={counts.inCall} title={t('status.inCallMcu')}>
        <InCallGlyph label={t('status.inCall')} />
        <span className="count__n">{counts.inCall}</span>
        <span className="count__word">{t('session.summary.inCall', { count: counts.inCall })}</span>
      </span>
      {(['degraded', 'stale'] as const).map((k) =>
        counts[k] > 0 ? (
          <span key={k} className="count" data-kind={k} data-count={counts[k]} data-attention={true} title={t(`status.${k}`)}>
            <StatusGlyph kind={k} label={t(`status.${k}`)} />
            <span className="count__n">{counts[k]}</span>
            <span className="count__word">{t(`status.short.${k}`)}</span>
          </span>
        ) : null,
      )}
      {lost > 0 && (
        <span className="count" data-kind="down" data-count={lost} data-attention={true} title={t('session.summary.lostHint')}>
          <StatusGlyph kind="down" label={t('status.down')} />
          <span className="count__n">{lost}</span>
          <span className="count__word">{t('session.summary.lost', { count: lost })}</span>
        </span>
      )}
    </p>
  );
}
