import { expect, test } from 'vitest';
import { tokenizeQuery } from './tokenize-query.ts';

const types = (query: string) => tokenizeQuery(query, { lenient: true }).map((t) => t.type);

test('tokens carry their offsets', () => {
  expect(tokenizeQuery('meta -"stock price" country:"United Kingdom"')).toEqual([
    { type: 'word', text: 'meta', start: 0, end: 4 },
    { type: 'minus', start: 5, end: 6 },
    { type: 'phrase', text: 'stock price', start: 6, end: 19, closed: true },
    { type: 'field', name: 'country', value: 'United Kingdom', quoted: true, start: 20, end: 44, valueStart: 29 },
  ]);
});

test('only capital AND, OR, NOT are operators; a minus must touch its term', () => {
  expect(types('a AND b OR c NOT d and e')).toEqual(['word', 'and', 'word', 'or', 'word', 'not', 'word', 'word', 'word']);
  expect(types('-a - b -(c)')).toEqual(['minus', 'word', 'word', 'word', 'minus', 'open', 'word', 'close']);
  expect(types('e-commerce')).toEqual(['word']);
});

test('a word ends at a quote or parenthesis', () => {
  expect(types('a"b c"(d)')).toEqual(['word', 'phrase', 'open', 'word', 'close']);
});

test('an unclosed quote runs to the end when lenient', () => {
  expect(tokenizeQuery('"age verif', { lenient: true })).toEqual([{ type: 'phrase', text: 'age verif', start: 0, end: 10, closed: false }]);
  expect(() => tokenizeQuery('"age verif')).toThrow(/never closed/);
});
