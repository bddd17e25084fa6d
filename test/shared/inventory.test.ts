import { describe, expect, it } from 'vitest';
import {
  NetworkViewSchema,
  districtResolver,
  jsonPath,
  toNetworkView,
  validateInventory,
  type Inventory,
  type InventoryIssue,
} from '../../shared/inventory';

// Builders for small hand-written inventories; `unknown` on purpose, as read from a file.
type Raw = Record<string, unknown>;
const endpoint = (id: string, extra: Raw = {}): Raw => ({ id, name: 'Hội trường', host: '10.0.0.1', ...extra });
const site = (id: string, tier: string, parent?: string, extra: Raw = {}): Raw => ({
  id,
  name: `Site ${id}`,
  tier,
  ...(parent === undefined ? {} : { parent }),
  endpoints: [endpoint(`${id}-1`)],
  ...extra,
});
const TIERS3 = ['province', 'district', 'commune'];
const inventory = (sites: Raw[], extra: Raw = {}): Raw => ({ name: 'Thử nghiệm', tiers: TIERS3, sites, ...extra });

function issuesOf(raw: unknown): readonly InventoryIssue[] {
  const r = validateInventory(raw);
  if (r.ok) throw new Error('expected the inventory to be rejected');
  return r.issues;
}

function parsed(raw: unknown): Inventory {
  const r = validateInventory(raw);
  if (!r.ok) throw new Error(`expected a valid inventory, got ${JSON.stringify(r.issues)}`);
  return r.inventory;
}

const cycleIssues = (issues: readonly InventoryIssue[]) => issues.filter((i) => i.message.startsWith('cycle in parents'));

describe('validateInventory: valid files', () => {
  it('accepts a minimal inventory and fills in the defaults', () => {
    const inv = parsed({ name: 'Bắc Kạn', tiers: ['province'], sites: [{ id: 'ubnd-tinh', name: 'Văn phòng UBND tỉnh', tier: 'province', endpoints: [{ id: 'e1', name: 'Phòng họp', host: '10.0.1.10' }] }] });
    expect(inv.timezone).toBe('Asia/Ho_Chi_Minh');
    expect(inv.sites).toHaveLength(1);
    expect(inv.sites[0]!.endpoints[0]).toEqual({
      id: 'e1',
      name: 'Phòng họp',
      host: '10.0.1.10',
      port: 161,
      profile: 'generic-mib2',
      snmp: { version: '2c', community: 'public' },
    });
  });

  it('accepts an inventory with no sites, and a site with no endpoints', () => {
    expect(parsed({ name: 'x', tiers: ['province'], sites: [] }).sites).toEqual([]);
    expect(parsed({ name: 'x', tiers: ['province'], sites: [{ id: 'a', name: 'A', tier: 'province' }] }).sites[0]!.endpoints).toEqual([]);
  });

  it('accepts a three-tier tree with MCU, traps and SNMP v3', () => {
    const inv = parsed(
      inventory(
        [
          site('ubnd-tinh', 'province', undefined, {
            endpoints: [
              endpoint('ubnd-tinh-1', {
                port: 16100,
                profile: 'polycom-group',
                snmp: { version: '3', user: 'bp', level: 'authPriv', authProtocol: 'sha', authKey: '12345678', privProtocol: 'aes', privKey: '87654321' },
                uri: 'sip:ubnd-tinh@vc.example',
              }),
            ],
          }),
          site('ba-be', 'district', 'ubnd-tinh'),
          site('ba-be-cho-ra', 'commune', 'ba-be'),
        ],
        { mcu: { driver: 'cms', url: 'https://10.0.0.5:445', username: 'api', password: 'secret' }, traps: { port: 162 } },
      ),
    );
    expect(inv.sites.map((s) => s.parent)).toEqual([undefined, 'ubnd-tinh', 'ba-be']);
    expect(inv.sites[0]!.endpoints[0]!.snmp.version).toBe('3');
  });

  it('accepts a two-tier network (province, commune): tiers are data', () => {
    const inv = parsed({
      name: 'Sau 2025',
      tiers: ['province', 'commune'],
      sites: [site('ubnd-tinh', 'province'), site('xa-a', 'commune', 'ubnd-tinh'), site('xa-b', 'commune', 'ubnd-tinh')],
    });
    expect(inv.tiers).toEqual(['province', 'commune']);
  });

  it('accepts a parent several tiers up and a lower-tier site with no parent', () => {
    parsed(inventory([site('ubnd-tinh', 'province'), site('xa-a', 'commune', 'ubnd-tinh'), site('truong-hoc', 'commune')]));
  });

  it('accepts SNMP v3 noAuthNoPriv with only a user', () => {
    parsed(inventory([site('a', 'province', undefined, { endpoints: [endpoint('e', { snmp: { version: '3', user: 'u', level: 'noAuthNoPriv' } })] })]));
  });
});

describe('validateInventory: cross-record rules', () => {
  it('reports a duplicate site id at the second occurrence, naming the first', () => {
    const issues = issuesOf(inventory([site('a', 'province'), site('b', 'province'), site('a', 'province', undefined, { endpoints: [] })]));
    expect(issues).toEqual([{ path: '$.sites[2].id', message: 'duplicate site id "a" (first at $.sites[0])' }]);
  });

  it('reports a duplicate endpoint id across sites with both paths', () => {
    const issues = issuesOf(
      inventory([
        site('a', 'province', undefined, { endpoints: [endpoint('e1'), endpoint('e2')] }),
        site('b', 'province', undefined, { endpoints: [endpoint('e3'), endpoint('e2')] }),
      ]),
    );
    expect(issues).toEqual([{ path: '$.sites[1].endpoints[1].id', message: 'duplicate endpoint id "e2" (first at $.sites[0].endpoints[1])' }]);
  });

  it('reports an unknown parent', () => {
    const issues = issuesOf(inventory([site('a', 'province'), site('b', 'district', 'nope')]));
    expect(issues).toEqual([{ path: '$.sites[1].parent', message: 'unknown parent "nope"' }]);
  });

  it('reports an unknown tier, listing the known ones', () => {
    const issues = issuesOf(inventory([site('a', 'province'), site('b', 'ward', 'a')]));
    expect(issues).toEqual([{ path: '$.sites[1].tier', message: 'unknown tier "ward" (tiers: province, district, commune)' }]);
  });

  it('reports a duplicate tier', () => {
    const issues = issuesOf({ name: 'x', tiers: ['province', 'commune', 'province'], sites: [] });
    expect(issues).toEqual([{ path: '$.tiers[2]', message: 'duplicate tier "province"' }]);
  });

  it('reports a parent on the same tier', () => {
    const issues = issuesOf(inventory([site('a', 'district'), site('b', 'district', 'a')]));
    expect(issues).toEqual([{ path: '$.sites[1].parent', message: 'parent "a" is tier "district", which is not above "district"' }]);
  });

  it('reports a parent on a lower tier', () => {
    const issues = issuesOf(inventory([site('xa', 'commune'), site('huyen', 'district', 'xa')]));
    expect(issues).toEqual([{ path: '$.sites[1].parent', message: 'parent "xa" is tier "commune", which is not above "district"' }]);
  });

  it('reports a two-site cycle once, at its first member', () => {
    const issues = issuesOf(inventory([site('root', 'province'), site('a', 'district', 'b'), site('b', 'commune', 'a')]));
    expect(cycleIssues(issues)).toEqual([{ path: '$.sites[1].parent', message: 'cycle in parents: a → b → a' }]);
    // a (district) under b (commune) also breaks the tier order; b under a does not.
    expect(issues).toContainEqual({ path: '$.sites[1].parent', message: 'parent "b" is tier "commune", which is not above "district"' });
    expect(issues).toHaveLength(2);
  });

  it('reports a longer cycle once', () => {
    const issues = issuesOf(
      inventory([site('a', 'district', 'b'), site('b', 'district', 'c'), site('c', 'district', 'd'), site('d', 'district', 'a')]),
    );
    expect(cycleIssues(issues)).toEqual([{ path: '$.sites[0].parent', message: 'cycle in parents: a → b → c → d → a' }]);
  });

  it('reports a cycle at a site on it, not at a site whose chain runs into it', () => {
    const issues = issuesOf(inventory([site('leaf', 'commune', 'x'), site('x', 'district', 'y'), site('y', 'district', 'x')]));
    expect(cycleIssues(issues)).toEqual([{ path: '$.sites[1].parent', message: 'cycle in parents: x → y → x' }]);
  });

  it('reports a site that is its own parent', () => {
    const issues = issuesOf(inventory([site('a', 'district', 'a')]));
    expect(cycleIssues(issues)).toEqual([{ path: '$.sites[0].parent', message: 'cycle in parents: a → a' }]);
  });

  it('reports two separate cycles separately', () => {
    const issues = issuesOf(
      inventory([site('a', 'district', 'b'), site('b', 'district', 'a'), site('c', 'commune', 'd'), site('d', 'commune', 'c')]),
    );
    expect(cycleIssues(issues).map((i) => i.path)).toEqual(['$.sites[0].parent', '$.sites[2].parent']);
  });
});

describe('validateInventory: SNMP v3 security levels', () => {
  const withSnmp = (snmp: Raw) => inventory([site('a', 'province', undefined, { endpoints: [endpoint('e', { snmp })] })]);

  it('requires privKey for authPriv', () => {
    const issues = issuesOf(withSnmp({ version: '3', user: 'u', level: 'authPriv', authProtocol: 'sha', authKey: '12345678', privProtocol: 'aes' }));
    expect(issues).toEqual([{ path: '$.sites[0].endpoints[0].snmp.privKey', message: 'required for authPriv' }]);
  });

  it('requires both keys for authPriv when both are missing', () => {
    const issues = issuesOf(withSnmp({ version: '3', user: 'u', level: 'authPriv' }));
    expect(issues).toEqual([
      { path: '$.sites[0].endpoints[0].snmp.authKey', message: 'required for authPriv' },
      { path: '$.sites[0].endpoints[0].snmp.privKey', message: 'required for authPriv' },
    ]);
  });

  it('requires authKey for authNoPriv', () => {
    const issues = issuesOf(withSnmp({ version: '3', user: 'u', level: 'authNoPriv' }));
    expect(issues).toEqual([{ path: '$.sites[0].endpoints[0].snmp.authKey', message: 'required for authNoPriv' }]);
  });

  it('infers authPriv from a privKey and then requires the authKey', () => {
    const issues = issuesOf(withSnmp({ version: '3', user: 'u', privKey: '12345678' }));
    expect(issues).toEqual([{ path: '$.sites[0].endpoints[0].snmp.authKey', message: 'required for authPriv' }]);
  });

  it('rejects keys shorter than 8 characters', () => {
    const issues = issuesOf(withSnmp({ version: '3', user: 'u', level: 'authNoPriv', authKey: 'short' }));
    expect(issues).toEqual([{ path: '$.sites[0].endpoints[0].snmp.authKey', message: 'must be at least 8 characters' }]);
  });

  it('rejects v3 fields on a v2c endpoint and an unknown version', () => {
    expect(issuesOf(withSnmp({ version: '2c', community: 'public', user: 'u' }))).toEqual([
      { path: '$.sites[0].endpoints[0].snmp.user', message: 'unknown field "user"' },
    ]);
    const bad = issuesOf(withSnmp({ version: '4', community: 'public' }));
    expect(bad).toHaveLength(1);
    expect(bad[0]!.path).toBe('$.sites[0].endpoints[0].snmp.version');
  });
});

describe('validateInventory: shape errors', () => {
  it('reports a missing required field at its path', () => {
    const noName = site('a', 'province');
    delete noName.name;
    expect(issuesOf(inventory([noName]))).toEqual([{ path: '$.sites[0].name', message: 'Invalid input: expected string, received undefined' }]);
    expect(issuesOf({ tiers: ['province'], sites: [] })).toEqual([{ path: '$.name', message: 'Invalid input: expected string, received undefined' }]);
  });

  it('reports a missing endpoint host', () => {
    const issues = issuesOf(inventory([site('a', 'province', undefined, { endpoints: [{ id: 'e', name: 'n' }] })]));
    expect(issues).toEqual([{ path: '$.sites[0].endpoints[0].host', message: 'Invalid input: expected string, received undefined' }]);
  });

  it('reports a port given as a string', () => {
    const issues = issuesOf(inventory([site('a', 'province', undefined, { endpoints: [endpoint('e', { port: '161' })] })]));
    expect(issues).toEqual([{ path: '$.sites[0].endpoints[0].port', message: 'Invalid input: expected number, received string' }]);
  });

  it('reports a port out of range', () => {
    const issues = issuesOf(inventory([site('a', 'province', undefined, { endpoints: [endpoint('e', { port: 70000 })] })]));
    expect(issues.map((i) => i.path)).toEqual(['$.sites[0].endpoints[0].port']);
    expect(issues[0]!.message).toMatch(/65535/);
  });

  it('reports each unknown field at the field itself (strict objects)', () => {
    expect(issuesOf(inventory([site('a', 'province', undefined, { colour: 'red', note: 'x' })]))).toEqual([
      { path: '$.sites[0].colour', message: 'unknown field "colour"' },
      { path: '$.sites[0].note', message: 'unknown field "note"' },
    ]);
    expect(issuesOf(inventory([], { extra: 1 }))).toEqual([{ path: '$.extra', message: 'unknown field "extra"' }]);
    expect(issuesOf(inventory([site('a', 'province', undefined, { endpoints: [endpoint('e', { prot: 161 })] })]))).toEqual([
      { path: '$.sites[0].endpoints[0].prot', message: 'unknown field "prot"' },
    ]);
  });

  it("accepts an endpoint's interface by name, or none; rejects an empty or multi-line name and unknown fields", () => {
    const inv = parsed(inventory([site('a', 'province', undefined, { endpoints: [endpoint('e1', { interface: { name: 'eth1' } }), endpoint('e2', { interface: {} }), endpoint('e3')] })]));
    expect(inv.sites[0]!.endpoints.map((e) => e.interface)).toEqual([{ name: 'eth1' }, {}, undefined]);
    expect(issuesOf(inventory([site('a', 'province', undefined, { endpoints: [endpoint('e', { interface: { name: '' } })] })]))).toEqual([
      { path: '$.sites[0].endpoints[0].interface.name', message: 'must not be empty' },
    ]);
    expect(issuesOf(inventory([site('a', 'province', undefined, { endpoints: [endpoint('e', { interface: { name: 'eth0\neth1' } })] })]))[0]!.message).toMatch(/line breaks/);
    expect(issuesOf(inventory([site('a', 'province', undefined, { endpoints: [endpoint('e', { interface: { ifIndex: 2 } })] })]))).toEqual([
      { path: '$.sites[0].endpoints[0].interface.ifIndex', message: 'unknown field "ifIndex"' },
    ]);
    expect(issuesOf(inventory([site('a', 'province', undefined, { endpoints: [endpoint('e', { interface: 'eth0' })] })])).map((i) => i.path)).toEqual(['$.sites[0].endpoints[0].interface']);
  });

  it('quotes odd unknown keys in the path', () => {
    expect(issuesOf(inventory([], { 'my key': 1 }))).toEqual([{ path: '$["my key"]', message: 'unknown field "my key"' }]);
  });

  it('rejects an id that is not lower-case kebab', () => {
    expect(issuesOf(inventory([site('Ba Bể', 'province')]))).toContainEqual({
      path: '$.sites[0].id',
      message: 'use lower-case letters, digits, ".", "_" or "-"',
    });
  });

  it('rejects an empty tier list', () => {
    expect(issuesOf({ name: 'x', tiers: [], sites: [] })).toEqual([{ path: '$.tiers', message: 'list at least one tier' }]);
  });

  it('rejects a file that is not an object', () => {
    for (const raw of [null, 'inventory', 42, []]) {
      const issues = issuesOf(raw);
      expect(issues).toHaveLength(1);
      expect(issues[0]!.path).toBe('$');
    }
  });

  it('rejects an MCU with a bad driver or URL', () => {
    const issues = issuesOf(inventory([], { mcu: { driver: 'rmx', url: 'not a url', username: 'api', password: '' } }));
    expect(issues.map((i) => i.path)).toEqual(['$.mcu.driver', '$.mcu.url']);
  });
});

describe('validateInventory: several issues at once', () => {
  it('reports every cross-record issue together, in file order by rule', () => {
    const issues = issuesOf(
      inventory([
        site('a', 'province'),
        site('a', 'district', 'a'),
        site('b', 'ward'),
        site('c', 'commune', 'missing', {
          endpoints: [endpoint('a-1'), endpoint('c-2', { snmp: { version: '3', user: 'u', level: 'authPriv', authKey: '12345678' } })],
        }),
      ]),
    );
    expect(issues).toEqual([
      { path: '$.sites[1].id', message: 'duplicate site id "a" (first at $.sites[0])' },
      { path: '$.sites[1].endpoints[0].id', message: 'duplicate endpoint id "a-1" (first at $.sites[0].endpoints[0])' },
      { path: '$.sites[2].tier', message: 'unknown tier "ward" (tiers: province, district, commune)' },
      { path: '$.sites[3].endpoints[0].id', message: 'duplicate endpoint id "a-1" (first at $.sites[0].endpoints[0])' },
      { path: '$.sites[3].endpoints[1].snmp.privKey', message: 'required for authPriv' },
      { path: '$.sites[3].parent', message: 'unknown parent "missing"' },
    ]);
  });

  it('reports every shape issue together', () => {
    const noName = site('b', 'district');
    delete noName.name;
    const issues = issuesOf(
      inventory([site('a', 'province', undefined, { endpoints: [endpoint('e', { port: '161' })] }), noName], { extra: true }),
    );
    expect(issues.map((i) => i.path).sort()).toEqual(['$.extra', '$.sites[0].endpoints[0].port', '$.sites[1].name']);
  });
});

describe('jsonPath', () => {
  it('writes identifiers with dots, indices in brackets and other keys quoted', () => {
    expect(jsonPath([])).toBe('$');
    expect(jsonPath(['sites', 3, 'parent'])).toBe('$.sites[3].parent');
    expect(jsonPath(['a-b', 'c d', '0'])).toBe('$["a-b"]["c d"]["0"]');
  });
});

describe('districtResolver', () => {
  const inv = parsed(
    inventory([
      site('ubnd-tinh', 'province'),
      site('ba-be', 'district', 'ubnd-tinh'),
      site('ba-be-cho-ra', 'commune', 'ba-be'),
      site('pac-nam', 'district', 'ubnd-tinh'),
      site('pac-nam-boc-bo', 'commune', 'pac-nam'),
      site('truong-hoc', 'commune', 'ubnd-tinh'),
      site('don-bien-phong', 'commune', 'ubnd-tinh', { district: 'pac-nam' }),
    ]),
  );
  const districtOf = districtResolver(inv);

  it('maps a commune to its district', () => {
    expect(districtOf('ba-be-cho-ra')).toBe('ba-be');
    expect(districtOf('pac-nam-boc-bo')).toBe('pac-nam');
  });

  it('maps a district to itself', () => {
    expect(districtOf('ba-be')).toBe('ba-be');
  });

  it('gives null for a province site and for a commune hung directly under the province', () => {
    expect(districtOf('ubnd-tinh')).toBeNull();
    expect(districtOf('truong-hoc')).toBeNull();
  });

  it('prefers an explicit district', () => {
    expect(districtOf('don-bien-phong')).toBe('pac-nam');
  });

  it('gives null for an unknown site', () => {
    expect(districtOf('nowhere')).toBeNull();
  });

  it('gives null everywhere in a two-tier network', () => {
    const two = parsed({ name: 'x', tiers: ['province', 'commune'], sites: [site('p', 'province'), site('c', 'commune', 'p')] });
    const of = districtResolver(two);
    expect(of('p')).toBeNull();
    expect(of('c')).toBeNull();
  });
});

describe('toNetworkView', () => {
  const SECRETS = ['community-s3cr3t', 'auth-key-s3cr3t', 'priv-key-s3cr3t', 'mcu-password-s3cr3t', 'snmp-user-s3cr3t'];
  const inv = parsed(
    inventory(
      [
        site('ubnd-tinh', 'province', undefined, {
          endpoints: [
            endpoint('ubnd-tinh-1', {
              port: 16100,
              profile: 'polycom-group',
              uri: 'sip:ubnd-tinh@vc.example',
              snmp: { version: '3', user: 'snmp-user-s3cr3t', level: 'authPriv', authProtocol: 'sha', authKey: 'auth-key-s3cr3t', privProtocol: 'aes', privKey: 'priv-key-s3cr3t' },
            }),
          ],
        }),
        site('ba-be', 'district', 'ubnd-tinh', { endpoints: [endpoint('ba-be-1', { snmp: { version: '2c', community: 'community-s3cr3t' } })] }),
        site('ba-be-cho-ra', 'commune', 'ba-be'),
      ],
      { mcu: { driver: 'cms', url: 'https://mcu-user:mcu-password-s3cr3t@10.0.0.5:445', username: 'api', password: 'mcu-password-s3cr3t' } },
    ),
  );
  const view = toNetworkView(inv);
  const json = JSON.stringify(view);

  it('contains no secret anywhere', () => {
    for (const secret of SECRETS) expect(json).not.toContain(secret);
    for (const key of ['"snmp"', '"community"', '"authKey"', '"privKey"', '"password"', '"mcu"', '"username"']) expect(json).not.toContain(key);
  });

  it('keeps the tree: parents, districts, endpoints without secrets', () => {
    expect(NetworkViewSchema.parse(view)).toEqual(view);
    expect(view.sites.map((s) => [s.id, s.parent, s.district])).toEqual([
      ['ubnd-tinh', null, null],
      ['ba-be', 'ubnd-tinh', 'ba-be'],
      ['ba-be-cho-ra', 'ba-be', 'ba-be'],
    ]);
    expect(view.sites[0]!.endpoints).toEqual([
      { id: 'ubnd-tinh-1', name: 'Hội trường', host: '10.0.0.1', port: 16100, profile: 'polycom-group', uri: 'sip:ubnd-tinh@vc.example' },
    ]);
    expect(view.sites[1]!.endpoints[0]!.uri).toBeNull();
  });

  it('does not share arrays with the inventory', () => {
    expect(view.tiers).toEqual(inv.tiers);
    expect(view.tiers).not.toBe(inv.tiers);
  });
});

describe('validateInventory: time zone', () => {
  it('rejects a time zone that does not exist, naming the field', () => {
    const r = validateInventory({ name: 'x', timezone: 'Asia/Hanoi_Typo', tiers: ['province'], sites: [] });
    expect(r).toEqual({ ok: false, issues: [{ path: '$.timezone', message: 'not an IANA time zone (e.g. Asia/Ho_Chi_Minh)' }] });
    expect(validateInventory({ name: 'x', timezone: 'Asia/Ho_Chi_Minh', tiers: ['province'], sites: [] }).ok).toBe(true);
  });
});
