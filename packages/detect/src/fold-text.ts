/**
 * Length-preserving text folding: lower case, accents stripped, typographic quotes and
 * dashes unified. Unlike core's `foldText`, every UTF-16 unit maps to exactly one unit,
 * so offsets found in the folded text are offsets in the original text (mentions are
 * highlighted on the original).
 */
const TABLE = buildTable();

function buildTable(): Uint16Array {
  const table = new Uint16Array(0x10000);
  for (let code = 0; code < 0x10000; code++) table[code] = code;
  // Scripts past U+3000 carry no names this detector knows; they stay as they are.
  for (let code = 0; code < 0x3000; code++) {
    const ch = String.fromCharCode(code);
    let folded = ch.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
    if (code === 0xdf) folded = 's'; // ß
    if (code === 0xe6 || code === 0xc6) folded = 'a'; // æ, Æ
    if (code === 0xf8 || code === 0xd8) folded = 'o'; // ø
    if (code === 0x131) folded = 'i'; // dotless i
    if (folded.length === 1) table[code] = folded.charCodeAt(0);
    else if (ch.toLowerCase().length === 1) table[code] = ch.toLowerCase().charCodeAt(0);
  }
  for (const code of [0x2018, 0x2019, 0x201b, 0x2032, 0xb4, 0x60]) table[code] = 0x27; // '
  for (const code of [0x201c, 0x201d, 0x201e, 0xab, 0xbb]) table[code] = 0x22; // "
  for (const code of [0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2212]) table[code] = 0x2d; // -
  for (const code of [0xa0, 0x2002, 0x2003, 0x2009, 0x202f]) table[code] = 0x20;
  return table;
}

/** Units that fold to something else than their native lower case: all but ASCII without the backtick. */
const BEYOND_ASCII = /[^\x00-\x5f\x61-\x7f]/g;

/**
 * Folds `text` unit by unit; the result has the same length as the input. The engine's own
 * lower-casing does the ASCII part (most of any text), the table the rest.
 */
export function foldForMatching(text: string): string {
  const lower = text.toLowerCase();
  // a few letters lower-case to two units ("İ"): then the table alone keeps the length
  if (lower.length !== text.length) return foldByTable(text);
  return lower.replace(BEYOND_ASCII, (_unit: string, offset: number) => String.fromCharCode(TABLE[text.charCodeAt(offset)]!));
}

/** Folds `text` through the table only. */
export function foldByTable(text: string): string {
  let out = '';
  // Folded in chunks through one reused buffer: no per-character allocation.
  for (let from = 0; from < text.length; from += CHUNK) {
    const to = Math.min(text.length, from + CHUNK);
    for (let i = from; i < to; i++) BUFFER[i - from] = TABLE[text.charCodeAt(i)]!;
    out += String.fromCharCode.apply(null, BUFFER.subarray(0, to - from) as unknown as number[]);
  }
  return out;
}

const CHUNK = 4096;
const BUFFER = new Uint16Array(CHUNK);

const WORD = buildWordTable();

function buildWordTable(): Uint8Array {
  const table = new Uint8Array(0x10000);
  const letter = /[\p{L}\p{N}]/u;
  for (let code = 0; code < 0x10000; code++) {
    if (code >= 0xd800 && code <= 0xdfff) continue;
    if (letter.test(String.fromCharCode(code))) table[code] = 1;
  }
  return table;
}

/** True when the UTF-16 unit is part of a word (a letter or a digit). */
export function isWordUnit(code: number): boolean {
  return WORD[code] === 1;
}
