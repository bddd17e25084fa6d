import { describe, expect, it } from 'vitest';
import vi from '../../assets/locales/vi.json';
import en from '../../assets/locales/en.json';
import { EVENT_CODES } from '../../shared/events.js';

/** Every key path, with i18next's plural suffixes folded (Vietnamese has only `_other`). */
function keys(obj: unknown, prefix = ''): Set<string> {
  const out = new Set<string>();
  for (const [k, v] of Object.entries(obj as Record<string, unknown>)) {
    const path = prefix ? `${prefix}.${k.replace(/_(zero|one|two|few|many|other)$/, '')}` : k;
    if (v && typeof v === 'object') for (const sub of keys(v, path)) out.add(sub);
    else out.add(path);
  }
  return out;
}

describe('message catalogues', () => {
  it('have the same keys in Vietnamese and English', () => {
    const a = keys(vi);
    const b = keys(en);
    expect([...a].filter((k) => !b.has(k))).toEqual([]);
    expect([...b].filter((k) => !a.has(k))).toEqual([]);
  });

  it('translate every event code and severity', () => {
    for (const cat of [vi, en]) {
      for (const code of EVENT_CODES) expect(cat.event.code[code], code).toBeTruthy();
      for (const s of ['info', 'warning', 'critical'] as const) expect(cat.event.severity[s]).toBeTruthy();
    }
  });
});
