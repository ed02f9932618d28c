import { expect, test } from 'vitest';
import { FetchError } from './fetch-error.ts';
import { assertSuccessfulResponse, classifyResponse } from './response-classification.ts';

const url = 'https://example.org/feed.xml';
const response = (status: number, headers: Record<string, string> = {}) => ({ status, url, headers: new Headers(headers) });

test('2xx is ok and 304 is not modified', () => {
  expect(classifyResponse(response(200))).toEqual({ outcome: 'ok' });
  expect(classifyResponse(response(203))).toEqual({ outcome: 'ok' });
  expect(classifyResponse(response(304))).toEqual({ outcome: 'not-modified' });
});

test('4xx and 5xx are classified errors with their status', () => {
  const result = classifyResponse(response(404));
  expect(result.outcome).toBe('error');
  if (result.outcome !== 'error') return;
  expect(result.error).toBeInstanceOf(FetchError);
  expect(result.error).toMatchObject({ kind: 'http', status: 404, disposition: 'give-up', url });
  expect(result.error.message).toContain('resource not found');
});

test('a status is named in words, a feed blocked by law as such', () => {
  const named = (status: number) => {
    const result = classifyResponse(response(status));
    return result.outcome === 'error' ? result.error.message : result.outcome;
  };
  expect(named(406)).toBe(`not acceptable (HTTP 406) from ${url}`);
  expect(named(451)).toBe(`unavailable for legal reasons (HTTP 451) from ${url}`);
  expect(named(418)).toBe(`unexpected status code (HTTP 418) from ${url}`);
});

test('Retry-After is read on 429 and 503 only', () => {
  const now = Date.parse('2026-11-30T12:00:00Z');
  const rateLimited = classifyResponse(response(429, { 'retry-after': 'Mon, 30 Nov 2026 12:05:00 GMT' }), now);
  expect(rateLimited.outcome === 'error' && rateLimited.error.retryAfterSeconds).toBe(300);
  const unavailable = classifyResponse(response(503, { 'retry-after': '30' }), now);
  expect(unavailable.outcome === 'error' && unavailable.error.retryAfterSeconds).toBe(30);
  const broken = classifyResponse(response(500, { 'retry-after': '30' }), now);
  expect(broken.outcome === 'error' && broken.error.retryAfterSeconds).toBeUndefined();
});

test('an unfollowed redirect is an error', () => {
  const result = classifyResponse(response(300));
  expect(result.outcome).toBe('error');
});

test('assertSuccessfulResponse throws the classified error', () => {
  expect(() => assertSuccessfulResponse(response(204))).not.toThrow();
  expect(() => assertSuccessfulResponse(response(502))).toThrow(/bad gateway/);
});
