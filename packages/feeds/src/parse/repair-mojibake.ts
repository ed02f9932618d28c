// C1 control characters (U+0080..U+009F) never belong in feed text. When they appear,
// the publisher either decoded UTF-8 bytes as Latin-1 and re-encoded the result
// ("â\u0080¦" for "…"), or wrote Windows-1252 code points as if they were Unicode
// ("don\u0092t"). Both are repaired; text without C1 characters is returned untouched.

const C1 = /[\u0080-\u009f]/;

// Windows-1252's printable characters in the 0x80..0x9F range.
const WINDOWS_1252_C1: Record<number, string> = {
  0x80: '€', 0x82: '‚', 0x83: 'ƒ', 0x84: '„', 0x85: '…', 0x86: '†', 0x87: '‡', 0x88: 'ˆ', 0x89: '‰',
  0x8a: 'Š', 0x8b: '‹', 0x8c: 'Œ', 0x8e: 'Ž', 0x91: '‘', 0x92: '’', 0x93: '“', 0x94: '”', 0x95: '•',
  0x96: '–', 0x97: '—', 0x98: '˜', 0x99: '™', 0x9a: 'š', 0x9b: '›', 0x9c: 'œ', 0x9e: 'ž', 0x9f: 'Ÿ',
};

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Undoes UTF-8-read-as-Latin-1 and Windows-1252-as-Unicode damage, only where C1 controls prove it. */
export function repairMojibake(text: string): string {
  if (!C1.test(text)) return text;
  if (!/[^\u0000-\u00ff]/.test(text)) {
    const bytes = Uint8Array.from(text, (char) => char.charCodeAt(0));
    try {
      return utf8.decode(bytes);
    } catch {
      // not UTF-8 underneath: fall through to the Windows-1252 reading
    }
  }
  return text.replace(/[\u0080-\u009f]/g, (char) => WINDOWS_1252_C1[char.charCodeAt(0)] ?? '');
}
