import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { NetworkView, SiteView } from '../../../../shared/inventory.js';

/** The sites in tree order, each with its depth: roots first, children under their parent. */
export function treeOrder(network: NetworkView): { site: SiteView; depth: number }[] {
  const ids = new Set(network.sites.map((s) => s.id));
  const children = new Map<string | null, SiteView[]>();
  for (const s of network.sites) {
    const p = s.parent !== null && ids.has(s.parent) ? s.parent : null;
    children.set(p, [...(children.get(p) ?? []), s]);
  }
  const out: { site: SiteView; depth: number }[] = [];
  const seen = new Set<string>();
  const walk = (parent: string | null, depth: number) => {
    for (const s of children.get(parent) ?? []) {
      if (seen.has(s.id)) continue;
      seen.add(s.id);
      out.push({ site: s, depth });
      walk(s.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

/** The site tree to pick from: indented by tier, each with its tier and how many codecs it has. */
export function SiteTree({ network, selected, onSelect }: { readonly network: NetworkView; readonly selected: string | null; readonly onSelect: (id: string) => void }) {
  const { t } = useTranslation();
  const rows = useMemo(() => treeOrder(network), [network]);
  return (
    <ul className="inv-edit__tree" role="listbox" aria-label={t('inventoryEdit.treeTitle')} data-testid="site-tree">
      {rows.map(({ site, depth }) => (
        <li key={site.id} role="option" aria-selected={site.id === selected} style={{ paddingInlineStart: `${depth * 16}px` }}>
          <button type="button" className={site.id === selected ? 'inv-edit__site inv-edit__site--on' : 'inv-edit__site'} onClick={() => onSelect(site.id)} data-testid={`tree-${site.id}`}>
            {site.name}
            <span className="inventory__dim">{` · ${t(`inventoryEdit.tier.${site.tier}`, { defaultValue: site.tier })} · ${t('inventoryEdit.codecs', { count: site.endpoints.length })}`}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
