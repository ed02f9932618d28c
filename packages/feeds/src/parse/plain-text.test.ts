import fc from 'fast-check';
import { expect, test } from 'vitest';
import { htmlToPlainText, looksLikeHtml, plainText } from './plain-text.ts';

test('tags are removed, entities decoded, whitespace collapsed', () => {
  expect(htmlToPlainText('<p>AT&amp;T&nbsp;and <b>Meta</b></p>\n<p>agree &#8212; &eacute;</p>')).toBe('AT&T and Meta agree — é');
});

test('script and style contents never reach plain text', () => {
  expect(htmlToPlainText('Hello <script type="text/javascript">alert("x")</script>world<style>p{}</style>')).toBe('Hello world');
  expect(htmlToPlainText('Cut <SCRIPT>alert(1)')).toBe('Cut');
  expect(htmlToPlainText('<!-- hidden --><![CDATA[a < b]]>')).toBe('a < b');
});

test('a tag with broken quoting is still removed', () => {
  expect(htmlToPlainText('<a href=http://example.com/">example</a>')).toBe('example');
});

test('text that only looks like markup is kept', () => {
  expect(htmlToPlainText('x < y and y > z')).toBe('x < y and y > z');
  expect(htmlToPlainText('<!DOCTYPE')).toBe('<!DOCTYPE');
});

test('blank text is null', () => {
  expect(plainText('  \n ')).toBeNull();
  expect(htmlToPlainText('<p> </p>')).toBeNull();
  expect(htmlToPlainText(undefined)).toBeNull();
});

test('double-encoded UTF-8 is repaired in plain text', () => {
  expect(plainText('CataluÃ±a â€“ Ã©tÃ©')).toBe('Cataluña – été');
});

test('looksLikeHtml tells markup from prose', () => {
  expect(looksLikeHtml('<b>bold</b>')).toBe(true);
  expect(looksLikeHtml('Fish &amp; chips')).toBe(true);
  expect(looksLikeHtml('1 < 2')).toBe(false);
});

test('plain text from any markup holds no tag and no script body (property)', () => {
  const fragment = fc.oneof(
    fc.string(),
    fc.constantFrom('<b>', '</b>', '<p class="x">', '<br/>', '&amp;', '&lt;', '<a href="http://x/">', '</a>', '<!-- c -->'),
    fc.string().map((body) => `<script>${body.replace(/<\/script/gi, '')}SECRET</script>`),
    fc.string().map((body) => `<style>${body.replace(/<\/style/gi, '')}SECRET</style>`),
  );
  fc.assert(
    fc.property(fc.array(fragment, { maxLength: 12 }), (parts) => {
      const text = htmlToPlainText(parts.join(' ')) ?? '';
      expect(text).not.toMatch(/<\/?(?:b|p|br|a|script|style)\b[^>]*>/i);
      if (!parts.some((part) => !part.startsWith('<s') && part.includes('SECRET'))) expect(text).not.toContain('SECRET');
      expect(text).toBe(text.trim());
      expect(text).not.toMatch(/\s{2}/);
    }),
  );
});
