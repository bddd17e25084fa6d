import { create } from 'zustand';
import type { NetworkView, SiteView } from '../../shared/inventory.js';

/** The inventory tree from `getNetwork`, with the look-ups every screen needs. */
export interface NetworkIndex {
  readonly sitesById: ReadonlyMap<string, SiteView>;
  /** Every endpoint id in inventory order. */
  readonly endpointIds: readonly string[];
}

export interface NetworkState {
  readonly network: NetworkView | null;
  readonly index: NetworkIndex | null;
  /** Why the last load failed; cleared by the next good one. */
  readonly error: string | null;
  setNetwork(network: NetworkView): void;
  setError(message: string): void;
}

export function indexNetwork(network: NetworkView): NetworkIndex {
  return {
    sitesById: new Map(network.sites.map((s) => [s.id, s])),
    endpointIds: network.sites.flatMap((s) => s.endpoints.map((e) => e.id)),
  };
}

export const useNetworkStore = create<NetworkState>()((set) => ({
  network: null,
  index: null,
  error: null,
  setNetwork: (network) => set({ network, index: indexNetwork(network), error: null }),
  setError: (error) => set({ error }),
}));
