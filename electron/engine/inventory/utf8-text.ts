import type { InventoryIssue } from '../../../shared/inventory.js';
import { jsonPath, textProblem } from '../../../shared/inventory.js';

const fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * Decode a file as UTF-8 (fatal: nothing is silently replaced). Where the bytes are not valid
 * UTF-8, each bad byte becomes a lone surrogate (U+D800), which no valid UTF-8 can produce, so
 * the validator can name the field that holds it instead of only saying "somewhere".
 */
export function decodeUtf8Marked(bytes: Uint8Array): string {
  try {
    return fatal.decode(bytes);
  } catch {
    // fall through: mark each invalid byte
  }
  const parts: string[] = [];
  let runStart = 0;
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const len = sequenceLength(bytes, i);
    if (len > 0) {
      i += len;
      continue;
    }
    if (i > runStart) parts.push(fatal.decode(bytes.subarray(runStart, i)));
    parts.push('\uD800');
    i += 1;
    runStart = i;
  }
  if (n > runStart) parts.push(fatal.decode(bytes.subarray(runStart, n)));
  return parts.join('').replace(/^\uFEFF/, '');
}

/** Length of the well-formed UTF-8 sequence at `i` (Unicode table 3-7), or 0. */
function sequenceLength(b: Uint8Array, i: number): number {
  const c = b[i]!;
  if (c < 0x80) return 1;
  const cont = (k: number, lo = 0x80, hi = 0xbf): boolean => i + k < b.length && b[i + k]! >= lo && b[i + k]! <= hi;
  if (c >= 0xc2 && c <= 0xdf) return cont(1) ? 2 : 0;
  if (c === 0xe0) return cont(1, 0xa0) && cont(2) ? 3 : 0;
  if ((c >= 0xe1 && c <= 0xec) || c === 0xee || c === 0xef) return cont(1) && cont(2) ? 3 : 0;
  if (c === 0xed) return cont(1, 0x80, 0x9f) && cont(2) ? 3 : 0;
  if (c === 0xf0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
  if (c >= 0xf1 && c <= 0xf3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
  if (c === 0xf4) return cont(1, 0x80, 0x8f) && cont(2) && cont(3) ? 4 : 0;
  return 0;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Every string (value or field name) in parsed JSON that is not valid text, by JSON path.
 * Iterative, so any nesting depth is fine; linear in the size of the value.
 */
export function invalidTextIssues(root: unknown, limit = 100): InventoryIssue[] {
  interface Node {
    readonly value: unknown;
    readonly key: PropertyKey | null;
    readonly up: Node | null;
  }
  // Paths are linked to their parent and spelled out only for a problem: deep files stay linear.
  const pathOf = (node: Node | null): PropertyKey[] => {
    const out: PropertyKey[] = [];
    for (let n = node; n && n.key !== null; n = n.up) out.push(n.key);
    return out.reverse();
  };
  const issues: InventoryIssue[] = [];
  const stack: Node[] = [{ value: root, key: null, up: null }];
  while (stack.length && issues.length < limit) {
    const node = stack.pop()!;
    const value = node.value;
    if (typeof value === 'string') {
      if (LONE_SURROGATE.test(value)) issues.push({ path: jsonPath(pathOf(node)), message: textProblem(value)! });
    } else if (Array.isArray(value)) {
      for (let k = value.length - 1; k >= 0; k--) stack.push({ value: value[k], key: k, up: node });
    } else if (value !== null && typeof value === 'object') {
      const keys = Object.keys(value);
      for (let k = keys.length - 1; k >= 0; k--) {
        const key = keys[k]!;
        if (LONE_SURROGATE.test(key)) {
          issues.push({ path: jsonPath(pathOf(node)), message: 'a field name is not valid UTF-8 text (save the file as UTF-8)' });
        } else stack.push({ value: (value as Record<string, unknown>)[key], key, up: node });
      }
    }
  }
  return issues;
}
