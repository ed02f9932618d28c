import { expect, test } from 'vitest';
import { languageName } from './language-name.ts';

test('languages other than English get their English name', () => {
  expect(languageName('de')).toBe('German');
  expect(languageName('pt-BR')).toBe('Portuguese');
  expect(languageName('FR')).toBe('French');
});

test('English, missing and malformed languages get no label', () => {
  expect(languageName('en')).toBeNull();
  expect(languageName('en-GB')).toBeNull();
  expect(languageName(null)).toBeNull();
  expect(languageName('')).toBeNull();
  expect(languageName('not a language')).toBeNull();
  expect(languageName('zz')).toBeNull();
});
