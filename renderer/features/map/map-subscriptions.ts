import type { McuState } from '../../../shared/conference.js';
import type { NetworkView } from '../../../shared/inventory.js';
import { useNetworkStore } from '../../stores/network-store.js';
import { useStatusStore } from '../../stores/status-store.js';
import { useUiStore } from '../../stores/ui-store.js';
import { selectMcu, useConferenceStore } from './map-conferences.js';
import { useMapStore, type ViewRequest } from './map-store.js';

/** What the map engine (map-engine.ts) hears of the stores. */
export interface MapStoreListener {
  network(network: NetworkView | null): void;
  statuses(): void;
  /** The selected site, the keyboard cursor or the MCU's panel changed. */
  selection(): void;
  filter(): void;
  view(view: ViewRequest): void;
  mcuState(state: McuState | null): void;
}

/**
 * The stores the map follows outside React (transient subscriptions: no React render per change),
 * each change told once; returns the unsubscribers.
 */
export function followStores(l: MapStoreListener): (() => void)[] {
  return [
    useNetworkStore.subscribe((s, prev) => {
      if (s.network !== prev.network) l.network(s.network);
    }),
    useStatusStore.subscribe((s, prev) => {
      if (s.statuses !== prev.statuses) l.statuses();
    }),
    useUiStore.subscribe((s, prev) => {
      if (s.selectedSiteId !== prev.selectedSiteId) l.selection();
    }),
    useMapStore.subscribe((s, prev) => {
      if (s.filter !== prev.filter) l.filter();
      if (s.cursor !== prev.cursor || s.mcuOpen !== prev.mcuOpen) l.selection();
      if (s.view !== prev.view && s.view) l.view(s.view);
    }),
    useConferenceStore.subscribe((s, prev) => {
      const state = selectMcu(s)?.state ?? null;
      if (state !== (selectMcu(prev)?.state ?? null)) l.mcuState(state);
    }),
  ];
}
