import { expect, test } from 'vitest';
import { charsetFromContentType, declaredEncoding, decodeFeedBytes } from './decode-bytes.ts';

const ascii = (text: string) => Uint8Array.from(text, (char) => char.charCodeAt(0));
const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
};
const title = (text: string) => /<title>(.*)<\/title>/.exec(text)?.[1];

test('windows-1252 declared in the XML declaration', () => {
  const bytes = concat(ascii('<?xml version="1.0" encoding="windows-1252"?><rss><title>'), Uint8Array.of(0x80, 0x93, 0x94), ascii('</title></rss>'));
  expect(title(decodeFeedBytes(bytes).text)).toBe('€“”');
});

test('ISO-8859-2 and ISO-8859-7 declared in the XML declaration', () => {
  const polish = concat(ascii('<?xml version="1.0" encoding="ISO-8859-2"?><t><title>'), Uint8Array.of(0xb1, 0xea), ascii('</title></t>'));
  expect(title(decodeFeedBytes(polish).text)).toBe('ąę');
  const greek = concat(ascii("<?xml version='1.0' encoding='iso-8859-7'?><t><title>"), Uint8Array.of(0xe1, 0xe2), ascii('</title></t>'));
  expect(title(decodeFeedBytes(greek).text)).toBe('αβ');
});

test('UTF-16 with a byte order mark, both byte orders', () => {
  const text = '<?xml version="1.0" encoding="utf-16"?><rss><title>Ünïcødé ✓</title></rss>';
  const little = concat(Uint8Array.of(0xff, 0xfe), new Uint8Array(Buffer.from(text, 'utf16le')));
  const big = concat(Uint8Array.of(0xfe, 0xff), new Uint8Array(Buffer.from(text, 'utf16le').swap16()));
  expect(decodeFeedBytes(little)).toEqual({ text, encoding: 'utf-16le' });
  expect(decodeFeedBytes(big).text).toBe(text);
});

test('UTF-16 without a byte order mark is recognised from "<?xml"', () => {
  const text = '<?xml version="1.0" encoding="UTF-16"?><rss><title>日本</title></rss>';
  expect(decodeFeedBytes(new Uint8Array(Buffer.from(text, 'utf16le'))).text).toBe(text);
});

test('UTF-16 or UTF-32, of either byte order, named over bytes that are not wide is a mislabel: the bytes are read as they are', () => {
  const text = '<?xml version="1.0"?><rss><title>Régulation</title></rss>';
  const utf8 = new TextEncoder().encode(text);
  for (const charset of ['utf-16', 'UTF-16LE', 'utf-16be', 'utf-32', 'ucs-2']) {
    expect(decodeFeedBytes(utf8, `application/rss+xml; charset=${charset}`), charset).toEqual({ text, encoding: 'utf-8' });
  }
  const declared = new TextEncoder().encode('<?xml version="1.0" encoding="UTF-32"?><rss><title>Régulation</title></rss>');
  expect(decodeFeedBytes(declared).encoding).toBe('utf-8');
  // wide bytes keep the byte order they show, whatever a header says
  const little = '<?xml version="1.0" encoding="utf-16"?><rss><title>日本</title></rss>';
  for (const charset of ['utf-16be', 'utf-8', 'iso-8859-1']) {
    expect(decodeFeedBytes(new Uint8Array(Buffer.from(little, 'utf16le')), `text/xml; charset=${charset}`), charset).toEqual({ text: little, encoding: 'utf-16le' });
  }
});

test('a UTF-8 byte order mark wins over a contrary declaration and is dropped', () => {
  const bytes = concat(Uint8Array.of(0xef, 0xbb, 0xbf), new TextEncoder().encode('<?xml version="1.0" encoding="iso-8859-1"?><a><title>é</title></a>'));
  const decoded = decodeFeedBytes(bytes);
  expect(decoded.encoding).toBe('utf-8');
  expect(decoded.text.startsWith('<?xml')).toBe(true);
  expect(title(decoded.text)).toBe('é');
});

test('the HTTP charset overrides the XML declaration', () => {
  const bytes = concat(ascii('<?xml version="1.0" encoding="utf-8"?><rss><title>'), Uint8Array.of(0xa3, 0x93, 0x94), ascii('</title></rss>'));
  expect(title(decodeFeedBytes(bytes, 'text/xml; charset=windows-1252').text)).toBe('£“”');
  expect(title(decodeFeedBytes(bytes, 'application/rss+xml; charset="ISO-8859-1"').text)).toBe('£“”');
});

test('a Western single-byte label over valid UTF-8 is read as UTF-8', () => {
  const bytes = new TextEncoder().encode('<?xml version="1.0" encoding="ISO-8859-1"?><rss><title>Müller – Straße</title></rss>');
  expect(title(decodeFeedBytes(bytes).text)).toBe('Müller – Straße');
  expect(title(decodeFeedBytes(bytes, 'text/xml; charset=iso-8859-1').text)).toBe('Müller – Straße');
});

test('undeclared Latin-1, and stray Latin-1 bytes in UTF-8, are read as Windows-1252', () => {
  const latin1 = concat(ascii('<rss><title>Not'), Uint8Array.of(0xed, 0x63, 0x69, 0x61), ascii('</title></rss>'));
  expect(title(decodeFeedBytes(latin1).text)).toBe('Notícia');
  const mixed = concat(new TextEncoder().encode('<rss><title>café '), Uint8Array.of(0xe9), ascii('</title></rss>'));
  expect(title(decodeFeedBytes(mixed).text)).toBe('café é');
});

test('legacy code pages beyond WHATWG: IBM 437 and EBCDIC', () => {
  const dos = concat(ascii('<?xml version="1.0" encoding="ibm437"?><a><title>'), Uint8Array.of(0x80), ascii('</title></a>'));
  expect(title(decodeFeedBytes(dos).text)).toBe('Ç');
  const ebcdic = Uint8Array.from(Buffer.from('<?xml version="1.0" encoding="cp037"?><a><title>Ø</title></a>', 'latin1'), (byte) => byte);
  // encode to cp037 with the inverse of the decoder's own table
  const decodedTable = decodeFeedBytes(Uint8Array.from({ length: 256 }, (_, i) => i), 'text/xml; charset=cp037').text;
  const encoded = Uint8Array.from(String.fromCharCode(...ebcdic), (char) => decodedTable.indexOf(char));
  expect(title(decodeFeedBytes(encoded).text)).toBe('Ø');
});

test('charset and declaration readers', () => {
  expect(charsetFromContentType('text/xml; Charset = "UTF-8" ; q=1')).toBe('utf-8');
  expect(charsetFromContentType('text/xml')).toBeNull();
  expect(charsetFromContentType(null)).toBeNull();
  expect(declaredEncoding("\n <?xml version='1.0' encoding='KOI8-R'?>")).toBe('koi8-r');
  expect(declaredEncoding('<rss encoding="x">')).toBeNull();
});
