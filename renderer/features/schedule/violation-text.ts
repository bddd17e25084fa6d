import type { TFunction } from 'i18next';
import { formatDisplayDate, formatDisplayTime, parseLocalDate } from '../../../shared/schedule/zoned-time.js';

/**
 * A rule violation or warning from the engine, in the operator's language, with its data (which
 * meeting, which sites, which times, in the inventory's zone). A rule this console does not know,
 * or one whose data is missing, falls back to the engine's English `message`.
 */
export interface RuleMessage {
  readonly rule: string;
  readonly message: string;
  readonly [key: string]: unknown;
}

export interface ViolationContext {
  readonly t: TFunction;
  readonly timeZone: string;
  /** A site's name from the inventory (null when unknown). */
  readonly siteName: (id: string) => string | null;
  /** How many names to list before "and N more". */
  readonly maxNames?: number;
}

/** Thrown inside a translator when the data is not what the rule promises: use the message. */
class MissingData extends Error {}

const str = (v: unknown): string => {
  if (typeof v !== 'string') throw new MissingData();
  return v;
};
const num = (v: unknown): number => {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new MissingData();
  return v;
};
const obj = (v: unknown): Record<string, unknown> => {
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new MissingData();
  return v as Record<string, unknown>;
};
const arr = (v: unknown): unknown[] => {
  if (!Array.isArray(v)) throw new MissingData();
  return v;
};
const instant = (v: unknown): number => {
  const t = Date.parse(str(v));
  if (Number.isNaN(t)) throw new MissingData();
  return t;
};

/** `YYYY-MM-DD` → `dd/MM/yyyy`. */
export function displayDay(date: string): string {
  const d = parseLocalDate(date);
  if (!d.ok) throw new MissingData();
  return formatDisplayDate(d.value);
}

/** "08:00–10:00 23/11/2026" for a stretch of one day (the date of its start). */
export function displayRange(start: number, end: number, timeZone: string): string {
  const date = new Intl.DateTimeFormat('en-GB', { timeZone, day: '2-digit', month: '2-digit', year: 'numeric' }).format(start);
  return `${formatDisplayTime(start, timeZone)}–${formatDisplayTime(end, timeZone)} ${date}`;
}

/** "A, B, C và 4 điểm cầu khác". */
export function nameList(names: readonly string[], t: TFunction, max = 4): string {
  if (names.length <= max) return names.join(', ');
  return t('schedule.rule.andMore', { names: names.slice(0, max).join(', '), count: names.length - max });
}

/** A participant group in words: "tất cả xã của UBND huyện Ba Bể", "toàn bộ Cấp huyện". */
export function groupText(group: unknown, ctx: Pick<ViolationContext, 't' | 'siteName'>): string {
  const g = obj(group);
  switch (g.type) {
    case 'all-sites':
      return ctx.t('schedule.group.allSites');
    case 'tier':
      return ctx.t('schedule.group.tier', { tier: tierName(str(g.tier), ctx.t) });
    case 'district-communes':
      return ctx.t('schedule.group.district', { district: ctx.siteName(str(g.district)) ?? str(g.district) });
    default:
      throw new MissingData();
  }
}

/** A tier's word from the main catalogue ("Cấp huyện"), else the tier id itself. */
export function tierName(tier: string, t: TFunction): string {
  return t(`tier.${tier}`, { defaultValue: tier });
}

/** The name of a chair level: central, or a tier. */
export function chairLevelName(level: string, t: TFunction): string {
  return level === 'central' ? t('schedule.chair.central') : tierName(level, t);
}

function otherMeeting(other: unknown, timeZone: string): { title: string; range: string } {
  const o = obj(other);
  return { title: str(o.title), range: displayRange(instant(o.start), instant(o.end), timeZone) };
}

function siteNames(sites: unknown, ctx: ViolationContext): string {
  const names = arr(sites).map((s) => {
    const site = obj(s);
    return str(site.name ?? ctx.siteName(str(site.id)) ?? site.id);
  });
  return nameList(names, ctx.t, ctx.maxNames);
}

const RECURRENCE_UNTIL_BEFORE = /ends \((\d\d\/\d\d\/\d{4})\) before its first meeting \((\d\d\/\d\d\/\d{4})\)/;
const RECURRENCE_TOO_MANY = /more than (\d+) occurrences/;
const RECURRENCE_WEEKDAY = /first meeting is on (\d\d\/\d\d\/\d{4})/;

type Translator = (v: RuleMessage, ctx: ViolationContext) => string;

const TRANSLATORS: Readonly<Record<string, Translator>> = {
  notice: (v, { t, timeZone }) =>
    t('schedule.rule.notice', {
      days: num(v.noticeDays),
      bookedAt: fullTime(instant(v.bookedAt), timeZone),
      earliest: fullTime(instant(v.earliestStart), timeZone),
      start: fullTime(instant(v.start), timeZone),
    }),
  'emergency-reason': (_v, { t }) => t('schedule.rule.emergencyReason'),
  'invalid-time': (v, { t }) => t('schedule.rule.invalidTime', { message: str(v.message) }),
  'in-past': (v, { t, timeZone }) => t(v.field === 'end' ? 'schedule.rule.inPastEnd' : 'schedule.rule.inPastStart', { at: fullTime(instant(v.at), timeZone) }),
  'unknown-site': (v, ctx) => {
    const ids = arr(v.siteIds).map(str);
    return v.field === 'hostSiteId'
      ? ctx.t('schedule.rule.unknownHost', { id: ids[0] ?? '' })
      : ctx.t('schedule.rule.unknownSites', { ids: nameList(ids.map((i) => `"${i}"`), ctx.t, ctx.maxNames), count: ids.length });
  },
  'unknown-group': (v, ctx) => ctx.t('schedule.rule.unknownGroup', { group: groupText(v.group, ctx) }),
  'no-participants': (_v, { t }) => t('schedule.rule.noParticipants'),
  'chair-level': (v, { t }) =>
    t('schedule.rule.chairLevel', { level: str(v.chairLevel), allowed: arr(v.allowed).map((l) => chairLevelName(str(l), t)).join(', ') }),
  recurrence: (v, { t }) => {
    const m = str(v.message);
    if (v.field === 'byWeekday') {
      const d = RECURRENCE_WEEKDAY.exec(m);
      if (!d) throw new MissingData();
      return t('schedule.rule.recurrenceWeekday', { date: d[1] });
    }
    const before = RECURRENCE_UNTIL_BEFORE.exec(m);
    if (before) return t('schedule.rule.recurrenceUntil', { until: before[1], first: before[2] });
    const many = RECURRENCE_TOO_MANY.exec(m);
    if (many) return t('schedule.rule.recurrenceTooMany', { max: Number(many[1]) });
    throw new MissingData();
  },
  'nonexistent-occurrence': (v, { t, timeZone }) => t('schedule.rule.nonexistent', { date: displayDay(str(v.occurrenceDate)), zone: timeZone }),
  'not-editable': (v, { t }) =>
    t('schedule.rule.notEditable', {
      status: t(`schedule.status.${str(v.status)}`),
      fields: arr(v.fields)
        .map((f) => t(`schedule.field.${str(f)}`, { defaultValue: str(f) }))
        .join(', '),
      count: arr(v.fields).length,
    }),
  'host-room': (v, ctx) => {
    const o = otherMeeting(v.other, ctx.timeZone);
    const site = obj(v.site);
    return ctx.t('schedule.rule.hostRoom', { room: str(v.room), site: str(site.name ?? site.id), title: o.title, range: o.range });
  },
  'participant-site': (v, ctx) => {
    const o = otherMeeting(v.other, ctx.timeZone);
    return ctx.t('schedule.rule.participantSite', { sites: siteNames(v.sites, ctx), title: o.title, range: o.range, count: arr(v.sites).length });
  },
  'port-capacity': (v, ctx) => {
    const others = arr(v.others).map((x) => {
      const o = obj(x);
      return ctx.t('schedule.rule.portOther', { title: str(o.title), ports: num(o.ports) });
    });
    return ctx.t('schedule.rule.portCapacity', {
      range: displayRange(instant(v.from), instant(v.to), ctx.timeZone),
      peak: num(v.peak),
      capacity: num(v.capacity),
      ports: num(v.ports),
      others: others.join('; ') || ctx.t('schedule.rule.portNoOthers'),
    });
  },
  // Warnings: shown, never blocking.
  'notice-exempt': (v, { t }) => t('schedule.rule.noticeExempt', { reason: str(v.reason) }),
  'empty-group': (v, ctx) => ctx.t('schedule.rule.emptyGroup', { group: groupText(v.group, ctx) }),
};

/** `dd/MM/yyyy HH:mm` in the zone. */
function fullTime(t: number, timeZone: string): string {
  const date = new Intl.DateTimeFormat('en-GB', { timeZone, day: '2-digit', month: '2-digit', year: 'numeric' }).format(t);
  return `${date} ${formatDisplayTime(t, timeZone)}`;
}

export const KNOWN_RULES = Object.keys(TRANSLATORS);

/** The violation in words; the English message when the rule or its data is unknown. */
export function violationText(v: RuleMessage, ctx: ViolationContext): string {
  const tr = TRANSLATORS[v.rule];
  if (!tr) return v.message;
  try {
    return tr(v, ctx);
  } catch (e) {
    if (e instanceof MissingData) return v.message;
    throw e;
  }
}

/** A short title per rule for the list ("Báo trước 3 ngày", "Trùng lịch"). */
export function ruleTitle(rule: string, t: TFunction): string {
  return t(`schedule.ruleTitle.${rule}`, { defaultValue: rule });
}

/** The problems of one rule, together. */
export interface RuleGroup<T extends { readonly rule: string }> {
  readonly rule: string;
  readonly items: readonly T[];
}

/**
 * A verdict's violations (or warnings) by rule, each rule once, in the order the engine first
 * names them. The engine reports every clash on its own, so one rule can come many times: a
 * shared site or room once per occurrence of a series and per other meeting it meets, the port
 * count once per overloaded stretch of each occurrence, "in the past" for the start and again for
 * the end, an unknown site for the host and again for the participants. A refusal names the rule
 * once and lists those clashes under it.
 */
export function groupByRule<T extends { readonly rule: string }>(items: readonly T[]): RuleGroup<T>[] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const list = groups.get(item.rule);
    if (list) list.push(item);
    else groups.set(item.rule, [item]);
  }
  return [...groups].map(([rule, list]) => ({ rule, items: list }));
}

/** Texts said once each (two clashes worded alike read as one). */
export function distinctTexts(texts: readonly string[]): string[] {
  return [...new Set(texts)];
}
