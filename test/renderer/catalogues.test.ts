import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import vi from '../../assets/locales/vi.json';
import en from '../../assets/locales/en.json';
import { EVENT_CODES } from '../../shared/events.js';
import { API_ERROR_CODES } from '../../shared/api/errors.js';
import { CONNECTION_TEST_CODES, CONNECTION_TEST_PARAMS } from '../../shared/connection-test.js';

const LOCALES = join(import.meta.dirname, '../../assets/locales');
const ELECTRON = join(import.meta.dirname, '../../electron');

/**
 * Every `reason` the engine (and main, and the server) puts in an ApiError's (or McuActionError's) params, read from
 * the sources themselves, so a reason added there without words in the catalogues fails here.
 */
function engineReasons(): Set<string> {
  const reasons = new Set<string>();
  const files = readdirSync(ELECTRON, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
  for (const f of files) {
    const text = readFileSync(join(ELECTRON, f), 'utf8');
    for (const m of text.matchAll(/new (?:ApiError|McuActionError)\((?:[^;]|;(?!\s*$))*?\breason: '([a-z_]+)'/gm)) reasons.add(m[1]!);
  }
  return reasons;
}

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

/**
 * The main catalogue and each feature's (`<feature>.<lang>.json`, one top-level key: the feature,
 * a two-word one camel-cased as code writes it: `inventory-test.vi.json` holds `inventoryTest`).
 */
const pairs = readdirSync(LOCALES)
  .filter((f) => f.endsWith('.vi.json') || f === 'vi.json')
  .map((f) => ({ name: f === 'vi.json' ? 'main' : f.replace('.vi.json', ''), vi: f, en: f.replace(/vi\.json$/, 'en.json') }));
const featureKey = (name: string): string => name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
const read = (f: string): Record<string, unknown> => JSON.parse(readFileSync(join(LOCALES, f), 'utf8')) as Record<string, unknown>;

describe('message catalogues', () => {
  it('include the main one and every feature', () => {
    expect(pairs.map((p) => p.name)).toEqual(expect.arrayContaining(['main', 'map', 'session', 'schedule']));
  });

  it.each(pairs)('$name: the same keys in Vietnamese and English, under the feature\'s own key', ({ name, vi: v, en: e }) => {
    const a = read(v);
    const b = read(e);
    if (name !== 'main') {
      expect(Object.keys(a)).toEqual([featureKey(name)]);
      expect(Object.keys(b)).toEqual([featureKey(name)]);
    }
    const ka = keys(a);
    const kb = keys(b);
    expect([...ka].filter((k) => !kb.has(k))).toEqual([]);
    expect([...kb].filter((k) => !ka.has(k))).toEqual([]);
  });

  it('word every ApiErrorCode and every reason the engine sends, in both languages', () => {
    const reasons = engineReasons();
    // The reasons the login, accounts and sessions send, at least (the scan must find them).
    for (const r of ['credentials', 'must_change_password', 'last_technician', 'own_role', 'no_session', 'wrong_password']) expect(reasons, r).toContain(r);
    for (const lang of ['vi', 'en']) {
      const cat = read(`errors.${lang}.json`) as { errors: { code: Record<string, string>; reason: Record<string, string> } };
      for (const code of API_ERROR_CODES) expect(cat.errors.code[code], `${lang} errors.code.${code}`).toBeTruthy();
      for (const reason of reasons) expect(cat.errors.reason[reason], `${lang} errors.reason.${reason}`).toBeTruthy();
    }
  });

  it('word every connection-test failure code in both languages, with only the values the engine sends for it', () => {
    for (const lang of ['vi', 'en']) {
      const words = (read(`inventory-test.${lang}.json`) as { inventoryTest: Record<string, string> }).inventoryTest;
      expect(Object.keys(words).sort(), lang).toEqual([...CONNECTION_TEST_CODES].sort());
      for (const code of CONNECTION_TEST_CODES) {
        const used = [...words[code]!.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]!);
        expect(used.filter((p) => !CONNECTION_TEST_PARAMS[code].includes(p)), `${lang} inventoryTest.${code}`).toEqual([]);
      }
    }
  });

  it('translate every event code and severity', () => {
    for (const cat of [vi, en]) {
      for (const code of EVENT_CODES) expect(cat.event.code[code], code).toBeTruthy();
      for (const s of ['info', 'warning', 'critical'] as const) expect(cat.event.severity[s]).toBeTruthy();
    }
  });
});
