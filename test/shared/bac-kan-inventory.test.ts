import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { districtResolver, validateInventory, type Inventory } from '../../shared/inventory';

// The embedded default inventory: the simulated Bắc Kạn province (2020–2025 boundaries).
const FILE = new URL('../../assets/inventory/bac-kan.json', import.meta.url);
const text = readFileSync(FILE, 'utf8');
const raw: unknown = JSON.parse(text);

function load(): Inventory {
  const r = validateInventory(raw);
  if (!r.ok) throw new Error(`bac-kan.json is invalid: ${JSON.stringify(r.issues, null, 2)}`);
  return r.inventory;
}
const inv = load();
const byTier = (tier: string) => inv.sites.filter((s) => s.tier === tier);

const DISTRICTS: Record<string, string> = {
  'bac-kan': 'UBND thành phố Bắc Kạn',
  'ba-be': 'UBND huyện Ba Bể',
  'bach-thong': 'UBND huyện Bạch Thông',
  'cho-don': 'UBND huyện Chợ Đồn',
  'cho-moi': 'UBND huyện Chợ Mới',
  'na-ri': 'UBND huyện Na Rì',
  'ngan-son': 'UBND huyện Ngân Sơn',
  'pac-nam': 'UBND huyện Pác Nặm',
};

describe('assets/inventory/bac-kan.json', () => {
  it('validates', () => {
    expect(validateInventory(raw)).toMatchObject({ ok: true });
  });

  it('is pretty-printed UTF-8 with real diacritics', () => {
    expect(text).toBe(`${JSON.stringify(raw, null, 2)}\n`);
    expect(text).toBe(text.normalize('NFC'));
    expect(text).not.toMatch(/\\u[0-9a-f]{4}/i);
    expect(inv.name).toBe('Bắc Kạn');
  });

  it('has the network settings of the simulated province', () => {
    expect(inv.timezone).toBe('Asia/Ho_Chi_Minh');
    expect(inv.tiers).toEqual(['province', 'district', 'commune']);
    expect(inv.mcu).toEqual({ driver: 'cms', url: 'http://127.0.0.1:18443', username: 'api', password: 'demo' });
    expect(inv.traps).toEqual({ port: 16162, fallbackPort: 10162, address: '127.0.0.1' });
  });

  it('has the province sites named in the draft regulation, without parents, on SNMP v3', () => {
    const province = byTier('province');
    expect(province.map((s) => [s.id, s.name])).toEqual([
      ['tinh-uy', 'Văn phòng Tỉnh ủy'],
      ['hdnd-tinh', 'Văn phòng Đoàn ĐBQH và HĐND tỉnh'],
      ['ubnd-tinh', 'Văn phòng UBND tỉnh'],
      ['so-tttt', 'Sở Thông tin và Truyền thông'],
      ['trung-tam-dieu-khien', 'Trung tâm Điều khiển hệ thống Hội nghị trực tuyến tỉnh Bắc Kạn'],
    ]);
    for (const s of province) {
      expect(s.parent).toBeUndefined();
      expect(s.endpoints[0]!.snmp).toEqual({
        version: '3',
        user: 'bridgepoint',
        level: 'authPriv',
        authProtocol: 'sha',
        authKey: 'bp-demo-auth-key',
        privProtocol: 'aes',
        privKey: 'bp-demo-priv-key',
      });
    }
  });

  it('has exactly the 8 districts / city, under the provincial People’s Committee', () => {
    const districts = byTier('district');
    expect(Object.fromEntries(districts.map((s) => [s.id, s.name]))).toEqual(DISTRICTS);
    expect(districts).toHaveLength(8);
    for (const d of districts) expect(d.parent).toBe('ubnd-tinh');
  });

  it('has at least 100 communes, each under a district, with a matching id and name', () => {
    const communes = byTier('commune');
    expect(communes.length).toBeGreaterThanOrEqual(100);
    const districtOf = districtResolver(inv);
    for (const c of communes) {
      expect(Object.keys(DISTRICTS)).toContain(c.parent);
      expect(districtOf(c.id)).toBe(c.parent);
      expect(c.id.startsWith(`${c.parent}-`)).toBe(true);
      expect(c.name).toMatch(/^UBND (xã|phường|thị trấn) \p{Lu}/u);
    }
  });

  it('has every district’s communes (post-2020 boundaries)', () => {
    const count = (d: string) => byTier('commune').filter((c) => c.parent === d).length;
    expect(Object.fromEntries(Object.keys(DISTRICTS).map((d) => [d, count(d)]))).toEqual({
      'bac-kan': 8,
      'ba-be': 15,
      'bach-thong': 14,
      'cho-don': 20,
      'cho-moi': 14,
      'na-ri': 17,
      'ngan-son': 10,
      'pac-nam': 10,
    });
    const names = new Map(inv.sites.map((s) => [s.id, s.name]));
    expect(names.get('ba-be-cho-ra')).toBe('UBND thị trấn Chợ Rã');
    expect(names.get('ba-be-nam-mau')).toBe('UBND xã Nam Mẫu');
    expect(names.get('bac-kan-duc-xuan')).toBe('UBND phường Đức Xuân');
    expect(names.get('pac-nam-boc-bo')).toBe('UBND xã Bộc Bố');
  });

  it('gives every site exactly one endpoint with a sip uri', () => {
    for (const s of inv.sites) {
      expect(s.endpoints, s.id).toHaveLength(1);
      const e = s.endpoints[0]!;
      expect(e.id).toBe(`${s.id}-1`);
      expect(e.uri).toBe(`sip:${s.id}@vc.backan.gov.vn`);
      expect(e.host).toBe('127.0.0.1');
      expect(['Phòng họp trực tuyến', 'Hội trường']).toContain(e.name);
    }
  });

  it('gives endpoints unique ports from 16100 upwards, clear of the trap port', () => {
    const ports = inv.sites.flatMap((s) => s.endpoints.map((e) => e.port));
    expect(new Set(ports).size).toBe(ports.length);
    expect(ports[0]).toBe(16100);
    expect(ports).toEqual([...ports].sort((a, b) => a - b));
    expect(ports).not.toContain(inv.traps!.port);
  });

  it('uses the shipped profiles: Polycom at province and district, mostly MIB-II in communes', () => {
    for (const s of [...byTier('province'), ...byTier('district')]) expect(s.endpoints[0]!.profile).toBe('polycom-group');
    const communeProfiles = byTier('commune').map((c) => c.endpoints[0]!.profile);
    const n = (p: string) => communeProfiles.filter((x) => x === p).length;
    expect(n('cisco-telepresence')).toBeGreaterThan(0);
    expect(n('generic-mib2')).toBeGreaterThan(communeProfiles.length / 2);
    expect(n('cisco-telepresence') + n('generic-mib2')).toBe(communeProfiles.length);
    for (const c of byTier('commune')) expect(c.endpoints[0]!.snmp).toEqual({ version: '2c', community: 'public' });
  });
});
