import type { Formatter } from './report-words.js';

/**
 * The page of the PDF report (report-pdf.ts): A4 portrait, its margins and colours, and the Painter
 * that keeps the cursor and draws text, headings, change triangles and tables with page breaks.
 */

export const A4 = { width: 595.28, height: 841.89 };
export const M = { left: 40, right: 40, top: 40, bottom: 48 };
export const W = A4.width - M.left - M.right;
export const BOTTOM = A4.height - M.bottom;
export const INK = '#1b1f24';
export const MUTED = '#5b6570';
export const RULE = '#c9d1da';
export const HEAD = '#e6ebf1';
export const ZEBRA = '#f5f7f9';
export const GOOD = '#2f7d6d';
export const BAD = '#b5561b';

export type Doc = PDFKit.PDFDocument;
export type Trend = 'up' | 'down' | 'same' | null;
export interface Cell {
  readonly text: string;
  /** A change: drawn with a triangle before the text; `good` picks its colour (the shape says the direction). */
  readonly trend?: Trend;
  readonly good?: boolean | null;
}
export interface Column {
  readonly header: string;
  readonly width: number;
  readonly align: 'left' | 'right';
  /** Long text wraps (the row grows) instead of being cut with "…". */
  readonly wrap?: boolean;
}

/** The cursor and the few drawing moves the report needs, with page breaks. */
export class Painter {
  y = M.top;
  constructor(readonly doc: Doc) {}

  /** Room for `h` points, or a new page. */
  room(h: number): void {
    if (this.y + h <= BOTTOM) return;
    this.doc.addPage();
    this.y = M.top;
  }

  text(s: string, o: { font?: 'regular' | 'bold'; size?: number; color?: string; gap?: number; x?: number; width?: number } = {}): void {
    const d = this.doc.font(o.font ?? 'regular').fontSize(o.size ?? 9).fillColor(o.color ?? INK);
    const width = o.width ?? W;
    const h = d.heightOfString(s, { width });
    this.room(h);
    d.text(s, o.x ?? M.left, this.y, { width });
    this.y += h + (o.gap ?? 2);
  }

  /** A section's title, kept with the first lines of what follows it (`keep` points). */
  heading(s: string, keep = 72): void {
    this.room(keep);
    this.y += 8;
    this.text(s, { font: 'bold', size: 11, gap: 5 });
  }

  /** `s` cut with "…" to fit `width` at the current font. */
  fit(s: string, width: number): string {
    if (this.doc.widthOfString(s) <= width) return s;
    let t = s;
    while (t.length > 1 && this.doc.widthOfString(`${t}…`) > width) t = t.slice(0, -1);
    return `${t.trimEnd()}…`;
  }

  /** A small triangle pointing up or down (nothing for unchanged), `x` its left, `y` the text's top. */
  triangle(trend: Trend, x: number, y: number, size: number, color: string): void {
    const d = this.doc;
    d.save().fillColor(color);
    if (trend === 'up') d.polygon([x, y + size], [x + size, y + size], [x + size / 2, y]).fill();
    else if (trend === 'down') d.polygon([x, y], [x + size, y], [x + size / 2, y + size]).fill();
    d.restore();
  }

  table(cols: readonly Column[], rows: readonly (readonly Cell[])[], o: { boldLast?: boolean } = {}): void {
    const d = this.doc;
    const size = 7;
    const pad = 3;
    d.font('bold').fontSize(size);
    const headH = Math.max(...cols.map((c) => d.heightOfString(c.header, { width: c.width - 2 * pad }))) + 2 * pad;
    const rowH = 12;
    const drawHead = () => {
      let x = M.left;
      d.save().rect(M.left, this.y, W, headH).fill(HEAD).restore();
      d.font('bold').fontSize(size).fillColor(INK);
      for (const c of cols) {
        d.text(c.header, x + pad, this.y + pad, { width: c.width - 2 * pad, align: c.align });
        x += c.width;
      }
      this.y += headH;
    };
    this.room(headH + rowH * Math.min(rows.length, 3));
    drawHead();
    rows.forEach((row, i) => {
      const last = o.boldLast && i === rows.length - 1;
      d.font(last ? 'bold' : 'regular').fontSize(size);
      const wrapped = Math.max(0, ...row.map((cell, k) => (cols[k]!.wrap ? d.heightOfString(cell.text, { width: cols[k]!.width - 2 * pad }) : 0)));
      const h = Math.max(rowH, wrapped + 5);
      if (this.y + h > BOTTOM) {
        d.addPage();
        this.y = M.top;
        drawHead();
      }
      if (i % 2 === 1) d.save().rect(M.left, this.y, W, h).fill(ZEBRA).restore();
      if (last) d.save().moveTo(M.left, this.y).lineTo(M.left + W, this.y).lineWidth(0.6).stroke(MUTED).restore();
      d.font(last ? 'bold' : 'regular').fontSize(size).fillColor(INK);
      let x = M.left;
      row.forEach((cell, k) => {
        const c = cols[k]!;
        const inner = c.width - 2 * pad;
        const ty = this.y + (rowH - size) / 2 - 1;
        if (c.wrap) d.fillColor(INK).text(cell.text, x + pad, ty, { width: inner, align: c.align });
        else {
          const text = this.fit(cell.text, cell.trend ? inner - 8 : inner);
          d.fillColor(INK).text(text, x + pad, ty, { width: inner, align: c.align, lineBreak: false });
          if (cell.trend && cell.trend !== 'same') {
            const tw = d.widthOfString(text);
            const tx = c.align === 'right' ? x + c.width - pad - tw - 7 : x + pad;
            const color = cell.good === null || cell.good === undefined ? MUTED : cell.good ? GOOD : BAD;
            this.triangle(cell.trend, tx, ty + 1.2, 5, color);
          }
        }
        x += c.width;
      });
      this.y += h;
    });
    d.save().moveTo(M.left, this.y).lineTo(M.left + W, this.y).lineWidth(0.5).stroke(RULE).restore();
    this.y += 4;
  }
}

function trendOf(change: number | null, digits: number): Trend {
  if (change === null) return null;
  const f = 10 ** digits;
  const r = Math.round(change * f) / f;
  return r > 0 ? 'up' : r < 0 ? 'down' : 'same';
}

/** A change cell: "+0,35" with ▲ (availability: up is good; outages, downtime: up is bad). */
export function changeCell(f: Formatter, change: number | null, digits: number, upIsGood: boolean): Cell {
  if (change === null) return { text: '—' };
  const trend = trendOf(change, digits);
  return { text: f.signed(change, digits), trend, good: trend === 'same' ? null : (trend === 'up') === upIsGood };
}
