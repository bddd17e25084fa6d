import { describe, expect, it } from 'vitest';
import { DecodeTextError, decodeText } from '../../../electron/engine/inventory/import/decode-text';
import { utf16, windows1258 } from './bytes';

const NAM_MAU = 'Xã Nậm Mẫu';

function problem(bytes: Uint8Array): string {
  try {
    decodeText(bytes);
  } catch (e) {
    if (e instanceof DecodeTextError) return e.problem;
    throw e;
  }
  throw new Error('expected a DecodeTextError');
}

describe('decodeText', () => {
  it('reads UTF-8 without a BOM', () => {
    expect(decodeText(new TextEncoder().encode(NAM_MAU))).toEqual({ text: NAM_MAU, encoding: 'utf-8', bom: false });
  });

  it('reads UTF-8 with a BOM and drops the BOM', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(NAM_MAU)]);
    expect(decodeText(bytes)).toEqual({ text: NAM_MAU, encoding: 'utf-8', bom: true });
  });

  it('reads UTF-16 LE and BE with a BOM (Excel "Unicode text")', () => {
    expect(decodeText(utf16(NAM_MAU, 'le', true))).toEqual({ text: NAM_MAU, encoding: 'utf-16le', bom: true });
    expect(decodeText(utf16(NAM_MAU, 'be', true))).toEqual({ text: NAM_MAU, encoding: 'utf-16be', bom: true });
  });

  it('tells BOM-less UTF-16 by where the zero bytes fall', () => {
    const csv = 'site_id,site_name\r\nnam-mau,Xã Nậm Mẫu\r\n';
    expect(decodeText(utf16(csv, 'le', false))).toEqual({ text: csv, encoding: 'utf-16le', bom: false });
    expect(decodeText(utf16(csv, 'be', false))).toEqual({ text: csv, encoding: 'utf-16be', bom: false });
  });

  it('reads windows-1258 with combining tone marks and returns NFC', () => {
    // X ã(a + 0xDE tilde) space N ậ(â 0xE2 + 0xF2 dot below) m space M ẫ(â + 0xDE) u
    const bytes = new Uint8Array([0x58, 0x61, 0xde, 0x20, 0x4e, 0xe2, 0xf2, 0x6d, 0x20, 0x4d, 0xe2, 0xde, 0x75]);
    const out = decodeText(bytes);
    expect(out.encoding).toBe('windows-1258');
    expect(out.text).toBe(NAM_MAU);
    expect(out.text).toBe(NAM_MAU.normalize('NFC'));
    expect(out.text.length).toBe(10); // precomposed: no combining marks left
  });

  it('reads every tone mark of windows-1258 (0xCC 0xD2 0xDE 0xEC 0xF2)', () => {
    const text = 'Huyện Chợ Đồn, xã Bằng Lãng, Quảng Bạch, Yên Thượng, Nghĩa Tá, Bắc Kạn';
    const bytes = windows1258(text);
    for (const mark of [0xcc, 0xd2, 0xde, 0xec, 0xf2]) expect(bytes).toContain(mark);
    expect(decodeText(bytes)).toEqual({ text, encoding: 'windows-1258', bom: false });
  });

  it('normalises decomposed UTF-8 (as macOS writes names) to NFC', () => {
    const nfd = NAM_MAU.normalize('NFD');
    expect(nfd).not.toBe(NAM_MAU);
    expect(decodeText(new TextEncoder().encode(nfd)).text).toBe(NAM_MAU);
  });

  it('refuses empty input, binary data and spreadsheet workbooks with a clear reason', () => {
    expect(problem(new Uint8Array())).toBe('empty');
    expect(problem(new Uint8Array([0xef, 0xbb, 0xbf]))).toBe('empty');
    expect(problem(new TextEncoder().encode(' \r\n\t'))).toBe('empty');
    expect(problem(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 1]))).toBe('binary');
    expect(problem(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 6, 0]))).toBe('spreadsheet');
    expect(problem(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0]))).toBe('spreadsheet');
    expect(problem(new Uint8Array([0xff, 0xfe, 0x41, 0x00, 0x00, 0xd8]))).toBe('invalid_utf16');
    expect(() => decodeText(new Uint8Array())).toThrow(/empty/);
  });
});
