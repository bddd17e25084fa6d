import type { NetworkView } from '../../shared/inventory.js';

/** A generated province: `districts` districts of `communes` communes each under one province office, plus `offices` more offices. */
export function bigNetwork(districts: number, communes: number, offices = 4): NetworkView {
  const ep = (id: string) => ({ id: `${id}-1`, name: 'Hội trường', host: '10.0.0.1', port: 161, profile: 'generic-mib2', uri: `sip:${id}@vc.example.vn` });
  const sites: NetworkView['sites'] = [{ id: 'ubnd', name: 'Văn phòng UBND tỉnh', tier: 'province', parent: null, district: null, endpoints: [ep('ubnd')] }];
  for (let o = 0; o < offices; o++) sites.push({ id: `so-${o}`, name: `Sở ${o}`, tier: 'province', parent: null, district: null, endpoints: [ep(`so-${o}`)] });
  for (let d = 0; d < districts; d++) {
    const id = `huyen-${d}`;
    sites.push({ id, name: `UBND huyện ${d}`, tier: 'district', parent: 'ubnd', district: id, endpoints: [ep(id)] });
    for (let c = 0; c < communes; c++) {
      const cid = `${id}-xa-${c}`;
      sites.push({ id: cid, name: `UBND xã ${d}.${c}`, tier: 'commune', parent: id, district: id, endpoints: [ep(cid)] });
    }
  }
  return { name: 'Thử', timezone: 'Asia/Ho_Chi_Minh', tiers: ['province', 'district', 'commune'], sites };
}
