/**
 * District scoping (issue #11): what a scoped supervisor may see. A scope is a list of site ids;
 * each stands for that site and everything below it. Ids the inventory does not have stand for
 * nothing (a scope of only unknown ids sees no site at all). Absent or empty: the whole network,
 * which never reaches this module (see `isScoped` in roles.ts).
 *
 * Ancestors of a scope root are not shown, neither their ids nor their names: the scope roots
 * become the roots of the caller's tree (their `parent` reads null).
 */

/** The part of an inventory (or network view) the scope rules read. */
export interface ScopeSite {
  readonly id: string;
  readonly name: string;
  readonly parent?: string | null;
  readonly endpoints: readonly { readonly id: string }[];
}

export interface ScopeView {
  /** One key per distinct scope (sorted, de-duplicated ids): caches and channels are keyed by it. */
  readonly key: string;
  readonly siteIds: ReadonlySet<string>;
  readonly endpointIds: ReadonlySet<string>;
  /** Replaces every out-of-scope site name in free text (titles, notes, event text) with "…". */
  redact(text: string): string;
}

/** The cache key of a scope: the same subtrees in any order or repetition give the same key. */
export function scopeKey(scope: readonly string[]): string {
  return [...new Set(scope)].sort().join('\n');
}

export const REDACTED = '…';

/**
 * The sites and endpoints a scope sees: every site reachable from a scope id through the parent
 * links, with its endpoints. Linear in the number of sites and endpoints.
 */
export function scopeView(sites: readonly ScopeSite[], scope: readonly string[]): ScopeView {
  const children = new Map<string, string[]>();
  const byId = new Map<string, ScopeSite>();
  for (const s of sites) {
    byId.set(s.id, s);
    if (s.parent) {
      const list = children.get(s.parent);
      if (list) list.push(s.id);
      else children.set(s.parent, [s.id]);
    }
  }
  const siteIds = new Set<string>();
  const queue = [...new Set(scope)].filter((id) => byId.has(id));
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i]!;
    if (siteIds.has(id)) continue; // nested roots (ba-be and one of its communes)
    siteIds.add(id);
    for (const c of children.get(id) ?? []) queue.push(c);
  }
  const endpointIds = new Set<string>();
  for (const id of siteIds) for (const e of byId.get(id)!.endpoints) endpointIds.add(e.id);
  // The redactor's pattern is built on first use: most payloads never need it.
  let redact: ((text: string) => string) | null = null;
  return {
    key: scopeKey(scope),
    siteIds,
    endpointIds,
    redact: (text) => (redact ??= nameRedactor(sites, siteIds))(text),
  };
}

/**
 * One pass over the text with every site name, longest first, so a hidden name inside a visible
 * one ("Bắc Kạn" inside a visible site's name) is left alone and only whole hidden names go.
 */
function nameRedactor(sites: readonly ScopeSite[], visible: ReadonlySet<string>): (text: string) => string {
  const hidden = new Set<string>();
  const shown = new Set<string>();
  for (const s of sites) (visible.has(s.id) ? shown : hidden).add(s.name);
  for (const n of shown) hidden.delete(n); // two sites with one name: the visible one wins
  if (hidden.size === 0) return (text) => text;
  const names = [...hidden, ...shown].filter((n) => n.length > 0).sort((a, b) => b.length - a.length);
  const pattern = new RegExp(names.map(escapeRegExp).join('|'), 'gu');
  return (text) => (text ? text.replace(pattern, (m) => (hidden.has(m) ? REDACTED : m)) : text);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
