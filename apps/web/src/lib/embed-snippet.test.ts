import { expect, test } from 'vitest';
import { StoryFilterSchema } from '@radar/core';
import { embedUrl, feedUrls, iframeSnippet, scriptSnippet, type EmbedChoice } from './embed-snippet.ts';

const choice = (change: Partial<EmbedChoice> = {}): EmbedChoice => ({
  filter: StoryFilterSchema.parse({ countries: ['FR', 'DE'], companies: ['meta'] }),
  theme: 'auto',
  compact: false,
  limit: 8,
  token: 'rw_abc',
  ...change,
});

test('the script snippet carries the filter, the look and the token', () => {
  expect(scriptSnippet('https://radar.example', choice({ compact: true, theme: 'dark' }))).toBe(
    '<script src="https://radar.example/widget.js" async></script>\n' +
      '<radar-stream countries="DE,FR" companies="meta" limit="8" theme="dark" compact token="rw_abc"></radar-stream>',
  );
  expect(scriptSnippet('https://radar.example', choice({ token: null }))).toContain('token="YOUR-WIDGET-TOKEN"');
});

test('keywords are quoted safely inside the attribute', () => {
  const filter = StoryFilterSchema.parse({ q: '"age verification" <b>' });
  expect(scriptSnippet('https://radar.example', choice({ filter }))).toContain('q="&quot;age verification&quot; &lt;b>"');
});

test('the iframe and feeds use the same query parameters as the API', () => {
  expect(embedUrl('https://radar.example', choice())).toBe(
    'https://radar.example/embed/stream?country=DE%2CFR&company=meta&limit=8&theme=auto&token=rw_abc',
  );
  expect(iframeSnippet('https://radar.example', choice({ compact: true, limit: 5 }))).toMatch(/src="[^"]*&amp;compact=1&amp;token=rw_abc" [^>]*height="380"/);
  expect(feedUrls('https://radar.example', choice().filter).atom).toBe('https://radar.example/api/stories.atom?country=DE%2CFR&company=meta');
  expect(feedUrls('https://radar.example', StoryFilterSchema.parse({})).json).toBe('https://radar.example/api/stories.json');
});

test("a folder goes into the widget's folder attribute and the iframe's and feeds' folder parameter", () => {
  const filter = StoryFilterSchema.parse({ folders: ['Courts, "tribunals"'] });
  expect(scriptSnippet('https://radar.example', choice({ filter }))).toContain('<radar-stream folder="Courts, &quot;tribunals&quot;" limit="8"');
  expect(embedUrl('https://radar.example', choice({ filter }))).toContain('/embed/stream?folder=Courts%2C+%22tribunals%22&limit=8');
  expect(feedUrls('https://radar.example', filter).rss).toBe('https://radar.example/api/stories.rss?folder=Courts%2C+%22tribunals%22');
});
