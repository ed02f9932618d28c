import countries from 'i18n-iso-countries';
import english from 'i18n-iso-countries/langs/en.json' with { type: 'json' };
import { COMPANIES, EU, TOPICS, isCompanyId, isCountryId, isTopicId } from '../taxonomy.ts';
import { foldText } from '../text-fold.ts';
import type { QueryField } from './query-ast.ts';
import { searchWords } from './search-words.ts';

countries.registerLocale(english);

/** A field value that names nothing the taxonomy knows, and why. */
export class UnknownFieldValueError extends Error {
  override name = 'UnknownFieldValueError';
}

const folded = (text: string) => searchWords(text).join(' ');

/** Company names, former names and products (Instagram, Twitter, YouTube) to company ids. */
const companyByName = new Map<string, string>();
for (const company of COMPANIES) {
  for (const name of [company.id, company.name, ...company.products]) {
    const key = folded(name);
    if (key && !companyByName.has(key)) companyByName.set(key, company.id);
  }
}

const topicByName = new Map<string, string>();
for (const topic of TOPICS) {
  topicByName.set(folded(topic.id), topic.id);
  topicByName.set(folded(topic.name), topic.id);
}

const LANGUAGE_TAG = /^[a-z]{2,3}(-[a-z0-9]{1,8})*$/;

function resolveCountry(value: string): string {
  const code = value.toUpperCase();
  if (isCountryId(code)) return code;
  if (folded(value) === 'european union') return EU;
  const byName = countries.getAlpha2Code(value, 'en') ?? countries.getAlpha2Code(foldText(value), 'en');
  if (byName && isCountryId(byName)) return byName;
  throw new UnknownFieldValueError(`unknown country "${value}": use a two-letter code such as FR, GB, US or EU`);
}

function resolveCompany(value: string): string {
  const id = value.toLowerCase();
  if (isCompanyId(id)) return id;
  const byName = companyByName.get(folded(value));
  if (byName) return byName;
  throw new UnknownFieldValueError(
    `unknown company "${value}": use one of ${COMPANIES.map((c) => c.id).join(', ')}`,
  );
}

function resolveTopic(value: string): string {
  const id = value.toLowerCase();
  if (isTopicId(id)) return id;
  const key = folded(value);
  const byName = topicByName.get(key);
  if (byName) return byName;
  // "privacy" or "antitrust": a unique topic whose id has that part
  const partial = TOPICS.filter((topic) => topic.id.split('-').includes(key.replaceAll(' ', '-')));
  if (partial.length === 1) return partial[0]!.id;
  throw new UnknownFieldValueError(`unknown topic "${value}": use one of ${TOPICS.map((t) => t.id).join(', ')}`);
}

function resolveLanguage(value: string): string {
  const tag = value.toLowerCase().replaceAll('_', '-');
  if (LANGUAGE_TAG.test(tag)) return tag;
  throw new UnknownFieldValueError(`"${value}" is not a language tag: use a code such as en, fr or pt-br`);
}

/**
 * What `is:` can say of a story: about policy (`relevant` is the API's word for it), its
 * tags corrected by an editor (`edited` is the same), or pinned by the team (`pick`).
 */
const STORY_KINDS: Record<string, string> = { policy: 'policy', relevant: 'policy', corrected: 'corrected', edited: 'corrected', pinned: 'pinned', pick: 'pinned' };

function resolveKind(value: string): string {
  const kind = STORY_KINDS[value.trim().toLowerCase()];
  if (kind) return kind;
  throw new UnknownFieldValueError(
    `is: takes policy (is:policy, the stories about internet policy), corrected (is:corrected, the stories whose tags an editor corrected) or pinned (is:pinned, the stories the team pinned), not "${value}"`,
  );
}

/** A source or folder is named as typed; it needs a word to match by. */
function resolveName(field: 'source' | 'folder', value: string, examples: string): string {
  if (searchWords(value).length > 0) return value.trim();
  throw new UnknownFieldValueError(`${field} needs a name with letters or digits, such as ${examples}`);
}

/**
 * The canonical value of a field term, accepting what analysts type: country codes or
 * names (UK, "united kingdom"), company ids, names or products (instagram), topic ids,
 * names or a distinctive part (privacy). Throws UnknownFieldValueError otherwise.
 */
export function resolveFieldValue(field: QueryField, value: string): string {
  switch (field) {
    case 'country':
      return resolveCountry(value);
    case 'company':
      return resolveCompany(value);
    case 'topic':
      return resolveTopic(value);
    case 'lang':
      return resolveLanguage(value);
    case 'source':
      return resolveName('source', value, 'source:reuters');
    case 'folder':
      return resolveName('folder', value, 'folder:regulators or folder:"EU institutions"');
    case 'is':
      return resolveKind(value);
  }
}

const FIELD_NAMES: Record<string, QueryField> = {
  country: 'country',
  countries: 'country',
  company: 'company',
  companies: 'company',
  topic: 'topic',
  topics: 'topic',
  source: 'source',
  folder: 'folder',
  lang: 'lang',
  language: 'lang',
  is: 'is',
};

/** The field a name stands for (`countries` and `language` are accepted too), or null. */
export const fieldNamed = (name: string): QueryField | null => FIELD_NAMES[name.toLowerCase()] ?? null;
