import type { KeyboardEvent } from 'react';
import type { NavItem } from './tree-model.js';

export interface TreeKeyActions {
  focus(key: string): void;
  select(siteId: string): void;
  setExpanded(groupKey: string, expanded: boolean): void;
}

/**
 * Keyboard for the tree (WAI-ARIA tree pattern): Up/Down move, Home/End jump, Right expands a
 * district (or steps into it), Left collapses it (or steps out to it), Enter selects a site or
 * toggles a district. Escape and `/` are the shell's (they work anywhere).
 */
export function treeKeyHandler(items: readonly NavItem[], actions: TreeKeyActions) {
  return (e: KeyboardEvent<HTMLElement>): void => {
    const el = (e.target as HTMLElement).closest<HTMLElement>('[data-nav-key]');
    if (!el || e.altKey || e.ctrlKey || e.metaKey) return;
    const i = items.findIndex((it) => it.key === el.dataset.navKey);
    if (i < 0) return;
    const item = items[i]!;
    const go = (j: number): void => {
      const target = items[Math.max(0, Math.min(items.length - 1, j))];
      if (target) actions.focus(target.key);
    };
    let handled = true;
    switch (e.key) {
      case 'ArrowDown':
        go(i + 1);
        break;
      case 'ArrowUp':
        go(i - 1);
        break;
      case 'Home':
        go(0);
        break;
      case 'End':
        go(items.length - 1);
        break;
      case 'ArrowRight':
        if (item.kind === 'group') {
          if (!item.expanded) actions.setExpanded(item.groupKey, true);
          else go(i + 1);
        }
        break;
      case 'ArrowLeft':
        if (item.kind === 'group') {
          if (item.expanded) actions.setExpanded(item.groupKey, false);
        } else if (item.groupKey !== null) {
          const parent = items.findIndex((it) => it.kind === 'group' && it.groupKey === item.groupKey);
          if (parent >= 0) go(parent);
        }
        break;
      case 'Enter':
      case ' ':
        if (item.kind === 'site') actions.select(item.siteId);
        else actions.setExpanded(item.groupKey, !item.expanded);
        break;
      default:
        handled = false;
    }
    if (handled) e.preventDefault();
  };
}
