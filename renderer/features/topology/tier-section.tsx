import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { GroupRow } from './group-row.js';
import { SiteRow } from './site-row.js';
import { StatusCounters } from './status-counters.js';
import { groupRowKey, isExpanded, siteKey, type TierModel } from './tree-model.js';

interface TierSectionProps {
  /** The tier with its sites as filtered; counters use `all`, whatever the filter. */
  readonly shown: TierModel;
  readonly collapsed: ReadonlySet<string>;
  readonly filtering: boolean;
  readonly tabbableKey: string | null;
  readonly onToggle: (groupKey: string, expanded: boolean) => void;
}

/** A tier's heading with its counters, then its sites, grouped under districts where they have one. */
export const TierSection = memo(function TierSection({ shown, collapsed, filtering, tabbableKey, onToggle }: TierSectionProps) {
  const { t } = useTranslation();
  const titleId = `tier-title-${shown.tier}`;
  const empty = shown.groups.length === 0;
  return (
    <section className="tier" role="group" aria-labelledby={titleId} data-testid={`tier-${shown.tier}`}>
      <header className="tier__header">
        <h2 className="tier__title" id={titleId}>
          {t(`tier.${shown.tier}`, { defaultValue: shown.tier })}
        </h2>
        <span className="tier__sites" data-testid={`tier-${shown.tier}-sites`} data-count={shown.sites.length}>
          {t('tree.sites', { count: shown.sites.length })}
        </span>
        <StatusCounters endpointIds={shown.endpointIds} className="tier__counters" testId={`tier-${shown.tier}-counters`} />
      </header>
      {empty && <div className="tier__note">{t(filtering ? 'tree.noMatch' : 'tree.empty')}</div>}
      {shown.groups.map((g) => {
        if (g.label === null) {
          return g.sites.map((s) => <SiteRow key={s.id} site={s} grouped={false} level={1} tabbable={tabbableKey === siteKey(s.id)} />);
        }
        const expanded = isExpanded(g.key, collapsed, filtering);
        return (
          <div key={g.key} className="tree-group-wrap">
            <GroupRow group={g} expanded={expanded} tabbable={tabbableKey === groupRowKey(g.key)} onToggle={onToggle} />
            {expanded && (
              <div role="group" className="tree-group" data-group={g.key}>
                {g.sites.map((s) => (
                  <SiteRow key={s.id} site={s} grouped level={2} tabbable={tabbableKey === siteKey(s.id)} />
                ))}
              </div>
            )}
          </div>
        );
      })}
    </section>
  );
});
