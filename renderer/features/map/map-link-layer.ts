import { drawBase, projectNodes, type BaseInput, type Context2D } from './map-draw.js';
import type { NodeStates } from './map-status.js';
import { acceptsPicture, drawMessage, firstFamily, fontFacesOf, geometryMessage, type FromLinkWorker, type LinkStamp, type ToLinkWorker } from './map-link-job.js';

/**
 * The layer under the sites' marks: background, tier rings and links (drawBase). It changes with
 * the camera, the size, the filter, the words and the palette — then the frame draws it again at
 * once, on the page — and with the links' health, which it follows at most every LINKS_EVERY_MS.
 * Those redraws (~5,000 stroked links at full load, 45-50 ms with their rasterisation) run in a
 * worker (map-link-worker.ts) that hands back a finished ImageBitmap; the frame only copies it.
 * Until the worker's first picture is here, and wherever there is no worker or OffscreenCanvas
 * (or it fails), the layer is redrawn on the page in a task of its own instead.
 */

/** What the layer is drawn from, with the version of the links' health. */
export interface LinkInput extends BaseInput {
  readonly states: Pick<NodeStates, 'kind' | 'link' | 'linkVersion'>;
}

/** How often the link layer follows link health changes at most (ms). */
export const LINKS_EVERY_MS = 250;
/** A worker that has not answered in this long is given up for the page's own drawing (ms). */
export const WORKER_PATIENCE_MS = 3000;

/** What the page needs of a worker (a real one, or a test's). */
export interface LinkWorkerPort {
  onmessage: ((event: MessageEvent<FromLinkWorker>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  postMessage(message: ToLinkWorker): void;
  terminate(): void;
}

/** The link worker, where the browser can run one with an OffscreenCanvas. */
export function startLinkWorker(): LinkWorkerPort | null {
  if (typeof Worker === 'undefined' || typeof OffscreenCanvas === 'undefined' || typeof document === 'undefined') return null;
  try {
    return new Worker(new URL('./map-link-worker.ts', import.meta.url), { type: 'module', name: 'bridgepoint-map-links' });
  } catch {
    return null;
  }
}

export interface LinkLayerStats {
  /** Redraws for link health on the page's main thread, and pictures from the worker shown. */
  main: number;
  worker: number;
  /** Pictures dropped because the scene changed or newer links were shown first. */
  stale: number;
  /** Why the worker is not used ('' while it is, or has not been needed yet). */
  off: string;
  /** Faces of the map font the worker had loaded at its last picture (its ring names are in that font). */
  fonts: number;
}

export class LinkLayer {
  private readonly canvas: HTMLCanvasElement | null;
  private readonly ctx: CanvasRenderingContext2D | null;
  private valid = false;
  /** The scene's generation, and the links shown by what the frame copies. */
  private gen = 0;
  private shownLinks = -1;
  /** The links last drawn or asked for, and when (ms). */
  private requestedLinks = -1;
  private drawnAt = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** A finished picture of the layer (from the worker, or taken of `canvas` outside the frame). */
  private bitmap: ImageBitmap | null = null;
  private worker: LinkWorkerPort | null = null;
  private workerState: 'unstarted' | 'starting' | 'ready' | 'off' = 'unstarted';
  private busySince = -1;
  private sentGeometry: object | null = null;
  private geometryKey = 0;
  private sentFamily = '';
  /** Times the filter's mask changed without the scene being drawn anew (maskChanged). */
  private maskEdits = 0;
  readonly stats: LinkLayerStats = { main: 0, worker: 0, stale: 0, off: '', fonts: 0 };

  /**
   * `current` gives what the layer is drawn from now (null: nothing to draw); `changed` asks the
   * engine for a frame; `start` starts a worker (none in tests without one).
   */
  constructor(
    withCanvas: boolean,
    private readonly current: () => LinkInput | null,
    private readonly changed: () => void,
    private readonly start: () => LinkWorkerPort | null = startLinkWorker,
  ) {
    this.canvas = withCanvas && typeof document !== 'undefined' ? document.createElement('canvas') : null;
    this.ctx = this.canvas ? this.canvas.getContext('2d', { alpha: false }) : null;
  }

  resize(width: number, height: number): void {
    if (!this.canvas) return;
    this.canvas.width = width;
    this.canvas.height = height;
  }

  /** The camera, the size, the filter, the words or the palette changed: the next frame draws the layer anew. */
  invalidate(): void {
    this.valid = false;
  }

  /** Some sites changed sides of the filter (it follows their statuses): redrawn as for a link health change. */
  maskChanged(): void {
    this.maskEdits++;
  }

  /** What the layer shows of the links' health and the mask, as one number that only grows. */
  private contentOf(d: LinkInput): number {
    return d.states.linkVersion + this.maskEdits;
  }

  /**
   * In the frame: the layer drawn anew if it is not valid, else a link redraw scheduled when the
   * links changed; then the layer copied onto `ctx`. Without an offscreen canvas the layer is
   * drawn straight onto `ctx`. Returns whether the layer is kept (drawn from a copy).
   */
  paint(ctx: CanvasRenderingContext2D, d: LinkInput, now: number): boolean {
    const links = this.contentOf(d);
    if (this.valid && links !== this.requestedLinks) {
      // Links follow their health at most a few times a second: nodes carry the news at once.
      this.timer ??= setTimeout(this.redrawLinks, Math.max(0, this.drawnAt + LINKS_EVERY_MS - now));
    }
    if (!this.valid || !this.ctx) {
      const target: Context2D = this.ctx ?? ctx;
      this.gen++;
      this.dropBitmap();
      drawBase(target, d);
      this.valid = target !== ctx;
      this.drawnAt = now;
      this.shownLinks = links;
      this.requestedLinks = links;
    }
    if (!this.valid || !this.canvas) return false;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.globalAlpha = 1;
    ctx.drawImage(this.bitmap ?? this.canvas, 0, 0);
    return true;
  }

  destroy(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.gen++;
    this.dropBitmap();
    this.worker?.terminate();
    this.worker = null;
    this.busySince = -1;
    this.sentGeometry = null;
    this.sentFamily = '';
    if (this.workerState !== 'off') this.workerState = 'unstarted';
  }

  /** Link health changed and the layer is due: drawn again by the worker, or on the page in this task (not the frame's). */
  private readonly redrawLinks = (): void => {
    this.timer = null;
    if (!this.valid) return this.changed(); // the frame draws the whole layer anyway
    const d = this.current();
    if (!d || !this.canvas || !this.ctx) return;
    const links = this.contentOf(d);
    if (links === this.requestedLinks) return;
    const now = performance.now();
    const stamp: LinkStamp = { gen: this.gen, linkVersion: links };
    const sent = this.ask(d, stamp, now);
    if (this.workerState === 'ready') {
      // Busy with the previous drawing: its answer brings a frame, which asks again.
      if (!sent) return;
    } else {
      this.stats.main++;
      projectNodes(d);
      drawBase(this.ctx, d);
      this.snapshot(stamp);
    }
    this.drawnAt = now;
    this.requestedLinks = links;
  };

  /** Send a drawing to the worker (started on first use); false if it is off or still busy. */
  private ask(d: BaseInput, stamp: LinkStamp, now: number): boolean {
    if (this.workerState === 'unstarted') this.boot();
    const worker = this.worker;
    if (!worker || this.workerState === 'off') return false;
    if (this.busySince >= 0) {
      if (now - this.busySince > WORKER_PATIENCE_MS) this.giveUp(`no answer in ${WORKER_PATIENCE_MS} ms`);
      return false;
    }
    try {
      const family = firstFamily(d.palette['--bp-font']);
      if (family !== this.sentFamily) {
        this.sentFamily = family;
        worker.postMessage({ type: 'fonts', faces: fontFacesOf(family, Array.from(document.styleSheets), document.baseURI) });
      }
      if (d.layout !== this.sentGeometry) {
        this.sentGeometry = d.layout;
        worker.postMessage(geometryMessage(++this.geometryKey, d.layout));
      }
      worker.postMessage(drawMessage(d, this.geometryKey, stamp));
    } catch (e) {
      this.giveUp(e instanceof Error ? e.message : String(e));
      return false;
    }
    this.busySince = now;
    return true;
  }

  private boot(): void {
    this.worker = this.start();
    if (!this.worker) {
      this.workerState = 'off';
      this.stats.off = 'no worker with an OffscreenCanvas here';
      return;
    }
    this.workerState = 'starting';
    this.worker.onmessage = (event) => this.answered(event.data);
    this.worker.onerror = (event) => {
      event.preventDefault?.();
      this.giveUp('the worker failed to load or run');
    };
  }

  private answered(m: FromLinkWorker): void {
    this.busySince = -1;
    if (m.type === 'failed') return this.giveUp(m.reason);
    this.workerState = 'ready';
    this.stats.worker++;
    this.stats.fonts = m.fonts;
    this.show(m, m.bitmap);
  }

  private giveUp(reason: string): void {
    this.worker?.terminate();
    this.worker = null;
    this.workerState = 'off';
    this.stats.off = reason;
    this.busySince = -1;
    // What was asked of the worker is drawn on the page instead.
    this.requestedLinks = this.shownLinks;
    this.changed();
  }

  /** A picture of `canvas` taken here — which rasterises it now — so the frame only copies it. */
  private snapshot(stamp: LinkStamp): void {
    if (typeof createImageBitmap !== 'function' || !this.canvas) {
      this.shownLinks = stamp.linkVersion;
      return this.changed();
    }
    createImageBitmap(this.canvas).then(
      (bitmap) => this.show(stamp, bitmap),
      () => {
        if (stamp.gen === this.gen) this.changed();
      },
    );
  }

  private show(stamp: LinkStamp, bitmap: ImageBitmap): void {
    if (!this.valid || !acceptsPicture({ gen: this.gen, linkVersion: this.shownLinks }, stamp)) {
      this.stats.stale++;
      bitmap.close();
    } else {
      this.dropBitmap();
      this.bitmap = bitmap;
      this.shownLinks = stamp.linkVersion;
    }
    this.changed();
  }

  private dropBitmap(): void {
    this.bitmap?.close();
    this.bitmap = null;
  }
}
