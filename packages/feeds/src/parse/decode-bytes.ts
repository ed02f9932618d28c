import iconv from 'iconv-lite';
import ebcdicCodePages from './ebcdic-code-pages.json' with { type: 'json' };

// Bytes become text before any parser sees them, so every later stage works on one
// JavaScript string whatever the publisher's encoding. The order of evidence follows
// the XML and HTTP specifications as feed readers apply them: a byte order mark wins,
// then the HTTP charset, then the XML declaration, then UTF-8; text that is not valid
// in the chosen single-byte Western encoding's rival, UTF-8, is read as Windows-1252.

export interface DecodedFeed {
  text: string;
  /** The encoding the bytes were read as (a WHATWG, iconv-lite or EBCDIC name). */
  encoding: string;
}

const EBCDIC = ebcdicCodePages as Record<string, string>;
const EBCDIC_ALIASES: Record<string, string> = {
  cp037: 'cp037', ibm037: 'cp037', 'ebcdic-cp-us': 'cp037', 'ebcdic-cp-ca': 'cp037', 'ebcdic-cp-nl': 'cp037',
  cp500: 'cp500', ibm500: 'cp500', 'ebcdic-cp-be': 'cp500', 'ebcdic-cp-ch': 'cp500',
  cp1140: 'cp1140', ibm1140: 'cp1140', cp875: 'cp875', ibm875: 'cp875',
};
// Names iconv-lite knows under another spelling.
const ICONV_ALIASES: Record<string, string> = {
  maccentraleurope: 'maccenteuro', 'x-mac-centraleurroman': 'maccenteuro', 'mac-centraleurope': 'maccenteuro',
  'x-mac-ce': 'maccenteuro', 'mac-cyrillic': 'maccyrillic', 'x-mac-turkish': 'macturkish',
};
// Declarations that name a single-byte Western encoding; publishers often declare one
// of these for documents that are really UTF-8.
const WESTERN = new Set(['iso-8859-1', 'iso8859-1', 'latin1', 'latin-1', 'l1', 'us-ascii', 'ascii', 'windows-1252', 'cp1252', 'iso-8859-15', 'iso8859-15']);

const utf8Strict = new TextDecoder('utf-8', { fatal: true });
/** Labels of UTF-16 and UTF-32, whatever their byte order. */
const WIDE = /^(?:utf-?(?:16|32)|ucs-?[24])(?:-?[lb]e)?$/;

/** The charset parameter of an HTTP Content-Type, lower-cased, or null. */
export function charsetFromContentType(contentType: string | null | undefined): string | null {
  if (!contentType) return null;
  const match = /;\s*charset\s*=\s*(?:"([^"]*)"|'([^']*)'|([^;\s]+))/i.exec(contentType);
  const charset = (match?.[1] ?? match?.[2] ?? match?.[3])?.trim().toLowerCase();
  return charset || null;
}

/** The encoding named in an XML declaration at the start of the text, lower-cased, or null. */
export function declaredEncoding(head: string): string | null {
  const match = /^\s*<\?xml\b[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:+-]+)["']/.exec(head);
  return match?.[1]?.toLowerCase() ?? null;
}

type Sniffed = { encoding: string; skip: number; fromBom: boolean };

/** Byte order marks, and the first bytes of "<?xml" in UTF-16/32 and EBCDIC. */
function sniff(bytes: Uint8Array): Sniffed | null {
  const [b0, b1, b2, b3] = bytes;
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return { encoding: 'utf-8', skip: 3, fromBom: true };
  if (b0 === 0x00 && b1 === 0x00 && b2 === 0xfe && b3 === 0xff) return { encoding: 'utf-32be', skip: 4, fromBom: true };
  if (b0 === 0xff && b1 === 0xfe && b2 === 0x00 && b3 === 0x00) return { encoding: 'utf-32le', skip: 4, fromBom: true };
  if (b0 === 0xfe && b1 === 0xff) return { encoding: 'utf-16be', skip: 2, fromBom: true };
  if (b0 === 0xff && b1 === 0xfe) return { encoding: 'utf-16le', skip: 2, fromBom: true };
  if (b0 === 0x00 && b1 === 0x00 && b2 === 0x00 && b3 === 0x3c) return { encoding: 'utf-32be', skip: 0, fromBom: false };
  if (b0 === 0x3c && b1 === 0x00 && b2 === 0x00 && b3 === 0x00) return { encoding: 'utf-32le', skip: 0, fromBom: false };
  if (b0 === 0x00 && b1 === 0x3c) return { encoding: 'utf-16be', skip: 0, fromBom: false };
  if (b0 === 0x3c && b1 === 0x00) return { encoding: 'utf-16le', skip: 0, fromBom: false };
  if (b0 === 0x4c && b1 === 0x6f && b2 === 0xa7 && b3 === 0x94) return { encoding: 'cp037', skip: 0, fromBom: false };
  return null;
}

function decodeUtf32(bytes: Uint8Array, littleEndian: boolean): string {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let text = '';
  for (let i = 0; i + 3 < bytes.length; i += 4) {
    const code = view.getUint32(i, littleEndian);
    text += code <= 0x10ffff ? String.fromCodePoint(code) : '\ufffd';
  }
  return text;
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Decodes with the named encoding, or returns null when no decoder knows the name. */
function decodeAs(bytes: Uint8Array, label: string): { text: string; encoding: string } | null {
  const name = label.toLowerCase();
  if (name === 'utf-32be' || name === 'utf-32le' || name === 'utf-32' || name === 'ucs-4') {
    return { text: decodeUtf32(bytes, name === 'utf-32le'), encoding: name };
  }
  const ebcdic = EBCDIC_ALIASES[name];
  if (ebcdic) {
    const table = EBCDIC[ebcdic]!;
    let text = '';
    for (const byte of bytes) text += table[byte];
    return { text, encoding: ebcdic };
  }
  try {
    const decoder = new TextDecoder(name);
    // Node's TextDecoder reads "windows-1252" (and so "iso-8859-1", "us-ascii") as
    // Latin-1, losing €, curly quotes and dashes; iconv-lite has the real table.
    if (decoder.encoding === 'windows-1252') return { text: iconv.decode(asBuffer(bytes), 'windows-1252'), encoding: 'windows-1252' };
    return { text: decoder.decode(bytes), encoding: decoder.encoding };
  } catch {
    // not a WHATWG label: try iconv-lite's larger set of legacy code pages
  }
  const iconvName = ICONV_ALIASES[name] ?? name;
  if (iconv.encodingExists(iconvName)) return { text: iconv.decode(asBuffer(bytes), iconvName), encoding: iconvName };
  return null;
}

/**
 * Reads UTF-8 where it is valid and each invalid byte as Windows-1252: the best reading
 * of documents that mix the two, or that are Latin-1 without saying so.
 */
function decodeUtf8OrWindows1252(bytes: Uint8Array): string {
  let text = '';
  let start = 0;
  let i = 0;
  while (i < bytes.length) {
    const byte = bytes[i]!;
    if (byte < 0x80) { i++; continue; }
    const length = byte >= 0xf0 && byte <= 0xf4 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc2 && byte <= 0xdf ? 2 : 0;
    let valid = length > 0 && i + length <= bytes.length;
    for (let k = 1; valid && k < length; k++) valid = (bytes[i + k]! & 0xc0) === 0x80;
    if (valid) {
      try {
        utf8Strict.decode(bytes.subarray(i, i + length));
        i += length;
        continue;
      } catch {
        // overlong or surrogate: treat as a stray byte
      }
    }
    text += utf8Strict.decode(bytes.subarray(start, i)) + iconv.decode(asBuffer(bytes.subarray(i, i + 1)), 'windows-1252');
    i++;
    start = i;
  }
  return text + utf8Strict.decode(bytes.subarray(start));
}

function decodeUtf8(bytes: Uint8Array): { text: string; valid: boolean } {
  try {
    return { text: utf8Strict.decode(bytes), valid: true };
  } catch {
    return { text: decodeUtf8OrWindows1252(bytes), valid: false };
  }
}

function hasNonAscii(bytes: Uint8Array): boolean {
  for (const byte of bytes) if (byte >= 0x80) return true;
  return false;
}

/**
 * Decodes feed bytes to text, choosing the encoding from the BOM, the HTTP Content-Type
 * charset and the XML declaration.
 * @example decodeFeedBytes(bytes, 'application/rss+xml; charset=windows-1252').text
 */
export function decodeFeedBytes(input: Uint8Array, contentType?: string | null): DecodedFeed {
  const sniffed = sniff(input);
  const bytes = sniffed ? input.subarray(sniffed.skip) : input;
  if (sniffed?.fromBom) {
    return sniffed.encoding === 'utf-8'
      ? { text: decodeUtf8(bytes).text, encoding: 'utf-8' }
      : { ...decodeAs(bytes, sniffed.encoding)!, encoding: sniffed.encoding };
  }
  // Read the declaration in the sniffed family (UTF-16, EBCDIC) or as ASCII.
  const headBytes = bytes.subarray(0, 512);
  const head = sniffed ? (decodeAs(headBytes, sniffed.encoding)?.text ?? '') : new TextDecoder('latin1').decode(headBytes);
  const declared = declaredEncoding(head);
  const fromHttp = charsetFromContentType(contentType);
  const candidates: string[] = [];
  // "<" beside NULs can only be UTF-16 or UTF-32, whatever a header says
  if (fromHttp && !(sniffed && WIDE.test(sniffed.encoding))) candidates.push(fromHttp);
  if (sniffed) {
    // a UTF-16 document may declare just "utf-16"; the sniffed byte order says which
    if (declared && !declared.startsWith('utf-16') && !declared.startsWith('utf-32') && sniffed.encoding === 'cp037') candidates.push(declared);
    candidates.push(sniffed.encoding);
  } else if (declared) {
    candidates.push(declared);
  }
  for (const candidate of candidates) {
    if (candidate === 'utf-8' || candidate === 'utf8') break;
    if (WESTERN.has(candidate) && hasNonAscii(bytes)) {
      // a declared Western single-byte encoding over bytes that are valid UTF-8 is a mislabel
      const asUtf8 = decodeUtf8(bytes);
      if (asUtf8.valid) return { text: asUtf8.text, encoding: 'utf-8' };
    }
    // a wide encoding shows in the bytes ("<" beside NULs, sniffed above, in the byte order
    // they show): named by a header or declaration over bytes that are not wide, it is wrong
    if (WIDE.test(candidate) && candidate !== sniffed?.encoding) continue;
    const decoded = decodeAs(bytes, candidate);
    if (decoded) return decoded;
  }
  return { text: decodeUtf8(bytes).text, encoding: 'utf-8' };
}
