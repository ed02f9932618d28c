import { expect, test } from 'vitest';
import fc from 'fast-check';
import { storyHost, storyHref } from './story-link.ts';

test('only http(s) links become clickable', () => {
  expect(storyHref('https://news.example/a?b=1')).toBe('https://news.example/a?b=1');
  expect(storyHref(' http://news.example ')).toBe('http://news.example/');
  for (const unsafe of ['javascript:alert(1)', ' JaVaScRiPt:alert(1)', 'java\tscript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:x', '/relative', '']) {
    expect(storyHref(unsafe)).toBeNull();
  }
});

test('whatever the string, a link that comes out is http(s)', () => {
  fc.assert(
    fc.property(fc.oneof(fc.string(), fc.webUrl(), fc.string().map((s) => `javascript:${s}`)), (url) => {
      const href = storyHref(url);
      expect(href === null || /^https?:\/\//.test(href)).toBe(true);
    }),
  );
});

test('the host shown for a source has no www', () => {
  expect(storyHost('https://www.news.example/x')).toBe('news.example');
  expect(storyHost('not a url')).toBe('');
});
