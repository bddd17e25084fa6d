import { endpointState, inCallNow } from '../../../shared/endpoint-state.js';
import type { SiteView } from '../../../shared/inventory.js';
import type { EndpointStatus } from '../../../shared/status.js';
import { foldQuery, matchesFolded } from '../../../shared/text.js';
import { bySeverity, worstKind, type StatusKind } from '../../theme/status-kind.js';

/**
 * The site list's "problems only" mode as data: one row per site that needs a look (down, stale,
 * degraded, or unreachable behind a down site), sorted by severity (the order the map and the tree
 * draw a site's worst endpoint in: down, stale, degraded, unreachable), then those in a call first
 * (a meeting is running), then the worst packet loss, then the name. Each codec's state is
 * shared/endpoint-state.ts's, the derivation every counter reads.
 */
export const PROBLEM_KINDS: readonly StatusKind[] = ['down', 'stale', 'degraded', 'unreachable'];
export const PROBLEM_METRICS = ['packetLossPct', 'jitterMs', 'latencyMs'] as const;
export type ProblemMetric = (typeof PROBLEM_METRICS)[number];

/** The worst value among the site's codecs, with when it was measured (ISO), or null if none measured. */
export interface MetricReading {
  readonly value: number | null;
  readonly at: string | null;
}

export interface ProblemRow {
  readonly site: SiteView;
  readonly kind: StatusKind;
  readonly inCall: boolean;
  /** Some codec's values are past their freshness budget: shown, and said to be old. */
  readonly stale: boolean;
  readonly metrics: Readonly<Record<ProblemMetric, MetricReading>>;
  /** The oldest update among the site's codecs (the most cautious age). */
  readonly updatedAt: string | null;
}

function worstReading(statuses: readonly (EndpointStatus | undefined)[], metric: ProblemMetric): MetricReading {
  let best: MetricReading = { value: null, at: null };
  for (const s of statuses) {
    const v = s?.[metric];
    if (typeof v !== 'number' || !Number.isFinite(v)) continue;
    if (best.value === null || v > best.value) best = { value: v, at: s!.measuredAt[metric] ?? s!.updatedAt };
  }
  return best;
}

function oldest(statuses: readonly (EndpointStatus | undefined)[]): string | null {
  let at: string | null = null;
  let ms = Infinity;
  for (const s of statuses) {
    const t = s?.updatedAt ? Date.parse(s.updatedAt) : NaN;
    if (!Number.isNaN(t) && t < ms) {
      ms = t;
      at = s!.updatedAt;
    }
  }
  return at;
}

export function problemRows(sites: readonly SiteView[], statuses: ReadonlyMap<string, EndpointStatus>, query = ''): ProblemRow[] {
  const words = foldQuery(query);
  const rows: ProblemRow[] = [];
  for (const site of sites) {
    if (words.length > 0 && !matchesFolded(site.name, words)) continue;
    const list = site.endpoints.map((e) => statuses.get(e.id));
    const kind = worstKind(list.map(endpointState));
    if (!PROBLEM_KINDS.includes(kind)) continue;
    rows.push({
      site,
      kind,
      inCall: list.some(inCallNow),
      stale: list.some((s) => endpointState(s) === 'stale'),
      metrics: {
        packetLossPct: worstReading(list, 'packetLossPct'),
        jitterMs: worstReading(list, 'jitterMs'),
        latencyMs: worstReading(list, 'latencyMs'),
      },
      updatedAt: oldest(list),
    });
  }
  const collator = new Intl.Collator('vi');
  return rows.sort(
    (a, b) =>
      bySeverity(a.kind, b.kind) ||
      Number(b.inCall) - Number(a.inCall) ||
      (b.metrics.packetLossPct.value ?? -1) - (a.metrics.packetLossPct.value ?? -1) ||
      collator.compare(a.site.name, b.site.name),
  );
}
