import { crossCheck, type Inventory, type Site } from '../inventory.js';
import type { ReorgOperation, ReorgProblem } from './reorg-api.js';

/**
 * The network reorganised in one step, as the 2025 reform did to every province: districts
 * merged or removed, communes moved. Pure: each operation returns a new inventory (the given one
 * is never changed) or every reason it cannot be done, with a code and parameters.
 *
 * Ids are stable: a site or codec that survives keeps its id, so its history, alarms and
 * bookings stay attached. A site that goes away never takes its codecs with it — the meeting
 * rooms still exist, so they move to the site that takes over (the merge target, the parent):
 * a technician removes a codec on purpose, in the editor, never as a side effect.
 */
export type ReorgResult = { readonly ok: true; readonly inventory: Inventory } | { readonly ok: false; readonly problems: readonly ReorgProblem[] };

/** More problems than this are not worth reading: the selection is wrong as a whole. */
export const MAX_REORG_PROBLEMS = 200;

export function reorganise(inv: Inventory, op: ReorgOperation): ReorgResult {
  switch (op.kind) {
    case 'merge':
      return mergeSites(inv, op.sources, op.target);
    case 'move':
      return moveSites(inv, op.sites, op.parent);
    case 'removeTier':
      return removeTier(inv, op.tier);
  }
}

const problem = (code: ReorgProblem['code'], params: ReorgProblem['params'] = {}): ReorgProblem => ({ code, params });

/** Unknown and repeated ids of a selection, in the order given. */
function selectionProblems(byId: ReadonlyMap<string, Site>, ids: readonly string[]): ReorgProblem[] {
  const out: ReorgProblem[] = [];
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) out.push(problem('duplicate_site', { site: id }));
    else if (!byId.has(id)) out.push(problem('unknown_site', { site: id }));
    seen.add(id);
  }
  return out;
}

function fail(problems: ReorgProblem[]): ReorgResult {
  return { ok: false, problems: problems.slice(0, MAX_REORG_PROBLEMS) };
}

/** The result must still be a valid inventory; an operation that would break one is refused whole. */
function checked(next: Inventory): ReorgResult {
  const issues = crossCheck(next);
  if (issues.length) return fail(issues.map((i) => problem('invalid_result', { path: i.path, message: i.message })));
  return { ok: true, inventory: next };
}

/**
 * Several sites of one tier become the target (of the same tier): the sources' children move
 * under the target, the sources' codecs join the target's (after its own, in the order given),
 * and the sources are removed. The target keeps its id, name and parent.
 */
export function mergeSites(inv: Inventory, sources: readonly string[], target: string): ReorgResult {
  const byId = new Map(inv.sites.map((s) => [s.id, s]));
  const problems = selectionProblems(byId, sources);
  const into = byId.get(target);
  if (!into) problems.push(problem('unknown_site', { site: target }));
  if (sources.includes(target)) problems.push(problem('target_in_sources', { site: target }));
  if (into) {
    for (const id of new Set(sources)) {
      const s = byId.get(id);
      if (s && s.id !== target && s.tier !== into.tier) problems.push(problem('wrong_tier', { site: id, tier: s.tier, expected: into.tier }));
    }
  }
  if (problems.length || !into) return fail(problems);

  const merged = new Set(sources);
  const moved = inv.sites.filter((s) => merged.has(s.id)).sort((a, b) => sources.indexOf(a.id) - sources.indexOf(b.id));
  const sites: Site[] = [];
  for (const s of inv.sites) {
    if (merged.has(s.id)) continue;
    if (s.id === target) sites.push({ ...s, endpoints: [...s.endpoints, ...moved.flatMap((m) => m.endpoints)] });
    else if (s.parent !== undefined && merged.has(s.parent)) sites.push({ ...s, parent: target });
    else sites.push(s);
  }
  return checked({ ...inv, sites });
}

/**
 * Sites move under another parent, each with its subtree and codecs. The parent must be on a
 * tier above every moved site and must not be one of them or inside one of their subtrees.
 */
export function moveSites(inv: Inventory, ids: readonly string[], parent: string): ReorgResult {
  const byId = new Map(inv.sites.map((s) => [s.id, s]));
  const problems = selectionProblems(byId, ids);
  const to = byId.get(parent);
  if (!to) problems.push(problem('unknown_site', { site: parent }));
  const moving = new Set(ids);
  if (moving.has(parent)) problems.push(problem('parent_in_selection', { site: parent }));
  else if (to) {
    // The new parent inside a moved subtree would make a ring: name the moved site it lies under.
    let cur: Site | undefined = to;
    for (let hops = 0; cur && hops <= inv.sites.length; hops++) {
      if (moving.has(cur.id)) {
        problems.push(problem('cycle', { site: cur.id, parent }));
        break;
      }
      cur = cur.parent === undefined ? undefined : byId.get(cur.parent);
    }
    const rank = new Map(inv.tiers.map((t, i) => [t, i]));
    for (const id of moving) {
      const s = byId.get(id);
      if (s && (rank.get(to.tier) ?? Infinity) >= (rank.get(s.tier) ?? -Infinity)) {
        problems.push(problem('parent_not_above', { site: id, tier: s.tier, parent, parentTier: to.tier }));
      }
    }
  }
  if (problems.length) return fail(problems);
  return checked({ ...inv, sites: inv.sites.map((s) => (moving.has(s.id) && s.parent !== parent ? { ...s, parent } : s)) });
}

/**
 * A whole tier goes in one step: every site of it is removed, its children move to its parent
 * (their grandparent), its own codecs join its parent's, and the network's tier list loses it.
 * The top tier cannot go (its codecs would have no site), nor the only tier.
 */
export function removeTier(inv: Inventory, tier: string): ReorgResult {
  const index = inv.tiers.indexOf(tier);
  if (index < 0) return fail([problem('unknown_tier', { tier })]);
  if (inv.tiers.length === 1) return fail([problem('last_tier', { tier })]);
  if (index === 0) return fail([problem('top_tier', { tier })]);

  const byId = new Map(inv.sites.map((s) => [s.id, s]));
  const going = (s: Site | undefined) => s !== undefined && s.tier === tier;
  /** The nearest ancestor that stays (undefined at the root). */
  const heir = (s: Site): string | undefined => {
    let p = s.parent;
    for (let hops = 0; p !== undefined && going(byId.get(p)) && hops <= inv.sites.length; hops++) p = byId.get(p)!.parent;
    return p;
  };
  const problems: ReorgProblem[] = [];
  const inherited = new Map<string, Site['endpoints']>();
  for (const s of inv.sites) {
    if (!going(s) || s.endpoints.length === 0) continue;
    const to = heir(s);
    if (to === undefined || !byId.has(to)) problems.push(problem('codecs_without_parent', { site: s.id, count: s.endpoints.length }));
    else inherited.set(to, [...(inherited.get(to) ?? []), ...s.endpoints]);
  }
  if (problems.length) return fail(problems);

  const sites: Site[] = [];
  for (const s of inv.sites) {
    if (going(s)) continue;
    const extra = inherited.get(s.id);
    const parentGoes = s.parent !== undefined && going(byId.get(s.parent));
    if (!extra && !parentGoes) {
      sites.push(s);
      continue;
    }
    const next: Site = { ...s, endpoints: extra ? [...s.endpoints, ...extra] : s.endpoints };
    if (parentGoes) {
      const to = heir(s);
      if (to === undefined) delete next.parent;
      else next.parent = to;
    }
    sites.push(next);
  }
  return checked({ ...inv, tiers: inv.tiers.filter((t) => t !== tier), sites });
}
