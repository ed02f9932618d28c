import { expect, test } from 'vitest';
import { COMPANIES, COUNTRIES, countryFlag, countryName, isCompanyId, isCountryId, TOPICS } from './taxonomy.ts';

test('countries come from ISO 3166-1 with the EU added', () => {
  expect(COUNTRIES.length).toBeGreaterThan(240);
  expect(countryName('FR')).toBe('France');
  expect(countryName('EU')).toBe('European Union');
  expect(isCountryId('GB')).toBe(true);
  expect(isCountryId('XX')).toBe(false);
  expect(countryFlag('FR')).toBe('🇫🇷');
});

test('companies and topics carry the taxonomy ids', () => {
  expect(COMPANIES.map((c) => c.id)).toContain('xai');
  expect(isCompanyId('nso')).toBe(true);
  expect(COMPANIES.find((c) => c.id === 'meta')?.products).toContain('Instagram');
  expect(TOPICS).toHaveLength(13);
});
