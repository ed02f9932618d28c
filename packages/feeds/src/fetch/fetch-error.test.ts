import { expect, test } from 'vitest';
import { dispositionOf, FetchError } from './fetch-error.ts';

test('transient failures are retried, refusals are given up, rate limits back off', () => {
  expect(dispositionOf('timeout')).toBe('retry');
  expect(dispositionOf('network')).toBe('retry');
  expect(dispositionOf('bad-response')).toBe('retry');
  expect(dispositionOf('http', 500)).toBe('retry');
  expect(dispositionOf('http', 429)).toBe('back-off');
  expect(dispositionOf('http', 503)).toBe('back-off');
  for (const kind of ['invalid-url', 'blocked-address', 'too-large', 'too-many-redirects', 'tls'] as const) {
    expect(dispositionOf(kind), kind).toBe('give-up');
  }
  expect(dispositionOf('http', 404)).toBe('give-up');
});

test('a FetchError keeps its classification and details', () => {
  const cause = new Error('socket hang up');
  const error = new FetchError('http', 'HTTP 429', 429, 60, { url: 'https://example.org/', cause });
  expect(error).toBeInstanceOf(Error);
  expect(error).toMatchObject({ name: 'FetchError', kind: 'http', status: 429, retryAfterSeconds: 60, disposition: 'back-off' });
  expect(error.url).toBe('https://example.org/');
  expect(error.cause).toBe(cause);
});
