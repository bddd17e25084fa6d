import { describe, expect, it } from 'vitest';
import vi from '../../assets/locales/map.vi.json';
import en from '../../assets/locales/map.en.json';
import { LAYOUTS, MCU_STATES, PARTICIPANT_STATES } from '../../shared/conference.js';
import { LINK_CODES } from '../../renderer/features/map/map-status.js';

function keys(obj: unknown, prefix = ''): Set<string> {
  const out = new Set<string>();
  for (const [k, v] of Object.entries(obj as Record<string, unknown>)) {
    const path = prefix ? `${prefix}.${k.replace(/_(zero|one|two|few|many|other)$/, '')}` : k;
    if (v && typeof v === 'object') for (const sub of keys(v, path)) out.add(sub);
    else out.add(path);
  }
  return out;
}

describe('map message catalogues', () => {
  it('have one top-level key, "map", and the same keys in Vietnamese and English', () => {
    expect(Object.keys(vi)).toEqual(['map']);
    expect(Object.keys(en)).toEqual(['map']);
    const a = keys(vi);
    const b = keys(en);
    expect([...a].filter((k) => !b.has(k))).toEqual([]);
    expect([...b].filter((k) => !a.has(k))).toEqual([]);
  });

  it('name every layout, MCU state, participant state and link health', () => {
    for (const cat of [vi.map, en.map]) {
      for (const l of LAYOUTS) expect(cat.layout[l], l).toBeTruthy();
      for (const s of MCU_STATES) expect(cat.mcu.state[s], s).toBeTruthy();
      for (const s of PARTICIPANT_STATES) expect(cat.participant[s], s).toBeTruthy();
      for (const l of LINK_CODES) if (l !== 'none') expect(cat.legend.link[l], l).toBeTruthy();
    }
  });
});
