import { expect, test } from 'vitest';
import { articleHref, displayHost } from './safe-link.ts';

test('only http and https URLs become links', () => {
  expect(articleHref('https://example.org/a?b=1')).toBe('https://example.org/a?b=1');
  expect(articleHref(' http://example.org ')).toBe('http://example.org/');
  expect(articleHref('javascript:alert(1)')).toBeNull();
  expect(articleHref('JaVaScRiPt:alert(1)')).toBeNull();
  expect(articleHref('data:text/html,<script>alert(1)</script>')).toBeNull();
  expect(articleHref('/relative/path')).toBeNull();
  expect(articleHref('')).toBeNull();
});

test('hosts are shown without www', () => {
  expect(displayHost('https://www.lemonde.fr/x')).toBe('lemonde.fr');
  expect(displayHost('not a url')).toBe('');
});
