// Text that went through "UTF-8 bytes read as Windows-1252 (or Latin-1), written out
// again as UTF-8" shows telltale pairs: "Ã©" for "é", "â€™" for "’", "Ã±" for "ñ".
// Some feeds also carry C1 control characters (U+0080..U+009F), which never belong in
// text: Windows-1252 code points written as if they were Unicode ("don\u0092t").
// Where such evidence is present and the whole text maps back to bytes that are valid
// UTF-8, the original text is restored; otherwise C1 characters are read as
// Windows-1252, and any other text is returned untouched.

// Windows-1252's printable characters in the 0x80..0x9F range.
const WINDOWS_1252_C1: Record<number, string> = {
  0x80: '€', 0x82: '‚', 0x83: 'ƒ', 0x84: '„', 0x85: '…', 0x86: '†', 0x87: '‡', 0x88: 'ˆ', 0x89: '‰',
  0x8a: 'Š', 0x8b: '‹', 0x8c: 'Œ', 0x8e: 'Ž', 0x91: '‘', 0x92: '’', 0x93: '“', 0x94: '”', 0x95: '•',
  0x96: '–', 0x97: '—', 0x98: '˜', 0x99: '™', 0x9a: 'š', 0x9b: '›', 0x9c: 'œ', 0x9e: 'ž', 0x9f: 'Ÿ',
};
const WINDOWS_1252_BYTE = new Map(Object.entries(WINDOWS_1252_C1).map(([byte, char]) => [char, Number(byte)]));

// C1 characters or UTF-8 lead bytes read as Latin-1: a cheap first test before the exact ones.
const MAYBE_DAMAGED = /[\u0080-\u009f\u00c2-\u00f4]/;
const C1 = /[\u0080-\u009f]/;
const C1_ALL = /[\u0080-\u009f]/g;
// A UTF-8 sequence read as Windows-1252 characters: a lead byte, then as many
// continuation bytes as the lead announces.
const CONTINUATION = '[\\u0080-\\u00bf\\u0152\\u0153\\u0160\\u0161\\u0178\\u017d\\u017e\\u0192\\u02c6\\u02dc\\u2013\\u2014\\u2018-\\u201a\\u201c-\\u201e\\u2020-\\u2022\\u2026\\u2030\\u2039\\u203a\\u20ac\\u2122]';
const MOJIBAKE_SEQUENCE = new RegExp(`[\\u00c2-\\u00df]${CONTINUATION}|[\\u00e0-\\u00ef]${CONTINUATION}{2}|[\\u00f0-\\u00f4]${CONTINUATION}{3}`);
const MOJIBAKE_SEQUENCES = new RegExp(MOJIBAKE_SEQUENCE.source, 'g');

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The bytes the text would have been in Windows-1252 (C1 characters as themselves), or null. */
function windows1252Bytes(text: string): Uint8Array | null {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code <= 0xff) bytes[i] = code;
    else {
      const byte = WINDOWS_1252_BYTE.get(text[i]!);
      if (byte === undefined) return null;
      bytes[i] = byte;
    }
  }
  return bytes;
}

/** Undoes double-encoded UTF-8 and Windows-1252-as-Unicode damage where the text proves it. */
export function repairMojibake(text: string): string {
  if (!MAYBE_DAMAGED.test(text)) return text;
  const hasC1 = C1.test(text);
  if (!hasC1 && !MOJIBAKE_SEQUENCE.test(text)) return text;
  const bytes = windows1252Bytes(text);
  if (bytes) {
    try {
      return utf8.decode(bytes);
    } catch {
      // not all of it is UTF-8 underneath: repair sequence by sequence below
    }
  }
  const repaired = text.replace(MOJIBAKE_SEQUENCES, (sequence) => {
    const sequenceBytes = windows1252Bytes(sequence);
    if (!sequenceBytes) return sequence;
    try {
      return utf8.decode(sequenceBytes);
    } catch {
      return sequence;
    }
  });
  return hasC1 ? repaired.replace(C1_ALL, (char) => WINDOWS_1252_C1[char.charCodeAt(0)] ?? '') : repaired;
}
