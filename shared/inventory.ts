import { z } from 'zod';

/**
 * The inventory file technicians edit: the province's sites in a tree of tiers, one or more
 * codecs per site. Tiers are data (two, three or more), never code.
 */

const id = z
  .string()
  .min(1, 'must not be empty')
  .max(100)
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'use lower-case letters, digits, ".", "_" or "-"');

const SnmpV1V2c = z.strictObject({
  version: z.enum(['1', '2c']),
  community: z.string().min(1),
});
const SnmpV3 = z.strictObject({
  version: z.literal('3'),
  user: z.string().min(1),
  level: z.enum(['noAuthNoPriv', 'authNoPriv', 'authPriv']).optional(),
  authProtocol: z.enum(['md5', 'sha', 'sha224', 'sha256', 'sha384', 'sha512']).optional(),
  authKey: z.string().min(8, 'must be at least 8 characters').optional(),
  privProtocol: z.enum(['des', 'aes', 'aes256b', 'aes256r']).optional(),
  privKey: z.string().min(8, 'must be at least 8 characters').optional(),
});
export const SnmpSettingsSchema = z.discriminatedUnion('version', [SnmpV1V2c, SnmpV3]);
export type SnmpSettings = z.infer<typeof SnmpSettingsSchema>;

export const EndpointSchema = z.strictObject({
  id,
  name: z.string().min(1),
  host: z.string().min(1),
  port: z.number().int().min(1).max(65535).default(161),
  profile: z.string().min(1).default('generic-mib2'),
  snmp: SnmpSettingsSchema.default({ version: '2c', community: 'public' }),
  uri: z.string().min(1).optional(),
});
export type Endpoint = z.infer<typeof EndpointSchema>;

export const SiteSchema = z.strictObject({
  id,
  name: z.string().min(1),
  tier: z.string().min(1),
  parent: id.optional(),
  district: z.string().optional(),
  endpoints: z.array(EndpointSchema).default([]),
});
export type Site = z.infer<typeof SiteSchema>;

export const McuSettingsSchema = z.strictObject({
  driver: z.enum(['cms']),
  /** https://host:445 for a real Cisco Meeting Server; http:// only for the simulator. */
  url: z.url({ protocol: /^https?$/ }),
  username: z.string().min(1),
  password: z.string(),
  /** Accept the MCU's self-signed certificate (many ship one); prefer installing a proper one. */
  insecureTls: z.boolean().optional(),
});

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export const InventorySchema = z.strictObject({
  name: z.string().min(1),
  timezone: z.string().min(1).refine(isTimeZone, 'not an IANA time zone (e.g. Asia/Ho_Chi_Minh)').default('Asia/Ho_Chi_Minh'),
  tiers: z.array(z.string().min(1)).min(1, 'list at least one tier'),
  mcu: McuSettingsSchema.optional(),
  /** Where the engine listens for traps; `fallbackPort` when `port` (162) is not permitted. */
  traps: z
    .strictObject({
      port: z.number().int().min(1).max(65535).default(162),
      fallbackPort: z.number().int().min(1).max(65535).default(10162),
      /** Local address to listen on (default all interfaces; the demo listens on loopback). */
      address: z.string().min(1).optional(),
    })
    .optional(),
  /** Poll interval and when link quality counts as degraded. */
  monitoring: z
    .strictObject({
      intervalS: z.number().min(1).max(3600).default(5),
      timeoutMs: z.number().int().min(50).max(60_000).default(1000),
      retries: z.number().int().min(0).max(5).default(1),
      degraded: z
        .strictObject({
          packetLossPct: z.number().min(0).max(100).optional(),
          jitterMs: z.number().min(0).optional(),
          latencyMs: z.number().min(0).optional(),
        })
        .optional(),
    })
    .optional(),
  sites: z.array(SiteSchema),
});
export type Inventory = z.infer<typeof InventorySchema>;

export interface InventoryIssue {
  /** JSON path into the file, e.g. `$.sites[12].parent`. */
  readonly path: string;
  readonly message: string;
}

export type InventoryResult =
  | { readonly ok: true; readonly inventory: Inventory }
  | { readonly ok: false; readonly issues: readonly InventoryIssue[] };

export function jsonPath(segments: readonly PropertyKey[]): string {
  let out = '$';
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (typeof s === 'string' && /^[A-Za-z_$][\w$]*$/.test(s)) out += `.${s}`;
    else out += `[${JSON.stringify(String(s))}]`;
  }
  return out;
}

/** Shape first (zod), then the rules that cross records: ids, parents, tiers, cycles. */
export function validateInventory(raw: unknown): InventoryResult {
  const parsed = InventorySchema.safeParse(raw);
  if (!parsed.success) {
    return { ok: false, issues: parsed.error.issues.flatMap(toIssues) };
  }
  const inventory = parsed.data;
  const issues = crossCheck(inventory);
  return issues.length ? { ok: false, issues } : { ok: true, inventory };
}

/** zod reports unknown keys on their object; point at each key instead, where the typo is. */
function toIssues(i: z.core.$ZodIssue): InventoryIssue[] {
  if (i.code === 'unrecognized_keys') {
    return i.keys.map((k) => ({ path: jsonPath([...i.path, k]), message: `unknown field "${k}"` }));
  }
  return [{ path: jsonPath(i.path), message: i.message }];
}

function crossCheck(inv: Inventory): InventoryIssue[] {
  const issues: InventoryIssue[] = [];
  const tierIndex = new Map<string, number>();
  inv.tiers.forEach((t, i) => {
    if (tierIndex.has(t)) issues.push({ path: `$.tiers[${i}]`, message: `duplicate tier "${t}"` });
    else tierIndex.set(t, i);
  });

  const siteAt = new Map<string, number>();
  const endpointAt = new Map<string, string>();
  inv.sites.forEach((site, i) => {
    const first = siteAt.get(site.id);
    if (first !== undefined) {
      issues.push({ path: `$.sites[${i}].id`, message: `duplicate site id "${site.id}" (first at $.sites[${first}])` });
    } else siteAt.set(site.id, i);
    if (!tierIndex.has(site.tier)) {
      issues.push({ path: `$.sites[${i}].tier`, message: `unknown tier "${site.tier}" (tiers: ${inv.tiers.join(', ')})` });
    }
    site.endpoints.forEach((ep, j) => {
      const here = `$.sites[${i}].endpoints[${j}]`;
      const prior = endpointAt.get(ep.id);
      if (prior) issues.push({ path: `${here}.id`, message: `duplicate endpoint id "${ep.id}" (first at ${prior})` });
      else endpointAt.set(ep.id, here);
      if (ep.snmp.version === '3') issues.push(...v3Issues(ep.snmp, `${here}.snmp`));
    });
  });

  inv.sites.forEach((site, i) => {
    if (site.parent === undefined) return;
    const p = siteAt.get(site.parent);
    if (p === undefined) {
      issues.push({ path: `$.sites[${i}].parent`, message: `unknown parent "${site.parent}"` });
      return;
    }
    const parent = inv.sites[p]!;
    const pt = tierIndex.get(parent.tier);
    const st = tierIndex.get(site.tier);
    if (pt !== undefined && st !== undefined && pt >= st) {
      issues.push({
        path: `$.sites[${i}].parent`,
        message: `parent "${parent.id}" is tier "${parent.tier}", which is not above "${site.tier}"`,
      });
    }
  });

  // Each cycle once, at its first member in file order: a site whose chain merely runs into a
  // cycle is not on it, so pointing there would send the technician to the wrong record.
  const reported = new Set<string>();
  inv.sites.forEach((site, i) => {
    if (reported.has(site.id) || siteAt.get(site.id) !== i) return;
    const chain = parentChainCycle(inv.sites, siteAt, site.id);
    if (!chain || chain[0] !== site.id) return;
    chain.forEach((c) => reported.add(c));
    issues.push({ path: `$.sites[${i}].parent`, message: `cycle in parents: ${[...chain, chain[0]].join(' → ')}` });
  });
  return issues;
}

function v3Issues(s: Extract<SnmpSettings, { version: '3' }>, path: string): InventoryIssue[] {
  const level = s.level ?? (s.privKey ? 'authPriv' : s.authKey ? 'authNoPriv' : 'noAuthNoPriv');
  const out: InventoryIssue[] = [];
  if (level !== 'noAuthNoPriv' && !s.authKey) out.push({ path: `${path}.authKey`, message: `required for ${level}` });
  if (level === 'authPriv' && !s.privKey) out.push({ path: `${path}.privKey`, message: 'required for authPriv' });
  return out;
}

/** The ids on a cycle reachable from `start`, or null when its parent chain ends at a root. */
function parentChainCycle(sites: readonly Site[], at: ReadonlyMap<string, number>, start: string): string[] | null {
  const seen: string[] = [];
  let cur: string | undefined = start;
  while (cur !== undefined) {
    const k = seen.indexOf(cur);
    if (k >= 0) return seen.slice(k);
    seen.push(cur);
    const i = at.get(cur);
    cur = i === undefined ? undefined : sites[i]!.parent;
  }
  return null;
}

/** What may leave the engine: the tree without secrets (`GET /api/v1/sites`). */
export const SiteViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  tier: z.string(),
  parent: z.string().nullable(),
  district: z.string().nullable(),
  endpoints: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      host: z.string(),
      port: z.number(),
      profile: z.string(),
      uri: z.string().nullable(),
    }),
  ),
});
export type SiteView = z.infer<typeof SiteViewSchema>;

export const NetworkViewSchema = z.object({
  name: z.string(),
  timezone: z.string(),
  tiers: z.array(z.string()),
  sites: z.array(SiteViewSchema),
});
export type NetworkView = z.infer<typeof NetworkViewSchema>;

export function toNetworkView(inv: Inventory): NetworkView {
  const districtOf = districtResolver(inv);
  return {
    name: inv.name,
    timezone: inv.timezone,
    tiers: [...inv.tiers],
    sites: inv.sites.map((s) => ({
      id: s.id,
      name: s.name,
      tier: s.tier,
      parent: s.parent ?? null,
      district: districtOf(s.id),
      endpoints: s.endpoints.map((e) => ({
        id: e.id,
        name: e.name,
        host: e.host,
        port: e.port,
        profile: e.profile,
        uri: e.uri ?? null,
      })),
    })),
  };
}

/**
 * Resolves the district a site belongs to: an explicit `district`, else the nearest ancestor (or
 * itself) on the second tier when there are three or more tiers; null for province-level sites.
 */
export function districtResolver(inv: Inventory): (siteId: string) => string | null {
  const byId = new Map(inv.sites.map((s) => [s.id, s]));
  const districtTier = inv.tiers.length >= 3 ? inv.tiers[1] : undefined;
  return (siteId) => {
    let cur = byId.get(siteId);
    if (cur?.district) return cur.district;
    if (districtTier === undefined) return null;
    for (let hops = 0; cur && hops <= inv.sites.length; hops++) {
      if (cur.tier === districtTier) return cur.id;
      cur = cur.parent ? byId.get(cur.parent) : undefined;
    }
    return null;
  };
}
