import { countMap, sameCounts, type MapCounts } from './map-counts.js';
import { filterUsesStatus } from './map-filter.js';
import type { MapLayout } from './map-layout.js';
import type { NodeStates } from './map-status.js';
import { useMapStore } from './map-store.js';

/** How often counters and live-filtered results are published to React (ms). */
const DERIVED_EVERY_MS = 250;

/**
 * What the map derives from the states for React — counters per tier and district, and the find
 * results of a filter on statuses — published at most every DERIVED_EVERY_MS and only when it differs.
 */
export class MapDerived {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private countedVersion = -1;
  private lastCounts: MapCounts | null = null;

  /** `source` gives the layout and states now; `refilter` runs the filter again and publishes its results. */
  constructor(
    private readonly source: () => { readonly layout: MapLayout; readonly states: NodeStates } | null,
    private readonly refilter: () => void,
  ) {}

  /** The states changed: published at the latest in DERIVED_EVERY_MS. */
  schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.publish();
    }, DERIVED_EVERY_MS);
  }

  /** A new layout: counted afresh at the next publish. */
  reset(): void {
    this.countedVersion = -1;
  }

  publish(): void {
    const now = this.source();
    if (!now || now.states.version === this.countedVersion) return;
    this.countedVersion = now.states.version;
    const counts = countMap(now.layout, now.states);
    if (!sameCounts(this.lastCounts, counts)) {
      this.lastCounts = counts;
      if (!sameCounts(useMapStore.getState().counts, counts)) useMapStore.setState({ counts });
    }
    if (filterUsesStatus(useMapStore.getState().filter)) this.refilter();
  }

  destroy(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
