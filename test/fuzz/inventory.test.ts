import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InventoryError, parseInventoryBytes } from '../../electron/engine/inventory/load-inventory.js';
import { keyFileSource } from '../../electron/engine/secrets/key-source.js';
import { encryptSecret } from '../../electron/engine/secrets/secret-box.js';
import { InventorySchema } from '../../shared/inventory.js';
import { smallInventory } from '../fixtures/inventory.js';

/**
 * The inventory loader against random and mutated input: it either returns an inventory that
 * satisfies the schema, or throws an InventoryError with at least one line; nothing else.
 * Fixed seed, bounded runs (FUZZ_RUNS raises them for a longer local run).
 */
const SEED = 20_261_206;
const RUNS = Number(process.env['FUZZ_RUNS'] ?? 500);
// A longer local run (FUZZ_RUNS=20000) needs more than vitest's default 5 s per test.
const TIMEOUT_MS = Math.max(15_000, RUNS * 10);
const params = { seed: SEED, numRuns: RUNS };

async function outcome(bytes: Uint8Array): Promise<'valid' | 'refused'> {
  try {
    const inv = await parseInventoryBytes('fuzz.json', bytes, keyFileSource('/nonexistent/key'));
    expect(InventorySchema.safeParse(inv).success).toBe(true);
    return 'valid';
  } catch (e) {
    if (!(e instanceof InventoryError)) throw new Error(`not an InventoryError: ${String(e)}`, { cause: e });
    expect(e.lines.length).toBeGreaterThan(0);
    for (const line of e.lines) expect(line.startsWith('fuzz.json: $')).toBe(true);
    return 'refused';
  }
}

const baseText = JSON.stringify(smallInventory(), null, 1);
const baseBytes = Buffer.from(baseText);

/** A mutation of the valid inventory's JSON value: a field replaced by any JSON, or removed. */
type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
function paths(v: Json, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(at);
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...at, i], out));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) paths(x, [...at, k], out);
  return out;
}
const base = JSON.parse(baseText) as Json;
const allPaths = paths(base).filter((p) => p.length > 0);

function mutate(path: (string | number)[], replacement: Json | undefined): Json {
  const copy = structuredClone(base);
  let holder = copy as Record<string | number, Json>;
  for (const seg of path.slice(0, -1)) holder = holder[seg] as Record<string | number, Json>;
  const last = path[path.length - 1]!;
  if (replacement === undefined) {
    if (Array.isArray(holder)) holder.splice(last as number, 1);
    else delete holder[last];
  } else holder[last] = replacement;
  return copy;
}

const nasty = fc.constantFrom<Json>(
  '', ' ', '999.999.999.999', 'http://x/', 'a\nb', '\uD800', 'enc:v1:', 'enc:v1:AAAA', '__proto__', 'constructor',
  -1, 0, 1e308, -0, 65536, 3.5, true, null, [], {}, { __proto__: 1 }, 'x'.repeat(300), '🏛️',
);
const anyJson: fc.Arbitrary<Json> = fc.oneof(nasty, fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>);

describe('inventory loader fuzz', { timeout: TIMEOUT_MS }, () => {
  it('random bytes are refused with an InventoryError', async () => {
    await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 400 }), async (b) => void (await outcome(b))), params);
  });

  it('random JSON values are refused or valid, never another throw', async () => {
    await fc.assert(fc.asyncProperty(fc.jsonValue({ maxDepth: 6 }), async (v) => void (await outcome(Buffer.from(JSON.stringify(v))))), params);
  });

  it('a valid inventory with one field replaced or removed is refused or valid', async () => {
    const counts = { valid: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...allPaths), fc.option(anyJson, { nil: undefined }), async (path, v) => {
        counts[await outcome(Buffer.from(JSON.stringify(mutate(path, v))))]++;
      }),
      params,
    );
    // The mutations reach both sides of the validator, so the property is not vacuous.
    expect(counts.valid).toBeGreaterThan(0);
    expect(counts.refused).toBeGreaterThan(0);
  });

  it('a valid inventory with bytes flipped, inserted or cut is refused or valid', async () => {
    const edit = fc.record({ at: fc.nat({ max: baseBytes.length - 1 }), kind: fc.constantFrom('flip', 'insert', 'cut'), byte: fc.integer({ min: 0, max: 255 }), len: fc.integer({ min: 1, max: 40 }) });
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 4 }), async (edits) => {
        let b = Buffer.from(baseBytes);
        for (const e of edits) {
          const at = Math.min(e.at, b.length);
          if (e.kind === 'flip' && at < b.length) b[at] = e.byte;
          else if (e.kind === 'insert') b = Buffer.concat([b.subarray(0, at), Buffer.alloc(e.len, e.byte), b.subarray(at)]);
          else b = Buffer.concat([b.subarray(0, at), b.subarray(at + e.len)]);
        }
        await outcome(b);
      }),
      params,
    );
  });

  it('encrypted secrets: random or damaged enc:v1 values are refused by path, never thrown', async () => {
    const key = new Uint8Array(32).fill(7);
    const source = { description: 'test key', key: async () => key };
    const good = encryptSecret(key, 'cộng-đồng');
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ maxLength: 80 }).map((s) => `enc:v1:${s}`), fc.nat({ max: good.length - 8 }).map((i) => good.slice(0, 7 + i) + (good[7 + i] === 'A' ? 'B' : 'A') + good.slice(8 + i))), async (value) => {
        const inv = smallInventory() as { mcu: Record<string, unknown> };
        inv.mcu['password'] = value;
        try {
          await parseInventoryBytes('fuzz.json', Buffer.from(JSON.stringify(inv)), source);
        } catch (e) {
          if (!(e instanceof InventoryError)) throw e;
          expect(e.lines[0]).toMatch(/^fuzz\.json: \$\.mcu\.password: /);
          expect(e.message).not.toContain('cộng-đồng');
        }
      }),
      params,
    );
  });
});
