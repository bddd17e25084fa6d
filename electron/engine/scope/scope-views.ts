import { toNetworkView, type Inventory, type NetworkView } from '../../../shared/inventory.js';
import { siteDirectory, type SiteDirectory } from '../../../shared/schedule/participants.js';
import { scopeKey, scopeView, type ScopeView } from '../../../shared/scope.js';
import { scopeNetwork } from '../../../shared/scope-filters.js';

/** Everything a scoped answer is cut with, computed once per distinct scope and inventory. */
export interface ScopeContext {
  readonly view: ScopeView;
  /** The scope's tree (what getNetwork answers). */
  readonly network: NetworkView;
  /** The whole network's directory, to expand a meeting's groups before filtering them. */
  readonly directory: SiteDirectory;
  /** The scope's own directory (exports name only the sites it sees). */
  readonly scopedDirectory: SiteDirectory;
}

/** The cache of scope contexts: keyed by scope, dropped whole when the inventory is replaced. */
export class ScopeViews {
  private inv: Inventory | null = null;
  private net: NetworkView | null = null;
  private dir: SiteDirectory | null = null;
  private readonly cache = new Map<string, ScopeContext>();

  constructor(private readonly inventory: () => Inventory) {}

  get(scope: readonly string[]): ScopeContext {
    const inv = this.inventory();
    if (inv !== this.inv || !this.net || !this.dir) {
      this.inv = inv;
      this.net = toNetworkView(inv);
      this.dir = siteDirectory(this.net);
      this.cache.clear();
    }
    const key = scopeKey(scope);
    let ctx = this.cache.get(key);
    if (!ctx) {
      const view = scopeView(inv.sites, scope);
      const network = scopeNetwork(this.net, view);
      ctx = { view, network, directory: this.dir, scopedDirectory: siteDirectory(network) };
      this.cache.set(key, ctx);
    }
    return ctx;
  }
}
