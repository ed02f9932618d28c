import { afterEach, expect, test, vi } from 'vitest';
import { EMPTY_FILTER } from '@radar/core';
import { feedAdmin, fetchFacets } from './api-client.ts';

const facets = (total: number) => ({ total, countries: [{ id: 'BR', count: total }], companies: [], topics: [], folders: [] });

/** A fetch whose answers the test releases one by one, in order. */
function heldFetch() {
  const calls: { url: string; init: RequestInit | undefined; answer: (status: number, body: unknown) => void }[] = [];
  const fetch = vi.fn(
    (url: string, init?: RequestInit) =>
      new Promise<Response>((resolve) => calls.push({ url, init, answer: (status, body) => resolve(new Response(JSON.stringify(body), { status })) })),
  );
  vi.stubGlobal('fetch', fetch);
  return calls;
}

afterEach(() => vi.unstubAllGlobals());

test('the same read asked twice while the first is awaited is asked once; asked again after, it is asked again', async () => {
  const calls = heldFetch();
  const first = fetchFacets(EMPTY_FILTER);
  const second = fetchFacets(EMPTY_FILTER);
  const otherView = fetchFacets({ ...EMPTY_FILTER, countries: ['BR'] });
  expect(calls.map((call) => call.url)).toEqual(['/api/facets', '/api/facets?country=BR']);
  calls[0]!.answer(200, facets(3));
  calls[1]!.answer(200, facets(1));
  expect(await first).toEqual(facets(3));
  expect(await second).toEqual(facets(3));
  expect(await otherView).toEqual(facets(1));

  const later = fetchFacets(EMPTY_FILTER);
  expect(calls).toHaveLength(3);
  calls[2]!.answer(200, facets(4));
  expect((await later).total).toBe(4);
});

test('a read that failed is not kept: the next asks again', async () => {
  const calls = heldFetch();
  const failed = fetchFacets(EMPTY_FILTER);
  const sharing = fetchFacets(EMPTY_FILTER);
  calls[0]!.answer(503, { error: 'The database is not answering.' });
  await expect(failed).rejects.toThrow('The database is not answering.');
  await expect(sharing).rejects.toThrow('The database is not answering.');
  const next = fetchFacets(EMPTY_FILTER);
  expect(calls).toHaveLength(2);
  calls[1]!.answer(200, facets(2));
  expect((await next).total).toBe(2);
});

test('writes are never shared: two refreshes of a feed are two requests', async () => {
  const calls = heldFetch();
  const one = feedAdmin.refresh('feed-1', 'token');
  const two = feedAdmin.refresh('feed-1', 'token');
  expect(calls.map((call) => call.init?.method)).toEqual(['POST', 'POST']);
  for (const call of calls) call.answer(200, {});
  await Promise.all([one, two]);
});
