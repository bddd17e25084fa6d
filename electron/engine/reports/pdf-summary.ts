import type { HealthReport } from './health-report.js';
import type { Painter} from './pdf-page.js';
import { BAD, GOOD, INK, M, MUTED, RULE, W, changeCell, type Cell } from './pdf-page.js';
import { availabilityChange, fill, periodTitle, scopeTitle, type Formatter, type Words } from './report-words.js';

/** The top of the PDF report: the title, the report's details and notices, four key figures. */

export function header(p: Painter, r: HealthReport, w: Words, f: Formatter, title: string): void {
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

/** Four boxes: availability, outages, downtime, meetings held, each with its change. */
export function keyFigures(p: Painter, r: HealthReport, w: Words, f: Formatter): void {
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
