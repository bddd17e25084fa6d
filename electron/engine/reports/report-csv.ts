import { stringify } from 'csv-stringify/sync';
import type { HealthReport, ReportRow } from './health-report.js';
import { availabilityChange, exclusionEnd, fill, formatter, periodTitle, plain, rowName, scopeTitle, toMinutes, wordsFor } from './report-words.js';

/**
 * The report as CSV for Excel, as the project's other CSV files are written: UTF-8 with a
 * byte-order mark (Excel reads the tones right), CRLF line ends, commas (csv-stringify quotes
 * where needed). Headers in the chosen language; numbers are plain numbers (a point for decimals,
 * no grouping, no unit: the unit is in the header) so a spreadsheet can sum them; times in the
 * inventory's zone as dd/MM/yyyy HH:mm. One section per table, each under its title, a blank line
 * between: the report's details, the rows, the worst sites, the meetings, the time left out.
 */

type Cell = string | number | null;

/** Text a spreadsheet would run as a formula gets a leading apostrophe (numbers stay numbers). */
function safe(cell: Cell): Cell {
  return typeof cell === 'string' && /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

/** ▲ up, ▼ down, – unchanged; empty when there is nothing to compare. */
export function trendMark(change: number | null, digits: number): string {
  const r = plain(change, digits);
  return r === null ? '' : r > 0 ? '▲' : r < 0 ? '▼' : '–';
}

export function healthReportCsv(r: HealthReport): string {
  const w = wordsFor(r.language);
  const c = w.columns;
  const f = formatter(r.language, r.timeZone);
  const out: Cell[][] = [];

  out.push([w.info.section]);
  out.push([fill(w.title, { province: r.province })]);
  out.push([w.info.province, r.province]);
  out.push([w.info.period, periodTitle(w, r.period, r.current)]);
  out.push([w.info.from, f.at(r.current.from)]);
  out.push([w.info.to, f.at(r.current.to)]);
  out.push([w.info.previous, periodTitle(w, r.period, r.previous)]);
  out.push([w.info.scope, scopeTitle(w, r)]);
  if (r.scopedTo) out.push([w.info.note, fill(w.info.scoped, { names: r.scopedTo.join(', ') || '—' })]);
  out.push([w.info.hours, r.workingHours ? w.info.hoursWorking : w.info.hoursAll]);
  out.push([w.info.target, r.targetPct]);
  out.push([w.info.timeZone, r.timeZone]);
  out.push([w.info.generated, f.at(r.generatedAt)]);
  if (r.partial) out.push([w.info.note, fill(w.info.partial, { until: f.at(r.current.until) })]);
  if (!r.hasData) out.push([w.info.note, w.info.noData]);

  out.push([]);
  out.push([w.sections.groups]);
  out.push([
    c.id,
    r.rowsAre === 'district' ? c.groupDistrict : c.groupSite,
    c.endpoints,
    c.availability,
    c.availabilityPrevious,
    c.change,
    c.trend,
    c.outages,
    c.outagesPrevious,
    c.outagesChange,
    c.openOutages,
    c.downtime,
    c.downtimePrevious,
    c.downDown,
    c.downUnreachable,
    c.downMcu,
    c.longest,
    c.mttr,
    c.excluded,
    c.loss,
    c.jitter,
    c.latency,
    c.booked,
    c.held,
    c.disrupted,
  ]);
  const line = (row: ReportRow, isTotal: boolean): Cell[] => {
    const now = row.current;
    const before = row.previous;
    const change = availabilityChange(now.availabilityPct, before.availabilityPct);
    const comparable = before.measuredMs > 0 && now.measuredMs > 0;
    return [
      row.id ?? '',
      rowName(w, row, isTotal),
      now.endpoints,
      plain(now.availabilityPct, 3),
      plain(before.availabilityPct, 3),
      plain(change, 3),
      trendMark(change, 3),
      now.outages,
      comparable ? before.outages : null,
      comparable ? now.outages - before.outages : null,
      now.openOutages,
      plain(toMinutes(now.downMs), 1),
      comparable ? plain(toMinutes(before.downMs), 1) : null,
      plain(toMinutes(now.downMsByCause.down), 1),
      plain(toMinutes(now.downMsByCause.unreachable), 1),
      plain(toMinutes(now.downMsByCause.mcu), 1),
      plain(toMinutes(now.longestMs), 1),
      plain(toMinutes(now.mttrMs), 1),
      plain(toMinutes(now.excludedMs), 1),
      plain(now.p95.packetLossPct?.value ?? null, 2),
      plain(now.p95.jitterMs?.value ?? null, 1),
      plain(now.p95.latencyMs?.value ?? null, 1),
      row.meetings.booked,
      row.meetings.held,
      row.meetings.disrupted,
    ];
  };
  for (const row of r.rows) out.push(line(row, false));
  out.push(line(r.total, true));

  out.push([]);
  out.push([w.sections.worst]);
  out.push([c.id, c.site, c.district, c.availability, c.outages, c.downtime, c.longest, c.mttr]);
  if (r.worst.length === 0) out.push([w.rows.noWorst]);
  for (const s of r.worst) {
    const x = s.figures;
    out.push([s.id, s.name, s.groupName ?? w.rows.provinceLevel, plain(x.availabilityPct, 3), x.outages, plain(toMinutes(x.downMs), 1), plain(toMinutes(x.longestMs), 1), plain(toMinutes(x.mttrMs), 1)]);
  }

  out.push([]);
  out.push([w.sections.meetings]);
  out.push([c.item, c.count]);
  const m = w.meetings;
  out.push([m.booked, r.meetings.booked], [m.held, r.meetings.held], [m.disrupted, r.meetings.disrupted], [m.notHeld, r.meetings.notHeld], [m.cancelled, r.meetings.cancelled]);

  out.push([]);
  out.push([w.sections.exclusions]);
  out.push([c.kind, c.id, c.site, c.from, c.to, c.minutes, c.by, c.reason]);
  if (r.exclusions.length === 0) out.push([w.rows.noExclusions]);
  for (const x of r.exclusions) {
    const name = x.kind === 'stopped' ? '' : (x.siteName ?? w.rows.outsideScope);
    out.push([x.kind === 'stopped' ? w.rows.stopped : w.rows.maintenance, x.siteId ?? '', name, f.at(x.start), exclusionEnd(w, f, x), plain(x.minutesInPeriod, 1), x.by ?? '', x.reason ?? '']);
  }

  return stringify(
    out.map((row) => row.map(safe)),
    { bom: true, record_delimiter: 'windows', cast: { number: (n) => String(n) } },
  );
}
