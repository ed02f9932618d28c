import fc from 'fast-check';
import { expect, test } from 'vitest';
import { COMPANIES, TOPICS } from '../taxonomy.ts';
import { normalizeQuery, type QueryNode } from './query-ast.ts';
import { matchesQuery, prepareStory, type QueryableStory } from './match-query.ts';
import { parseQuery } from './parse-query.ts';
import { printQuery } from './print-query.ts';
import { searchWords } from './search-words.ts';

test('printing writes the canonical form with parentheses only where needed', () => {
  const print = (query: string) => printQuery(parseQuery(query));
  expect(print('meta AND (eu OR "European Commission") NOT earnings')).toBe('meta eu OR "European Commission" -earnings');
  expect(print('(a b) OR c')).toBe('(a b) OR c');
  expect(print('-(a OR b) -(c d)')).toBe('-(a OR b) -(c d)');
  expect(print('country:uk company:instagram topic:privacy lang:FR source:"Local Wire"')).toBe(
    'country:GB company:meta topic:privacy-data-protection lang:fr source:"Local Wire"',
  );
  expect(print('"10:30" and')).toBe('"10:30" and');
  expect(print('"OR" "-x" "country:FR"')).toBe('"OR" "-x" "country:FR"');
  expect(print('')).toBe('');
});

// Words an analyst may type, with accents, hyphens, apostrophes, digits and look-alikes of syntax.
const wordText = fc.constantFrom(
  'meta', 'Élysée', 'age-verification', "Europe's", 'DSA', '5G', 'and', 'or', 'not', 'AND', 'OR', 'NOT',
  '10:30', 'e.g.', 'Ofcom', 'über', 'x', 'country:FR', 'ß', 'データ', 'Путин', '-minus', 'a|b',
);
const textTerm = fc
  .record({ text: wordText, phrase: fc.boolean() })
  .map(({ text, phrase }): QueryNode => ({ kind: 'text', text, words: searchWords(text), phrase }));
const fieldTerm = fc.oneof(
  fc.constantFrom('FR', 'GB', 'EU', 'AU', 'US').map((value): QueryNode => ({ kind: 'field', field: 'country', value })),
  fc.constantFrom(...COMPANIES.map((c) => c.id)).map((value): QueryNode => ({ kind: 'field', field: 'company', value })),
  fc.constantFrom(...TOPICS.map((t) => t.id)).map((value): QueryNode => ({ kind: 'field', field: 'topic', value })),
  fc.constantFrom('en', 'fr', 'pt-br').map((value): QueryNode => ({ kind: 'field', field: 'lang', value })),
  fc.constantFrom('Reuters', 'Local Wire', 'Süddeutsche Zeitung', 'feed-1').map((value): QueryNode => ({ kind: 'field', field: 'source', value })),
);
const query: fc.Arbitrary<QueryNode> = fc.letrec<{ node: QueryNode }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    textTerm,
    fieldTerm,
    tie('node').map((operand): QueryNode => ({ kind: 'not', operand })),
    fc.array(tie('node'), { minLength: 2, maxLength: 4 }).map((operands): QueryNode => ({ kind: 'and', operands })),
    fc.array(tie('node'), { minLength: 2, maxLength: 4 }).map((operands): QueryNode => ({ kind: 'or', operands })),
  ),
})).node;

const storyWords = fc.constantFrom('meta', 'elysee', 'age', 'verification', 'europe', 's', 'dsa', '5g', 'and', 'or', 'ofcom', 'uber', 'データ', 'путин', 'x', '10', '30');
const story: fc.Arbitrary<QueryableStory> = fc.record({
  title: fc.array(storyWords, { maxLength: 8 }).map((w) => w.join(' ')),
  summary: fc.array(storyWords, { maxLength: 8 }).map((w) => w.join('-')),
  countries: fc.subarray(['FR', 'GB', 'EU', 'AU', 'US']),
  companies: fc.subarray(['meta', 'google', 'x', 'tiktok']),
  topics: fc.subarray(['child-safety', 'ai-regulation', 'privacy-data-protection']),
  lang: fc.constantFrom(null, 'en', 'fr', 'pt-BR'),
  source: fc.record({ feedId: fc.constantFrom('feed-1', 'feed-2'), title: fc.constantFrom('Reuters', 'Local Wire', 'Süddeutsche Zeitung') }),
  url: fc.constant('https://news.example/a'),
});

test('parse → print → parse keeps the tree', () => {
  fc.assert(
    fc.property(query, (tree) => {
      expect(normalizeQuery(parseQuery(printQuery(tree)))).toEqual(normalizeQuery(tree));
    }),
    { numRuns: 500 },
  );
});

test('parse → print → parse keeps which stories match', () => {
  fc.assert(
    fc.property(query, fc.array(story, { minLength: 1, maxLength: 10 }), (tree, stories) => {
      const reread = parseQuery(printQuery(tree));
      for (const s of stories) expect(matchesQuery(prepareStory(s), reread)).toBe(matchesQuery(prepareStory(s), tree));
    }),
    { numRuns: 300 },
  );
});

test('printing a parsed query is a fixed point, whatever was typed', () => {
  const typed = fc
    .array(fc.oneof(wordText, fc.constantFrom('(', ')', '"', '-', ' ', 'OR', 'AND', 'NOT', 'country:', 'lang:')), { maxLength: 12 })
    .map((parts) => parts.join(' '));
  fc.assert(
    fc.property(typed, (text) => {
      const once = printQuery(parseQuery(text, { lenient: true }));
      expect(printQuery(parseQuery(once))).toBe(once);
    }),
    { numRuns: 500 },
  );
});
