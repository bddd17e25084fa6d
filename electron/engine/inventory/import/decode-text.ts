/**
 * Bytes of an imported file → text. Technicians bring files from Excel and older tools:
 * UTF-8 with or without a BOM, Excel's "Unicode text" (UTF-16 LE with a BOM), and legacy
 * Vietnamese Windows files in windows-1258, which stores most tones as combining marks
 * (ầ = â + U+0300). Whatever came in, the text comes out in NFC, so "Nậm Mẫu" typed in the
 * console and "Nậm Mẫu" read from a windows-1258 file are the same string.
 */

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1258';

export interface DecodedText {
  readonly text: string;
  readonly encoding: TextEncoding;
  /** Whether the file began with a byte-order mark (removed from `text`). */
  readonly bom: boolean;
}

/** Why bytes are not text we can import. */
export type DecodeProblem =
  /** No bytes, or only a BOM and white space. */
  | 'empty'
  /** NUL bytes or control characters: an image, a database, an archive… */
  | 'binary'
  /** An Excel/LibreOffice workbook (.xlsx, .ods, .xls): it has to be saved as CSV first. */
  | 'spreadsheet'
  /** Marked as UTF-16 but not valid UTF-16 (odd length, lone surrogates). */
  | 'invalid_utf16';

export class DecodeTextError extends Error {
  constructor(
    readonly problem: DecodeProblem,
    message: string,
  ) {
    super(message);
    this.name = 'DecodeTextError';
  }
}

const MESSAGES: Record<DecodeProblem, string> = {
  empty: 'the file is empty',
  binary: 'the file is not text (it holds binary data)',
  spreadsheet: 'the file is a spreadsheet workbook, not CSV: save it as "CSV UTF-8" first',
  invalid_utf16: 'the file is marked as UTF-16 but is not valid UTF-16',
};

const fail = (problem: DecodeProblem): never => {
  throw new DecodeTextError(problem, MESSAGES[problem]);
};

const startsWith = (b: Uint8Array, sig: readonly number[]): boolean => b.length >= sig.length && sig.every((x, i) => b[i] === x);

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/**
 * UTF-16 without a BOM, told by where the zero bytes fall: ASCII (ids, digits, commas) is
 * `xx 00` in LE and `00 xx` in BE, so one byte position of each pair is mostly zero and the other
 * almost never. Vietnamese letters (U+1Exx, U+01xx, U+00xx) do not upset it: the sample is
 * dominated by ASCII in any inventory.
 */
function bomlessUtf16(b: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(b.length, 4096) & ~1;
  if (n < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (b[i] === 0) evenZeros++;
    if (b[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  if (oddZeros >= pairs * 0.3 && evenZeros <= pairs * 0.02) return 'utf-16le';
  if (evenZeros >= pairs * 0.3 && oddZeros <= pairs * 0.02) return 'utf-16be';
  return null;
}

function decodeUtf16(b: Uint8Array, encoding: 'utf-16le' | 'utf-16be'): string {
  try {
    // The decoder drops a BOM of its own byte order.
    return new TextDecoder(encoding, { fatal: true }).decode(b);
  } catch {
    return fail('invalid_utf16');
  }
}

function tryUtf8(b: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(b);
  } catch {
    return null;
  }
}

/**
 * windows-1258 through the runtime's ICU (Node 22 and Electron ship full ICU). Every byte maps
 * to a character, so this never fails; it is the last resort after UTF-8.
 */
function decodeWindows1258(b: Uint8Array): string {
  return new TextDecoder('windows-1258').decode(b);
}

/** Control characters other than tab, line feed, form feed and carriage return (C0, DEL, C1). */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000e-\u001f\u007f-\u009f]/g;

function looksBinary(text: string): boolean {
  if (text.includes('\u0000')) return true;
  const controls = text.match(CONTROL)?.length ?? 0;
  return controls > 8 && controls > text.length / 100;
}

/** Decode an imported file; throws DecodeTextError for empty, binary or workbook input. */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (startsWith(bytes, ZIP) || startsWith(bytes, OLE2)) fail('spreadsheet');
  let text: string;
  let encoding: TextEncoding;
  let bom = true;
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
    encoding = 'utf-8';
    // A BOM says UTF-8; bytes that are not are marked U+FFFD and reported per cell.
    text = new TextDecoder('utf-8').decode(bytes);
  } else if (startsWith(bytes, [0xff, 0xfe])) {
    encoding = 'utf-16le';
    text = decodeUtf16(bytes, encoding);
  } else if (startsWith(bytes, [0xfe, 0xff])) {
    encoding = 'utf-16be';
    text = decodeUtf16(bytes, encoding);
  } else {
    bom = false;
    const utf16 = bomlessUtf16(bytes);
    const utf8 = utf16 ? null : tryUtf8(bytes);
    if (utf16) {
      encoding = utf16;
      text = decodeUtf16(bytes, utf16);
    } else if (utf8 !== null) {
      encoding = 'utf-8';
      text = utf8;
    } else {
      encoding = 'windows-1258';
      text = decodeWindows1258(bytes);
    }
  }
  if (text.trim() === '') fail('empty');
  if (looksBinary(text)) fail('binary');
  return { text: text.normalize('NFC'), encoding, bom };
}
