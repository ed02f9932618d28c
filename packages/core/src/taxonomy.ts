import countries from 'i18n-iso-countries';
import english from 'i18n-iso-countries/langs/en.json' with { type: 'json' };
import companyData from '../data/companies.json' with { type: 'json' };
import topicData from '../data/topics.json' with { type: 'json' };
import { z } from 'zod';

countries.registerLocale(english);

/** The supranational code used for the institutions of the European Union. */
export const EU = 'EU';

export interface TaxonomyEntry {
  id: string;
  name: string;
}

export interface Company extends TaxonomyEntry {
  /** Products and former names shown as hints beside the company. */
  products: string[];
}

export interface Country extends TaxonomyEntry {
  flag: string;
}

const CompanyDataSchema = z.array(
  z.object({ id: z.string().regex(/^[a-z0-9-]+$/), name: z.string(), products: z.array(z.string()) }),
);
const TopicDataSchema = z.array(z.object({ id: z.string().regex(/^[a-z0-9-]+$/), name: z.string() }));

export const COMPANIES: readonly Company[] = CompanyDataSchema.parse(companyData);
export const TOPICS: readonly TaxonomyEntry[] = TopicDataSchema.parse(topicData);

/** The regional-indicator emoji flag of an ISO 3166-1 alpha-2 code (EU has its own). */
export function countryFlag(code: string): string {
  return String.fromCodePoint(...[...code.toUpperCase()].map((c) => 0x1f1e6 + c.charCodeAt(0) - 65));
}

export const COUNTRIES: readonly Country[] = [
  { id: EU, name: 'European Union', flag: countryFlag(EU) },
  ...Object.entries(countries.getNames('en', { select: 'official' }))
    .map(([id, name]) => ({ id, name, flag: countryFlag(id) }))
    .sort((a, b) => a.name.localeCompare(b.name)),
];

const countryById = new Map(COUNTRIES.map((c) => [c.id, c]));
const companyById = new Map(COMPANIES.map((c) => [c.id, c]));
const topicById = new Map(TOPICS.map((t) => [t.id, t]));

export const isCountryId = (id: string): boolean => countryById.has(id);
export const isCompanyId = (id: string): boolean => companyById.has(id);
export const isTopicId = (id: string): boolean => topicById.has(id);

export const countryName = (id: string): string => countryById.get(id)?.name ?? id;
export const companyName = (id: string): string => companyById.get(id)?.name ?? id;
export const topicName = (id: string): string => topicById.get(id)?.name ?? id;
/** What a story is tagged with: a country, a company or a topic of the taxonomy. */
export const TAG_KINDS = ['country', 'company', 'topic'] as const;
export type TagKind = (typeof TAG_KINDS)[number];

/** Each kind of tag as a label names it. */
export const TAG_KIND_LABELS: Readonly<Record<TagKind, string>> = { country: 'Country', company: 'Company', topic: 'Topic' };
/** Each kind of tag as a heading of many names it. */
export const TAG_KIND_PLURALS: Readonly<Record<TagKind, string>> = { country: 'Countries', company: 'Companies', topic: 'Topics' };

/** The name of a tag of any kind: "France", "Meta", "Privacy & data protection". */
export const tagName = (kind: TagKind, id: string): string => (kind === 'country' ? countryName(id) : kind === 'company' ? companyName(id) : topicName(id));

export const findCompany = (id: string): Company | undefined => companyById.get(id);
