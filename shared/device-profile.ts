import { z } from 'zod';

/**
 * A device profile (assets/profiles/<id>.json) maps the console's metrics to OIDs of one family
 * of codec, with the conversions the raw values need, and lists the traps that family sends.
 * Profiles are data: adding a codec family means adding a file, not code.
 */
export const PROFILE_METRICS = [
  'uptimeS',
  'inCall',
  'remoteSite',
  'bitrateKbps',
  'packetLossPct',
  'jitterMs',
  'latencyMs',
  'micMuted',
  'cameraMuted',
  'ifOperUp',
  'rxBps',
  'txBps',
] as const;
export type ProfileMetric = (typeof PROFILE_METRICS)[number];

/** How the agent encodes the value (the SNMP type as it arrives on the wire). */
export const VALUE_ENCODINGS = [
  'integer', // INTEGER / Integer32
  'gauge', // Gauge32 / Unsigned32
  'counter32', // Counter32: wraps at 2^32
  'counter64', // Counter64: arrives as a Buffer of up to 8 bytes; wraps at 2^64
  'timeticks', // hundredths of a second
  'string', // OCTET STRING shown as text
  'numeric-string', // OCTET STRING holding a number, e.g. "0.35" (Polycom's loss, jitter, latency)
] as const;
export type ValueEncoding = (typeof VALUE_ENCODINGS)[number];

const oid = z.string().regex(/^\d+(\.\d+)+$/, 'a numeric OID such as 1.3.6.1.2.1.1.3.0');

export const MetricSpecSchema = z.strictObject({
  /** Full instance OID for scalars; the column OID (no index) when `column` is true. */
  oid,
  encoding: z.enum(VALUE_ENCODINGS),
  /**
   * The OID is a table column: the poller reads the first row (GetNext). No row (endOfMibView or
   * a next OID outside the column) means "no entry", e.g. not in a call.
   */
  column: z.boolean().optional(),
  /** Multiply the decoded number by this (e.g. 0.01 for timeticks → seconds, 8 for octets → bits). */
  scale: z.number().optional(),
  /** Per-second rate from the difference of two counter samples (wrap handled). */
  rate: z.boolean().optional(),
  /** Map raw values (as strings) to the metric's value, e.g. ifOperStatus {"1": true, "2": false}. */
  map: z.record(z.string(), z.union([z.boolean(), z.number(), z.string()])).optional(),
  /**
   * The value for a raw value `map` does not list (e.g. ifOperStatus testing(3) → false). Without
   * it an unlisted value is an error, so a profile never guesses silently. null means "not known".
   */
  mapDefault: z.union([z.boolean(), z.number(), z.string(), z.null()]).optional(),
  /**
   * Highest believable rate, in the converted unit (e.g. 1e10 bit/s). A computed rate above it is
   * taken as a counter reset and gives null rather than a spike on the screen.
   */
  maxRate: z.number().positive().optional(),
  /** What "no entry" in a column means for this metric (e.g. inCall false). Default null. */
  absent: z.union([z.boolean(), z.number(), z.string(), z.null()]).optional(),
  /** Unit of the converted value, for people and for the details panel. */
  unit: z.string().optional(),
  /**
   * The OID is an IF-MIB column (ifTable or ifXTable, no index): the poller adds the ifIndex of
   * the endpoint's interface, found at run time (the inventory's `interface`, else the first
   * interface that is up and not a loopback; electron/engine/snmp/interface-choice.ts).
   */
  interface: z.boolean().optional(),
  /**
   * For an `interface` column the agent may lack (the 64-bit ifHCInOctets of ifXTable): the column
   * read instead, with its own encoding (ifInOctets, counter32). The choice is made once per
   * interface lookup: the first column when the agent has it at that ifIndex, else this one.
   */
  fallback: z.strictObject({ oid, encoding: z.enum(VALUE_ENCODINGS) }).optional(),
  /** Where the OID comes from (MIB object name) or why it was chosen; for people only. */
  note: z.string().optional(),
});
export type MetricSpec = z.infer<typeof MetricSpecSchema>;

export const TrapSpecSchema = z.strictObject({
  /** snmpTrapOID.0 (v2c/v3/inform) or, for v1, enterprise + ".0." + specific-trap. */
  oid,
  name: z.string().min(1),
  severity: z.enum(['info', 'warning', 'critical']),
  /** Status fields set at once when this trap arrives. */
  set: z.partialRecord(z.enum(PROFILE_METRICS), z.union([z.boolean(), z.number(), z.string(), z.null()])).optional(),
  /** Metrics carried in the trap's varbinds: metric → OID prefix of the varbind. */
  varbinds: z.partialRecord(z.enum(PROFILE_METRICS), oid).optional(),
  /** Where the OID comes from or why it was chosen; for people only. */
  note: z.string().optional(),
});
export type TrapSpec = z.infer<typeof TrapSpecSchema>;

export const DeviceProfileSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string().min(1),
  mib: z.string().min(1),
  /**
   * sysObjectID prefixes (whole arcs) of the devices this profile fits, e.g. an enterprise
   * 1.3.6.1.4.1.5596: a connection test suggests the profile with the longest matching prefix.
   */
  sysObjectIdPrefixes: z.array(oid).optional(),
  metrics: z.partialRecord(z.enum(PROFILE_METRICS), MetricSpecSchema),
  traps: z.array(TrapSpecSchema),
});
export type DeviceProfile = z.infer<typeof DeviceProfileSchema>;

/** Standard notifications every profile understands (SNMPv2-MIB / IF-MIB). */
export const STANDARD_TRAPS = {
  coldStart: '1.3.6.1.6.3.1.1.5.1',
  warmStart: '1.3.6.1.6.3.1.1.5.2',
  linkDown: '1.3.6.1.6.3.1.1.5.3',
  linkUp: '1.3.6.1.6.3.1.1.5.4',
} as const;

const COUNTER_ENCODINGS: readonly ValueEncoding[] = ['counter32', 'counter64'];

/** IF-MIB ifEntry and ifXEntry: the tables whose columns an `interface` metric may name. */
export const IF_ENTRY = '1.3.6.1.2.1.2.2.1';
export const IF_X_ENTRY = '1.3.6.1.2.1.31.1.1.1';
const isIfColumn = (oid: string): boolean => [IF_ENTRY, IF_X_ENTRY].some((t) => oidHasPrefix(oid, t) && oid.split('.').length === t.split('.').length + 1);

/** True when `oid` is `prefix` itself or lies under it (whole arcs: 1.3.6.1.2 is not under 1.3.6.1.21). */
export function oidHasPrefix(oid: string, prefix: string): boolean {
  return oid === prefix || oid.startsWith(`${prefix}.`);
}

/**
 * Rules across fields that the schema cannot say: OIDs unique within the profile, rates only on
 * counters, trap varbinds only for metrics the profile can decode. Empty when the profile is sound.
 */
export function profileIssues(profile: DeviceProfile): string[] {
  const issues: string[] = [];
  const owner = new Map<string, string>();
  const claim = (oid: string, who: string): void => {
    const first = owner.get(oid);
    if (first) issues.push(`${who}: OID ${oid} is already used by ${first}`);
    else owner.set(oid, who);
  };
  for (const [metric, spec] of Object.entries(profile.metrics)) {
    if (!spec) continue;
    claim(spec.oid, `metrics.${metric}`);
    if (spec.rate && !COUNTER_ENCODINGS.includes(spec.encoding)) {
      issues.push(`metrics.${metric}: "rate" needs a counter32 or counter64 encoding, not ${spec.encoding}`);
    }
    if (spec.interface) {
      if (spec.column) issues.push(`metrics.${metric}: "interface" and "column" exclude each other`);
      if (!isIfColumn(spec.oid)) issues.push(`metrics.${metric}: "interface" needs an ifTable or ifXTable column without index (${IF_ENTRY}.N or ${IF_X_ENTRY}.N), not ${spec.oid}`);
    }
    if (spec.fallback) {
      if (!spec.interface) issues.push(`metrics.${metric}: "fallback" applies to "interface" metrics only`);
      else if (!isIfColumn(spec.fallback.oid)) issues.push(`metrics.${metric}: fallback ${spec.fallback.oid} is not an ifTable or ifXTable column`);
      claim(spec.fallback.oid, `metrics.${metric}.fallback`);
      if (spec.rate && !COUNTER_ENCODINGS.includes(spec.fallback.encoding)) {
        issues.push(`metrics.${metric}: "rate" needs a counter fallback, not ${spec.fallback.encoding}`);
      }
    }
    if (spec.maxRate !== undefined && !spec.rate) issues.push(`metrics.${metric}: "maxRate" without "rate"`);
    if (spec.mapDefault !== undefined && !spec.map) issues.push(`metrics.${metric}: "mapDefault" without "map"`);
    if (spec.absent !== undefined && !spec.column) issues.push(`metrics.${metric}: "absent" applies to table columns only`);
  }
  const prefixes = profile.sysObjectIdPrefixes ?? [];
  prefixes.forEach((p, i) => {
    if (prefixes.indexOf(p) !== i) issues.push(`sysObjectIdPrefixes: ${p} is listed twice`);
  });
  profile.traps.forEach((trap, i) => {
    claim(trap.oid, `traps[${i}] (${trap.name})`);
    for (const metric of Object.keys(trap.varbinds ?? {}) as ProfileMetric[]) {
      if (!profile.metrics[metric]) issues.push(`traps[${i}] (${trap.name}): varbind ${metric} is not among the metrics, so it cannot be decoded`);
    }
  });
  return issues;
}

export type DeviceProfileResult =
  | { readonly ok: true; readonly profile: DeviceProfile }
  | { readonly ok: false; readonly issues: readonly string[] };

/** Shape first (zod), then `profileIssues`: what a profile loader should call on each JSON file. */
export function validateDeviceProfile(raw: unknown): DeviceProfileResult {
  const parsed = DeviceProfileSchema.safeParse(raw);
  if (!parsed.success) {
    return { ok: false, issues: parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`) };
  }
  const issues = profileIssues(parsed.data);
  return issues.length ? { ok: false, issues } : { ok: true, profile: parsed.data };
}

/**
 * Rules across the profiles of one folder: no sysObjectID prefix claimed by two profiles (the
 * suggestion would depend on file order). A prefix inside another profile's is fine: the longer wins.
 */
export function profileSetIssues(profiles: Iterable<DeviceProfile>): string[] {
  const owner = new Map<string, string>();
  const issues: string[] = [];
  for (const p of profiles) {
    for (const prefix of p.sysObjectIdPrefixes ?? []) {
      const first = owner.get(prefix);
      if (first && first !== p.id) issues.push(`sysObjectIdPrefixes: ${prefix} is claimed by both ${first} and ${p.id}`);
      else owner.set(prefix, p.id);
    }
  }
  return issues;
}

/** The profile whose sysObjectIdPrefixes match `sysObjectID` with the longest prefix; null when none does. */
export function suggestProfile(profiles: Iterable<DeviceProfile>, sysObjectID: string | null): string | null {
  if (!sysObjectID) return null;
  let best: { id: string; arcs: number } | null = null;
  for (const p of profiles) {
    for (const prefix of p.sysObjectIdPrefixes ?? []) {
      if (!oidHasPrefix(sysObjectID, prefix)) continue;
      const arcs = prefix.split('.').length;
      if (!best || arcs > best.arcs) best = { id: p.id, arcs };
    }
  }
  return best?.id ?? null;
}
