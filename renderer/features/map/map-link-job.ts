import type { Camera } from './map-camera.js';
import { createScratch, type BaseInput, type DrawScratch } from './map-draw.js';
import type { Palette } from './map-style.js';

/**
 * The messages between the map's link layer (map-link-layer.ts) and its worker
 * (map-link-worker.ts), and the rules both sides follow. The worker draws the layer under the
 * nodes (background, tier rings, links: drawBase) with the very code the page uses, from what is
 * sent here: the layout's geometry once per layout, then per drawing the camera, the size, the
 * palette, the ring names, the filter mask and the links' health. Plain data, so it is cloned.
 */

/** The layout's geometry, sent once per layout (the worker keeps it under `key`). */
export interface GeometryMessage {
  readonly type: 'geometry';
  readonly key: number;
  readonly count: number;
  readonly x: Float32Array;
  readonly y: Float32Array;
  readonly tier: Int16Array;
  readonly parent: Int32Array;
  readonly tierCount: number;
  readonly ringRadius: Float32Array;
  /** How many sites each tier's ring holds (a ring without sites is not drawn). */
  readonly ringSizes: readonly number[];
}

/** A face of the map's font as the page's stylesheet declares it (src with absolute URLs). */
export interface FontFaceSource {
  readonly family: string;
  readonly src: string;
  readonly weight: string;
  readonly style: string;
  readonly unicodeRange: string;
}

export interface FontsMessage {
  readonly type: 'fonts';
  readonly faces: readonly FontFaceSource[];
}

/** What one drawing of the layer is stamped with, to tell a stale picture from a current one. */
export interface LinkStamp {
  /** Bumped whenever anything but the links' health changes: camera, size, filter, words, palette, layout. */
  readonly gen: number;
  /** The links' health and the filter's mask drawn (NodeStates.linkVersion and the mask's changes): grows only. */
  readonly linkVersion: number;
}

export interface DrawMessage extends LinkStamp {
  readonly type: 'draw';
  readonly geometry: number;
  readonly cam: Camera;
  readonly width: number;
  readonly height: number;
  readonly dpr: number;
  readonly scale: number;
  readonly palette: Palette;
  readonly tierLabels: readonly string[];
  readonly filterActive: boolean;
  readonly mask: Uint8Array;
  readonly link: Uint8Array;
}

export type ToLinkWorker = GeometryMessage | FontsMessage | DrawMessage;

export type FromLinkWorker =
  | (LinkStamp & { readonly type: 'bitmap'; readonly bitmap: ImageBitmap; /** Faces of the map font loaded in the worker. */ readonly fonts: number })
  | (LinkStamp & { readonly type: 'failed'; readonly reason: string });

export function geometryMessage(key: number, layout: BaseInput['layout']): GeometryMessage {
  return {
    type: 'geometry',
    key,
    count: layout.count,
    x: layout.x,
    y: layout.y,
    tier: layout.tier,
    parent: layout.parent,
    tierCount: layout.tierCount,
    ringRadius: layout.ringRadius,
    ringSizes: layout.ringOrder.map((r) => r.length),
  };
}

/** One drawing of the layer as a message: copies of what the page keeps changing in place. */
export function drawMessage(d: BaseInput, geometry: number, stamp: LinkStamp): DrawMessage {
  return {
    type: 'draw',
    gen: stamp.gen,
    linkVersion: stamp.linkVersion,
    geometry,
    cam: { k: d.cam.k, tx: d.cam.tx, ty: d.cam.ty },
    width: d.width,
    height: d.height,
    dpr: d.dpr,
    scale: d.scale,
    palette: { ...d.palette },
    tierLabels: [...d.tierLabels],
    filterActive: d.filterActive,
    mask: d.mask.slice(0, d.layout.count),
    link: d.states.link.slice(0, d.layout.count),
  };
}

/** The worker's side: what drawBase needs, from the geometry it keeps and one drawing's message. */
export interface WorkerGeometry {
  readonly message: GeometryMessage;
  readonly layout: BaseInput['layout'];
  /** Drawn kinds are not sent: they only size the marks, which this layer does not draw. */
  readonly kind: Uint8Array;
  readonly scratch: DrawScratch;
}

export function workerGeometry(message: GeometryMessage): WorkerGeometry {
  return {
    message,
    layout: {
      count: message.count,
      x: message.x,
      y: message.y,
      tier: message.tier,
      parent: message.parent,
      tierCount: message.tierCount,
      ringRadius: message.ringRadius,
      ringOrder: message.ringSizes.map((length) => ({ length })),
    },
    kind: new Uint8Array(message.count),
    scratch: createScratch(message.count),
  };
}

export function baseInputFrom(g: WorkerGeometry, m: DrawMessage): BaseInput {
  return {
    layout: g.layout,
    states: { kind: g.kind, link: m.link },
    mask: m.mask,
    filterActive: m.filterActive,
    cam: m.cam,
    width: m.width,
    height: m.height,
    dpr: m.dpr,
    palette: m.palette,
    tierLabels: m.tierLabels,
    scale: m.scale,
    scratch: g.scratch,
  };
}

/**
 * Whether a picture of the layer that just arrived may be shown: it must show the scene as it is
 * now (same generation: no pan, zoom, resize, filter, words or palette since it was asked for),
 * and links no older than those the frame shows already (pictures can cross: the page's own and
 * the worker's).
 */
export function acceptsPicture(current: LinkStamp, arrived: LinkStamp): boolean {
  return arrived.gen === current.gen && arrived.linkVersion >= current.linkVersion;
}

/** The first family of a CSS font-family list, unquoted ("'Be Vietnam Pro', system-ui" → Be Vietnam Pro). */
export function firstFamily(list: string): string {
  const first = list.split(',')[0]!.trim();
  return first.replace(/^(['"])(.*)\1$/, '$2');
}

/** A src descriptor with every url() made absolute against the stylesheet's address (the worker lives elsewhere). */
export function absoluteSrc(src: string, base: string): string {
  return src.replace(/url\(\s*(['"]?)([^'")]+)\1\s*\)/g, (_all, _q: string, url: string) => `url("${new URL(url, base).href}")`);
}

/** The @font-face rules of one family, from the page's stylesheets (those it may read). */
export function fontFacesOf(family: string, sheets: Iterable<Pick<CSSStyleSheet, 'cssRules' | 'href'>>, fallbackBase: string): FontFaceSource[] {
  const out: FontFaceSource[] = [];
  for (const sheet of sheets) {
    let rules: CSSRuleList;
    try {
      rules = sheet.cssRules;
    } catch {
      continue; // another origin's sheet
    }
    for (const rule of Array.from(rules)) {
      if (!rule.cssText.startsWith('@font-face') || !('style' in rule)) continue;
      const style = (rule as CSSFontFaceRule).style;
      if (firstFamily(style.getPropertyValue('font-family')) !== family) continue;
      const src = style.getPropertyValue('src');
      if (!src) continue;
      out.push({
        family,
        src: absoluteSrc(src, sheet.href ?? fallbackBase),
        weight: style.getPropertyValue('font-weight') || 'normal',
        style: style.getPropertyValue('font-style') || 'normal',
        unicodeRange: style.getPropertyValue('unicode-range') || 'U+0-10FFFF',
      });
    }
  }
  return out;
}
