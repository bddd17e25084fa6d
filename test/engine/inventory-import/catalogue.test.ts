import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import vi from '../../../assets/locales/inventory.vi.json';
import en from '../../../assets/locales/inventory.en.json';
import { CSV_COLUMNS } from '../../../electron/engine/inventory/import/csv-inventory';
import { IMPORT_ERROR_CODES, whereOf, type CsvImportError, type JsonImportError } from '../../../electron/engine/inventory/import/import-errors';
import { importCsv, importJson } from '../../../electron/engine/inventory/import/validate-import';
import { csvText, row, small, utf8, type Row } from './csv';

type Catalogue = { inventory: { import: Record<string, string>; where: Record<string, string> } };
const CATALOGUES: Record<'vi' | 'en', Catalogue> = { vi, en };
const placeholders = (s: string): string[] => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]!).sort();

/** Files with every kind of problem, CSV and JSON, and the errors they give. */
function everyError(): (CsvImportError | JsonImportError)[] {
  const out: (CsvImportError | JsonImportError)[] = [];
  const csv = (bytes: Uint8Array, profiles?: ReadonlySet<string>) => {
    const r = importCsv(bytes, small(), profiles ? { profiles } : {});
    if (!r.ok) out.push(...r.errors);
  };
  const json = (text: string | Uint8Array) => {
    const r = importJson(typeof text === 'string' ? utf8(text) : text);
    if (!r.ok) out.push(...r.errors);
  };
  csv(new Uint8Array());
  csv(new Uint8Array([0, 1, 2, 0, 3, 4, 0, 0, 0, 0, 5, 0, 0, 0]));
  csv(new Uint8Array([0x50, 0x4b, 0x03, 0x04]));
  csv(utf8(csvText([])));
  const v3 = { snmp_version: '3', community: 'x', v3_user: 'u', v3_level: 'all', v3_auth_key: 'short' };
  const rows: Row[] = [
    row('tinh', 'province', '', { site_name: 'Tỉnh \u0085' }),
    row('Huyen', 'district', 'tinh', { host: 'http://x', port: '0' }),
    row('xa', 'ward', 'nowhere', { site_name: 'a\tb', ...v3 }),
    row('xa2', 'commune', 'xa2', { endpoint_id: 'tinh-1', endpoint_name: '', profile: 'nokia' }),
    row('tinh', 'district', '', { endpoint_id: 'tinh-2' }),
  ];
  const columns = [...CSV_COLUMNS.filter((c) => c !== 'sip_uri'), 'notes', 'tier'];
  csv(utf8(`${csvText(rows, ',', columns)}a,b,c,d,e,f,g,h,i,j,k,l,m,n,o,p,q,r,s,t,u,v,w\r\n"open`), new Set(['generic-mib2']));
  json('{"name": }');
  const inv = small() as unknown as { timezone: string; colour: string; sites: { id: string }[] };
  inv.timezone = 'Mars/Olympus';
  inv.colour = 'red';
  json(JSON.stringify(inv));
  const dup = small() as unknown as { sites: { id: string }[] };
  dup.sites[1]!.id = dup.sites[0]!.id;
  json(JSON.stringify(dup));
  const bad = utf8(JSON.stringify({ ...small(), name: '@' }));
  bad[bad.indexOf(0x40)] = 0xff;
  json(bad);
  return out;
}

describe('inventory catalogues', () => {
  it.each(['vi', 'en'] as const)('%s: words for every import error code and nothing else', (lang) => {
    const words = CATALOGUES[lang].inventory.import;
    for (const code of IMPORT_ERROR_CODES) expect(words[code], code).toBeTruthy();
    const codes: readonly string[] = IMPORT_ERROR_CODES;
    const extra = Object.keys(words).filter((k) => !codes.includes(k) && !(k.endsWith('_json') && codes.includes(k.slice(0, -5))));
    expect(extra).toEqual([]);
    expect(Object.keys(CATALOGUES[lang].inventory.where).sort()).toEqual(['cell', 'file', 'line', 'path', 'row']);
  });

  it('Vietnamese and English take the same parameters in every message', () => {
    for (const group of ['import', 'where'] as const) {
      for (const [key, text] of Object.entries(vi.inventory[group])) {
        expect(placeholders(text), `${group}.${key}`).toEqual(placeholders((en.inventory[group] as Record<string, string>)[key]!));
      }
    }
  });

  it('Vietnamese is written with its diacritics', () => {
    const all = Object.values(vi.inventory.import).join(' ');
    expect(all).toMatch(/điểm cầu/);
    expect(all).toMatch(/[ạảãàáâậầấẩẫăắằẳẵặẹẻẽèéêệềếểễịỉĩìíọỏõòóôộồốổỗơợờớởỡụủũùúưựừứửữỵỷỹỳýđ]/);
  });

  it('every error the import gives renders in both languages with all its parameters', async () => {
    const errors = everyError();
    const produced = new Set(errors.map((e) => e.code));
    expect(IMPORT_ERROR_CODES.filter((c) => !produced.has(c))).toEqual([]);
    for (const lang of ['vi', 'en'] as const) {
      const t = i18next.createInstance();
      await t.init({ lng: lang, resources: { [lang]: { translation: CATALOGUES[lang] } }, interpolation: { escapeValue: false } });
      for (const e of errors) {
        const what = t.t(`inventory.import.${e.code}`, { ...e.params, ...('path' in e ? { context: 'json' } : {}) });
        const where = t.t(`inventory.where.${whereOf(e)}`, e.params);
        expect(`${where}: ${what}`, JSON.stringify(e)).not.toMatch(/\{\{|inventory\.(import|where)\./);
      }
    }
    const dup = errors.find((e) => 'path' in e && e.code === 'duplicate_id')!;
    const t = i18next.createInstance();
    await t.init({ lng: 'vi', resources: { vi: { translation: vi } } });
    expect(t.t('inventory.import.duplicate_id', { ...dup.params, context: 'json' })).toBe('Mã “ubnd-tinh” bị trùng, đã dùng ở $.sites[0].');
  });
});
