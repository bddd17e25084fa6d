import { useCallback, useLayoutEffect, useMemo, useRef, useState, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { foldQuery } from '../../../shared/text.js';
import { useConnectionStore } from '../../stores/connection-store.js';
import { useNetworkStore } from '../../stores/network-store.js';
import { useStatusStore } from '../../stores/status-store.js';
import { useUiStore } from '../../stores/ui-store.js';
import { FilterBox } from './filter-box.js';
import { LinkLostNotice } from './link-lost-notice.js';
import { ProblemList } from './problem-list.js';
import { TierSection } from './tier-section.js';
import { buildTiers, countShown, filterTiers, navItems, siteKey } from './tree-model.js';
import { treeKeyHandler } from './use-tree-keys.js';

/** The site tree pane: the filter, a notice when the link is lost, and a section per tier. */
export function SiteTree() {
  const { t } = useTranslation();
  const network = useNetworkStore((s) => s.network);
  const filter = useUiStore((s) => s.filter);
  const problemsOnly = useUiStore((s) => s.problemsOnly);
  const collapsed = useUiStore((s) => s.collapsed);
  const selectedSiteId = useUiStore((s) => s.selectedSiteId);
  const live = useConnectionStore((s) => s.link.phase === 'open');
  const statusReady = useStatusStore((s) => s.ready);

  const tiers = useMemo(() => (network ? buildTiers(network) : []), [network]);
  const filtering = foldQuery(filter).length > 0;
  const shown = useMemo(() => filterTiers(tiers, filter), [tiers, filter]);
  const items = useMemo(() => navItems(shown, collapsed, filtering), [shown, collapsed, filtering]);

  const [focusKey, setFocusKey] = useState<string | null>(null);
  const treeRef = useRef<HTMLDivElement>(null);
  const pendingFocus = useRef<string | null>(null);

  // The one row reachable by Tab: the focused one, else the selected site, else the first row.
  const visible = (key: string | null): key is string => key !== null && items.some((i) => i.key === key);
  const selectedKey = selectedSiteId ? siteKey(selectedSiteId) : null;
  const tabbableKey = visible(focusKey) ? focusKey : visible(selectedKey) ? selectedKey : (items[0]?.key ?? null);

  const focus = useCallback((key: string) => {
    pendingFocus.current = key;
    setFocusKey(key);
  }, []);

  useLayoutEffect(() => {
    const key = pendingFocus.current;
    if (!key) return;
    pendingFocus.current = null;
    const rows = treeRef.current?.querySelectorAll<HTMLElement>('[data-nav-key]') ?? [];
    for (const row of rows) if (row.dataset.navKey === key) return row.focus();
  });

  const setExpanded = useCallback((groupKey: string, expanded: boolean) => {
    useUiStore.getState().setCollapsed(groupKey, !expanded);
  }, []);

  const onKeyDown = treeKeyHandler(items, {
    focus,
    select: (siteId) => useUiStore.getState().select(siteId),
    setExpanded,
  });

  const onClick = (e: MouseEvent<HTMLDivElement>): void => {
    const row = (e.target as HTMLElement).closest<HTMLElement>('[data-nav-key]');
    if (!row) return;
    setFocusKey(row.dataset.navKey ?? null);
    const siteId = row.dataset.siteId;
    if (siteId) useUiStore.getState().select(siteId);
  };

  const leaveFilter = (select: boolean): void => {
    const first = items.find((i) => i.kind === 'site') ?? items[0];
    if (!first) return;
    if (select && first.kind === 'site') useUiStore.getState().select(first.siteId);
    focus(first.key);
  };

  return (
    <div className="tree-pane">
      <div className="tree-toolbar">
        <FilterBox matches={filtering && !problemsOnly ? countShown(shown) : null} onLeave={leaveFilter} />
        <label className="tree-toolbar__toggle" title={t('tree.problemsHint')}>
          <input type="checkbox" checked={problemsOnly} onChange={(e) => useUiStore.getState().setProblemsOnly(e.target.checked)} data-testid="problems-only" />
          {t('tree.problemsOnly')}
        </label>
      </div>
      {!live && statusReady && <LinkLostNotice />}
      {problemsOnly && network && <ProblemList sites={network.sites} filter={filter} />}
      <div
        hidden={problemsOnly}
        ref={treeRef}
        className="site-tree"
        role="tree"
        aria-label={t('tree.label')}
        data-testid="site-tree"
        data-live={live}
        data-status-ready={statusReady}
        onKeyDown={onKeyDown}
        onClick={onClick}
      >
        {shown.map((tier) => (
          <TierSection key={tier.tier} shown={tier} collapsed={collapsed} filtering={filtering} tabbableKey={tabbableKey} onToggle={setExpanded} />
        ))}
      </div>
    </div>
  );
}
