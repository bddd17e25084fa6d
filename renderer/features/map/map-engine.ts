import type { McuState } from '../../../shared/conference.js';
import type { NetworkView } from '../../../shared/inventory.js';
import { useNetworkStore } from '../../stores/network-store.js';
import { useStatusStore } from '../../stores/status-store.js';
import { useUiStore } from '../../stores/ui-store.js';
import { followStores } from './map-subscriptions.js';
import { createCamera, zoomAt } from './map-camera.js';
import { bindPointer } from './map-pointer.js';
import { selectMcu, useConferenceStore } from './map-conferences.js';
import { MapDerived } from './map-derived.js';
import { createScratch, projectNodes, type DrawInput, type DrawScratch } from './map-draw.js';
import { applyFilter, type MapFilter } from './map-filter.js';
import { describeView, fitLayout, focusNode, pickNode } from './map-framing.js';
import { createHitIndex, type HitIndex } from './map-hit.js';
import { layoutFor, type MapLayout } from './map-layout.js';
import { MapLayers } from './map-layers.js';
import { createStatusTracker, type StatusTracker } from './map-status.js';
import { publishResults, useMapStore, type ViewRequest } from './map-store.js';
import { createHatch, readPalette, type Palette } from './map-style.js';

/**
 * The canvas map outside React: it subscribes to the stores itself (transient subscriptions,
 * no React render per change), keeps node state in typed arrays, and draws on
 * requestAnimationFrame only when something changed. Counters and search results go back to
 * React at most a few times a second, and only when they differ.
 */
export interface MapEngineOptions {
  /** Wall mode: bigger glyphs and type. */
  readonly scale?: number;
  /** False on the wall: no selection, cursor or hover drawn. */
  readonly interactive?: boolean;
  /** The node under the pointer changed (-1: none), or moved; x, y in CSS pixels in the canvas. */
  readonly onHover?: (node: number, x: number, y: number) => void;
  /** A click on a node (or on nothing: -1). */
  readonly onPick?: (node: number) => void;
}

export interface MapLabels {
  readonly mcu: string;
  readonly mcuState: string;
  readonly tiers: readonly string[];
}

const ZOOM_STEP = 1.4;

export class MapEngine {
  private layout: MapLayout | null = null;
  private tracker: StatusTracker | null = null;
  private hit: HitIndex | null = null;
  private scratch: DrawScratch = createScratch(0);
  private mask: Uint8Array = new Uint8Array(0);
  /** The mask before the last filtering, written over by the next (two buffers, no allocation). */
  private spareMask: Uint8Array = new Uint8Array(0);
  private filterActive = false;
  private readonly cam = createCamera();
  private width = 0;
  private height = 0;
  private dpr = 1;
  private palette: Palette;
  private hatch: CanvasPattern | string;
  private selected = -1;
  private cursor = -1;
  private hover = -1;
  private mcuState: McuState | null = null;
  private labels: MapLabels = { mcu: 'MCU', mcuState: '', tiers: [] };
  private raf = 0;
  /** The link layer and the sites' marks, kept between frames (map-layers.ts). */
  private readonly layers: MapLayers;
  private dirty = true;
  private userMoved = false;
  private readonly derived = new MapDerived(
    () => (this.layout && this.tracker ? { layout: this.layout, states: this.tracker.states } : null),
    () => this.refilter(true, true),
  );
  private painted = false;
  private readonly offs: (() => void)[] = [];
  private readonly ctx: CanvasRenderingContext2D | null;
  private lastViewSeq: number;

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly options: MapEngineOptions = {},
  ) {
    this.ctx = canvas.getContext('2d', { alpha: false });
    this.layers = new MapLayers(this.ctx !== null, this.currentInput, () => this.invalidate());
    this.palette = readPalette(canvas);
    this.hatch = createHatch(this.palette, this.ctx);
    this.lastViewSeq = useMapStore.getState().view?.seq ?? 0;
    // For the benchmark: `canvas.mapStats` (no DOM writes per frame).
    Object.defineProperty(canvas, 'mapStats', { value: this.layers.stats, configurable: true });

    this.offs.push(
      ...followStores({
        network: (network) => this.setNetwork(network),
        statuses: () => this.onStatuses(),
        selection: () => this.syncSelection(),
        filter: () => this.refilter(true),
        view: (view) => this.onView(view),
        mcuState: (state) => {
          this.mcuState = state;
          this.invalidate();
        },
      }),
    );
    this.mcuState = selectMcu(useConferenceStore.getState())?.state ?? null;
    this.offs.push(
      bindPointer({
        canvas,
        cam: this.cam,
        pick: (x, y) => this.pick(x, y),
        hover: (node, x, y) => this.setHover(node, x, y),
        picked: (node) => this.options.onPick?.(node),
        moved: () => {
          this.userMoved = true;
          this.invalidateBase();
        },
      }),
    );
    this.setNetwork(useNetworkStore.getState().network);
  }

  destroy(): void {
    for (const off of this.offs.splice(0)) off();
    if (this.raf) cancelAnimationFrame(this.raf);
    this.derived.destroy();
    this.layers.destroy();
    this.raf = 0;
  }

  /** The canvas's CSS size changed (ResizeObserver), or the device pixel ratio did. */
  resize(width: number, height: number, dpr: number): void {
    if (width === this.width && height === this.height && dpr === this.dpr) return;
    const first = this.width === 0 || this.height === 0;
    this.width = width;
    this.height = height;
    this.dpr = dpr;
    this.canvas.width = Math.max(1, Math.round(width * dpr));
    this.canvas.height = Math.max(1, Math.round(height * dpr));
    this.layers.resize(this.canvas.width, this.canvas.height);
    if (first || !this.userMoved) this.fit(false);
    this.invalidateBase();
  }

  setLabels(labels: MapLabels): void {
    this.labels = labels;
    this.invalidateBase();
  }

  /** Read the palette again (after a theme change). */
  refreshPalette(): void {
    this.palette = readPalette(this.canvas);
    this.hatch = createHatch(this.palette, this.ctx);
    this.invalidateBase();
  }

  fit(byUser = true): void {
    const layout = this.layout;
    if (!layout || this.width === 0) return;
    fitLayout(this.cam, layout, this.width, this.height, this.options.scale ?? 1);
    if (byUser) this.userMoved = false;
    this.invalidateBase();
  }

  zoomBy(factor: number): void {
    zoomAt(this.cam, this.width / 2, this.height / 2, factor);
    this.userMoved = true;
    this.invalidateBase();
  }

  /** Bring a node into view; with `zoom`, also close enough that its name is drawn. */
  focus(node: number, zoom: boolean): void {
    const layout = this.layout;
    if (!layout || node < 0 || node >= layout.count || this.width === 0) return;
    if (focusNode(this.cam, layout, node, zoom, this.width, this.height, this.options.scale ?? 1)) {
      this.userMoved = true;
      this.invalidateBase();
    }
  }

  /** Screen position (CSS px in the canvas) of a node, for tooltips and tests. */
  screenOf(node: number): { x: number; y: number } | null {
    if (!this.layout || node < 0 || node >= this.layout.count) return null;
    return { x: this.layout.x[node]! * this.cam.k + this.cam.tx, y: this.layout.y[node]! * this.cam.k + this.cam.ty };
  }

  get currentLayout(): MapLayout | null {
    return this.layout;
  }

  /** The camera, the filter, the words or the palette changed: the link layer is drawn again too. */
  invalidateBase(): void {
    this.layers.invalidate();
    this.invalidate();
  }

  invalidate(): void {
    this.dirty = true;
    if (!this.raf && typeof requestAnimationFrame === 'function') this.raf = requestAnimationFrame(this.frame);
  }

  // --- state ---------------------------------------------------------------------------------

  private setNetwork(network: NetworkView | null): void {
    if (!network) {
      this.layout = null;
      this.invalidateBase();
      return;
    }
    const layout = layoutFor(network);
    if (layout === this.layout) return;
    this.layout = layout;
    this.tracker = createStatusTracker(layout);
    this.tracker.update(useStatusStore.getState().statuses);
    this.hit = createHitIndex(layout);
    this.scratch = createScratch(layout.count);
    this.mask = new Uint8Array(layout.count).fill(1);
    this.layers.reset(layout.count);
    this.hover = -1;
    this.derived.reset();
    this.refilter(true);
    this.syncSelection();
    if (!this.userMoved) this.fit(false);
    this.derived.publish();
    this.invalidateBase();
  }

  private onStatuses(): void {
    if (!this.tracker) return;
    const before = this.tracker.states.version;
    const changed = this.tracker.update(useStatusStore.getState().statuses, this.nodeChanged);
    if (changed > 0 || !this.painted) this.invalidate();
    if (this.tracker.states.version !== before) this.derived.schedule();
  }

  private readonly nodeChanged = (node: number): void => this.layers.changed(node);

  /** Run the filter again; `followingStatuses`: because statuses changed (the filter itself did not). */
  private refilter(publish: boolean, followingStatuses = false): void {
    if (!this.layout || !this.tracker) return;
    const filter: MapFilter = useMapStore.getState().filter;
    const before = this.mask;
    const wasActive = this.filterActive;
    const result = applyFilter(this.layout, this.tracker.states, filter, 50, this.spareMask);
    this.spareMask = before;
    this.mask = result.mask;
    this.filterActive = result.active;
    if (publish) publishResults({ active: result.active, ids: result.matches.map((i) => this.layout!.ids[i]!), total: result.total });
    // Only the sites that changed sides are drawn again (not the whole map, several times a second).
    if (followingStatuses && wasActive === result.active && before.length === result.mask.length) {
      if (this.layers.maskChanged(before, result.mask) > 0) this.invalidate();
    } else this.invalidateBase();
  }

  private syncSelection(): void {
    const layout = this.layout;
    if (!layout) return;
    const ui = useMapStore.getState();
    const siteId = useUiStore.getState().selectedSiteId;
    const interactive = this.options.interactive ?? true;
    const selected = !interactive ? -1 : ui.mcuOpen ? 0 : siteId ? (layout.indexById.get(siteId) ?? -1) : -1;
    const cursor = interactive && ui.cursor ? (layout.indexById.get(ui.cursor) ?? -1) : -1;
    if (selected !== this.selected || cursor !== this.cursor) {
      this.selected = selected;
      this.cursor = cursor;
      this.invalidate();
    }
  }

  private onView(view: ViewRequest): void {
    if (view.seq === this.lastViewSeq) return;
    this.lastViewSeq = view.seq;
    switch (view.kind) {
      case 'fit':
        return this.fit(true);
      case 'zoomIn':
        return this.zoomBy(ZOOM_STEP);
      case 'zoomOut':
        return this.zoomBy(1 / ZOOM_STEP);
      case 'focus':
        return this.focus(this.layout?.indexById.get(view.id) ?? -1, view.zoom);
    }
  }

  // --- drawing -------------------------------------------------------------------------------

  private readonly frame = (): void => {
    this.raf = 0;
    if (!this.dirty) return;
    this.dirty = false;
    const ctx = this.ctx;
    const layout = this.layout;
    if (!ctx || !layout || !this.tracker || this.width === 0) return;
    const started = performance.now();
    const input = this.drawInput(layout, this.tracker);
    projectNodes(input);
    const labels = this.layers.draw(ctx, input, started);
    describeView(this.canvas, layout.count, labels, this.cam.k, this.screenOf(this.selected));
    if (!this.painted && useStatusStore.getState().ready) {
      this.painted = true;
      this.canvas.dataset['painted'] = 'true';
      performance.mark?.('bridgepoint:map-first-full-paint');
    }
  };

  /** What the layers are drawn from now, or null when there is nothing to draw. */
  private readonly currentInput = (): DrawInput | null => {
    if (!this.ctx || !this.layout || !this.tracker || this.width === 0) return null;
    return this.drawInput(this.layout, this.tracker);
  };

  private drawInput(layout: MapLayout, tracker: StatusTracker): DrawInput {
    return {
      layout,
      states: tracker.states,
      mask: this.mask,
      filterActive: this.filterActive,
      cam: this.cam,
      width: this.width,
      height: this.height,
      dpr: this.dpr,
      palette: this.palette,
      hatch: this.hatch,
      selected: this.selected,
      cursor: this.cursor,
      hover: this.hover,
      mcuState: this.mcuState,
      mcuLabel: this.labels.mcu,
      mcuStateLabel: this.labels.mcuState,
      tierLabels: this.labels.tiers,
      scale: this.options.scale ?? 1,
      scratch: this.scratch,
    };
  }

  // --- pointer -------------------------------------------------------------------------------

  /** The node under a point of the canvas (CSS px), or -1. */
  pick(x: number, y: number): number {
    if (!this.hit || !this.layout) return -1;
    return pickNode(this.hit, this.layout, this.cam, x, y, this.options.scale ?? 1);
  }

  private setHover(node: number, x: number, y: number): void {
    if (node !== this.hover) {
      this.hover = node;
      this.invalidate();
    }
    this.options.onHover?.(node, x, y);
  }
}

