import type { HealthReport } from './health-report.js';
import type { Painter} from './pdf-page.js';
import { BAD, BOTTOM, GOOD, INK, M, MUTED, W, ZEBRA } from './pdf-page.js';
import { fill, rowName, type Formatter, type Words } from './report-words.js';

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
export function chart(p: Painter, r: HealthReport, w: Words, f: Formatter): void {
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
