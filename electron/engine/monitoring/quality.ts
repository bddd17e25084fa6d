import type { ProfileMetric } from '../../../shared/device-profile.js';
import type { EndpointStatus } from '../../../shared/status.js';
import { isDegraded, type DegradedThresholds } from '../../../shared/status-derivation.js';
import type { StatusPatch } from '../status/status-table.js';
import type { MetricValue } from '../snmp/types.js';

/** Profile metrics land in the status field of the same name; the type decides which are kept. */
const BOOLEAN = new Set<ProfileMetric>(['inCall', 'micMuted', 'cameraMuted', 'ifOperUp']);
const NUMBER = new Set<ProfileMetric>(['uptimeS', 'bitrateKbps', 'packetLossPct', 'jitterMs', 'latencyMs', 'rxBps', 'txBps']);
const TEXT = new Set<ProfileMetric>(['remoteSite']);

/** Measured values (from a poll or a trap) as a status patch, each with its measurement time. */
export function patchFromValues(values: Partial<Record<ProfileMetric, MetricValue>>, at: string): { patch: StatusPatch; problems: string[] } {
  const patch: Record<string, unknown> = {};
  const measuredAt: Record<string, string> = {};
  const problems: string[] = [];
  for (const [metric, value] of Object.entries(values) as [ProfileMetric, MetricValue][]) {
    const fits =
      value === null ||
      (BOOLEAN.has(metric) && typeof value === 'boolean') ||
      (NUMBER.has(metric) && typeof value === 'number' && Number.isFinite(value)) ||
      (TEXT.has(metric) && typeof value === 'string');
    if (!fits) {
      problems.push(`${metric}: a ${typeof value} does not fit this field`);
      continue;
    }
    // Codecs report "no remote" as an empty string: that is not known, not a name.
    patch[metric] = value === '' ? null : value;
    measuredAt[metric] = at;
  }
  return { patch: { ...(patch as StatusPatch), measuredAt }, problems };
}

/** Whether the status, with the patch applied, is degraded (a null metric never degrades it). */
export function degradedAfter(row: EndpointStatus, patch: StatusPatch, thresholds: Partial<DegradedThresholds>): boolean {
  const merged = { ...row, ...patch };
  return isDegraded({ packetLossPct: merged.packetLossPct, jitterMs: merged.jitterMs, latencyMs: merged.latencyMs }, thresholds);
}
