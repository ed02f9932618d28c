import type { Mention } from '@radar/core';
import { expect, test } from 'vitest';
import { groupMentions, highlightSegments } from './mention-highlight.ts';

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

test('mentions group by tag, each phrase and rule once, countries before companies and topics', () => {
  const at = (kind: Mention['kind'], id: string, text: string, start: number, rule: string, field: Mention['field'] = 'summary'): Mention => ({
    kind,
    id,
    field,
    start,
    end: start + text.length,
    text,
    rule,
  });
  const groups = groupMentions([
    at('topic', 'privacy-data-protection', 'data protection', 30, 'topic-lexicon'),
    at('company', 'google', 'Google', 20, 'company-name', 'title'),
    at('country', 'FR', 'French', 4, 'demonym'),
    at('country', 'FR', 'CNIL', 9, 'government-body', 'title'),
    at('country', 'FR', 'cnil', 50, 'government-body'),
  ]);
  expect(groups).toEqual([
    { kind: 'country', id: 'FR', phrases: ['CNIL', 'French'], rules: ['government-body', 'demonym'] },
    { kind: 'company', id: 'google', phrases: ['Google'], rules: ['company-name'] },
    { kind: 'topic', id: 'privacy-data-protection', phrases: ['data protection'], rules: ['topic-lexicon'] },
  ]);
});
