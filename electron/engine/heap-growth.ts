import { setFlagsFromString } from 'node:v8';

/**
 * How far V8 lets the old generation grow past what survived its last full collection before the
 * next one, in per cent. By default it picks a factor of up to 4 (300 %) when collections are
 * cheap; the engine keeps ~80 MiB alive at 5,000 codecs but each codec's latest readings live one
 * poll interval (5 s), long enough to be promoted, so the old generation fills with them and the
 * process sat at 330–390 MiB. Measured at N = 5,000 over 120 s (bench:poll, docs/benchmarks.md),
 * with the semi-space below: 50 % ended at 248–263 MiB, at the edge of the 250 MiB target; 30 %
 * at 238–241 MiB for ~15 % more CPU a poll (full collections come more often, each over the same
 * live set). V8's default: 362–370 MiB.
 */
export const ENGINE_HEAP_GROWING_PERCENT = 30;

/**
 * The young generation's semi-space, in MiB (V8's default grows it to 16 MiB on 64-bit; the
 * young generation is three of them). Halving it keeps ~25 MiB less resident at no CPU cost
 * measured. V8 reads it only at start-up, so it is a command-line flag: `npm run serve` and the
 * `bridgepoint` command (its shebang) pass it; a test checks they carry this value. The desktop
 * app's main process cannot take it (Electron reads V8 flags before any of our code runs) and
 * gets the growth limit only.
 */
export const ENGINE_SEMI_SPACE_MIB = 8;
export const ENGINE_SEMI_SPACE_FLAG = `--max-semi-space-size=${ENGINE_SEMI_SPACE_MIB}`;

/**
 * Set the process's heap growth for a long-running engine. Process-wide, so only the programs
 * that own their process call it (`bridgepoint serve`, the desktop's main process), never a
 * library or a test that merely starts an engine.
 */
export function limitHeapGrowth(percent = ENGINE_HEAP_GROWING_PERCENT): void {
  if (!Number.isInteger(percent) || percent < 1 || percent > 300) throw new RangeError(`heap growing percent ${percent} is not an integer in 1..300`);
  setFlagsFromString(`--heap-growing-percent=${percent}`);
}
