import type { NetworkView } from '../../shared/inventory.js';
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
