import type { Mention } from '@radar/core';
import { expect, test } from 'vitest';
import { highlightSegments } from './mention-highlight.ts';

const mention = (start: number, end: number, id = 'FR'): Mention => ({
  kind: 'country',
  id,
  field: 'title',
  start,
  end,
  text: '',
  rule: 'name',
});

test('mentions cut the text into plain and highlighted runs that join back to the text', () => {
  const text = 'France fines Meta over ads';
  const segments = highlightSegments(text, [mention(13, 17, 'meta'), mention(0, 6)]);
  expect(segments.map((s) => [s.text, s.mention?.id ?? null])).toEqual([
    ['France', 'FR'],
    [' fines ', null],
    ['Meta', 'meta'],
    [' over ads', null],
  ]);
  expect(segments.map((s) => s.text).join('')).toBe(text);
});

test('overlapping or out-of-range mentions never break the text', () => {
  const text = 'European Commission';
  const segments = highlightSegments(text, [mention(0, 19, 'EU'), mention(0, 8, 'EU'), mention(5, 40)]);
  expect(segments.map((s) => s.text).join('')).toBe(text);
  expect(segments).toHaveLength(1);
  expect(highlightSegments('', [])).toEqual([{ text: '', mention: null }]);
});
