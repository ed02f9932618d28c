import { COUNTRIES } from '@radar/core';
import { expect, test } from 'vitest';
import { COUNTRY_REGIONS, countryMatchesSearch } from './country-regions.ts';

test('every country of the taxonomy sits in exactly one region', () => {
  const placed = COUNTRY_REGIONS.flatMap((region) => region.countries.map((country) => country.id));
  expect(new Set(placed).size).toBe(placed.length);
  expect([...placed].sort()).toEqual(COUNTRIES.map((country) => country.id).sort());
});

test('the EU leads its region and the rest follow by name', () => {
  const europe = COUNTRY_REGIONS.find((region) => region.countries.some((country) => country.id === 'FR'));
  expect(europe?.countries[0]?.id).toBe('EU');
  const names = europe!.countries.slice(1).map((country) => country.name);
  expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
});

test('countries are found by name, code, alias, ignoring case and accents', () => {
  expect(countryMatchesSearch('FR', 'fran')).toBe(true);
  expect(countryMatchesSearch('GB', 'uk')).toBe(true);
  expect(countryMatchesSearch('RU', 'Russia')).toBe(true);
  expect(countryMatchesSearch('TR', 'turkiye')).toBe(true);
  expect(countryMatchesSearch('DE', 'de')).toBe(true);
  expect(countryMatchesSearch('DE', 'france')).toBe(false);
  expect(countryMatchesSearch('FR', '  ')).toBe(true);
});
