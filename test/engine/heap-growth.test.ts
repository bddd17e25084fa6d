import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENGINE_HEAP_GROWING_PERCENT, ENGINE_SEMI_SPACE_FLAG, limitHeapGrowth } from '../../electron/engine/heap-growth.js';

const ROOT = join(import.meta.dirname, '..', '..');

describe('limitHeapGrowth', () => {
  it('refuses a growth that is not a whole per cent in 1..300, before touching V8', () => {
    for (const bad of [0, -5, 301, 12.5, Number.NaN]) expect(() => limitHeapGrowth(bad)).toThrow(RangeError);
  });

  it('accepts the engine default (set for the rest of this worker: a GC tuning, harmless to the tests)', () => {
    expect(ENGINE_HEAP_GROWING_PERCENT).toBeGreaterThan(0);
    expect(() => limitHeapGrowth()).not.toThrow();
  });
});

describe('the semi-space flag, which V8 takes only at start-up', () => {
  const semiSpaceFlags = (text: string) => text.match(/--max-semi-space-size=\d+/g) ?? [];

  it('is passed by `npm run serve`, once and with the engine value', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: { serve: string } };
    const serve = pkg.scripts.serve;
    expect(semiSpaceFlags(serve)).toEqual([ENGINE_SEMI_SPACE_FLAG]);
    // before the script: a flag after it would be an argument of the CLI, not of Node
    expect(serve.indexOf(ENGINE_SEMI_SPACE_FLAG)).toBeLessThan(serve.indexOf('bin/bridgepoint.mjs'));
  });

  it('is in the `bridgepoint` command\'s shebang, which env -S splits into node and its flag', () => {
    const [firstLine] = readFileSync(join(ROOT, 'bin', 'bridgepoint.mjs'), 'utf8').split('\n');
    expect(firstLine).toBe(`#!/usr/bin/env -S node ${ENGINE_SEMI_SPACE_FLAG}`);
  });
});
