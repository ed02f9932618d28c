import { expect, test } from 'vitest';
import { asksForPinned, withPinnedTerm } from './pinned-term.ts';

test("the team's picks are asked for by a term of the query of its own", () => {
  expect(asksForPinned('is:pinned')).toBe(true);
  expect(asksForPinned('"age verification" IS:Pick')).toBe(true);
  expect(asksForPinned('-is:pinned')).toBe(false);
  expect(asksForPinned('this:pinned')).toBe(false);
  expect(asksForPinned('privacy')).toBe(false);
});

test('the term is added once, and taken out wherever it stands, the other terms kept', () => {
  expect(withPinnedTerm('', true)).toBe('is:pinned');
  expect(withPinnedTerm('"age verification" -opinion', true)).toBe('"age verification" -opinion is:pinned');
  expect(withPinnedTerm('is:pinned privacy', true)).toBe('privacy is:pinned');
  expect(withPinnedTerm('is:pinned privacy is:pick', false)).toBe('privacy');
  expect(withPinnedTerm('privacy -is:pinned', false)).toBe('privacy -is:pinned');
});
