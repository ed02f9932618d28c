import { COUNTRIES, foldText, type Country } from '@radar/core';
import regionData from './data/country-regions.json' with { type: 'json' };

export interface CountryRegion {
  id: string;
  name: string;
  countries: Country[];
}

const countryById = new Map(COUNTRIES.map((country) => [country.id, country]));
const aliases: Record<string, string[]> = regionData.aliases;

/** Countries grouped the way policy desks split the world; each region sorted by name, EU first. */
export const COUNTRY_REGIONS: readonly CountryRegion[] = regionData.regions.map((region) => ({
  id: region.id,
  name: region.name,
  countries: region.countries
    .map((id) => countryById.get(id))
    .filter((country): country is Country => country !== undefined)
    .sort((a, b) => (a.id === 'EU' ? -1 : b.id === 'EU' ? 1 : a.name.localeCompare(b.name))),
}));

const searchTextById = new Map(
  COUNTRIES.map((country) => [
    country.id,
    foldText([country.id, country.name, ...(aliases[country.id] ?? [])].join('\n')),
  ]),
);

/** True when the typed text matches a country's name, its code or a common alias ("UK", "Russia"). */
export function countryMatchesSearch(id: string, search: string): boolean {
  const needle = foldText(search.trim());
  if (!needle) return true;
  const text = searchTextById.get(id) ?? foldText(id);
  return text.split('\n').some((part) => part.includes(needle));
}
