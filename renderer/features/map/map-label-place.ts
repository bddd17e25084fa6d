/**
 * Where the inner rings' names go. The province and district rings have few sites close to the
 * centre: at the fitted scale their neighbours are too near for every name, so names are placed
 * greedily (the upper tier first) wherever they do not cover one already drawn, and always inside
 * the canvas. The organ's prefix ("UBND ") is left off on the map; the unit's kind stays
 * ("huyện Chợ Đồn", "thành phố Bắc Kạn"), so two names never read the same.
 */

const ORGAN_PREFIX = /^(UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+/u;

export function mapLabelText(name: string): string {
  const short = name.replace(ORGAN_PREFIX, '');
  return short.length > 0 ? short : name;
}

/** Boxes of the names drawn so far in this frame (x0, y0, x1, y1 flattened). */
export class LabelBoxes {
  private readonly boxes: number[] = [];

  constructor(
    private readonly width: number,
    private readonly height: number,
    private readonly margin = 2,
  ) {}

  get count(): number {
    return this.boxes.length / 4;
  }

  /**
   * Where a name `w` wide and `h` high centred at x with its top at y fits: the x to draw it at
   * (shifted to stay inside the canvas), or null when it would leave the canvas vertically or
   * cover a name already placed. A placed name is remembered.
   */
  place(x: number, top: number, w: number, h: number): number | null {
    const m = this.margin;
    if (top < m || top + h > this.height - m || w > this.width - 2 * m) return null;
    const cx = Math.min(Math.max(x, m + w / 2), this.width - m - w / 2);
    const x0 = cx - w / 2;
    const x1 = cx + w / 2;
    const y1 = top + h;
    const b = this.boxes;
    for (let i = 0; i < b.length; i += 4) {
      if (x0 < b[i + 2]! && x1 > b[i]! && top < b[i + 3]! && y1 > b[i + 1]!) return null;
    }
    b.push(x0, top, x1, y1);
    return cx;
  }

  /** Whether a box is inside the canvas and covers no placed name (nothing is remembered). */
  free(x0: number, y0: number, x1: number, y1: number): boolean {
    const m = this.margin;
    if (x0 < m || y0 < m || x1 > this.width - m || y1 > this.height - m) return false;
    const b = this.boxes;
    for (let i = 0; i < b.length; i += 4) {
      if (x0 < b[i + 2]! && x1 > b[i]! && y0 < b[i + 3]! && y1 > b[i + 1]!) return false;
    }
    return true;
  }

  /** Keep a region free (e.g. the MCU box and its state word). */
  reserve(x0: number, y0: number, x1: number, y1: number): void {
    this.boxes.push(x0, y0, x1, y1);
  }
}

export type LabelSide = 'below' | 'above' | 'right' | 'left';
const SIDES: readonly LabelSide[] = ['below', 'above', 'right', 'left'];

/**
 * The first side of a node (radius `r` at x, y) where a name `w` × `h` fits, with the point to
 * draw it at (text centred on x for below/above; starting at x for right, ending at x for left;
 * vertically centred on y); null when no side is free. The chosen box is remembered.
 */
export function placeBeside(boxes: LabelBoxes, x: number, y: number, r: number, w: number, h: number, gap: number): { side: LabelSide; x: number; y: number } | null {
  for (const side of SIDES) {
    let x0: number;
    let y0: number;
    if (side === 'below' || side === 'above') {
      x0 = x - w / 2;
      y0 = side === 'below' ? y + r + gap : y - r - gap - h;
    } else {
      x0 = side === 'right' ? x + r + gap : x - r - gap - w;
      y0 = y - h / 2;
    }
    if (!boxes.free(x0, y0, x0 + w, y0 + h)) continue;
    boxes.reserve(x0, y0, x0 + w, y0 + h);
    const ty = y0 + h / 2;
    if (side === 'right') return { side, x: x0, y: ty };
    if (side === 'left') return { side, x: x0 + w, y: ty };
    return { side, x, y: ty };
  }
  return null;
}

/** `text` cut with an ellipsis to at most `maxW` wide, measured by `measure` (remembered per text). */
export function fitText(text: string, maxW: number, measure: (s: string) => number): string {
  if (measure(text) <= maxW) return text;
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (measure(`${text.slice(0, mid).trimEnd()}…`) <= maxW) lo = mid;
    else hi = mid - 1;
  }
  return `${text.slice(0, lo).trimEnd()}…`;
}
