/**
 * Sets of instants as sorted lists of half-open intervals [start, end) in epoch milliseconds. The
 * history code measures time by intersecting and subtracting such sets (range ∩ working hours −
 * maintenance), so the rules live here once instead of in each caller's loops.
 *
 * A list is "normal" when its intervals are non-empty, sorted and neither overlap nor touch;
 * `normalize` makes one from anything. The other functions take and return normal lists.
 */
export interface Interval {
  readonly start: number;
  readonly end: number;
}

/** Sorted, empty intervals dropped, overlapping or touching ones merged ([1,3) + [3,5) = [1,5)). */
export function normalize(intervals: Iterable<Interval>): Interval[] {
  const sorted = [...intervals].filter((i) => i.end > i.start).sort((a, b) => a.start - b.start);
  const out: Interval[] = [];
  for (const i of sorted) {
    const last = out[out.length - 1];
    if (last && i.start <= last.end) {
      if (i.end > last.end) out[out.length - 1] = { start: last.start, end: i.end };
    } else out.push({ start: i.start, end: i.end });
  }
  return out;
}

/** Instants in both lists. Linear in the two lengths. */
export function intersect(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    const start = Math.max(x.start, y.start);
    const end = Math.min(x.end, y.end);
    if (start < end) out.push({ start, end });
    if (x.end < y.end) i++;
    else j++;
  }
  return out;
}

/** Instants in `a` and not in `b`. */
export function subtract(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  let j = 0;
  for (const x of a) {
    let start = x.start;
    while (j < b.length && b[j]!.end <= start) j++;
    for (let k = j; k < b.length && b[k]!.start < x.end; k++) {
      if (b[k]!.start > start) out.push({ start, end: b[k]!.start });
      start = Math.max(start, b[k]!.end);
    }
    if (start < x.end) out.push({ start, end: x.end });
  }
  return out;
}

/** The part of a normal list inside [from, to). */
export function clip(intervals: readonly Interval[], from: number, to: number): Interval[] {
  return from < to ? intersect(intervals, [{ start: from, end: to }]) : [];
}

/** Total length in ms; meant for normal lists (overlaps would count twice). */
export function totalMs(intervals: readonly Interval[]): number {
  let sum = 0;
  for (const i of intervals) sum += i.end - i.start;
  return sum;
}
