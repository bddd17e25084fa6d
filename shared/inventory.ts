import { z } from 'zod';
import { hostProblem } from './host.js';

/**
 * The inventory file technicians edit: the province's sites in a tree of tiers, one or more
 * codecs per site. Tiers are data (two, three or more), never code.
 */

const id = z
  .string()
  .min(1, 'must not be empty')
  .max(100)
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'use lower-case letters, digits, ".", "_" or "-"');

/** A lone UTF-16 surrogate: what an invalid UTF-8 byte in the file decodes to (see load-inventory). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function textProblem(s: string): string | null {
  if (LONE_SURROGATE.test(s)) return 'not valid UTF-8 text (save the file as UTF-8)';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(s)) return 'must not contain control characters or line breaks';
  return null;
}

/** A name people read: one line of valid text. */
const text = z
  .string()
  .min(1, 'must not be empty')
  .max(500)
  .superRefine((s, ctx) => {
    const why = textProblem(s);
    if (why) ctx.addIssue({ code: 'custom', message: why });
  });

/** An IPv4/IPv6 address or a DNS name. */
const host = z.string().superRefine((s, ctx) => {
  const why = hostProblem(s);
  if (why) ctx.addIssue({ code: 'custom', message: why });
});

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

/**
 * Which network interface of the codec the console watches (up/down, rx/tx): `name` is matched
 * against ifName, then ifDescr. Without it the poller takes the first interface that is up and not
 * a loopback.
 */
export const EndpointInterfaceSchema = z.strictObject({
  name: z.string().min(1, 'must not be empty').max(255).superRefine((s, ctx) => {
    const why = textProblem(s);
    if (why) ctx.addIssue({ code: 'custom', message: why });
  }).optional(),
});
export type EndpointInterface = z.infer<typeof EndpointInterfaceSchema>;

const port = z.number().int().min(1).max(65535);

export const EndpointSchema = z.strictObject({
  id,
  name: text,
  host,
  port: port.default(161),
  profile: z.string().min(1).default('generic-mib2'),
  snmp: SnmpSettingsSchema.default({ version: '2c', community: 'public' }),
  interface: EndpointInterfaceSchema.optional(),
  uri: z.string().min(1).optional(),
});
export type Endpoint = z.infer<typeof EndpointSchema>;

/**
 * An endpoint's connection settings alone, as the inventory editor sends them to test a
 * connection: the inventory's own host, port (default 161) and snmp fields with the same v3 key
 * rules, and the profile when one is chosen.
 */
export const EndpointConnectionSchema = EndpointSchema.pick({ host: true, port: true, snmp: true })
  .extend({ profile: z.string().min(1).max(100).optional() })
  .superRefine((c, ctx) => {
    if (c.snmp.version !== '3') return;
    for (const issue of v3Issues(c.snmp, '$.snmp')) ctx.addIssue({ code: 'custom', path: ['snmp', issue.path.split('.').pop()!], message: issue.message });
  });
export type EndpointConnection = z.infer<typeof EndpointConnectionSchema>;

export const SiteSchema = z.strictObject({
  id,
  name: text,
  tier: text,
  parent: id.optional(),
  district: text.optional(),
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
  name: text,
  timezone: z.string().min(1).refine(isTimeZone, 'not an IANA time zone (e.g. Asia/Ho_Chi_Minh)').default('Asia/Ho_Chi_Minh'),
  tiers: z.array(text).min(1, 'list at least one tier'),
  mcu: McuSettingsSchema.optional(),
  /** Where the engine listens for traps; `fallbackPort` when `port` (162) is not permitted. */
  traps: z
    .strictObject({
      port: z.number().int().min(1).max(65535).default(162),
      fallbackPort: z.number().int().min(1).max(65535).default(10162),
      /** Local address to listen on (default all interfaces; the demo listens on loopback). */
      address: host.optional(),
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

/**
 * The rules that cross records (tiers, duplicate ids, parents, cycles, SNMPv3 keys for the level).
 * Exported for imports that report every problem at once: it reads only `tiers`, site `id`, `tier`,
 * `parent` and endpoint `id` and `snmp`, so it also runs on records the shape check rejected, as
 * long as those fields are strings or absent and each endpoint has an `snmp` object.
 */
export function crossCheck(inv: Inventory): InventoryIssue[] {
  const issues: InventoryIssue[] = [];
  const tierIndex = new Map<string, number>();
  inv.tiers.forEach((t, i) => {
    if (tierIndex.has(t)) issues.push({ path: `$.tiers[${i}]`, message: `duplicate tier "${t}"` });
    else tierIndex.set(t, i);
  });

  const tierList = inv.tiers.length <= 12 ? inv.tiers.join(', ') : `${inv.tiers.slice(0, 12).join(', ')}, … ${inv.tiers.length - 12} more`;
  const siteAt = new Map<string, number>();
  const endpointAt = new Map<string, string>();
  inv.sites.forEach((site, i) => {
    const first = siteAt.get(site.id);
    if (first !== undefined) {
      issues.push({ path: `$.sites[${i}].id`, message: `duplicate site id "${site.id}" (first at $.sites[${first}])` });
    } else siteAt.set(site.id, i);
    if (!tierIndex.has(site.tier)) {
      issues.push({ path: `$.sites[${i}].tier`, message: `unknown tier "${site.tier}" (tiers: ${tierList})` });
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
  const parentOf = inv.sites.map((site) => (site.parent === undefined ? -1 : (siteAt.get(site.parent) ?? -1)));
  for (const cycle of parentCycles(parentOf).cycles) {
    const first = cycle[0]!;
    const ids = cycle.map((k) => inv.sites[k]!.id);
    issues.push({ path: `$.sites[${first}].parent`, message: `cycle in parents: ${[...ids, ids[0]].join(' → ')}` });
  }
  return issues;
}

export function v3Issues(s: Extract<SnmpSettings, { version: '3' }>, path: string): InventoryIssue[] {
  const level = s.level ?? (s.privKey ? 'authPriv' : s.authKey ? 'authNoPriv' : 'noAuthNoPriv');
  const out: InventoryIssue[] = [];
  if (level !== 'noAuthNoPriv' && !s.authKey) out.push({ path: `${path}.authKey`, message: `required for ${level}` });
  if (level === 'authPriv' && !s.privKey) out.push({ path: `${path}.privKey`, message: 'required for authPriv' });
  return out;
}

/**
 * Every cycle of a parent array (index → parent index, -1 for a root), each starting at its
 * lowest index and in parent order, sorted by that index. Linear: each site is walked once;
 * `hops` counts the parent steps taken (at most the number of sites).
 */
export function parentCycles(parent: readonly number[]): { cycles: number[][]; hops: number } {
  const n = parent.length;
  const state = new Uint8Array(n); // 0 unseen, 1 on the current walk, 2 done
  const posOnWalk = new Int32Array(n);
  const cycles: number[][] = [];
  let hops = 0;
  for (let start = 0; start < n; start++) {
    if (state[start] !== 0) continue;
    const walk: number[] = [];
    let cur = start;
    while (cur >= 0 && cur < n && state[cur] === 0) {
      state[cur] = 1;
      posOnWalk[cur] = walk.length;
      walk.push(cur);
      cur = parent[cur]!;
      hops++;
    }
    if (cur >= 0 && cur < n && state[cur] === 1) {
      const ring = walk.slice(posOnWalk[cur]);
      let low = 0;
      for (let k = 1; k < ring.length; k++) if (ring[k]! < ring[low]!) low = k;
      cycles.push([...ring.slice(low), ...ring.slice(0, low)]);
    }
    for (const k of walk) state[k] = 2;
  }
  cycles.sort((a, b) => a[0]! - b[0]!);
  return { cycles, hops };
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
  // The district-tier ancestor, memoised along each walk so a deep tree stays linear.
  const ancestor = new Map<string, string | null>();
  const tierAncestor = (start: Site | undefined): string | null => {
    const walked: string[] = [];
    let found: string | null = null;
    for (let cur = start, hops = 0; cur && hops <= inv.sites.length; hops++) {
      const memo = ancestor.get(cur.id);
      if (memo !== undefined) {
        found = memo;
        break;
      }
      walked.push(cur.id);
      if (cur.tier === districtTier) {
        found = cur.id;
        break;
      }
      cur = cur.parent ? byId.get(cur.parent) : undefined;
    }
    for (const id of walked) ancestor.set(id, found);
    return found;
  };
  return (siteId) => {
    const site = byId.get(siteId);
    if (site?.district) return site.district;
    return districtTier === undefined ? null : tierAncestor(site);
  };
}
