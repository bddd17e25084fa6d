import { describe, expect, it } from 'vitest';
import { hostProblem, isDnsName, isHost, isIPv4, isIPv6 } from '../../shared/host.js';
import { districtResolver, parentCycles, toNetworkView, validateInventory, type InventoryIssue } from '../../shared/inventory.js';
import { smallInventory } from '../fixtures/inventory.js';

type Raw = Record<string, unknown> & { sites: Record<string, unknown>[] };
const base = (): Raw => smallInventory() as Raw;
const endpointOf = (inv: Raw, i: number): Record<string, unknown> => (inv.sites[i]!['endpoints'] as Record<string, unknown>[])[0]!;

function issuesOf(raw: unknown): readonly InventoryIssue[] {
  const r = validateInventory(raw);
  if (r.ok) throw new Error('expected the inventory to be rejected');
  return r.issues;
}

describe('hosts', () => {
  it.each(['127.0.0.1', '10.20.30.40', '255.255.255.255', '0.0.0.0'])('%s is an IPv4 address', (h) => {
    expect(isIPv4(h)).toBe(true);
    expect(isHost(h)).toBe(true);
  });
  it.each(['::1', '::', 'fe80::1%eth0', '2001:db8::8a2e:370:7334', '1:2:3:4:5:6:7:8', '::ffff:192.0.2.1', '1:2:3:4:5:6:1.2.3.4'])('%s is an IPv6 address', (h) => {
    expect(isIPv6(h)).toBe(true);
  });
  it.each(['1:2:3:4:5:6:7:8:9', '1::2::3', ':1', '1:::2', '12345::1', '1.2.3.4::', 'fe80::1%', 'g::1', '1:2:3:4:5:6:7'])('%s is not an IPv6 address', (h) => {
    expect(isIPv6(h)).toBe(false);
  });
  it.each(['codec-12', 'vc.bac-kan.gov.vn', 'mcu.example.', 'a', 'x1.y2'])('%s is a DNS name', (h) => {
    expect(isDnsName(h)).toBe(true);
  });
  it.each([
    ['999.999.999.999', 'not an IPv4 address (each part is 0 to 255)'],
    ['10.0.0.1 ', 'must not contain spaces or line breaks'],
    ['codec 12', 'must not contain spaces or line breaks'],
    ['codec\n12', 'must not contain spaces or line breaks'],
    ['http://10.0.0.1/', 'write the host alone (an address or name), not a URL'],
    ['10.0.0.1/24', 'write the host alone (an address or name), not a URL'],
    ['[::1]', 'write an IPv6 address without brackets'],
    ['10.0.0.1:161', 'not an IPv6 address, and a host name has no ":" (the port is a field of its own)'],
    ['-codec', 'not an IP address or a host name (letters, digits, "-" and "." only)'],
    ['codec..vn', 'not an IP address or a host name (letters, digits, "-" and "." only)'],
    ['a'.repeat(64), 'not an IP address or a host name (letters, digits, "-" and "." only)'],
    ['ủy-ban.vn', 'not an IP address or a host name (letters, digits, "-" and "." only)'],
    ['10.0.0', 'not an IP address or a host name (letters, digits, "-" and "." only)'],
    ['', 'must not be empty'],
  ])('%j is refused: %s', (h, why) => {
    expect(isHost(h)).toBe(false);
    expect(hostProblem(h)).toBe(why);
  });

  it('an invalid endpoint host or trap address is named by its JSON path', () => {
    const inv = base();
    endpointOf(inv, 2)['host'] = '999.999.999.999';
    (inv['traps'] as Record<string, unknown>)['address'] = 'http://0.0.0.0';
    const issues = issuesOf(inv);
    expect(issues).toHaveLength(2);
    expect(issues).toContainEqual({ path: '$.sites[2].endpoints[0].host', message: 'not an IPv4 address (each part is 0 to 255)' });
    expect(issues).toContainEqual({ path: '$.traps.address', message: 'write the host alone (an address or name), not a URL' });
  });
});

describe('names', () => {
  it('refuses control characters and line breaks in names, by field', () => {
    const inv = base();
    inv.sites[1]!['name'] = 'UBND huyện\nBa Bể';
    endpointOf(inv, 0)['name'] = 'Phòng\u0007họp';
    const issues = issuesOf(inv);
    expect(issues).toContainEqual({ path: '$.sites[1].name', message: 'must not contain control characters or line breaks' });
    expect(issues).toContainEqual({ path: '$.sites[0].endpoints[0].name', message: 'must not contain control characters or line breaks' });
  });

  it('refuses text that is not valid Unicode (a lone surrogate), by field', () => {
    const inv = base();
    inv['name'] = 'Tỉnh \uD800';
    expect(issuesOf(inv)).toEqual([{ path: '$.name', message: 'not valid UTF-8 text (save the file as UTF-8)' }]);
  });

  it('keeps Vietnamese names and emoji as they are', () => {
    const inv = base();
    inv.sites[0]!['name'] = 'Văn phòng UBND tỉnh Bắc Kạn 🏛️';
    expect(validateInventory(inv).ok).toBe(true);
  });
});

describe('linear validation of deep trees', () => {
  const N = 20_000;
  const chain = (closeCycle: boolean): Raw => {
    const tiers = Array.from({ length: N }, (_, i) => `t${i}`);
    const sites = Array.from({ length: N }, (_, i) => ({
      id: `s${i}`,
      name: `Site ${i}`,
      tier: `t${i}`,
      ...(i > 0 ? { parent: `s${i - 1}` } : closeCycle ? { parent: `s${N - 1}` } : {}),
    }));
    return { name: 'Sâu', tiers, sites } as unknown as Raw;
  };

  it('walks each site once to find cycles: a 20,000-deep chain takes at most 20,000 parent hops', () => {
    const parent = Array.from({ length: N }, (_, i) => i - 1);
    expect(parentCycles(parent)).toEqual({ cycles: [], hops: N });
    parent[0] = N - 1;
    const ring = parentCycles(parent);
    expect(ring.hops).toBeLessThanOrEqual(N);
    expect(ring.cycles).toHaveLength(1);
    expect(ring.cycles[0]![0]).toBe(0);
    expect(ring.cycles[0]).toHaveLength(N);
  });

  it('finds every cycle once, started at its lowest index, sorted; chains into a cycle are not on it', () => {
    // 0→1→0 ; 2→3→4→3 ; 5 root ; 6→5
    expect(parentCycles([1, 0, 3, 4, 3, -1, 5])).toEqual({ cycles: [[0, 1], [3, 4]], hops: 7 });
    expect(parentCycles([0])).toEqual({ cycles: [[0]], hops: 1 });
  });

  it('a 20,000-deep chain validates, and its view and districts resolve', () => {
    const result = validateInventory(chain(false));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const view = toNetworkView(result.inventory);
    expect(view.sites[N - 1]!.district).toBe('s1');
    expect(view.sites[0]!.district).toBeNull();
  });

  it('district resolution is memoised: resolving every site of a deep chain touches each parent link a bounded number of times', () => {
    const result = validateInventory(chain(false));
    if (!result.ok) throw new Error('expected valid');
    let parentReads = 0;
    const sites = result.inventory.sites.map((s) => {
      const copy = { ...s };
      Object.defineProperty(copy, 'parent', { get: () => (parentReads++, s.parent), enumerable: true });
      return copy;
    });
    const resolve = districtResolver({ ...result.inventory, sites });
    for (let i = N - 1; i >= 0; i--) resolve(`s${i}`);
    expect(parentReads).toBeLessThanOrEqual(2 * N);
  });

  it('a 20,000-long cycle is reported once, at its first site', () => {
    const cycles = issuesOf(chain(true)).filter((i) => i.message.startsWith('cycle in parents'));
    expect(cycles).toHaveLength(1);
    expect(cycles[0]!.path).toBe('$.sites[0].parent');
    expect(cycles[0]!.message.startsWith('cycle in parents: s0 → s19999 → s19998')).toBe(true);
  });
});
