import { create } from 'zustand';
import { NO_FILTER, type MapFilter, type StatusFilter } from './map-filter.js';
import type { MapCounts } from './map-counts.js';
import type { Blocker } from './map-actions.js';

/**
 * What the operator set on the map and what the canvas publishes back for React: the find
 * filter, the keyboard cursor, whether the MCU node is open in the drawer, the counters and the
 * search results. The canvas publishes at most a few times a second, and only on change.
 */
export interface MapResults {
  readonly active: boolean;
  readonly ids: readonly string[];
  readonly total: number;
}

/** Camera requests from the toolbar, the keys or the search (every map on screen follows them). */
export type ViewRequest =
  | { readonly kind: 'fit' | 'zoomIn' | 'zoomOut'; readonly seq: number }
  | { readonly kind: 'focus'; readonly id: string; readonly zoom: boolean; readonly seq: number };

export interface MapUiState {
  readonly filter: MapFilter;
  /** The site (or the MCU root) the arrow keys are on; Enter selects it. */
  readonly cursor: string | null;
  /** The MCU root is open in the drawer (sites use the console's selection). */
  readonly mcuOpen: boolean;
  readonly counts: MapCounts | null;
  readonly results: MapResults;
  readonly wall: boolean;
  readonly view: ViewRequest | null;
  /** A key asked for a control that is not available here (`m` with no participant): why, shown in the drawer. */
  readonly keyNote: { readonly endpointId: string; readonly blocker: Blocker; readonly at: number } | null;
  setQuery(query: string): void;
  setStatus(status: StatusFilter): void;
  setTier(tier: string | null): void;
  setDistrict(district: string | null): void;
  setOnlyProblems(only: boolean): void;
  clearFilter(): void;
  setCursor(id: string | null): void;
  setMcuOpen(open: boolean): void;
  setWall(wall: boolean): void;
  setKeyNote(endpointId: string | null, blocker?: Blocker): void;
  requestView(kind: 'fit' | 'zoomIn' | 'zoomOut'): void;
  /** Bring a site into view; `zoom` also zooms in far enough for its name. */
  requestFocus(id: string, zoom: boolean): void;
}

const NO_RESULTS: MapResults = { active: false, ids: [], total: 0 };

export const useMapStore = create<MapUiState>()((set, get) => ({
  filter: NO_FILTER,
  cursor: null,
  mcuOpen: false,
  counts: null,
  results: NO_RESULTS,
  wall: false,
  view: null,
  keyNote: null,
  setQuery: (query) => set({ filter: { ...get().filter, query } }),
  setStatus: (status) => set({ filter: { ...get().filter, status } }),
  setTier: (tier) => set({ filter: { ...get().filter, tier } }),
  setDistrict: (district) => set({ filter: { ...get().filter, district } }),
  setOnlyProblems: (onlyProblems) => set({ filter: { ...get().filter, onlyProblems } }),
  clearFilter: () => set({ filter: NO_FILTER }),
  setCursor: (cursor) => set({ cursor }),
  setMcuOpen: (mcuOpen) => set({ mcuOpen }),
  setWall: (wall) => set({ wall }),
  setKeyNote: (endpointId, blocker) => set({ keyNote: endpointId && blocker ? { endpointId, blocker, at: Date.now() } : null }),
  requestView: (kind) => set({ view: { kind, seq: (get().view?.seq ?? 0) + 1 } }),
  requestFocus: (id, zoom) => set({ view: { kind: 'focus', id, zoom, seq: (get().view?.seq ?? 0) + 1 } }),
}));

/** Results as the canvas found them (same ids and total: no update, so no render). */
export function publishResults(results: MapResults): void {
  const cur = useMapStore.getState().results;
  if (cur.active === results.active && cur.total === results.total && cur.ids.length === results.ids.length && cur.ids.every((id, i) => id === results.ids[i])) return;
  useMapStore.setState({ results });
}

export const SEARCH_INPUT_ID = 'map-search';
