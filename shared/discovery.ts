import { z } from 'zod';
import { isIPv4 } from './host.js';
import { SnmpSettingsSchema, v3Issues, type Endpoint, type Inventory, type SnmpSettings } from './inventory.js';

/**
 * Discovery (issue 12 item 5): a technician sweeps an IPv4 range with one set of SNMP settings,
 * at a bounded rate, and adds the codecs that answered to a site. The rules here are pure: which
 * ranges may be swept, which addresses a range holds, and the endpoints made from responders.
 */

/** The largest range a sweep may cover: a /22 (1,022 hosts), about 5 s at 200 requests/s. */
export const MAX_SWEEP_PREFIX = 22;
/** Requests per second a sweep never exceeds (and the default); a technician may ask for fewer. */
export const MAX_SWEEP_RATE = 200;

export const DiscoveryStartInputSchema = z
  .strictObject({
    /** An IPv4 range, `10.20.0.0/24`; host bits are allowed and cleared. */
    cidr: z.string().min(1).max(50),
    port: z.number().int().min(1).max(65535).default(161),
    snmp: SnmpSettingsSchema,
    ratePerS: z.number().int().min(1).max(MAX_SWEEP_RATE).default(MAX_SWEEP_RATE),
  })
  .superRefine((c, ctx) => {
    if (c.snmp.version !== '3') return;
    for (const issue of v3Issues(c.snmp, '$.snmp')) ctx.addIssue({ code: 'custom', path: ['snmp', issue.path.split('.').pop()!], message: issue.message });
  });
export type DiscoveryStartInput = z.output<typeof DiscoveryStartInputSchema>;

export const SweepIdSchema = z.strictObject({ sweepId: z.string().min(1).max(64) });

export const DiscoveredEndpointSchema = z.object({
  address: z.string(),
  port: z.number().int(),
  sysName: z.string().nullable(),
  sysDescr: z.string().nullable(),
  sysObjectID: z.string().nullable(),
  /** The profile whose sysObjectIdPrefixes match sysObjectID (longest prefix), if any. */
  suggestedProfile: z.string().nullable(),
  rttMs: z.number(),
  /** The inventory's endpoint at the same host:port, when there is one (as of this answer). */
  inInventory: z.object({ endpointId: z.string(), siteId: z.string() }).nullable(),
});
export type DiscoveredEndpoint = z.infer<typeof DiscoveredEndpointSchema>;

export const SWEEP_STATES = ['running', 'finished', 'cancelled'] as const;
export type SweepStateName = (typeof SWEEP_STATES)[number];

export const DiscoverySweepSchema = z.object({
  sweepId: z.string(),
  /** The range as swept (host bits cleared). */
  cidr: z.string(),
  port: z.number().int(),
  version: z.enum(['1', '2c', '3']),
  ratePerS: z.number().int(),
  startedBy: z.string(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  state: z.enum(SWEEP_STATES),
  /** Addresses in the range, addresses asked and answered or given up on, requests sent. */
  total: z.number().int(),
  done: z.number().int(),
  sent: z.number().int(),
  responders: z.array(DiscoveredEndpointSchema),
});
export type DiscoverySweep = z.infer<typeof DiscoverySweepSchema>;

export const AddDiscoveredInputSchema = z.strictObject({
  sweepId: z.string().min(1).max(64),
  siteId: z.string().min(1).max(100),
  /** Responders of the sweep, by address. */
  addresses: z.array(z.string().min(1).max(15)).min(1).max(1024),
});
export type AddDiscoveredInput = z.infer<typeof AddDiscoveredInputSchema>;

export type CidrRange =
  | { readonly ok: true; readonly cidr: string; readonly prefix: number; readonly addresses: readonly string[] }
  | { readonly ok: false; readonly reason: 'cidr_malformed' | 'cidr_too_large' | 'cidr_not_unicast'; readonly params: Readonly<Record<string, string | number>> };

const toNumber = (ip: string): number => ip.split('.').reduce((n, o) => n * 256 + Number(o), 0);
export const fromNumber = (n: number): string => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');

/**
 * The host addresses of an IPv4 range: without the network and broadcast addresses, except for a
 * /31 (both hosts) and a /32. Refused: anything but `a.b.c.d/n`, a range larger than a /22, and
 * ranges in 0.0.0.0/8, multicast or reserved space (nothing to discover there).
 */
export function cidrRange(text: string): CidrRange {
  const m = /^\s*([0-9.]+)\/(\d{1,2})\s*$/.exec(text);
  if (!m || !isIPv4(m[1]!) || Number(m[2]) > 32 || (m[2]!.length > 1 && m[2]!.startsWith('0'))) {
    return { ok: false, reason: 'cidr_malformed', params: { cidr: text.slice(0, 50) } };
  }
  const prefix = Number(m[2]);
  const size = 2 ** (32 - prefix);
  if (prefix < MAX_SWEEP_PREFIX) {
    return { ok: false, reason: 'cidr_too_large', params: { cidr: text.trim(), prefix, addresses: size, maxPrefix: MAX_SWEEP_PREFIX, maxAddresses: 2 ** (32 - MAX_SWEEP_PREFIX) } };
  }
  const network = Math.floor(toNumber(m[1]!) / size) * size;
  const cidr = `${fromNumber(network)}/${prefix}`;
  const firstOctet = network >>> 24;
  if (firstOctet === 0 || firstOctet >= 224) return { ok: false, reason: 'cidr_not_unicast', params: { cidr } };
  const hostsFrom = size > 2 ? network + 1 : network;
  const hostsTo = size > 2 ? network + size - 2 : network + size - 1;
  const addresses: string[] = [];
  for (let n = hostsFrom; n <= hostsTo; n++) addresses.push(fromNumber(n));
  return { ok: true, cidr, prefix, addresses };
}

/** The inventory's endpoints by `host:port` (literal hosts; a DNS name matches only itself). */
export function inventoryHosts(inv: Inventory): Map<string, { endpointId: string; siteId: string }> {
  const out = new Map<string, { endpointId: string; siteId: string }>();
  for (const s of inv.sites) for (const e of s.endpoints) if (!out.has(`${e.host}:${e.port}`)) out.set(`${e.host}:${e.port}`, { endpointId: e.id, siteId: s.id });
  return out;
}

/** What a responder of a sweep becomes. */
export interface Responder {
  readonly address: string;
  readonly port: number;
  readonly sysName: string | null;
  readonly suggestedProfile: string | null;
}

/**
 * The endpoints made from chosen responders: a stable id from the address (`codec-10-20-0-7`, the
 * port appended when not 161; `-2`, `-3` … only when another endpoint already has that id), the
 * name from sysName (else the address), the suggested profile (else `fallbackProfile`) and the
 * sweep's SNMP settings.
 */
export function endpointsFromResponders(inv: Inventory, responders: readonly Responder[], snmp: SnmpSettings, fallbackProfile: string): Endpoint[] {
  const taken = new Set(inv.sites.flatMap((s) => s.endpoints.map((e) => e.id)));
  return responders.map((r) => {
    const base = `codec-${r.address.replaceAll('.', '-')}${r.port === 161 ? '' : `-${r.port}`}`;
    let id = base;
    for (let k = 2; taken.has(id); k++) id = `${base}-${k}`;
    taken.add(id);
    const name = nameFrom(r.sysName) ?? r.address;
    return { id, name, host: r.address, port: r.port, profile: r.suggestedProfile ?? fallbackProfile, snmp: structuredClone(snmp) };
  });
}

/** sysName as a name people read: one line, no control characters, at most 200 characters; null when nothing is left. */
export function nameFrom(sysName: string | null): string | null {
  if (sysName === null) return null;
  // eslint-disable-next-line no-control-regex
  const clean = Array.from(sysName.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ').trim()).slice(0, 200).join('').trim();
  return clean === '' ? null : clean;
}
