import { memo, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { SiteGroup } from './tree-model.js';
import { groupRowKey } from './tree-model.js';
import { useCounts } from './status-counters.js';
import { StatusGlyph } from '../../theme/status-glyph.js';

interface GroupRowProps {
  readonly group: SiteGroup;
  readonly expanded: boolean;
  readonly tabbable: boolean;
  readonly onToggle: (groupKey: string, expanded: boolean) => void;
}

/** A district heading inside a tier: its name, its site count, and only the counts that need attention. */
export const GroupRow = memo(function GroupRow({ group, expanded, tabbable, onToggle }: GroupRowProps) {
  const { t } = useTranslation();
  const endpointIds = useMemo(() => group.sites.flatMap((s) => s.endpoints.map((e) => e.id)), [group.sites]);
  const counts = useCounts(endpointIds);
  return (
    <div
      role="treeitem"
      aria-level={1}
      aria-expanded={expanded}
      aria-selected={false}
      tabIndex={tabbable ? 0 : -1}
      className="tree-row"
      data-kind="group"
      data-nav-key={groupRowKey(group.key)}
      data-group={group.key}
      onClick={() => onToggle(group.key, !expanded)}
    >
      <span className="tree-row__twisty" aria-hidden="true">
        {expanded ? '▾' : '▸'}
      </span>
      <span className="tree-row__name">
        {group.label} <span className="faint">· {t('tree.groupSites', { count: group.sites.length })}</span>
      </span>
      <span className="group-summary">
        {(['down', 'unreachable', 'stale'] as const).map((k) =>
          counts[k] > 0 ? (
            <span key={k} className="count" data-kind={k} data-attention={true} title={t(`status.${k}`)}>
              <StatusGlyph kind={k} label={t(`status.${k}`)} />
              <span className="count__n">{counts[k]}</span>
            </span>
          ) : null,
        )}
      </span>
    </div>
  );
});
