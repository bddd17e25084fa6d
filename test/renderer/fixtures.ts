import type { EngineEvent } from '../../shared/events.js';
import type { NetworkView } from '../../shared/inventory.js';
import type { MonitoringStatsView } from '../../shared/monitoring.js';
import { unknownStatus, type EndpointStatus } from '../../shared/status.js';

const ep = (id: string, host = '10.0.0.1', port = 161) => ({ id, name: 'Phòng họp trực tuyến', host, port, profile: 'polycom-group', uri: `sip:${id}@vc.example.vn` });

/** A small province: two province sites, two districts, three communes (two under Ba Bể). */
export const NETWORK: NetworkView = {
  name: 'Bắc Kạn',
  timezone: 'Asia/Ho_Chi_Minh',
  tiers: ['province', 'district', 'commune'],
  sites: [
    { id: 'ubnd-tinh', name: 'Văn phòng UBND tỉnh', tier: 'province', parent: null, district: null, endpoints: [ep('ubnd-tinh-1', '10.0.1.10')] },
    { id: 'so-tttt', name: 'Sở Thông tin và Truyền thông', tier: 'province', parent: null, district: null, endpoints: [ep('so-tttt-1')] },
    { id: 'ba-be', name: 'UBND huyện Ba Bể', tier: 'district', parent: 'ubnd-tinh', district: 'ba-be', endpoints: [ep('ba-be-1')] },
    { id: 'cho-don', name: 'UBND huyện Chợ Đồn', tier: 'district', parent: 'ubnd-tinh', district: 'cho-don', endpoints: [ep('cho-don-1')] },
    { id: 'ba-be-cho-ra', name: 'UBND xã Chợ Rã', tier: 'commune', parent: 'ba-be', district: 'ba-be', endpoints: [ep('ba-be-cho-ra-1')] },
    { id: 'ba-be-nam-mau', name: 'UBND xã Nam Mẫu', tier: 'commune', parent: 'ba-be', district: 'ba-be', endpoints: [ep('ba-be-nam-mau-1')] },
    { id: 'cho-don-bang-lung', name: 'UBND thị trấn Bằng Lũng', tier: 'commune', parent: 'cho-don', district: 'cho-don', endpoints: [ep('cho-don-bang-lung-1')] },
  ],
};

/** Two tiers only: no districts at all. */
export const TWO_TIER: NetworkView = {
  name: 'Thử nghiệm',
  timezone: 'Asia/Ho_Chi_Minh',
  tiers: ['hq', 'branch'],
  sites: [
    { id: 'hq', name: 'Trụ sở', tier: 'hq', parent: null, district: null, endpoints: [ep('hq-1')] },
    { id: 'b1', name: 'Chi nhánh Đông', tier: 'branch', parent: 'hq', district: null, endpoints: [ep('b1-1')] },
    { id: 'b2', name: 'Chi nhánh Tây', tier: 'branch', parent: 'hq', district: null, endpoints: [ep('b2-1')] },
  ],
};

export function status(endpointId: string, siteId: string, patch: Partial<EndpointStatus> = {}): EndpointStatus {
  return { ...unknownStatus(endpointId, siteId), ...patch };
}

export const up = (endpointId: string, siteId: string, at: string, patch: Partial<EndpointStatus> = {}): EndpointStatus =>
  status(endpointId, siteId, { reachability: 'up', updatedAt: at, measuredAt: { reachability: at }, ...patch });

const SEVERITY: Record<EngineEvent['code'], EngineEvent['severity']> = {
  trap: 'warning',
  down: 'critical',
  up: 'info',
  unreachable: 'warning',
  degraded: 'warning',
  recovered: 'info',
  'poll-problem': 'warning',
  'trap-rejected': 'warning',
  'not-ready': 'warning',
};

/** An engine event; the endpoint is the site's first ("<site>-1"), the time 2025-11-22 07:29 UTC plus the id in seconds. */
export function event(id: number, code: EngineEvent['code'], siteId: string, text = '', patch: Partial<EngineEvent> = {}): EngineEvent {
  return {
    id,
    at: new Date(Date.parse('2025-11-22T07:29:00Z') + id * 1000).toISOString(),
    code,
    severity: SEVERITY[code],
    endpointId: `${siteId}-1`,
    siteId,
    text,
    ...patch,
  };
}

/** Poller figures as `getMonitoring` gives them. */
export const MONITORING: MonitoringStatsView = {
  intervalMs: 5000,
  poller: {
    endpoints: 121,
    inFlight: 2,
    maxInFlight: 500,
    queued: 0,
    backedOff: 3,
    polls: 2866,
    probes: 12,
    answered: 2800,
    timeouts: 66,
    errors: 1,
    overruns: 4,
    pollsPerSecond: 24.2,
    pollCycleMs: { p50: 1.4, p99: 9.7, max: 101.1 },
    startDelayMs: { p50: 0.8, p99: 8.3, max: 111.2 },
    rttMs: { p50: 0.5, p99: 3.8, max: 36.6 },
  },
  traps: {
    port: 16162,
    received: 1234,
    rejected: 2,
    rejectedBy: { auth: 2, malformed: 0, unencodable_reply: 0, unexpected_pdu: 0, no_trap_oid: 0, library_error: 0, over_budget: 0 },
    unknownSource: 0,
    malformed: 0,
  },
};
