import fc from 'fast-check';
import { expect, test, vi } from 'vitest';
import { cleanSrcset, isAlreadyClean, sanitizeContentHtml, sanitizeContentHtmlBatch, textAsHtml } from './sanitize-html.ts';

test('scripts, event handlers, styles and script URLs are removed', () => {
  const html = sanitizeContentHtml(
    '<p onclick="steal()">Hi <script>alert(1)</script><a href="javascript:alert(1)">x</a><img src="http://i/x.png" onerror="x()"><style>p{}</style><iframe src="http://evil/"></iframe></p>',
    null,
  );
  expect(html).toBe('<p>Hi <a>x</a><img src="http://i/x.png" /></p>');
});

test('relative links and images resolve against the base', () => {
  expect(sanitizeContentHtml('<a href="/relative/uri">click here</a> <img src="pic.png">', 'http://example.com/feed/')).toBe(
    '<a href="http://example.com/relative/uri">click here</a> <img src="http://example.com/feed/pic.png" />',
  );
});

test('text without markup is kept as it is, blank gives null', () => {
  expect(sanitizeContentHtml('Fish &amp; chips', null)).toBe('Fish &amp; chips');
  expect(sanitizeContentHtml('  ', null)).toBeNull();
  expect(textAsHtml('a < b & c')).toBe('a &lt; b &amp; c');
});

test('a batch keeps each fragment apart, even when one breaks out of its wrapper', () => {
  const base = 'http://example.com/';
  const results = sanitizeContentHtmlBatch([
    { html: '<p>one <a href="a">link</a>', base },
    null,
    { html: 'two <!-- never closed', base: null },
    { html: '<b>three</b><script>', base: null },
    { html: '<i>four</i>', base: 'http://other.example/dir/' },
  ]);
  expect(results).toEqual(['<p>one <a href="http://example.com/a">link</a></p>', null, 'two', '<b>three</b>', '<i>four</i>']);
});

test('isAlreadyClean accepts only allowed, balanced markup with absolute links', () => {
  expect(isAlreadyClean('<p>The <a href="https://example.com/x?a=1&amp;b=2">EU</a> said<br/>no.</p>')).toBe(true);
  expect(isAlreadyClean('<p>unclosed')).toBe(false);
  expect(isAlreadyClean('<p class="x">x</p>')).toBe(false);
  expect(isAlreadyClean('<a href="/relative">x</a>')).toBe(false);
  expect(isAlreadyClean('<a href="javascript:alert(1)">x</a>')).toBe(false);
  expect(isAlreadyClean('<img src=x onerror=alert(1)>')).toBe(false);
  expect(isAlreadyClean('a < b')).toBe(false);
  expect(isAlreadyClean('<!-- c --><b>x</b>')).toBe(false);
});

test('no fragment mix lets a script, handler or script URL through (property)', () => {
  const piece = fc.oneof(
    fc.string({ maxLength: 8 }),
    fc.constantFrom(
      '<script>', '</script>', '<img src=x onerror=alert(1)>', '<a href="javascript:alert(1)">', '<a href="http://ok/">', '</a>',
      '<svg onload=alert(1)>', '<p>', '</p>', '<!--', '-->', '"', "'", '<b', '>', '<iframe src="http://x/">', '<style>',
      '<a href="jav&#x09;ascript:alert(1)">', '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
    ),
  );
  fc.assert(
    fc.property(fc.array(fc.array(piece, { maxLength: 10 }), { minLength: 1, maxLength: 4 }), (fragments) => {
      const results = sanitizeContentHtmlBatch(fragments.map((parts) => ({ html: parts.join(''), base: 'http://example.com/' })));
      for (const html of results) {
        if (html === null) continue;
        expect(html).not.toMatch(/<(?:script|iframe|style|svg|math)\b/i);
        expect(html).not.toMatch(/<[^>]*\son[a-z]+\s*=/i);
        expect(html).not.toMatch(/href="\s*javascript:/i);
      }
    }),
  );
});

test('image sets resolve against the base and keep only http(s) images', () => {
  expect(
    sanitizeContentHtml('<img src="a.jpg" srcset="a.jpg 1x, /b.jpg 2x, https://cdn.example/w_300,h_200/c.jpg 3x">', 'https://example.org/news/'),
  ).toBe(
    '<img src="https://example.org/news/a.jpg" srcset="https://example.org/news/a.jpg 1x, https://example.org/b.jpg 2x, https://cdn.example/w_300,h_200/c.jpg 3x" />',
  );
  expect(cleanSrcset('javascript:alert(1) 1x, data:image/png;base64,AAAA 2x', 'https://example.org/')).toBeNull();
  expect(cleanSrcset('https://a.example/x.jpg 640w, javascript:alert(1) 2x', null)).toBe('https://a.example/x.jpg 640w');
});

test('a malformed image set is dropped quietly, the image kept', () => {
  const log = vi.spyOn(console, 'log').mockImplementation(() => {});
  try {
    const html = sanitizeContentHtml(
      '<img src="https://example.org/a.jpg" srcset="https://example.org/a.jpg 840w, https://example.org/b.jpg 3ОÅÆǰ">',
      null,
    );
    expect(html).toBe('<img src="https://example.org/a.jpg" />');
    expect(log).not.toHaveBeenCalled();
  } finally {
    log.mockRestore();
  }
});
