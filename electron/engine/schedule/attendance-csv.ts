import type { Attendance } from '../../../shared/schedule/api.js';
import { formatLocalDate, localDateOf, utcToLocal } from '../../../shared/schedule/index.js';
import { foldText } from '../../../shared/text.js';

/**
 * The attendance report as CSV for Excel: UTF-8 with a byte-order mark (so Excel reads the
 * Vietnamese right), every field quoted (RFC 4180, CRLF), headers in Vietnamese, times in the
 * inventory's zone as dd/MM/yyyy HH:mm:ss, durations as H:mm:ss, decimals with a point.
 */

export interface ExportFile {
  readonly filename: string;
  readonly mime: string;
  readonly content: string;
}

const BOM = '\uFEFF';
const pad = (n: number) => String(n).padStart(2, '0');

export const CSV_HEADER = [
  'STT',
  'Mã điểm cầu',
  'Điểm cầu',
  'Vào lần đầu',
  'Rời lần cuối',
  'Thời gian kết nối',
  'Số lần rớt',
  'Thời gian rớt',
  'Mất gói TB (%)',
  'Mất gói tối đa (%)',
  'Jitter TB (ms)',
  'Độ trễ TB (ms)',
];

/** `dd/MM/yyyy HH:mm:ss` in the zone. */
export function formatLocalSeconds(instant: number, timeZone: string): string {
  const l = utcToLocal(instant, timeZone);
  const seconds = Math.floor((((instant % 60_000) + 60_000) % 60_000) / 1000);
  return `${pad(l.day)}/${pad(l.month)}/${l.year} ${pad(l.hour)}:${pad(l.minute)}:${pad(seconds)}`;
}

/** `H:mm:ss`. */
export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 3600)}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
}

/** A quoted field; text that a spreadsheet would run as a formula gets a leading apostrophe. */
export function csvField(value: string | number | null): string {
  let text = value === null ? '' : String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

/** File-name-safe words of a title: "Giao ban tuần" → "giao-ban-tuan". */
export function slug(text: string, max = 60): string {
  return foldText(text).replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, max).replace(/-+$/, '') || 'cuoc-hop';
}

export function attendanceCsv(att: Attendance, occurrenceStart: number, timeZone: string): ExportFile {
  const time = (iso: string | null) => (iso === null ? '' : formatLocalSeconds(Date.parse(iso), timeZone));
  const rows = att.sites.map((s, i) => [
    i + 1,
    s.siteId,
    s.siteName,
    time(s.firstJoinedAt),
    time(s.lastLeftAt),
    formatDuration(s.connectedMs),
    s.drops,
    formatDuration(s.droppedMs),
    s.lossAvgPct,
    s.lossMaxPct,
    s.jitterAvgMs,
    s.latencyAvgMs,
  ]);
  const lines = [CSV_HEADER, ...rows].map((r) => r.map(csvField).join(','));
  const date = formatLocalDate(localDateOf(occurrenceStart, timeZone));
  return { filename: `diem-danh_${date}_${slug(att.title)}.csv`, mime: 'text/csv; charset=utf-8', content: BOM + lines.join('\r\n') + '\r\n' };
}
