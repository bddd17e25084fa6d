import type { Reachability } from './status.js';
import {
  deriveNetworkReachability,
  deriveReachability,
  reachabilityMeasuredAt,
  type EndpointReachability,
  type NetworkReachability,
  type PollState,
  type ReachabilityOptions,
  type SiteNode,
  type SiteReachability,
} from './status-derivation.js';

/**
 * deriveNetworkReachability's rules kept up to date by parts: after some endpoints' polls change,
 * only what those changes can reach is re-derived. An endpoint's own answer state decides its
 * site's (up, down, unknown); a site whose down-ness flips changes the nearest down ancestor of
 * the sites below it, and the walk down stops wherever that answer stays the same (below a site
 * that is itself down, or when nothing changed). So a commune that flips touches its own site, a
 * district going dark touches that district's subtree, never the rest of the province.
 *
 * The index (site → children, site → endpoints, depth) is built once per inventory version: make
 * a new tracker when the inventory changes. An inventory with a parent cycle or an id used twice
 * (the validator rejects both) is handled by re-deriving the whole tree on every update, so the
 * answers are deriveNetworkReachability's in every case.
 */
export interface ReachabilityTracker {
  /**
   * Re-derive after these endpoints' polls changed (read from the map given at creation). Returns
   * the endpoints whose reachability or `behind` changed, each once. Unknown ids are ignored.
   */
  update(changedEndpoints: Iterable<string>): string[];
  /** One endpoint's derived state, its `measuredAt` read from its poll now. */
  endpoint(endpointId: string): EndpointReachability | undefined;
  site(siteId: string): SiteReachability | undefined;
  /** Everything, in the shape deriveNetworkReachability returns. */
  snapshot(): NetworkReachability;
}

export interface ReachabilityTrackerOptions extends ReachabilityOptions {
  /** Called for every site and endpoint an update (or the first derivation) looks at. */
  readonly onVisit?: (kind: 'site' | 'endpoint', id: string) => void;
}

type Own = Exclude<Reachability, 'unreachable'>;

interface SiteEntry {
  readonly id: string;
  readonly parent: SiteEntry | null;
  readonly children: SiteEntry[];
  readonly endpoints: readonly string[];
  readonly depth: number;
  own: Own;
  /** The nearest ancestor site that is down (own state), or null. */
  behind: string | null;
}

/** Endpoints changed during one update, with what they were before it. */
type Changes = Map<string, { readonly reachability: Reachability; readonly behind: string | null }>;

interface EndpointEntry {
  readonly site: SiteEntry;
  own: Own;
  reachability: Reachability;
  behind: string | null;
}

interface Index {
  /** In the order deriveNetworkReachability lists them (the first site of an id wins). */
  readonly sites: Map<string, SiteEntry>;
  readonly roots: readonly SiteEntry[];
  readonly endpoints: Map<string, SiteEntry>;
}

/** Site → children and site → endpoints, or null when the tree has a cycle or a repeated endpoint id. */
function buildIndex(sites: readonly SiteNode[]): Index | null {
  const nodes = new Map<string, SiteNode>();
  for (const s of sites) if (!nodes.has(s.id)) nodes.set(s.id, s);
  const entered = new Map<string, SiteEntry>();
  const roots: SiteEntry[] = [];
  for (const node of nodes.values()) {
    // Climb to a site already entered or to a root, then enter the chain from the top down (no
    // recursion: a chain may be thousands of sites deep). Meeting the chain itself is a cycle.
    const chain: SiteNode[] = [];
    const onChain = new Set<string>();
    let cur: SiteNode | undefined = node;
    while (cur && !entered.has(cur.id)) {
      if (onChain.has(cur.id)) return null;
      onChain.add(cur.id);
      chain.push(cur);
      cur = cur.parent == null ? undefined : nodes.get(cur.parent);
    }
    for (let i = chain.length - 1; i >= 0; i--) {
      const n = chain[i]!;
      const parent = n.parent == null ? null : (entered.get(n.parent) ?? null);
      const entry: SiteEntry = { id: n.id, parent, children: [], endpoints: n.endpoints.map((e) => e.id), depth: parent ? parent.depth + 1 : 0, own: 'unknown', behind: null };
      entered.set(n.id, entry);
      if (parent) parent.children.push(entry);
      else roots.push(entry);
    }
  }
  const ordered = new Map<string, SiteEntry>();
  const endpoints = new Map<string, SiteEntry>();
  for (const id of nodes.keys()) {
    const entry = entered.get(id)!;
    ordered.set(id, entry);
    for (const e of entry.endpoints) {
      if (endpoints.has(e)) return null;
      endpoints.set(e, entry);
    }
  }
  return { sites: ordered, roots, endpoints };
}

export function createReachabilityTracker(
  sites: readonly SiteNode[],
  polls: ReadonlyMap<string, PollState>,
  options: ReachabilityTrackerOptions = {},
): ReachabilityTracker {
  const index = buildIndex(sites);
  return index ? incrementalTracker(index, polls, options) : wholeTreeTracker(sites, polls, options);
}

function incrementalTracker(index: Index, polls: ReadonlyMap<string, PollState>, options: ReachabilityTrackerOptions): ReachabilityTracker {
  const visit = options.onVisit ?? (() => {});
  const endpoints = new Map<string, EndpointEntry>();

  const ownOfSite = (site: SiteEntry): Own => {
    let anyDown = false;
    for (const id of site.endpoints) {
      const own = endpoints.get(id)!.own;
      if (own === 'up') return 'up';
      anyDown ||= own === 'down';
    }
    return anyDown ? 'down' : 'unknown';
  };

  /** Re-derive the endpoints of a site from its own state and `behind`; note those that changed. */
  const deriveEndpoints = (site: SiteEntry, changed: Changes): void => {
    for (const id of site.endpoints) {
      visit('endpoint', id);
      const ep = endpoints.get(id)!;
      // A codec that answers at the same site shows the path there works: the down one is to blame.
      const masked = ep.own === 'down' && site.behind !== null && site.own !== 'up';
      const reachability: Reachability = masked ? 'unreachable' : ep.own;
      const behind = masked ? site.behind : null;
      if (reachability !== ep.reachability || behind !== ep.behind) {
        if (!changed.has(id)) changed.set(id, { reachability: ep.reachability, behind: ep.behind });
        ep.reachability = reachability;
        ep.behind = behind;
      }
    }
  };

  /** Walk below a site whose down-ness or `behind` changed, as far as the children's `behind` changes. */
  const propagate = (from: SiteEntry, changed: Changes): void => {
    const stack = [from];
    while (stack.length > 0) {
      const site = stack.pop()!;
      const behindChildren = site.own === 'down' ? site.id : site.behind;
      for (const child of site.children) {
        visit('site', child.id);
        if (child.behind === behindChildren) continue;
        child.behind = behindChildren;
        deriveEndpoints(child, changed);
        stack.push(child);
      }
    }
  };

  // The first derivation: every site from the top down.
  for (const [id, site] of index.endpoints) endpoints.set(id, { site, own: deriveReachability(polls.get(id), options), reachability: 'unknown', behind: null });
  const initial: Changes = new Map();
  const queue = [...index.roots];
  for (let i = 0; i < queue.length; i++) {
    const site = queue[i]!;
    visit('site', site.id);
    site.own = ownOfSite(site);
    site.behind = site.parent === null ? null : site.parent.own === 'down' ? site.parent.id : site.parent.behind;
    deriveEndpoints(site, initial);
    queue.push(...site.children);
  }

  const siteState = (site: SiteEntry): SiteReachability => {
    const r: Reachability = site.own === 'down' && site.behind !== null ? 'unreachable' : site.own;
    return { reachability: r, behind: r === 'unreachable' ? site.behind : null };
  };
  const endpointState = (id: string, ep: EndpointEntry): EndpointReachability => ({
    siteId: ep.site.id,
    reachability: ep.reachability,
    measuredAt: reachabilityMeasuredAt(polls.get(id)),
    behind: ep.behind,
  });

  return {
    update(changedEndpoints) {
      const changed: Changes = new Map();
      const dirtySites = new Set<SiteEntry>();
      for (const id of changedEndpoints) {
        const ep = endpoints.get(id);
        if (!ep) continue;
        const own = deriveReachability(polls.get(id), options);
        if (own === ep.own) continue;
        ep.own = own;
        dirtySites.add(ep.site);
      }
      const flipped: SiteEntry[] = [];
      for (const site of dirtySites) {
        visit('site', site.id);
        const own = ownOfSite(site);
        if ((own === 'down') !== (site.own === 'down')) flipped.push(site);
        site.own = own;
        deriveEndpoints(site, changed);
      }
      // Highest first, so a district and its commune flipping together walk the commune's subtree once.
      flipped.sort((a, b) => a.depth - b.depth);
      for (const site of flipped) propagate(site, changed);
      // An endpoint changed by its own site and changed back by a flip above comes out as it was.
      return [...changed].filter(([id, was]) => {
        const ep = endpoints.get(id)!;
        return ep.reachability !== was.reachability || ep.behind !== was.behind;
      }).map(([id]) => id);
    },
    endpoint(id) {
      const ep = endpoints.get(id);
      return ep ? endpointState(id, ep) : undefined;
    },
    site(id) {
      const site = index.sites.get(id);
      return site ? siteState(site) : undefined;
    },
    snapshot() {
      const out: NetworkReachability = { endpoints: new Map(), sites: new Map() };
      for (const site of index.sites.values()) {
        for (const id of site.endpoints) out.endpoints.set(id, endpointState(id, endpoints.get(id)!));
        out.sites.set(site.id, siteState(site));
      }
      return out;
    },
  };
}

/** For a tree the index refuses: the whole derivation each time, and the difference to the last. */
function wholeTreeTracker(sites: readonly SiteNode[], polls: ReadonlyMap<string, PollState>, options: ReachabilityTrackerOptions): ReachabilityTracker {
  const derive = () => {
    for (const s of sites) {
      options.onVisit?.('site', s.id);
      for (const e of s.endpoints) options.onVisit?.('endpoint', e.id);
    }
    return deriveNetworkReachability(sites, polls, options);
  };
  let last = derive();
  return {
    update() {
      const next = derive();
      const changed: string[] = [];
      for (const [id, r] of next.endpoints) {
        const was = last.endpoints.get(id);
        if (!was || was.reachability !== r.reachability || was.behind !== r.behind) changed.push(id);
      }
      last = next;
      return changed;
    },
    endpoint(id) {
      const r = last.endpoints.get(id);
      return r ? { ...r, measuredAt: reachabilityMeasuredAt(polls.get(id)) } : undefined;
    },
    site: (id) => last.sites.get(id),
    snapshot: () => deriveNetworkReachability(sites, polls, options),
  };
}
