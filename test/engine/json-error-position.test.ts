import { describe, expect, it } from 'vitest';
import { jsonErrorPosition } from '../../electron/engine/inventory/json-error-position.js';

describe('jsonErrorPosition', () => {
  it('is null for valid JSON of every kind', () => {
    for (const t of ['{}', '[]', ' {"a": [1, -2.5e3, true, false, null, "x\\u00e9\\n"]} ', '"s"', '0']) {
      expect(jsonErrorPosition(t), t).toBeNull();
      expect(() => JSON.parse(t)).not.toThrow();
    }
  });
  it.each([
    ['{\n  "a": 1,\n}', 3, 1],
    ['{"a" 1}', 1, 6],
    ['[1,,2]', 1, 4],
    ['{"a": tru}', 1, 7],
    ['{"a": "x', 1, 9],
    ["{'a': 1}", 1, 2],
    ['{"a": 1} x', 1, 10],
    ['{"a": 01}', 1, 8],
    ['', 1, 1],
  ])('finds the first error in %j at line %i column %i', (text, line, column) => {
    expect(() => JSON.parse(text)).toThrow();
    expect(jsonErrorPosition(text)).toEqual({ line, column });
  });
});
