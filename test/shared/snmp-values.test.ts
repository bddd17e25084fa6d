import { describe, expect, it } from 'vitest';
import type { MetricSpec } from '../../shared/device-profile.js';
import {
  MAX_STRING_LENGTH,
  SNMP_TYPE,
  applyScale,
  counter64FromBytes,
  counterRate,
  parseNumericString,
  readMetric,
  snmpTypeName,
  textFromOctets,
  type CounterSample,
  type MetricReading,
  type RawVarbind,
} from '../../shared/snmp-values.js';

const T0 = Date.UTC(2025, 0, 1, 8, 0, 0);
const at = (s: number) => T0 + s * 1000;
const ctx = { at: T0 };

const ok = (r: MetricReading) => {
  if (!r.ok) throw new Error(`expected ok, got ${r.error.message}`);
  return r;
};
const err = (r: MetricReading) => {
  if (r.ok) throw new Error(`expected an error, got ${String(r.value)}`);
  return r.error;
};
/** Big-endian bytes of n, exactly `len` long. */
const be = (n: bigint, len: number) => {
  const out = new Uint8Array(len);
  for (let i = len - 1; i >= 0; i--) {
    out[i] = Number(n & 0xffn);
    n >>= 8n;
  }
  return out;
};
const utf8 = (s: string) => new TextEncoder().encode(s);

const uptime: MetricSpec = { oid: '1.3.6.1.2.1.1.3.0', encoding: 'timeticks', scale: 0.01, unit: 's' };
const ifOper: MetricSpec = { oid: '1.3.6.1.2.1.2.2.1.8.1', encoding: 'integer', map: { '1': true, '2': false }, mapDefault: false };
const rx64: MetricSpec = { oid: '1.3.6.1.2.1.31.1.1.1.6.1', encoding: 'counter64', rate: true, scale: 8, unit: 'bit/s' };
const in32: MetricSpec = { oid: '1.3.6.1.2.1.2.2.1.10.1', encoding: 'counter32', rate: true, scale: 8, unit: 'bit/s' };
const loss: MetricSpec = { oid: '1.3.6.1.4.1.2684.1.1.21.0', encoding: 'numeric-string', unit: '%' };
const jitter: MetricSpec = { oid: '1.3.6.1.4.1.2684.1.1.22.0', encoding: 'numeric-string', unit: 'ms' };
const remote: MetricSpec = { oid: '1.3.6.1.4.1.2684.1.1.2.0', encoding: 'string' };
const ctpcState: MetricSpec = {
  oid: '1.3.6.1.4.1.9.9.644.1.4.8.1.11',
  encoding: 'integer',
  column: true,
  absent: false,
  map: { '8': true, '14': false },
};

describe('SNMP type names', () => {
  it('match net-snmp ObjectType numbers', () => {
    expect(SNMP_TYPE).toMatchObject({ Integer: 2, OctetString: 4, Counter: 65, Gauge: 66, TimeTicks: 67, Counter64: 70 });
    expect([snmpTypeName(128), snmpTypeName(129), snmpTypeName(130)]).toEqual(['NoSuchObject', 'NoSuchInstance', 'EndOfMibView']);
    expect(snmpTypeName(99)).toBe('type 99');
  });
});

describe('scalar conversions', () => {
  it('timeticks × 0.01 gives seconds without float dust', () => {
    expect(ok(readMetric(uptime, { type: SNMP_TYPE.TimeTicks, value: 12345 }, ctx)).value).toBe(123.45);
    expect(ok(readMetric(uptime, { type: SNMP_TYPE.TimeTicks, value: 4294967295 }, ctx)).value).toBe(42949672.95);
    expect(applyScale(7, 0.000001)).toBe(0.000007);
    expect(applyScale(3, 8)).toBe(24);
    expect(applyScale(3, undefined)).toBe(3);
  });

  it('maps ifOperStatus: 1 up, 2 down, anything else (testing, dormant…) not up', () => {
    expect(ok(readMetric(ifOper, { type: SNMP_TYPE.Integer, value: 1 }, ctx)).value).toBe(true);
    expect(ok(readMetric(ifOper, { type: SNMP_TYPE.Integer, value: 2 }, ctx)).value).toBe(false);
    expect(ok(readMetric(ifOper, { type: SNMP_TYPE.Integer, value: 5 }, ctx)).value).toBe(false);
  });

  it('an unlisted raw value without mapDefault is an "unmapped" error, not a guess', () => {
    const e = err(readMetric(ctpcState, { oid: `${ctpcState.oid}.3`, type: SNMP_TYPE.Integer, value: 6 }, ctx));
    expect(e).toMatchObject({ kind: 'unmapped', oid: `${ctpcState.oid}.3`, got: '6' });
  });

  it('a map key like "constructor" is not found on the prototype', () => {
    const spec: MetricSpec = { oid: '1.3.6.1.4.1.2684.1.1.5.0', encoding: 'string', map: { muted: true } };
    expect(err(readMetric(spec, { type: SNMP_TYPE.OctetString, value: utf8('constructor') }, ctx)).kind).toBe('unmapped');
  });

  it('mapDefault null means "not known"', () => {
    const spec: MetricSpec = { oid: '1.3.6.1.4.1.2684.1.1.5.0', encoding: 'string', map: { muted: true, unmuted: false }, mapDefault: null };
    expect(ok(readMetric(spec, { type: SNMP_TYPE.OctetString, value: utf8(' muted\n') }, ctx)).value).toBe(true);
    expect(ok(readMetric(spec, { type: SNMP_TYPE.OctetString, value: utf8('unmuted') }, ctx)).value).toBe(false);
    expect(ok(readMetric(spec, { type: SNMP_TYPE.OctetString, value: utf8('half') }, ctx)).value).toBeNull();
  });

  it('integer and gauge accept each other; values outside 32 bits are bad values', () => {
    const gauge: MetricSpec = { oid: '1.3.6.1.4.1.9.9.644.1.4.8.1.13', encoding: 'gauge', unit: 'kbit/s' };
    expect(ok(readMetric(gauge, { type: SNMP_TYPE.Integer, value: 1920 }, ctx)).value).toBe(1920);
    expect(ok(readMetric(gauge, { type: SNMP_TYPE.Gauge, value: 4294967295 }, ctx)).value).toBe(4294967295);
    expect(err(readMetric(gauge, { type: SNMP_TYPE.Gauge, value: 4294967296 }, ctx)).kind).toBe('bad-value');
    expect(err(readMetric(gauge, { type: SNMP_TYPE.Gauge, value: -1 }, ctx)).kind).toBe('bad-value');
    expect(err(readMetric(gauge, { type: SNMP_TYPE.Gauge, value: 1.5 }, ctx)).kind).toBe('bad-value');
    expect(err(readMetric(gauge, { type: SNMP_TYPE.Gauge, value: '12' }, ctx)).kind).toBe('bad-value');
  });
});

describe('wrong type for the declared encoding', () => {
  const cases: [string, MetricSpec, RawVarbind, string][] = [
    ['OCTET STRING where a Counter64 belongs', rx64, { oid: rx64.oid, type: SNMP_TYPE.OctetString, value: utf8('123') }, 'OctetString'],
    ['Counter32 where a Counter64 belongs', rx64, { oid: rx64.oid, type: SNMP_TYPE.Counter, value: 5 }, 'Counter'],
    ['Integer where timeticks belong', uptime, { oid: uptime.oid, type: SNMP_TYPE.Integer, value: 5 }, 'Integer'],
    ['Integer where a numeric string belongs', loss, { oid: loss.oid, type: SNMP_TYPE.Integer, value: 1 }, 'Integer'],
    ['OCTET STRING where an integer belongs', ifOper, { oid: ifOper.oid, type: SNMP_TYPE.OctetString, value: utf8('1') }, 'OctetString'],
    ['Null', remote, { oid: remote.oid, type: SNMP_TYPE.Null, value: null }, 'Null'],
    ['an unknown tag', remote, { oid: remote.oid, type: 99, value: null }, 'type 99'],
  ];
  it.each(cases)('%s → typed error naming OID, expected and got', (_, spec, vb, got) => {
    const e = err(readMetric(spec, vb, ctx));
    expect(e).toMatchObject({ kind: 'wrong-type', oid: spec.oid, expected: spec.encoding, got });
    expect(e.message).toContain(spec.oid);
    expect(e.message).toContain(spec.encoding);
    expect(e.message).toContain(got);
  });

  it('names the OID from the spec when the varbind carries none', () => {
    expect(err(readMetric(uptime, { type: SNMP_TYPE.OctetString, value: 'x' }, ctx)).oid).toBe(uptime.oid);
  });
});

describe('absent values', () => {
  it.each([128, 129, 130])('ObjectType %i → absent, null for a scalar', (type) => {
    const r = ok(readMetric(loss, { oid: loss.oid, type, value: null }, ctx));
    expect(r).toMatchObject({ value: null, note: 'absent', counter: null });
  });

  it("endOfMibView on a column gives the spec's absent value (not in call)", () => {
    expect(ok(readMetric(ctpcState, { oid: ctpcState.oid, type: SNMP_TYPE.EndOfMibView, value: null }, ctx)).value).toBe(false);
  });

  it('a GetNext answer past the column is absent, even with a fitting type', () => {
    const next = { oid: '1.3.6.1.4.1.9.9.644.1.4.8.1.12.1', type: SNMP_TYPE.Gauge, value: 8 };
    expect(ok(readMetric(ctpcState, next, ctx))).toMatchObject({ value: false, note: 'absent' });
    // 1.…8.1.110 shares the text prefix "…8.1.11" but is another column.
    const lookalike = { oid: '1.3.6.1.4.1.9.9.644.1.4.8.1.110.1', type: SNMP_TYPE.Integer, value: 8 };
    expect(ok(readMetric(ctpcState, lookalike, ctx)).value).toBe(false);
  });

  it('the first row of the column is read', () => {
    const row = { oid: `${ctpcState.oid}.42`, type: SNMP_TYPE.Integer, value: 8 };
    expect(ok(readMetric(ctpcState, row, ctx))).toMatchObject({ value: true, counter: null });
    expect(ok(readMetric(ctpcState, row, ctx)).note).toBeUndefined();
  });
});

describe('numeric strings', () => {
  it.each([
    ['0.35', 0.35],
    [' 12 ', 12],
    ['12ms', 12],
    ['12 MS', 12],
    ['+3', 3],
    ['.5', 0.5],
    ['1e2', 100],
    ['0', 0],
  ])('"%s" → %d', (text, value) => {
    expect(ok(readMetric(jitter, { type: SNMP_TYPE.OctetString, value: utf8(text) }, ctx)).value).toBe(value);
  });

  it('accepts a JS string as well as bytes', () => {
    expect(ok(readMetric(loss, { type: SNMP_TYPE.OctetString, value: '0.35%' }, ctx)).value).toBe(0.35);
  });

  it.each(['abc', '12s', '0,35', '1.2.3', '12 %', 'NaN', 'Infinity', '-', '1e999'])('"%s" → bad-value error', (text) => {
    const e = err(readMetric(jitter, { oid: jitter.oid, type: SNMP_TYPE.OctetString, value: utf8(text) }, ctx));
    expect(e).toMatchObject({ kind: 'bad-value', oid: jitter.oid });
    expect(e.got).toContain('OctetString');
  });

  it('empty text (not in a call) is null, not 0 and not an error', () => {
    expect(ok(readMetric(loss, { type: SNMP_TYPE.OctetString, value: utf8('   ') }, ctx))).toMatchObject({ value: null, note: 'empty' });
  });

  it('a huge "number" is refused without decoding it all', () => {
    expect(err(readMetric(loss, { type: SNMP_TYPE.OctetString, value: new Uint8Array(100_000).fill(0x31) }, ctx)).kind).toBe('bad-value');
  });

  it('parseNumericString refuses a unit other than the metric unit', () => {
    expect(parseNumericString('5%', 'ms')).toMatchObject({ ok: false });
    expect(parseNumericString('5', undefined)).toEqual({ ok: true, value: 5 });
  });
});

describe('strings', () => {
  it('decodes UTF-8 (Vietnamese names), drops NULs, trims', () => {
    const r = ok(readMetric(remote, { type: SNMP_TYPE.OctetString, value: utf8('  UBND xã Nà Phặc\u0000\u0000') }, ctx));
    expect(r.value).toBe('UBND xã Nà Phặc');
    expect(r.note).toBeUndefined();
  });

  it('turns control characters into spaces (no escape sequences into logs)', () => {
    expect(ok(readMetric(remote, { type: SNMP_TYPE.OctetString, value: utf8('a\u001b[31mb') }, ctx)).value).toBe('a [31mb');
  });

  it(`cuts a huge OCTET STRING to ${MAX_STRING_LENGTH} characters and says so`, () => {
    const r = ok(readMetric(remote, { type: SNMP_TYPE.OctetString, value: new Uint8Array(65_000).fill(0x41) }, ctx));
    expect(r.value).toBe('A'.repeat(MAX_STRING_LENGTH));
    expect(r.note).toBe('truncated');
    const multi = textFromOctets(utf8('ặ'.repeat(1000)));
    expect(Array.from(multi.text)).toHaveLength(MAX_STRING_LENGTH);
    expect(multi.text).not.toContain('\uFFFD');
  });

  it('keeps a string of exactly the cap whole', () => {
    expect(textFromOctets(utf8('b'.repeat(MAX_STRING_LENGTH)))).toEqual({ text: 'b'.repeat(MAX_STRING_LENGTH), truncated: false });
  });
});

describe('Counter64 bytes → bigint', () => {
  it.each([
    [[0x05], 5n],
    [[0x01, 0x00], 256n],
    [[0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff], 2n ** 64n - 1n],
    [[0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff], 2n ** 64n - 1n],
    [[0x00, 0x00, 0x00, 0x01], 1n],
    [[0x00], 0n],
  ])('%j → %s', (bytes, value) => {
    expect(counter64FromBytes(Uint8Array.from(bytes))).toEqual({ ok: true, value });
  });

  it('refuses empty and wider than 64 bits', () => {
    expect(counter64FromBytes(new Uint8Array(0)).ok).toBe(false);
    expect(counter64FromBytes(Uint8Array.from([1, 0, 0, 0, 0, 0, 0, 0, 0])).ok).toBe(false);
    const e = err(readMetric(rx64, { oid: rx64.oid, type: SNMP_TYPE.Counter64, value: new Uint8Array(12).fill(1) }, ctx));
    expect(e).toMatchObject({ kind: 'bad-value', oid: rx64.oid });
    expect(e.got).toContain('12 bytes');
  });

  it('a non-rate Counter64 (Cisco jitter, Unsigned64) reads as a number', () => {
    const spec: MetricSpec = { oid: '1.3.6.1.4.1.9.9.644.1.4.10.1.22', encoding: 'counter64', column: true, unit: 'ms' };
    expect(ok(readMetric(spec, { oid: `${spec.oid}.1.1.2`, type: SNMP_TYPE.Counter64, value: be(23n, 8) }, ctx)).value).toBe(23);
    expect(ok(readMetric(spec, { oid: `${spec.oid}.1.1.2`, type: SNMP_TYPE.Counter64, value: 7n }, ctx)).value).toBe(7);
  });
});

describe('rates from counters', () => {
  const sample = (value: bigint, s: number, uptimeTicks: number | null = null, oid = rx64.oid): CounterSample => ({ oid, value, at: at(s), uptimeTicks });

  it('the first sample has no rate but is kept for the next poll', () => {
    const r = ok(readMetric(rx64, { oid: rx64.oid, type: SNMP_TYPE.Counter64, value: be(1000n, 8) }, { at: at(0), uptimeTicks: 100 }));
    expect(r).toMatchObject({ value: null, note: 'first-sample' });
    expect(r.counter).toEqual({ oid: rx64.oid, value: 1000n, at: at(0), uptimeTicks: 100 });
  });

  it('rate = delta / seconds × scale (octets → bit/s)', () => {
    const first = ok(readMetric(rx64, { oid: rx64.oid, type: SNMP_TYPE.Counter64, value: be(1_000n, 8) }, { at: at(0) }));
    const second = ok(readMetric(rx64, { oid: rx64.oid, type: SNMP_TYPE.Counter64, value: be(126_000n, 8) }, { at: at(5), previous: first.counter }));
    expect(second.value).toBe(200_000); // 125 000 octets in 5 s = 25 000 B/s = 200 kbit/s
    expect(second.counter?.value).toBe(126_000n);
  });

  it('wraps a Counter32 at 2^32', () => {
    const prev = { oid: in32.oid, value: 4_294_967_000n, at: at(0), uptimeTicks: 1000 };
    const r = ok(readMetric(in32, { oid: in32.oid, type: SNMP_TYPE.Counter, value: 704 }, { at: at(10), uptimeTicks: 2000, previous: prev }));
    expect(r.value).toBe(((296 + 704) / 10) * 8);
    expect(r.note).toBeUndefined();
  });

  it('wraps a Counter64 at 2^64', () => {
    const prev = sample(2n ** 64n - 100n, 0);
    const r = ok(readMetric(rx64, { oid: rx64.oid, type: SNMP_TYPE.Counter64, value: be(400n, 8) }, { at: at(5), previous: prev }));
    expect(r.value).toBe((500 / 5) * 8);
  });

  it('a reboot (sysUpTime went back) is a reset: null, not a spike', () => {
    const prev = sample(5_000_000_000n, 0, 900_000);
    const r = ok(readMetric(rx64, { oid: rx64.oid, type: SNMP_TYPE.Counter64, value: be(12_000n, 8) }, { at: at(5), uptimeTicks: 300, previous: prev }));
    expect(r).toMatchObject({ value: null, note: 'counter-reset' });
    expect(r.counter?.value).toBe(12_000n); // the new baseline
  });

  it('a reboot is a reset even when the counter grew past its old value', () => {
    expect(counterRate(sample(10n, 0, 900_000), sample(5_000n, 5, 200), 64)).toEqual({ value: null, note: 'counter-reset' });
  });

  it('a Counter64 dropping back to near zero without uptime is a reset, not a 2^64 wrap', () => {
    expect(counterRate(sample(5_000_000_000_000n, 0), sample(1_000n, 5), 64, 8)).toEqual({ value: null, note: 'counter-reset' });
  });

  it('a Counter32 dropping by most of its range is a reset, not a wrap', () => {
    const prev = { oid: in32.oid, value: 3_000_000n, at: at(0) };
    expect(counterRate(prev, { oid: in32.oid, value: 1_000n, at: at(5) }, 32)).toEqual({ value: null, note: 'counter-reset' });
  });

  it('a rate above maxRate is refused as implausible', () => {
    const prev = { oid: in32.oid, value: 3_000_000_000n, at: at(0) };
    const cur = { oid: in32.oid, value: 1_000n, at: at(5) }; // "wrap" of 1.29e9 octets in 5 s ≈ 2 Gbit/s
    expect(counterRate(prev, cur, 32, 8).value).toBeGreaterThan(2e9);
    expect(counterRate(prev, cur, 32, 8, 1e9)).toEqual({ value: null, note: 'implausible-rate' });
  });

  it('no elapsed time, or a clock going back, gives null', () => {
    expect(counterRate(sample(1n, 5), sample(9n, 5), 64)).toEqual({ value: null, note: 'no-elapsed-time' });
    expect(counterRate(sample(1n, 5), sample(9n, 4), 64)).toEqual({ value: null, note: 'no-elapsed-time' });
  });

  it('another table row (a new call) is not compared with the old one', () => {
    expect(counterRate(sample(1n, 0, null, '1.3.6.1.9.1'), sample(9n, 5, null, '1.3.6.1.9.2'), 64)).toEqual({ value: null, note: 'row-changed' });
  });

  it('an unchanged counter is a rate of 0', () => {
    expect(counterRate(sample(77n, 0), sample(77n, 5), 64, 8)).toEqual({ value: 0 });
  });

  it('"rate" on a non-counter encoding is a bad-spec error', () => {
    const spec: MetricSpec = { oid: '1.3.6.1.2.1.2.2.1.5.1', encoding: 'gauge', rate: true };
    expect(err(readMetric(spec, { type: SNMP_TYPE.Gauge, value: 5 }, ctx)).kind).toBe('bad-spec');
  });
});
