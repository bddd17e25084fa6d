import { setFlagsFromString } from 'node:v8';

/**
 * How far V8 lets the old generation grow past what survived its last full collection before the
 * next one, in per cent. By default it picks a factor of up to 4 (300 %) when collections are
 * cheap; the engine keeps ~80 MiB alive at 5,000 codecs but each codec's latest readings live one
 * poll interval (5 s), long enough to be promoted, so the old generation fills with them and the
 * process sat at 380–470 MiB. At 20 % it stays near 270 MiB for the same CPU (bench:poll,
 * docs/benchmarks.md): full collections come more often, each over the same live set.
 */
export const ENGINE_HEAP_GROWING_PERCENT = 20;

/**
 * Set the process's heap growth for a long-running engine. Process-wide, so only the programs
 * that own their process call it (`bridgepoint serve`, the desktop's main process), never a
 * library or a test that merely starts an engine.
 */
export function limitHeapGrowth(percent = ENGINE_HEAP_GROWING_PERCENT): void {
  if (!Number.isInteger(percent) || percent < 1 || percent > 300) throw new RangeError(`heap growing percent ${percent} is not an integer in 1..300`);
  setFlagsFromString(`--heap-growing-percent=${percent}`);
}
