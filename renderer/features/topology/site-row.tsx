import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { inCallNow } from '../../../shared/endpoint-state.js';
import type { SiteView } from '../../../shared/inventory.js';
import { useUiStore } from '../../stores/ui-store.js';
import { InCallGlyph, StatusGlyph } from '../../theme/status-glyph.js';
import { needsAttention, statusKind, worstKind, worstReachability } from '../../theme/status-kind.js';
import { Age } from './age.js';
import { oldestUpdate, useSiteStatuses } from './use-site-status.js';
import { siteKey } from './tree-model.js';

interface SiteRowProps {
  readonly site: SiteView;
  readonly grouped: boolean;
  readonly level: number;
  readonly tabbable: boolean;
}

/**
 * One site: a glyph per endpoint (shape + colour + word), the name, a word when something needs
 * attention, and the age of the status. `data-status` is the site's worst reachability.
 */
export const SiteRow = memo(function SiteRow({ site, grouped, level, tabbable }: SiteRowProps) {
  const { t } = useTranslation();
  const selected = useUiStore((s) => s.selectedSiteId === site.id);
  const statuses = useSiteStatuses(site);
  const kinds = site.endpoints.map((_, i) => statusKind(statuses[i]));
  const reachability = worstReachability(statuses.map((s) => s?.reachability ?? 'unknown'));
  const worst = worstKind(kinds);
  const stale = statuses.some((s) => s?.stale);
  const inCall = statuses.some(inCallNow);
  // A word beside the glyph only where the operator should look; unknown is merely "not yet".
  const word = worst !== 'up' && worst !== 'unknown' ? t(`status.short.${worst}`) : null;

  const glyphLabel = (i: number): string => {
    const k = kinds[i]!;
    const s = statuses[i];
    const text = k === 'stale' && s ? t('status.staleWas', { status: t(`status.${s.reachability}`) }) : t(`status.${k}`);
    return site.endpoints.length > 1 ? `${site.endpoints[i]!.name}: ${text}` : text;
  };

  return (
    <div
      role="treeitem"
      aria-level={level}
      aria-selected={selected}
      tabIndex={tabbable ? 0 : -1}
      className="tree-row"
      data-kind="site"
      data-grouped={grouped}
      data-nav-key={siteKey(site.id)}
      data-site-id={site.id}
      data-tier={site.tier}
      data-status={reachability}
      data-stale={stale}
    >
      <span className="tree-row__glyphs">
        {site.endpoints.length === 0 ? (
          <StatusGlyph kind="unknown" label={t('status.unknown')} />
        ) : (
          kinds.map((k, i) => <StatusGlyph key={site.endpoints[i]!.id} kind={k} label={glyphLabel(i)} />)
        )}
      </span>
      <span className="tree-row__name">{site.name}</span>
      {inCall && (
        <span className="tree-row__call">
          <InCallGlyph label={t('status.inCall')} />
        </span>
      )}
      {word && (
        <span className="tree-row__word" data-kind={worst} data-attention={needsAttention(worst)}>
          {word}
        </span>
      )}
      <Age at={oldestUpdate(statuses)} className="tree-row__age" />
    </div>
  );
});
