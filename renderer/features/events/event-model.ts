import type { EngineEvent } from '../../../shared/events.js';
import type { SiteView } from '../../../shared/inventory.js';
import type { EndpointStatus } from '../../../shared/status.js';
import { clockParts } from '../../i18n/format.js';

/** Events that call for the operator's eye: an outage, a degraded link, a warning or critical trap. */
export function isAttentionEvent(e: EngineEvent): boolean {
  if (e.code === 'down' || e.code === 'unreachable' || e.code === 'degraded') return true;
  return e.code === 'trap' && e.severity !== 'info';
}

/** "HH:mm:ss" in the inventory's zone; with "dd/MM/yyyy" before it when not the same day as now. */
export function eventTime(iso: string, now: number, timeZone: string): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return iso;
  const p = clockParts(at, timeZone);
  return p.date === clockParts(now, timeZone).date ? p.time : `${p.date} ${p.time}`;
}

/**
 * One line of the ticker: an event, or several of the same kind from one district close together
 * (a district going dark is one line, not fifteen).
 */
export interface TickerItem {
  readonly key: string;
  readonly code: EngineEvent['code'];
  readonly severity: EngineEvent['severity'];
  /** The newest event of the line. */
  readonly latest: EngineEvent;
  readonly count: number;
  /** The sites the line covers, newest first. */
  readonly siteIds: readonly string[];
  /** The district they share (a site id), or null. */
  readonly district: string | null;
}

/** Events of one kind in one district this close together (ms) make one line. */
export const TICKER_GROUP_MS = 120_000;

/**
 * The ticker's lines from the recent events (newest first): attention events only, grouped by
 * code, severity and district within `TICKER_GROUP_MS`, at most `max` lines, newest first.
 */
export function tickerItems(recent: readonly EngineEvent[], sitesById: ReadonlyMap<string, SiteView>, max = 4): TickerItem[] {
  interface Open {
    key: string;
    latest: EngineEvent;
    oldestAt: number;
    count: number;
    sites: string[];
    district: string | null;
  }
  const groups: Open[] = [];
  for (const e of recent) {
    if (!isAttentionEvent(e)) continue;
    const site = e.siteId ? sitesById.get(e.siteId) : undefined;
    const district = site?.district ?? null;
    const key = `${e.code}/${e.severity}/${district ?? e.siteId ?? e.endpointId ?? '-'}`;
    const at = Date.parse(e.at);
    const g = groups.find((x) => x.key === key && x.oldestAt - at <= TICKER_GROUP_MS);
    if (g) {
      g.count += 1;
      g.oldestAt = Math.min(g.oldestAt, at);
      if (e.siteId && !g.sites.includes(e.siteId)) g.sites.push(e.siteId);
      continue;
    }
    if (groups.length >= max) continue;
    groups.push({ key, latest: e, oldestAt: at, count: 1, sites: e.siteId ? [e.siteId] : [], district });
  }
  return groups.map((g) => ({
    key: `${g.key}/${g.latest.id}`,
    code: g.latest.code,
    severity: g.latest.severity,
    latest: g.latest,
    count: g.count,
    siteIds: g.sites,
    district: g.district,
  }));
}

/**
 * Whether what a ticker line reported is over: every endpoint of its sites is up again, in
 * quality, fresh and with its interface up. A cleared line stays to be read, without colour.
 */
export function isCleared(item: TickerItem, sitesById: ReadonlyMap<string, SiteView>, statuses: ReadonlyMap<string, EndpointStatus>): boolean {
  if (item.siteIds.length === 0) return false;
  return item.siteIds.every((siteId) => {
    const site = sitesById.get(siteId);
    if (!site || site.endpoints.length === 0) return false;
    return site.endpoints.every((e) => {
      const s = statuses.get(e.id);
      return s !== undefined && s.reachability === 'up' && !s.degraded && !s.stale && s.ifOperUp !== false;
    });
  });
}
