import { expect, test } from 'vitest';
import { apiOrigin, readWidgetOptions, storiesQuery } from './widget-options.ts';

const attributes = (values: Record<string, string>) => ({
  getAttribute: (name: string) => values[name] ?? null,
  hasAttribute: (name: string) => name in values,
});

test('attributes read as the API filter: lists trimmed, normalised, deduplicated', () => {
  const options = readWidgetOptions(
    attributes({ countries: 'fr, DE,fr', companies: 'Meta,google', topics: '', q: ' fine ', limit: '5', theme: 'dark', compact: '', token: 'rw_x' }),
    'https://radar.example',
  );
  expect(options).toEqual({
    filter: { countries: ['DE', 'FR'], companies: ['google', 'meta'], topics: [], folders: [], feeds: [], ids: [], q: 'fine', relevantOnly: false },
    limit: 5,
    theme: 'dark',
    compact: true,
    token: 'rw_x',
    api: 'https://radar.example',
    heading: null,
  });
  expect(storiesQuery(options).toString()).toBe('country=DE%2CFR&company=google%2Cmeta&q=fine&limit=5&token=rw_x');
});

test("a widget shows one folder's stories, named whole by its folder attribute", () => {
  const options = readWidgetOptions(attributes({ folder: ' Courts, tribunals ' }), 'https://radar.example');
  expect(options.filter.folders).toEqual(['Courts, tribunals']);
  expect(storiesQuery(options).toString()).toBe('folder=Courts%2C+tribunals&limit=8');
});

test('missing or odd attributes fall back to calm defaults', () => {
  const options = readWidgetOptions(attributes({ limit: '9999', theme: 'neon', compact: 'false' }), 'https://radar.example');
  expect(options).toMatchObject({ limit: 50, theme: 'auto', compact: false, token: null });
  expect(readWidgetOptions(attributes({ limit: 'x' }), '').limit).toBe(8);
  expect(readWidgetOptions(attributes({ limit: '0' }), '').limit).toBe(1);
});

test('the server is the api attribute when it is an http(s) URL, else where widget.js came from', () => {
  expect(apiOrigin('https://radar.example/some/path', 'https://cdn.example')).toBe('https://radar.example');
  expect(apiOrigin('javascript:alert(1)', 'https://radar.example')).toBe('https://radar.example');
  expect(apiOrigin(null, 'http://127.0.0.1:8080')).toBe('http://127.0.0.1:8080');
});
