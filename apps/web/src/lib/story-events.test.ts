import type { Story } from '@radar/core';
import { expect, test } from 'vitest';
import { describeOtherOutlets, eventKey, StoryEvents } from './story-events.ts';

function report(id: string, clusterId: string | null, feedId: string, title: string): Story {
  return {
    id,
    url: `https://news.example/${id}`,
    title: 'Regulator opens inquiry',
    summary: '',
    source: { feedId, title },
    publishedAt: '2026-11-30T10:00:00Z',
    ingestedAt: '2026-11-30T10:00:01Z',
    lang: 'en',
    countries: [],
    companies: [],
    topics: [],
    relevant: true,
    score: 0.9,
    clusterId,
  };
}

test("a story's event is its cluster, or the story alone when unclustered", () => {
  expect(eventKey(report('a', 'c1', 'f1', 'Wire'))).toBe('c1');
  expect(eventKey(report('b', null, 'f1', 'Wire'))).toBe('b');
});

test('outlets are counted once per feed, a deleted feed by its name, and the API count only when larger', () => {
  const events = new StoryEvents();
  const row = report('a', 'c1', 'f1', 'Local Wire');
  expect(events.outlets(row)).toEqual({ count: 1, others: [], unnamed: 0 });
  expect(events.addReport(row, false)).toBe(true);
  expect(events.addReport(report('b', 'c1', 'f1', 'Local Wire'), false)).toBe(false);
  expect(events.addReport(report('c', 'c1', '', 'Old Gazette'), false)).toBe(true);
  expect(events.addReport(report('d', 'c1', '', 'Old Gazette'), false)).toBe(false);
  expect(events.outlets(row)).toEqual({ count: 2, others: ['Old Gazette'], unnamed: 0 });
  expect(events.setReported('c1', 4)).toBe(true);
  expect(events.setReported('c1', 3)).toBe(false);
  expect(events.outlets(row)).toEqual({ count: 4, others: ['Old Gazette'], unnamed: 2 });
  // live, a new outlet raises the API's count; one already seen does not
  expect(events.addReport(report('e', 'c1', 'f9', 'Courier'), true)).toBe(true);
  expect(events.addReport(report('f', 'c1', 'f9', 'Courier'), true)).toBe(false);
  expect(events.outlets(row).count).toBe(5);
  events.clear();
  expect(events.get('c1')).toBeUndefined();
});

test('the other outlets read as a sentence', () => {
  expect(describeOtherOutlets({ count: 1, others: [], unnamed: 0 })).toBe('');
  expect(describeOtherOutlets({ count: 2, others: ['Local Wire'], unnamed: 0 })).toBe('Also reported by Local Wire');
  expect(describeOtherOutlets({ count: 4, others: ['Local Wire', 'Evening Gazette'], unnamed: 1 })).toBe(
    'Also reported by Local Wire, Evening Gazette and 1 more',
  );
  expect(describeOtherOutlets({ count: 3, others: [], unnamed: 2 })).toBe('Also reported by 2 more');
});
