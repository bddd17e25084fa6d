import type { InventoryEdit } from './edit-api.js';
import { endpointFieldProblems, NO_SECRETS, siteFieldProblems, type KeptSecrets } from './edit-fields.js';
import { problem, type EditProblem } from './edit-problems.js';

/**
 * The rules of one edit against the tree it changes: the fields (edit-fields.ts) and what crosses
 * records (ids in use, parents, tiers, cycles, what a delete takes with it). The tree is the
 * engine's inventory or the console's network view (both fit), so the form says as it is typed
 * exactly what the engine will say.
 */
export interface TreeSite {
  readonly id: string;
  readonly name: string;
  readonly tier: string;
  readonly parent?: string | null | undefined;
  readonly endpoints: readonly { readonly id: string; readonly name: string }[];
}
export interface EditTree {
  readonly tiers: readonly string[];
  readonly sites: readonly TreeSite[];
}

export interface TreeIndex {
  readonly site: ReadonlyMap<string, TreeSite>;
  /** Endpoint id → the site that holds it. */
  readonly endpointSite: ReadonlyMap<string, TreeSite>;
  readonly children: ReadonlyMap<string, readonly TreeSite[]>;
  readonly tierRank: ReadonlyMap<string, number>;
}

const indexes = new WeakMap<EditTree, TreeIndex>();

/** Maps of a tree, kept per tree object (trees are replaced, never changed in place). */
export function treeIndex(tree: EditTree): TreeIndex {
  let ix = indexes.get(tree);
  if (ix) return ix;
  const site = new Map<string, TreeSite>();
  const endpointSite = new Map<string, TreeSite>();
  const children = new Map<string, TreeSite[]>();
  for (const s of tree.sites) {
    if (!site.has(s.id)) site.set(s.id, s);
    for (const e of s.endpoints) if (!endpointSite.has(e.id)) endpointSite.set(e.id, s);
    if (s.parent) children.set(s.parent, [...(children.get(s.parent) ?? []), s]);
  }
  ix = { site, endpointSite, children, tierRank: new Map(tree.tiers.map((t, i) => [t, i])) };
  indexes.set(tree, ix);
  return ix;
}

export interface EditCheckOptions {
  /** The engine's device profiles; null when not known yet (the profile is then not judged). */
  readonly profiles: ReadonlySet<string> | null;
  /** Which secrets an endpoint already has (an edit may leave them null to keep them). */
  readonly kept?: (endpointId: string) => KeptSecrets;
}

/** Is `candidate` the site `id` or below it? */
function isWithin(ix: TreeIndex, candidate: string, id: string): boolean {
  for (let cur = ix.site.get(candidate), hops = 0; cur && hops <= ix.site.size; hops++) {
    if (cur.id === id) return true;
    cur = cur.parent ? ix.site.get(cur.parent) : undefined;
  }
  return false;
}

/** The parent's tier must be above the site's. */
function parentRule(tree: EditTree, ix: TreeIndex, parentId: string | null, tier: string): EditProblem[] {
  if (parentId === null) return [];
  const parent = ix.site.get(parentId);
  if (!parent) return [problem('unknown_parent', 'parent', { value: parentId })];
  const pt = ix.tierRank.get(parent.tier);
  const st = ix.tierRank.get(tier);
  if (pt !== undefined && st !== undefined && pt >= st) return [problem('parent_not_above', 'parent', { parent: parent.name, parentTier: parent.tier, tier })];
  return [];
}

function tierRule(tree: EditTree, ix: TreeIndex, tier: string): EditProblem[] {
  if (tier === '' || ix.tierRank.has(tier)) return [];
  return [problem('unknown_tier', 'tier', { value: tier, tiers: tree.tiers.join(', ') })];
}

const names = (sites: readonly TreeSite[]) => sites.slice(0, 5).map((s) => s.name).join(', ') + (sites.length > 5 ? ', …' : '');

function siteProblems(tree: EditTree, ix: TreeIndex, edit: Extract<InventoryEdit, { op: `${string}Site` }>): EditProblem[] {
  const here = ix.site.get(edit.id);
  if (edit.op === 'addSite') {
    const out = siteFieldProblems(edit.id, edit.site, edit.parent);
    if (here) out.push(problem('duplicate_id', 'id', { id: edit.id, name: here.name }));
    return [...out, ...tierRule(tree, ix, edit.site.tier), ...(out.some((p) => p.field === 'parent') ? [] : parentRule(tree, ix, edit.parent, edit.site.tier))];
  }
  if (!here) return [problem('unknown_site', null, { id: edit.id })];
  if (edit.op === 'updateSite') {
    const out = [...siteFieldProblems(edit.id, edit.site, null), ...tierRule(tree, ix, edit.site.tier)];
    if (out.some((p) => p.field === 'tier')) return out;
    out.push(...parentRule(tree, ix, here.parent ?? null, edit.site.tier).map((p) => ({ ...p, field: 'tier' as const })));
    const rank = ix.tierRank.get(edit.site.tier)!;
    const high = (ix.children.get(here.id) ?? []).find((c) => (ix.tierRank.get(c.tier) ?? Infinity) <= rank);
    if (high) out.push(problem('child_not_below', 'tier', { child: high.name, childTier: high.tier, tier: edit.site.tier }));
    return out;
  }
  if (edit.op === 'moveSite') {
    if ((here.parent ?? null) === edit.parent) return [problem('same_place', 'parent', { name: here.name })];
    if (edit.parent !== null && ix.site.has(edit.parent) && isWithin(ix, edit.parent, here.id)) {
      return [problem('move_cycle', 'parent', { site: here.name, parent: ix.site.get(edit.parent)!.name })];
    }
    return parentRule(tree, ix, edit.parent, here.tier);
  }
  const kids = ix.children.get(here.id) ?? [];
  if (kids.length) return [problem('has_child_sites', null, { site: here.name, count: kids.length, names: names(kids) })];
  if (edit.endpoints !== here.endpoints.length) return [problem('has_endpoints', null, { site: here.name, count: here.endpoints.length })];
  return [];
}

function endpointProblems(ix: TreeIndex, edit: Extract<InventoryEdit, { op: `${string}Endpoint` }>, options: EditCheckOptions): EditProblem[] {
  const holder = ix.endpointSite.get(edit.id);
  const profileRule = (profile: string): EditProblem[] =>
    options.profiles && profile !== '' && !options.profiles.has(profile) ? [problem('unknown_profile', 'profile', { value: profile })] : [];
  if (edit.op === 'addEndpoint') {
    const out = endpointFieldProblems(edit.id, edit.endpoint, edit.snmp, NO_SECRETS);
    if (holder) out.push(problem('duplicate_id', 'id', { id: edit.id, name: holder.endpoints.find((e) => e.id === edit.id)!.name }));
    if (!ix.site.has(edit.site)) out.push(problem('unknown_site', 'site', { id: edit.site }));
    return [...out, ...profileRule(edit.endpoint.profile)];
  }
  if (!holder) return [problem('unknown_endpoint', null, { id: edit.id })];
  if (edit.op === 'updateEndpoint') {
    const kept = options.kept?.(edit.id) ?? NO_SECRETS;
    return [...endpointFieldProblems(edit.id, edit.endpoint, edit.snmp, kept), ...profileRule(edit.endpoint.profile)];
  }
  if (edit.op === 'moveEndpoint') {
    if (!ix.site.has(edit.site)) return [problem('unknown_site', 'site', { id: edit.site })];
    if (holder.id === edit.site) return [problem('same_place', 'site', { name: holder.name })];
  }
  return [];
}

/** Every problem of `edit` on `tree`; empty when it can be made. */
export function checkEdit(tree: EditTree, edit: InventoryEdit, options: EditCheckOptions): EditProblem[] {
  const ix = treeIndex(tree);
  switch (edit.op) {
    case 'addSite':
    case 'updateSite':
    case 'moveSite':
    case 'deleteSite':
      return siteProblems(tree, ix, edit);
    default:
      return endpointProblems(ix, edit, options);
  }
}
