import { oidHasPrefix, type MetricSpec, type ValueEncoding } from './device-profile.js';

/**
 * Pure conversion of SNMP varbinds into console values, driven by a profile's MetricSpec. No Node
 * and no net-snmp here: a varbind is the plain `{ oid, type, value }` net-snmp hands out, with
 * OCTET STRING and Counter64 values as bytes (a Buffer is a Uint8Array). Bad input never throws:
 * every function returns `{ ok: false, error }` naming the OID, what was expected and what came.
 */

/** net-snmp's `snmp.ObjectType` numbers (the BER tags). */
export const SNMP_TYPE = {
  Boolean: 1,
  Integer: 2,
  BitString: 3,
  OctetString: 4,
  Null: 5,
  OID: 6,
  IpAddress: 64,
  Counter: 65,
  Gauge: 66,
  TimeTicks: 67,
  Opaque: 68,
  Counter64: 70,
  NoSuchObject: 128,
  NoSuchInstance: 129,
  EndOfMibView: 130,
} as const;

const TYPE_NAMES: Readonly<Record<number, string>> = Object.fromEntries(Object.entries(SNMP_TYPE).map(([name, n]) => [n, name]));

/** Name of an ObjectType number, for messages ("Counter64", or "type 99" when unknown). */
export function snmpTypeName(type: number): string {
  return TYPE_NAMES[type] ?? `type ${type}`;
}

export interface RawVarbind {
  /** The instance OID that answered; for a column read with GetNext, the next OID found. */
  readonly oid?: string;
  readonly type: number;
  readonly value: unknown;
}

export type MetricValue = boolean | number | string | null;

export interface ValueError {
  readonly oid: string;
  /** wrong-type: the SNMP type does not fit the encoding; bad-value: the type fits, the content not. */
  readonly kind: 'wrong-type' | 'bad-value' | 'unmapped' | 'bad-spec';
  readonly expected: string;
  readonly got: string;
  readonly message: string;
}

export type ValueResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ValueError };

/** A counter reading kept between polls, so the next poll can turn the difference into a rate. */
export interface CounterSample {
  readonly oid: string;
  readonly value: bigint;
  /** When it was read (ms since epoch). */
  readonly at: number;
  /** sysUpTime (ticks) read in the same request, if any: going back means the agent restarted. */
  readonly uptimeTicks?: number | null;
}

/** Why a value came out null although the agent answered; for logs and tests. */
export type ReadingNote = 'absent' | 'first-sample' | 'row-changed' | 'counter-reset' | 'implausible-rate' | 'no-elapsed-time' | 'empty' | 'truncated';

export type MetricReading =
  | {
      readonly ok: true;
      readonly value: MetricValue;
      /** Keep it and pass it back as `previous` next time (rate metrics only). */
      readonly counter: CounterSample | null;
      readonly note?: ReadingNote;
    }
  | { readonly ok: false; readonly error: ValueError };

export interface ReadContext {
  /** When the answer arrived (ms since epoch). */
  readonly at: number;
  readonly uptimeTicks?: number | null;
  readonly previous?: CounterSample | null;
}

/** Longest text kept from an OCTET STRING; the rest is cut off (a codec is not a file server). */
export const MAX_STRING_LENGTH = 256;
const MAX_NUMERIC_STRING_LENGTH = 64;
const TWO_32 = 2n ** 32n;
const TWO_64 = 2n ** 64n;

/** Which SNMP types each encoding accepts. Integer and Gauge pass for each other: both are plain
 * 32-bit numbers and agents (Net-SNMP `pass` scripts among them) mix them up. Counters are strict. */
const ACCEPTS: Readonly<Record<ValueEncoding, readonly number[]>> = {
  integer: [SNMP_TYPE.Integer, SNMP_TYPE.Gauge],
  gauge: [SNMP_TYPE.Gauge, SNMP_TYPE.Integer],
  counter32: [SNMP_TYPE.Counter],
  counter64: [SNMP_TYPE.Counter64],
  timeticks: [SNMP_TYPE.TimeTicks],
  string: [SNMP_TYPE.OctetString, SNMP_TYPE.IpAddress],
  'numeric-string': [SNMP_TYPE.OctetString],
};

const ABSENT_TYPES: readonly number[] = [SNMP_TYPE.NoSuchObject, SNMP_TYPE.NoSuchInstance, SNMP_TYPE.EndOfMibView];

function fail(oid: string, kind: ValueError['kind'], expected: string, got: string, message: string): { ok: false; error: ValueError } {
  return { ok: false, error: { oid, kind, expected, got, message: `${oid}: ${message}` } };
}

/**
 * Counter64 bytes (big-endian, as BER carries them) to bigint. 1 to 8 significant bytes; leading
 * zero bytes are allowed (BER adds one when the top bit is set, making 9). Empty or wider → error.
 */
export function counter64FromBytes(bytes: Uint8Array): { ok: true; value: bigint } | { ok: false; error: string } {
  if (bytes.length === 0) return { ok: false, error: 'empty Counter64' };
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start++;
  if (bytes.length - start > 8) return { ok: false, error: `Counter64 of ${bytes.length} bytes does not fit in 64 bits` };
  let n = 0n;
  for (let i = start; i < bytes.length; i++) n = (n << 8n) | BigInt(bytes[i]!);
  return { ok: true, value: n };
}

/** OCTET STRING bytes to display text: UTF-8, NULs dropped, control characters as spaces, trimmed, capped. */
export function textFromOctets(value: Uint8Array | string, cap = MAX_STRING_LENGTH): { text: string; truncated: boolean } {
  // Cut bytes first so a 60 KB string costs no more than a short one (4 bytes per character at most).
  const raw = typeof value === 'string' ? value.slice(0, cap * 2) : new TextDecoder('utf-8').decode(value.subarray(0, cap * 4));
  // eslint-disable-next-line no-control-regex
  const clean = raw.replace(/\u0000/g, '').replace(/[\u0001-\u001f\u007f]/g, ' ').trim();
  const chars = Array.from(clean);
  const long = typeof value === 'string' ? value.length > cap * 2 : value.length > cap * 4;
  if (chars.length <= cap) return { text: clean, truncated: long };
  return { text: chars.slice(0, cap).join('').trimEnd(), truncated: true };
}

const NUMBER_RE = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * A number written as text, e.g. Polycom's "0.35". Surrounding blanks are ignored; a trailing unit
 * is accepted only when it is the metric's own unit ("12ms", "12 ms" for ms; "0.35%" for %), so a
 * surprise like "12s" for milliseconds is an error rather than a wrong number. Decimal point only
 * ("0,35" is refused: comma could be a thousands separator). Empty text → null (nothing measured).
 */
export function parseNumericString(text: string, unit?: string): { ok: true; value: number | null } | { ok: false; error: string } {
  let s = text.trim();
  if (s === '') return { ok: true, value: null };
  if (unit && s.toLowerCase().endsWith(unit.toLowerCase())) s = s.slice(0, s.length - unit.length).trimEnd();
  if (!NUMBER_RE.test(s)) return { ok: false, error: `"${text.slice(0, 40)}" is not a number${unit ? ` (in ${unit})` : ''}` };
  const n = Number(s);
  return Number.isFinite(n) ? { ok: true, value: n } : { ok: false, error: `"${text.slice(0, 40)}" is out of range` };
}

/** Multiply by a scale such as 0.01 or 1e-6 without float dust (12345 × 0.01 → 123.45, not …002). */
export function applyScale(x: number, scale: number | undefined): number {
  if (scale === undefined || scale === 1) return x;
  const inverse = 1 / scale;
  const whole = Math.round(inverse);
  return whole > 1 && Math.abs(inverse - whole) < 1e-9 * whole ? x / whole : x * scale;
}

type Raw = { kind: 'number'; value: number } | { kind: 'counter'; value: bigint } | { kind: 'text'; value: string; truncated: boolean } | { kind: 'empty' };

function decodeRaw(spec: MetricSpec, oid: string, vb: RawVarbind): ValueResult<Raw> {
  const { encoding } = spec;
  if (!ACCEPTS[encoding].includes(vb.type)) {
    return fail(oid, 'wrong-type', encoding, snmpTypeName(vb.type), `expected ${encoding}, got ${snmpTypeName(vb.type)}`);
  }
  // What arrived, in words: only a failure says it (a poll reads thousands of values a second).
  const got = (): string => `${snmpTypeName(vb.type)} ${describe(vb.value)}`;
  switch (encoding) {
    case 'integer':
    case 'gauge':
    case 'counter32':
    case 'timeticks': {
      const v = vb.value;
      const signed = vb.type === SNMP_TYPE.Integer;
      const [min, max] = signed ? [-(2 ** 31), 2 ** 31 - 1] : [0, 2 ** 32 - 1];
      if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
        return fail(oid, 'bad-value', `${encoding} in ${min}..${max}`, got(), `${snmpTypeName(vb.type)} value ${describe(v)} is not a whole number in ${min}..${max}`);
      }
      return { ok: true, value: encoding === 'counter32' ? { kind: 'counter', value: BigInt(v) } : { kind: 'number', value: v } };
    }
    case 'counter64': {
      const v = vb.value;
      if (typeof v === 'bigint' && v >= 0n && v < TWO_64) return { ok: true, value: { kind: 'counter', value: v } };
      if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) return { ok: true, value: { kind: 'counter', value: BigInt(v) } };
      if (v instanceof Uint8Array) {
        const r = counter64FromBytes(v);
        if (r.ok) return { ok: true, value: { kind: 'counter', value: r.value } };
        return fail(oid, 'bad-value', 'Counter64 of 1..8 bytes', got(), r.error);
      }
      return fail(oid, 'bad-value', 'Counter64 bytes', got(), `Counter64 value ${describe(v)} is not bytes`);
    }
    case 'string':
    case 'numeric-string': {
      const v = vb.value;
      if (typeof v !== 'string' && !(v instanceof Uint8Array)) {
        return fail(oid, 'bad-value', encoding, got(), `${snmpTypeName(vb.type)} value ${describe(v)} is not text`);
      }
      if (encoding === 'string') {
        const { text, truncated } = textFromOctets(v);
        return { ok: true, value: { kind: 'text', value: text, truncated } };
      }
      const { text, truncated } = textFromOctets(v, MAX_NUMERIC_STRING_LENGTH);
      if (truncated) return fail(oid, 'bad-value', 'a number as text', got(), 'text too long to be a number');
      const n = parseNumericString(text, spec.unit);
      if (!n.ok) return fail(oid, 'bad-value', 'a number as text', got(), n.error);
      return { ok: true, value: n.value === null ? { kind: 'empty' } : { kind: 'number', value: n.value } };
    }
  }
}

function describe(v: unknown): string {
  if (v instanceof Uint8Array) return `<${v.length} bytes>`;
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (typeof v === 'bigint') return `${v}n`;
  return v === null ? 'null' : typeof v === 'object' ? 'an object' : String(v);
}

export type RateResult = { readonly value: number; readonly note?: undefined } | { readonly value: null; readonly note: ReadingNote };

/**
 * Per-second rate between two readings of one counter, × scale. A decrease is a wrap (at 2^32 or
 * 2^64) only when believable: the agent has not restarted (sysUpTime did not go back), the wrapped
 * difference is under half the counter's range, and the rate stays under `maxRate`. Otherwise it
 * is a reset and the rate is null: one missing point rather than a spike of petabits.
 */
export function counterRate(previous: CounterSample, current: CounterSample, bits: 32 | 64, scale = 1, maxRate?: number): RateResult {
  if (previous.oid !== current.oid) return { value: null, note: 'row-changed' };
  const seconds = (current.at - previous.at) / 1000;
  if (!(seconds > 0)) return { value: null, note: 'no-elapsed-time' };
  const pu = previous.uptimeTicks;
  const cu = current.uptimeTicks;
  if (pu != null && cu != null && cu < pu) return { value: null, note: 'counter-reset' };
  const modulus = bits === 32 ? TWO_32 : TWO_64;
  let delta = current.value - previous.value;
  if (delta < 0n) {
    delta += modulus;
    if (delta >= modulus / 2n) return { value: null, note: 'counter-reset' };
  }
  const rate = applyScale(Number(delta) / seconds, scale);
  if (maxRate !== undefined && rate > maxRate) return { value: null, note: 'implausible-rate' };
  return { value: rate };
}

/**
 * One varbind → the metric's value, following the spec: type check, decoding (numeric strings,
 * Counter64 bytes), `map` (on the raw value, before any scale), `scale`, and for `rate` metrics the
 * rate against `ctx.previous`. noSuchObject / noSuchInstance / endOfMibView, and for a column a
 * GetNext answer outside the column, give the spec's `absent` value (default null).
 */
export function readMetric(spec: MetricSpec, vb: RawVarbind, ctx: ReadContext): MetricReading {
  const oid = vb.oid ?? spec.oid;
  const outsideColumn = spec.column === true && vb.oid !== undefined && (vb.oid === spec.oid || !oidHasPrefix(vb.oid, spec.oid));
  if (ABSENT_TYPES.includes(vb.type) || outsideColumn) return { ok: true, value: spec.absent ?? null, counter: null, note: 'absent' };

  const decoded = decodeRaw(spec, oid, vb);
  if (!decoded.ok) return decoded;
  const raw = decoded.value;

  if (spec.rate) {
    if (raw.kind !== 'counter') {
      return fail(oid, 'bad-spec', 'counter32 or counter64 for a rate', spec.encoding, `"rate" needs a counter encoding, not ${spec.encoding}`);
    }
    const counter: CounterSample = { oid, value: raw.value, at: ctx.at, uptimeTicks: ctx.uptimeTicks ?? null };
    if (!ctx.previous) return { ok: true, value: null, counter, note: 'first-sample' };
    const r = counterRate(ctx.previous, counter, spec.encoding === 'counter32' ? 32 : 64, spec.scale, spec.maxRate);
    return r.value === null ? { ok: true, value: null, counter, note: r.note } : { ok: true, value: r.value, counter };
  }

  if (raw.kind === 'empty') return { ok: true, value: null, counter: null, note: 'empty' };
  const note = raw.kind === 'text' && raw.truncated ? ({ note: 'truncated' } as const) : {};

  if (spec.map) {
    const key = String(raw.value);
    if (Object.hasOwn(spec.map, key)) return { ok: true, value: spec.map[key]!, counter: null, ...note };
    if (spec.mapDefault !== undefined) return { ok: true, value: spec.mapDefault, counter: null, ...note };
    return fail(oid, 'unmapped', `one of ${Object.keys(spec.map).join(', ')}`, key, `value ${JSON.stringify(key)} is not in the profile's map`);
  }

  switch (raw.kind) {
    case 'text':
      return { ok: true, value: raw.value, counter: null, ...note };
    case 'counter':
      return { ok: true, value: applyScale(Number(raw.value), spec.scale), counter: null };
    case 'number':
      return { ok: true, value: applyScale(raw.value, spec.scale), counter: null };
  }
}
