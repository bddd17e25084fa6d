import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LAYOUTS } from '../../shared/conference.js';
import { i18n } from '../../renderer/i18n/index.js';
import { layoutChoices, layoutName } from '../../renderer/i18n/layout-words.js';

const LOCALES = join(import.meta.dirname, '../../assets/locales');

/** Every path in a catalogue whose last key is a layout's name ("schedule.layout.allEqualNinths"). */
function layoutPaths(obj: unknown, prefix = ''): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(obj as Record<string, unknown>)) {
    const path = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === 'object') out.push(...layoutPaths(v, path));
    else if ((LAYOUTS as readonly string[]).includes(k) && prefix.endsWith('layout')) out.push(path);
  }
  return out;
}

describe('layout names: one list for the console', () => {
  it('names every layout in both languages', () => {
    for (const lng of ['vi', 'en'] as const) {
      const t = i18n.getFixedT(lng);
      for (const l of LAYOUTS) expect(layoutName(l, t), `${lng} ${l}`).not.toBe(`session.layout.${l}`);
    }
    expect(layoutName('allEqualNinths', i18n.getFixedT('vi'))).toBe('9 ô đều');
    expect(layoutChoices(i18n.getFixedT('en')).map((c) => c.layout)).toEqual([...LAYOUTS]);
  });

  it('keeps the names in one place: no catalogue but the Live view\'s has a list of layouts', () => {
    const owners = new Set<string>();
    for (const f of readdirSync(LOCALES).filter((x) => x.endsWith('.json'))) {
      for (const p of layoutPaths(JSON.parse(readFileSync(join(LOCALES, f), 'utf8')))) owners.add(p.slice(0, p.lastIndexOf('.')));
    }
    expect([...owners]).toEqual(['session.layout']);
  });
});

describe('a layout the console has no words for', () => {
  it('is shown by the name the MCU gives it', () => {
    const t = ((k: string) => `words:${k}`) as unknown as Parameters<typeof layoutName>[1];
    expect(layoutName('allEqual', t)).toBe('words:session.layout.allEqual');
    expect(layoutName('onePlusTwelve', t)).toBe('onePlusTwelve');
  });
});
