import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import type { HealthReport, ReportRow } from './health-report.js';
import { availabilityChange, fill, formatter, periodTitle, rowName, scopeTitle, wordsFor, type Formatter, type Words } from './report-words.js';

/**
 * The report as a PDF (A4 portrait), drawn by the engine with pdfkit: a title with the province
 * and the period, the report's details, four key figures with their change against the previous
 * period, a bar chart of availability per row against the target (vector shapes), the tables
 * (availability and outages; link quality and meetings; the worst sites; the meetings; the time
 * left out), how the figures are counted, and on every page the time it was generated and
 * "page n of N".
 *
 * The font is Be Vietnam Pro, the console's own typeface, embedded (subset) from the TrueType files
 * of @expo-google-fonts/be-vietnam-pro: the @fontsource package the console uses ships only web
 * fonts split by Unicode range, which pdfkit cannot embed as one font. The typeface has no ▲ / ▼,
 * so changes are drawn as triangles (shapes, not colour alone) beside a signed figure (+0,35 /
 * −0,35) that reads the same without them.
 */

// Not named `require`: the main bundle already declares one (electron-vite's CommonJS shim).
const packages = createRequire(import.meta.url);
const FONT_FILES = {
  regular: '@expo-google-fonts/be-vietnam-pro/400Regular/BeVietnamPro_400Regular.ttf',
  bold: '@expo-google-fonts/be-vietnam-pro/600SemiBold/BeVietnamPro_600SemiBold.ttf',
} as const;
let fonts: { regular: string; bold: string } | null = null;

/** The font files, found once (a missing package fails the report, not the engine's start). */
export function reportFonts(): { regular: string; bold: string } {
  fonts ??= { regular: packages.resolve(FONT_FILES.regular), bold: packages.resolve(FONT_FILES.bold) };
  return fonts;
}

const A4 = { width: 595.28, height: 841.89 };
const M = { left: 40, right: 40, top: 40, bottom: 48 };
const W = A4.width - M.left - M.right;
const BOTTOM = A4.height - M.bottom;
const INK = '#1b1f24';
const MUTED = '#5b6570';
const RULE = '#c9d1da';
const HEAD = '#e6ebf1';
const ZEBRA = '#f5f7f9';
const GOOD = '#2f7d6d';
const BAD = '#b5561b';

type Doc = PDFKit.PDFDocument;
type Trend = 'up' | 'down' | 'same' | null;
interface Cell {
  readonly text: string;
  /** A change: drawn with a triangle before the text; `good` picks its colour (the shape says the direction). */
  readonly trend?: Trend;
  readonly good?: boolean | null;
}
interface Column {
  readonly header: string;
  readonly width: number;
  readonly align: 'left' | 'right';
  /** Long text wraps (the row grows) instead of being cut with "…". */
  readonly wrap?: boolean;
}

export async function healthReportPdf(r: HealthReport): Promise<Buffer> {
  const w = wordsFor(r.language);
  const f = formatter(r.language, r.timeZone);
  const { regular, bold } = reportFonts();
  const title = fill(w.title, { province: r.province });
  const doc = new PDFDocument({
    size: 'A4',
    margins: M,
    bufferPages: true,
    lang: r.language === 'vi' ? 'vi-VN' : 'en-GB',
    displayTitle: true,
    font: regular,
    info: { Title: `${title} — ${periodTitle(w, r.period, r.current)}`, Author: w.appName, Creator: w.appName, CreationDate: new Date(r.generatedAt) },
  });
  doc.registerFont('regular', regular);
  doc.registerFont('bold', bold);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const p = new Painter(doc);
  header(p, r, w, f, title);
  keyFigures(p, r, w, f);
  chart(p, r, w, f);
  tables(p, r, w, f);
  notes(p, w);
  footers(doc, r, w, f);
  doc.end();
  return done;
}

/** The cursor and the few drawing moves the report needs, with page breaks. */
class Painter {
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

function header(p: Painter, r: HealthReport, w: Words, f: Formatter, title: string): void {
  p.text(title, { font: 'bold', size: 15, gap: 3 });
  p.text(`${periodTitle(w, r.period, r.current)} · ${scopeTitle(w, r)}`, { size: 11, gap: 6 });
  const details = [
    [`${w.info.previous}: ${periodTitle(w, r.period, r.previous)}`, `${w.info.hours}: ${r.workingHours ? w.info.hoursWorking : w.info.hoursAll}`, `${w.info.target}: ${f.num(r.targetPct)}`],
    [`${w.info.from} ${f.at(r.current.from)} ${w.info.to.toLowerCase()} ${f.at(r.current.to)} (${r.timeZone})`, `${w.info.generated}: ${f.at(r.generatedAt)}`],
  ];
  for (const line of details) p.text(line.join(' · '), { size: 8, color: MUTED, gap: 1 });
  p.y += 3;
  const notices = [
    ...(r.scopedTo ? [fill(w.info.scoped, { names: r.scopedTo.join(', ') || '—' })] : []),
    ...(r.partial ? [fill(w.info.partial, { until: f.at(r.current.until) })] : []),
    ...(r.hasData ? [] : [w.info.noData]),
  ];
  for (const n of notices) {
    const d = p.doc.font('bold').fontSize(8.5);
    const h = d.heightOfString(n, { width: W - 12 }) + 8;
    p.room(h);
    d.save().rect(M.left, p.y, W, h).fill('#fff4e0').restore();
    d.save().rect(M.left, p.y, 2.5, h).fill(BAD).restore();
    d.fillColor(INK).text(n, M.left + 8, p.y + 4, { width: W - 12 });
    p.y += h + 4;
  }
}

function trendOf(change: number | null, digits: number): Trend {
  if (change === null) return null;
  const f = 10 ** digits;
  const r = Math.round(change * f) / f;
  return r > 0 ? 'up' : r < 0 ? 'down' : 'same';
}

/** A change cell: "+0,35" with ▲ (availability: up is good; outages, downtime: up is bad). */
function changeCell(f: Formatter, change: number | null, digits: number, upIsGood: boolean): Cell {
  if (change === null) return { text: '—' };
  const trend = trendOf(change, digits);
  return { text: f.signed(change, digits), trend, good: trend === 'same' ? null : (trend === 'up') === upIsGood };
}

/** Four boxes: availability, outages, downtime, meetings held, each with its change. */
function keyFigures(p: Painter, r: HealthReport, w: Words, f: Formatter): void {
  const d = p.doc;
  const now = r.total.current;
  const before = r.total.previous;
  const comparable = now.measuredMs > 0 && before.measuredMs > 0;
  const boxes: { label: string; value: string; change: Cell | null }[] = [
    {
      label: w.columns.availability,
      value: f.pct(now.availabilityPct),
      change: comparable ? changeCell(f, availabilityChange(now.availabilityPct, before.availabilityPct), 2, true) : null,
    },
    { label: w.columns.outages, value: f.num(now.outages), change: comparable ? changeCell(f, now.outages - before.outages, 0, false) : null },
    { label: w.columns.downtime, value: f.min(now.downMs), change: comparable ? changeCell(f, (now.downMs - before.downMs) / 60_000, 1, false) : null },
    { label: `${w.columns.held} / ${w.columns.booked}`, value: `${f.num(r.meetings.held)} / ${f.num(r.meetings.booked)}`, change: null },
  ];
  const gap = 8;
  const bw = (W - gap * 3) / 4;
  const bh = 50;
  p.room(bh + 10);
  p.y += 4;
  boxes.forEach((b, i) => {
    const x = M.left + i * (bw + gap);
    d.save().roundedRect(x, p.y, bw, bh, 3).lineWidth(0.7).stroke(RULE).restore();
    d.font('regular').fontSize(7).fillColor(MUTED).text(b.label, x + 6, p.y + 5, { width: bw - 12, lineBreak: false });
    d.font('bold').fontSize(14).fillColor(INK).text(b.value, x + 6, p.y + 15, { width: bw - 12, lineBreak: false });
    if (b.change) {
      const label = b.change.text === '—' ? w.noComparison : `${b.change.text}${i === 0 ? ` ${w.points}` : ''}`;
      const color = b.change.good === null || b.change.good === undefined ? MUTED : b.change.good ? GOOD : BAD;
      p.triangle(b.change.trend ?? null, x + 6, p.y + 37.5, 6, color);
      d.font('regular').fontSize(7.5).fillColor(INK).text(label, x + 15, p.y + 36, { width: bw - 21, lineBreak: false });
    } else if (i < 3) {
      d.font('regular').fontSize(7).fillColor(MUTED).text(w.noComparison, x + 6, p.y + 36, { width: bw - 12, lineBreak: false });
    }
  });
  p.y += bh + 6;
}

/** The lowest value the chart's axis starts at: a multiple of 5 below every bar and the target. */
export function axisFrom(values: readonly number[], target: number): number {
  const low = Math.min(target, ...values);
  return Math.max(0, Math.min(95, Math.floor((low - 0.5) / 5) * 5));
}

function tickStep(lo: number): number {
  const span = 100 - lo;
  return span <= 5 ? 1 : span <= 10 ? 2 : span <= 25 ? 5 : span <= 60 ? 10 : 20;
}

/** Availability per row as horizontal bars from `axisFrom` to 100 %, the target as a dashed line. */
function chart(p: Painter, r: HealthReport, w: Words, f: Formatter): void {
  const d = p.doc;
  const bars = r.rows.map((row) => ({ label: rowName(w, row), value: row.current.availabilityPct }));
  if (bars.length === 0) return;
  const values = bars.flatMap((b) => (b.value === null ? [] : [b.value]));
  const lo = axisFrom(values, r.targetPct);
  const labelW = 150;
  const valueW = 56;
  const x0 = M.left + labelW + 6;
  const bw = W - labelW - 6 - valueW;
  const xOf = (v: number) => x0 + ((Math.min(100, Math.max(lo, v)) - lo) / (100 - lo)) * bw;
  const rowH = 13;
  p.heading(fill(w.sections.chart, { by: w.by[r.rowsAre], target: f.num(r.targetPct) }));
  let i = 0;
  while (i < bars.length) {
    // As many bars as fit on this page (at least five): each part has its own axis and target line.
    const fit = Math.floor((BOTTOM - p.y - 40) / rowH);
    if (fit < Math.min(5, bars.length - i)) {
      d.addPage();
      p.y = M.top;
      continue;
    }
    const part = bars.slice(i, i + fit);
    i += part.length;
    const top = p.y + 12;
    const bottom = top + part.length * rowH;
    // The target, with its name above the line.
    const tx = xOf(r.targetPct);
    const tLabel = fill(w.chart.target, { target: f.num(r.targetPct) });
    d.font('regular').fontSize(7).fillColor(INK);
    const tw = d.widthOfString(tLabel);
    d.text(tLabel, Math.min(tx - tw / 2, M.left + W - tw), top - 10, { lineBreak: false });
    part.forEach((b, k) => {
      const y = top + k * rowH;
      d.font('regular').fontSize(7.5).fillColor(INK);
      d.text(p.fit(b.label, labelW), M.left, y + 2, { width: labelW, align: 'right', lineBreak: false });
      d.save().rect(x0, y + 2, bw, rowH - 4).fill(ZEBRA).restore();
      if (b.value === null) {
        d.font('regular').fontSize(7).fillColor(MUTED).text(w.rows.noData, x0 + 4, y + 3, { lineBreak: false });
        return;
      }
      const below = b.value < r.targetPct;
      d.save().rect(x0, y + 2, Math.max(0.8, xOf(b.value) - x0), rowH - 4).fill(below ? BAD : GOOD).restore();
      d.font(below ? 'bold' : 'regular').fontSize(7.5).fillColor(INK).text(`${f.pct(b.value)} %`, x0 + bw + 4, y + 2, { width: valueW - 4, lineBreak: false });
    });
    d.save().moveTo(tx, top - 1).lineTo(tx, bottom + 1).lineWidth(1).dash(3, { space: 2 }).stroke(INK).undash().restore();
    // The axis: a rule with a tick and a figure every step.
    d.save().moveTo(x0, bottom + 2).lineTo(x0 + bw, bottom + 2).lineWidth(0.5).stroke(MUTED).restore();
    const step = tickStep(lo);
    for (let v = lo; v <= 100 + 1e-9; v += step) {
      const x = xOf(v);
      d.save().moveTo(x, bottom + 2).lineTo(x, bottom + 5).lineWidth(0.5).stroke(MUTED).restore();
      const label = `${f.num(v)} %`;
      d.font('regular').fontSize(6.5).fillColor(MUTED).text(label, x - d.widthOfString(label) / 2, bottom + 6, { lineBreak: false });
    }
    p.y = bottom + 16;
  }
  if (lo > 0) p.text(fill(w.chart.axisFrom, { from: f.num(lo) }), { size: 7, color: MUTED, gap: 2 });
}

function tables(p: Painter, r: HealthReport, w: Words, f: Formatter): void {
  const c = w.columns;
  const groupHeader = r.rowsAre === 'district' ? c.groupDistrict : c.groupSite;
  const all: { row: ReportRow; total: boolean }[] = [...r.rows.map((row) => ({ row, total: false })), { row: r.total, total: true }];

  p.heading(w.sections.availability);
  const cols1: Column[] = [
    { header: groupHeader, width: 120, align: 'left' },
    { header: c.endpoints, width: 34, align: 'right' },
    { header: c.availability, width: 46, align: 'right' },
    { header: c.change, width: 50, align: 'right' },
    { header: c.outages, width: 40, align: 'right' },
    { header: c.outagesChange, width: 44, align: 'right' },
    { header: c.downtime, width: 48, align: 'right' },
    { header: c.longest, width: 44, align: 'right' },
    { header: c.mttr, width: 45, align: 'right' },
    { header: c.excluded, width: 44, align: 'right' },
  ];
  p.table(
    cols1,
    all.map(({ row, total }) => {
      const now = row.current;
      const before = row.previous;
      const comparable = now.measuredMs > 0 && before.measuredMs > 0;
      return [
        { text: rowName(w, row, total) },
        { text: f.num(now.endpoints) },
        { text: f.pct(now.availabilityPct) },
        changeCell(f, availabilityChange(now.availabilityPct, before.availabilityPct), 2, true),
        { text: f.num(now.outages) },
        comparable ? changeCell(f, now.outages - before.outages, 0, false) : { text: '—' },
        { text: f.min(now.downMs) },
        { text: f.min(now.longestMs) },
        { text: f.min(now.mttrMs) },
        { text: f.min(now.excludedMs) },
      ];
    }),
    { boldLast: true },
  );

  p.heading(w.sections.quality);
  const q = (v: { value: number } | null, digits: number) => ({ text: v === null ? '—' : f.num(v.value, digits) });
  p.table(
    [
      { header: groupHeader, width: 150, align: 'left' },
      { header: c.loss, width: 60, align: 'right' },
      { header: c.jitter, width: 60, align: 'right' },
      { header: c.latency, width: 60, align: 'right' },
      { header: c.booked, width: 62, align: 'right' },
      { header: c.held, width: 60, align: 'right' },
      { header: c.disrupted, width: 63, align: 'right' },
    ],
    all.map(({ row, total }) => [
      { text: rowName(w, row, total) },
      q(row.current.p95.packetLossPct, 2),
      q(row.current.p95.jitterMs, 1),
      q(row.current.p95.latencyMs, 1),
      { text: f.num(row.meetings.booked) },
      { text: f.num(row.meetings.held) },
      { text: f.num(row.meetings.disrupted) },
    ]),
    { boldLast: true },
  );

  p.heading(w.sections.worst);
  if (r.worst.length === 0) p.text(w.rows.noWorst, { size: 8.5, color: MUTED });
  else {
    p.table(
      [
        { header: c.site, width: 170, align: 'left' },
        { header: c.district, width: 130, align: 'left' },
        { header: c.availability, width: 55, align: 'right' },
        { header: c.outages, width: 40, align: 'right' },
        { header: c.downtime, width: 45, align: 'right' },
        { header: c.longest, width: 38, align: 'right' },
        { header: c.mttr, width: 37, align: 'right' },
      ],
      r.worst.map((s) => [
        { text: s.name },
        { text: s.groupName ?? w.rows.provinceLevel },
        { text: f.pct(s.figures.availabilityPct) },
        { text: f.num(s.figures.outages) },
        { text: f.min(s.figures.downMs) },
        { text: f.min(s.figures.longestMs) },
        { text: f.min(s.figures.mttrMs) },
      ]),
    );
  }

  p.heading(w.sections.meetings);
  const m = w.meetings;
  p.table(
    [
      { header: c.item, width: 300, align: 'left' },
      { header: c.count, width: 60, align: 'right' },
      { header: '', width: W - 360, align: 'left' },
    ],
    [
      [{ text: m.booked }, { text: f.num(r.meetings.booked) }, { text: '' }],
      [{ text: m.held }, { text: f.num(r.meetings.held) }, { text: '' }],
      [{ text: m.disrupted }, { text: f.num(r.meetings.disrupted) }, { text: '' }],
      [{ text: m.notHeld }, { text: f.num(r.meetings.notHeld) }, { text: '' }],
      [{ text: m.cancelled }, { text: f.num(r.meetings.cancelled) }, { text: '' }],
    ],
  );

  p.heading(w.sections.exclusions);
  if (r.exclusions.length === 0) p.text(w.rows.noExclusions, { size: 8.5, color: MUTED });
  else {
    p.table(
      [
        { header: c.kind, width: 64, align: 'left', wrap: true },
        { header: c.site, width: 112, align: 'left', wrap: true },
        { header: c.from, width: 66, align: 'left', wrap: true },
        { header: c.to, width: 66, align: 'left', wrap: true },
        { header: c.minutes, width: 45, align: 'right' },
        { header: c.by, width: 52, align: 'left', wrap: true },
        { header: c.reason, width: W - 405, align: 'left', wrap: true },
      ],
      r.exclusions.map((x) => [
        { text: x.kind === 'stopped' ? w.rows.stopped : w.rows.maintenance },
        { text: x.kind === 'stopped' ? '' : (x.siteName ?? w.rows.outsideScope) },
        { text: f.at(x.start) },
        { text: x.end === null ? w.rows.stillOpen : f.at(x.end) },
        { text: f.num(x.minutesInPeriod, 1) },
        { text: x.by ?? '' },
        { text: x.reason ?? '' },
      ]),
    );
  }
}

function notes(p: Painter, w: Words): void {
  p.heading(w.sections.notes);
  for (const n of w.notes) {
    // The typeface has no ▲ / ▼: a note that starts with them gets them drawn.
    const arrows = n.startsWith('▲ / ▼');
    p.room(20);
    p.doc.font('regular').fontSize(7.5).fillColor(MUTED).text('•', M.left, p.y, { lineBreak: false });
    if (arrows) {
      const y = p.y;
      p.triangle('up', M.left + 8, y + 1.5, 5, MUTED);
      p.doc.text('/', M.left + 15.5, y, { lineBreak: false });
      p.triangle('down', M.left + 21, y + 1.5, 5, MUTED);
    }
    const x = arrows ? 28 : 8;
    p.text(arrows ? n.slice('▲ / ▼'.length).trimStart() : n, { size: 7.5, color: MUTED, gap: 2, x: M.left + x, width: W - x });
  }
}

/** "Generated at … · Bridgepoint" and "Page n of N" at the foot of every page. */
function footers(doc: Doc, r: HealthReport, w: Words, f: Formatter): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Writing below the bottom margin would start a new page: the margin is lifted for the footer.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = A4.height - M.bottom + 18;
    doc.save().moveTo(M.left, y - 5).lineTo(M.left + W, y - 5).lineWidth(0.5).stroke(RULE).restore();
    doc.font('regular').fontSize(7).fillColor(MUTED);
    doc.text(fill(w.footer, { at: f.at(r.generatedAt), app: w.appName }), M.left, y, { width: W / 2, lineBreak: false });
    doc.text(fill(w.page, { page: i - range.start + 1, pages: range.count }), M.left + W / 2, y, { width: W / 2, align: 'right', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
}
