import { expect, test } from 'vitest';
import { normalizeQuery, type QueryNode } from './query-ast.ts';
import { checkQuery, parseQuery } from './parse-query.ts';
import { QuerySyntaxError } from './query-syntax-error.ts';

const word = (text: string) => ({ kind: 'text', text, words: [text.toLowerCase()], phrase: false }) as const;
const shape = (query: string): unknown => simplify(normalizeQuery(parseQuery(query)));
/** A compact form for assertions: words as strings, fields as "name:value", operators as arrays. */
function simplify(node: QueryNode): unknown {
  switch (node.kind) {
    case 'text':
      return node.words.join(' ');
    case 'field':
      return `${node.field}:${node.value}`;
    case 'not':
      return ['NOT', simplify(node.operand)];
    case 'and':
    case 'or':
      return [node.kind.toUpperCase(), ...node.operands.map(simplify)];
  }
}

function syntaxError(query: string): QuerySyntaxError {
  const error = checkQuery(query);
  if (!error) throw new Error(`expected "${query}" to be refused`);
  return error;
}

test('words and phrases are all required; words keep how they were typed', () => {
  expect(parseQuery('Élysée TERRORIST')).toEqual({
    kind: 'and',
    operands: [
      { kind: 'text', text: 'Élysée', words: ['elysee'], phrase: false },
      { kind: 'text', text: 'TERRORIST', words: ['terrorist'], phrase: false },
    ],
  });
  expect(parseQuery('"age verification"')).toEqual({ kind: 'text', text: 'age verification', words: ['age', 'verification'], phrase: true });
  expect(parseQuery('meta')).toEqual(word('meta'));
});

test('a hyphenated or punctuated word is its words in a row', () => {
  expect(parseQuery('e-commerce')).toMatchObject({ words: ['e', 'commerce'] });
  expect(parseQuery("Europe's")).toMatchObject({ words: ['europe', 's'] });
});

test('OR binds tighter than AND, as in Google', () => {
  expect(shape('"age verification" UK OR Australia')).toEqual(['AND', 'age verification', ['OR', 'uk', 'australia']]);
  expect(shape('a AND b OR c')).toEqual(['AND', 'a', ['OR', 'b', 'c']]);
  expect(shape('(a b) OR c')).toEqual(['OR', ['AND', 'a', 'b'], 'c']);
  expect(shape('a OR b OR c d')).toEqual(['AND', ['OR', 'a', 'b', 'c'], 'd']);
});

test('NOT and a leading minus exclude the next term or group', () => {
  expect(shape('meta -earnings')).toEqual(['AND', 'meta', ['NOT', 'earnings']]);
  expect(shape('meta NOT earnings')).toEqual(['AND', 'meta', ['NOT', 'earnings']]);
  expect(shape('meta -(earnings OR "stock price")')).toEqual(['AND', 'meta', ['NOT', ['OR', 'earnings', 'stock price']]]);
  expect(shape('-"quarterly results" eu')).toEqual(['AND', ['NOT', 'quarterly results'], 'eu']);
  expect(shape('- eu')).toEqual('eu');
});

test('lower-case and, or, not are words', () => {
  expect(shape('rock and roll')).toEqual(['AND', 'rock', 'and', 'roll']);
  expect(shape('this or that')).toEqual(['AND', 'this', 'or', 'that']);
});

test('field terms take codes, names and products, and print canonical ids', () => {
  expect(shape('country:fr')).toEqual('country:FR');
  expect(shape('country:UK')).toEqual('country:GB');
  expect(shape('country:"United Kingdom"')).toEqual('country:GB');
  expect(shape('Country:eu')).toEqual('country:EU');
  expect(shape('company:Meta company:instagram company:Twitter')).toEqual(['AND', 'company:meta', 'company:meta', 'company:x']);
  expect(shape('topic:privacy-data-protection topic:antitrust topic:"Child safety"')).toEqual([
    'AND',
    'topic:privacy-data-protection',
    'topic:competition-antitrust',
    'topic:child-safety',
  ]);
  expect(shape('lang:FR lang:pt_BR')).toEqual(['AND', 'lang:fr', 'lang:pt-br']);
  expect(parseQuery('source:"Local Wire"')).toEqual({ kind: 'field', field: 'source', value: 'Local Wire' });
  expect(parseQuery('folder:"EU institutions"')).toEqual({ kind: 'field', field: 'folder', value: 'EU institutions' });
  expect(checkQuery('folder:"--"')?.message).toMatch(/folder needs a name with letters or digits/);
  expect(parseQuery('is:POLICY')).toEqual({ kind: 'field', field: 'is', value: 'policy' });
  expect(parseQuery('is:relevant')).toEqual({ kind: 'field', field: 'is', value: 'policy' });
  expect(parseQuery('is:edited')).toEqual({ kind: 'field', field: 'is', value: 'corrected' });
  expect(checkQuery('is:unread')?.message).toBe(
    'is: takes policy (is:policy, the stories about internet policy), corrected (is:corrected, the stories whose tags an editor corrected) or pinned (is:pinned, the stories the team pinned), not "unread" (at character 4)',
  );
  expect(shape('countries:DE')).toEqual('country:DE');
});

test('a colon after something that is not a field name is part of a word', () => {
  expect(shape('10:30')).toEqual('10 30');
});

test('the issue examples read as analysts mean them', () => {
  expect(shape('"age verification" country:GB OR country:AU')).toEqual([
    'AND',
    'age verification',
    ['OR', 'country:GB', 'country:AU'],
  ]);
  expect(shape('company:meta country:EU -earnings')).toEqual(['AND', 'company:meta', 'country:EU', ['NOT', 'earnings']]);
});

test('the empty query matches everything', () => {
  expect(parseQuery('')).toEqual({ kind: 'and', operands: [] });
  expect(parseQuery('   ')).toEqual({ kind: 'and', operands: [] });
});

test('errors say what is wrong and where', () => {
  const cases: [string, RegExp, number, number][] = [
    ['"age verification', /quote is never closed/, 0, 17],
    ['(meta OR google', /parenthesis is never closed/, 0, 1],
    ['meta)', /closing parenthesis has no opening one/, 4, 5],
    ['meta AND', /AND needs a term after it/, 5, 8],
    ['AND meta', /AND needs a term before it/, 0, 3],
    ['OR meta', /OR needs a term before it/, 0, 2],
    ['meta OR', /OR needs a term after it/, 5, 7],
    ['meta NOT', /NOT needs a term after it/, 5, 8],
    ['meta ()', /parentheses are empty/, 5, 7],
    ['meta ""', /phrase is empty/, 5, 7],
    ['contry:FR', /unknown field "contry:"/, 0, 7],
    ['country:XX', /unknown country "XX"/, 8, 10],
    ['company:acme', /unknown company "acme"/, 8, 12],
    ['topic:"space travel"', /unknown topic "space travel"/, 7, 19],
    ['lang:english!', /not a language tag/, 5, 13],
    ['country:', /country: needs a value, as in country:FR/, 0, 8],
  ];
  for (const [query, message, start, end] of cases) {
    const error = syntaxError(query);
    expect(error.detail, query).toMatch(message);
    expect([error.start, error.end], query).toEqual([start, end]);
    expect(error.message).toContain(`at character ${start + 1}`);
  }
  expect(syntaxError('meta)').pointer()).toBe('meta)\n    ^');
  expect(() => parseQuery('meta)')).toThrow(QuerySyntaxError);
});

test('a lenient read never throws and keeps what it can', () => {
  const lenient = (query: string) => simplify(normalizeQuery(parseQuery(query, { lenient: true })));
  expect(lenient('"age verif')).toEqual('age verif');
  expect(lenient('(meta OR google')).toEqual(['OR', 'meta', 'google']);
  expect(lenient('meta) AND')).toEqual('meta');
  expect(lenient('contry:FR')).toEqual('contry fr');
  expect(lenient('country:XX')).toEqual('country:XX');
  expect(lenient('OR NOT ()')).toEqual(['AND']);
});
