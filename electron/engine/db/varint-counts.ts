/**
 * Histogram bucket counts as unsigned LEB128 varints: how migration 6 stored them in one blob per
 * row (history_rollups.counts). Migration 7 moved them into columns; this stays to read old files.
 */

/** Bucket counts as unsigned LEB128 varints: 16 small counts in about 16 bytes. */
export function encodeCounts(counts: readonly number[]): Uint8Array {
  const out: number[] = [];
  for (const c of counts) {
    if (!Number.isSafeInteger(c) || c < 0) throw new RangeError(`encodeCounts: ${c} is not a count`);
    let v = c;
    while (v >= 0x80) {
      out.push((v % 0x80) | 0x80);
      v = Math.floor(v / 0x80);
    }
    out.push(v);
  }
  return Uint8Array.from(out);
}

/** The counts back, or null when the bytes are not `n` whole varints. */
export function decodeCounts(bytes: Uint8Array, n: number): number[] | null {
  const out: number[] = [];
  let v = 0;
  let scale = 1;
  for (const b of bytes) {
    v += (b & 0x7f) * scale;
    if (b & 0x80) {
      scale *= 0x80;
      if (scale > 2 ** 49) return null;
      continue;
    }
    out.push(v);
    v = 0;
    scale = 1;
  }
  return scale === 1 && out.length === n ? out : null;
}
