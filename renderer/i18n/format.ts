import type { TFunction } from 'i18next';

/**
 * Display formats: 24-hour clock, dd/MM/yyyy, in the inventory's time zone; ages relative to
 * one shared "now"; numbers in the language's locale with their unit.
 */
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

function dateTimeFormat(timeZone: string): Intl.DateTimeFormat {
  let f = dateTimeFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    dateTimeFormats.set(timeZone, f);
  }
  return f;
}

export interface ClockParts {
  /** HH:mm:ss */
  readonly time: string;
  /** dd/MM/yyyy */
  readonly date: string;
}

export function clockParts(epochMs: number, timeZone: string): ClockParts {
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = dateTimeFormat(timeZone).formatToParts(epochMs);
  } catch {
    parts = dateTimeFormat('UTC').formatToParts(epochMs);
  }
  const get = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '';
  return { time: `${get('hour')}:${get('minute')}:${get('second')}`, date: `${get('day')}/${get('month')}/${get('year')}` };
}

/** "HH:mm:ss dd/MM/yyyy" in the time zone; null for a missing or unreadable time. */
export function formatDateTime(iso: string | null | undefined, timeZone: string): string | null {
  if (!iso) return null;
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return null;
  const p = clockParts(t, timeZone);
  return `${p.time} ${p.date}`;
}

/** The label shown beside the clock: ICT for Indochina Time, else the zone's short name. */
export function zoneLabel(timeZone: string, at = Date.now()): string {
  if (['Asia/Ho_Chi_Minh', 'Asia/Saigon', 'Asia/Bangkok', 'Asia/Vientiane', 'Asia/Phnom_Penh'].includes(timeZone)) return 'ICT';
  try {
    const parts = new Intl.DateTimeFormat('en-GB', { timeZone, timeZoneName: 'short' }).formatToParts(at);
    return parts.find((p) => p.type === 'timeZoneName')?.value ?? timeZone;
  } catch {
    return timeZone;
  }
}

/** "4 s ago" / "4 s trước"; "—" when never measured. A time ahead of now (clock skew) is 0 s. */
export function formatAge(iso: string | null | undefined, now: number, t: TFunction): string {
  if (!iso) return t('age.never');
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return t('age.never');
  const s = Math.max(0, Math.floor((now - at) / 1000));
  if (s < 120) return t('age.s', { n: s });
  const min = Math.floor(s / 60);
  if (min < 120) return t('age.min', { n: min });
  const h = Math.floor(min / 60);
  if (h < 48) return t('age.h', { n: h });
  return t('age.d', { n: Math.floor(h / 24) });
}

const numberFormats = new Map<string, Intl.NumberFormat>();

/** A number in the locale, with at most `digits` decimals; "—" for null (never a made-up value). */
export function formatNumber(value: number | null | undefined, locale: string, digits = 0): string | null {
  if (value === null || value === undefined || !Number.isFinite(value)) return null;
  const key = `${locale}/${digits}`;
  let f = numberFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, { maximumFractionDigits: digits });
    numberFormats.set(key, f);
  }
  return f.format(value);
}

/** host:port, with brackets around an IPv6 literal. */
export function hostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** A duration such as an uptime: "3 ngày 4 giờ" / "3 d 4 h"; null stays null. */
export function formatDuration(seconds: number | null | undefined, t: TFunction): string | null {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return null;
  const s = Math.floor(seconds);
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (d > 0) return t('duration.dhm', { d, h });
  if (h > 0) return t('duration.hm', { h, m });
  return t('duration.ms', { m, s: s % 60 });
}
