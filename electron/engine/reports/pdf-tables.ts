import type { HealthReport, ReportRow } from './health-report.js';
import type { Painter} from './pdf-page.js';
import { MUTED, W, changeCell, type Column } from './pdf-page.js';
import { availabilityChange, exclusionEnd, rowName, type Formatter, type Words } from './report-words.js';

/** The tables of the PDF report: availability and outages, link quality and meetings, the worst sites, the meetings, the time left out. */
export function tables(p: Painter, r: HealthReport, w: Words, f: Formatter): void {
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

  p.heading(w.sections.causes);
  p.table(
    [
      { header: groupHeader, width: 175, align: 'left' },
      { header: c.downDown, width: 85, align: 'right' },
      { header: c.downUnreachable, width: 85, align: 'right' },
      { header: c.downMcu, width: 85, align: 'right' },
      { header: c.downtime, width: W - 430, align: 'right' },
    ],
    all.map(({ row, total }) => [
      { text: rowName(w, row, total) },
      { text: f.min(row.current.downMsByCause.down) },
      { text: f.min(row.current.downMsByCause.unreachable) },
      { text: f.min(row.current.downMsByCause.mcu) },
      { text: f.min(row.current.downMs) },
    ]),
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
        { text: exclusionEnd(w, f, x) },
        { text: f.num(x.minutesInPeriod, 1) },
        { text: x.by ?? '' },
        { text: x.reason ?? '' },
      ]),
    );
  }
}
