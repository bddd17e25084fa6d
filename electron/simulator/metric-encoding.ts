import type { MetricSpec, ProfileMetric, ValueEncoding } from '../../shared/device-profile.js';
import type { CodecView } from './codec-model.js';
import { snmp } from './snmp-lib.js';

/**
 * A codec's human values (seconds, kbit/s, %, booleans) turned into what its agent puts on the
 * wire, by the profile's MetricSpec run backwards: `map` inverted, divided by `scale`, rates
 * served as running totals, then encoded per `encoding`. A poller converting with the same profile
 * gets the human value back.
 */

export interface WireValue {
  readonly type: number;
  readonly value: number | string | Buffer;
}

type Human = boolean | number | string | null;

export function humanValue(metric: ProfileMetric, v: CodecView): Human {
  return v[metric];
}

/** For a rate metric the agent serves a counter: the running total of the value (bits for bit/s). */
function runningTotal(metric: ProfileMetric, v: CodecView): number {
  if (metric === 'rxBps') return v.rxBits;
  if (metric === 'txBps') return v.txBits;
  return 0;
}

export function encodeMetric(metric: ProfileMetric, spec: MetricSpec, v: CodecView): WireValue {
  return encodeHuman(spec, spec.rate ? null : humanValue(metric, v), spec.rate ? runningTotal(metric, v) : undefined);
}

/** `total` replaces the value for rate metrics (the counter's content before `scale`). */
export function encodeHuman(spec: MetricSpec, human: Human, total?: number): WireValue {
  const raw = total !== undefined ? total / (spec.scale ?? 1) : toRaw(spec, human);
  return encodeRaw(spec.encoding, raw);
}

const TEXT_ENCODINGS: readonly ValueEncoding[] = ['string', 'numeric-string'];

function toRaw(spec: MetricSpec, human: Human): number | string {
  const text = TEXT_ENCODINGS.includes(spec.encoding);
  if (spec.map) {
    const key = Object.keys(spec.map).find((k) => spec.map![k] === human);
    if (key !== undefined) return text ? key : Number(key);
  }
  if (human === null) return text ? '' : 0;
  if (typeof human === 'boolean') return text ? String(human) : human ? 1 : 2; // TruthValue
  if (typeof human === 'number') return human / (spec.scale ?? 1);
  return human;
}

const TWO_32 = 2 ** 32;
const INT32_MAX = 2 ** 31 - 1;
const num = (raw: number | string): number => {
  const n = typeof raw === 'number' ? raw : Number(raw);
  return Number.isFinite(n) ? n : 0;
};

export function encodeRaw(encoding: ValueEncoding, raw: number | string): WireValue {
  const T = snmp.ObjectType;
  switch (encoding) {
    case 'integer':
      return { type: T.Integer, value: Math.max(-INT32_MAX - 1, Math.min(INT32_MAX, Math.round(num(raw)))) };
    case 'gauge':
      return { type: T.Gauge, value: Math.max(0, Math.min(TWO_32 - 1, Math.round(num(raw)))) };
    case 'counter32':
      return { type: T.Counter, value: Math.floor(Math.max(0, num(raw))) % TWO_32 };
    case 'timeticks':
      return { type: T.TimeTicks, value: Math.floor(Math.max(0, num(raw))) % TWO_32 };
    case 'counter64':
      return { type: T.Counter64, value: counter64Bytes(BigInt(Math.floor(Math.max(0, num(raw))))) };
    case 'string':
      return { type: T.OctetString, value: String(raw) };
    case 'numeric-string':
      return { type: T.OctetString, value: raw === '' ? '' : String(Math.round(num(raw) * 100) / 100) };
  }
}

/**
 * Counter64 content as net-snmp hands it to the encoder: big-endian bytes, minimal length as real
 * agents send them, with a leading zero byte when the top bit is set (BER integers are signed).
 */
export function counter64Bytes(n: bigint): Buffer {
  const v = BigInt.asUintN(64, n);
  let hex = v.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  const bytes = Buffer.from(hex, 'hex');
  return bytes[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes;
}
