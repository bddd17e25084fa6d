/** Byte fixtures for the import tests, built here from the code tables rather than read from files. */

export function utf16(text: string, order: 'le' | 'be', bom: boolean): Uint8Array {
  const units = [...(bom ? [0xfeff] : [])];
  for (let i = 0; i < text.length; i++) units.push(text.charCodeAt(i));
  const out = new Uint8Array(units.length * 2);
  units.forEach((u, i) => {
    out[2 * i + (order === 'le' ? 0 : 1)] = u & 0xff;
    out[2 * i + (order === 'le' ? 1 : 0)] = u >> 8;
  });
  return out;
}

/** The letters windows-1258 has precomposed, above 0x7F (the Vietnamese ones and their Latin-1 neighbours). */
const PRECOMPOSED: Readonly<Record<string, number>> = {
  À: 0xc0, Á: 0xc1, Â: 0xc2, Ă: 0xc3, È: 0xc8, É: 0xc9, Ê: 0xca, Í: 0xcd, Đ: 0xd0, Ó: 0xd3, Ô: 0xd4, Ơ: 0xd5, Ù: 0xd9, Ú: 0xda, Ư: 0xdd,
  à: 0xe0, á: 0xe1, â: 0xe2, ă: 0xe3, è: 0xe8, é: 0xe9, ê: 0xea, í: 0xed, đ: 0xf0, ó: 0xf3, ô: 0xf4, ơ: 0xf5, ù: 0xf9, ú: 0xfa, ư: 0xfd,
};
/** The five tones windows-1258 stores as combining marks after the letter. */
const TONES: Readonly<Record<string, number>> = { '\u0300': 0xcc, '\u0309': 0xd2, '\u0303': 0xde, '\u0301': 0xec, '\u0323': 0xf2 };

/** Encode Vietnamese text as windows-1258: a precomposed letter where the table has one, else base + tone mark. */
export function windows1258(text: string): Uint8Array {
  const out: number[] = [];
  for (const ch of text.normalize('NFC')) {
    const code = ch.charCodeAt(0);
    if (code < 0x80) out.push(code);
    else if (PRECOMPOSED[ch] !== undefined) out.push(PRECOMPOSED[ch]);
    else {
      const nfd = ch.normalize('NFD');
      const tone = [...nfd].find((c) => TONES[c] !== undefined);
      if (!tone) throw new Error(`no windows-1258 byte for ${ch}`);
      const base = nfd.replace(tone, '').normalize('NFC');
      const b = base.charCodeAt(0) < 0x80 ? base.charCodeAt(0) : PRECOMPOSED[base];
      if (b === undefined || base.length !== 1) throw new Error(`no windows-1258 base for ${ch}`);
      out.push(b, TONES[tone]!);
    }
  }
  return new Uint8Array(out);
}
