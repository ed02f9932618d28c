import type { Story } from '../story.ts';
import type { FieldTerm, QueryNode } from './query-ast.ts';
import { folderKey, searchWords } from './search-words.ts';

/** What a query looks at in a story; lang, source and url are optional so partial stories can be matched. */
export type QueryableStory = Pick<Story, 'title' | 'summary' | 'countries' | 'companies' | 'topics'> &
  Partial<Pick<Story, 'lang' | 'source' | 'url' | 'relevant' | 'tagsEditedAt' | 'pinnedAt'>>;

/**
 * A story made ready for matching many queries: its words folded once and joined by
 * single spaces, with a space at each end, so a word or phrase is one substring search.
 */
export interface PreparedStory {
  /** ` word word … ` of the title and summary. */
  text: string;
  /** Distinct words of the title and summary (alerts index on them). */
  words: ReadonlySet<string>;
  countries: readonly string[];
  companies: readonly string[];
  topics: readonly string[];
  /** Lower-case language tag, or null. */
  lang: string | null;
  /** ` word … ` of the source's title and the story URL's host name. */
  sourceText: string;
  feedId: string;
  /** The words of the folder its feed is kept in, joined by spaces ('' for none). */
  folder: string;
  /** The detector judged it to be about internet policy (`is:policy`). */
  policy: boolean;
  /** An editor corrected its tags (`is:corrected`). */
  corrected: boolean;
  /** The team pinned it (`is:pinned`). */
  pinned: boolean;
}

const spaced = (words: string[]) => ` ${words.join(' ')} `;

function hostOf(url: string | undefined): string {
  if (!url) return '';
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
}

const prepared = new WeakMap<object, { source: QueryableStory; title: string; summary: string; result: PreparedStory }>();

/** Folds a story's text once; the result is cached per story object. */
export function prepareStory(story: QueryableStory): PreparedStory {
  const cached = prepared.get(story);
  if (cached && cached.title === story.title && cached.summary === story.summary) return cached.result;
  const words = searchWords(`${story.title}\n${story.summary}`);
  const result: PreparedStory = {
    text: spaced(words),
    words: new Set(words),
    countries: story.countries,
    companies: story.companies,
    topics: story.topics,
    lang: story.lang ? story.lang.toLowerCase() : null,
    sourceText: spaced(searchWords(`${story.source?.title ?? ''} ${hostOf(story.url)}`)),
    feedId: story.source?.feedId ?? '',
    folder: folderKey(story.source?.folder ?? ''),
    policy: story.relevant === true,
    corrected: story.tagsEditedAt != null,
    pinned: story.pinnedAt != null,
  };
  prepared.set(story, { source: story, title: story.title, summary: story.summary, result });
  return result;
}

const sourceWords = new WeakMap<FieldTerm, string>();

function matchesField(story: PreparedStory, term: FieldTerm): boolean {
  switch (term.field) {
    case 'country':
      return story.countries.includes(term.value);
    case 'company':
      return story.companies.includes(term.value);
    case 'topic':
      return story.topics.includes(term.value);
    case 'lang':
      return story.lang !== null && (story.lang === term.value || story.lang.startsWith(`${term.value}-`));
    case 'source': {
      if (term.value === story.feedId) return true;
      let words = sourceWords.get(term);
      if (words === undefined) {
        const list = searchWords(term.value);
        words = list.length ? spaced(list) : '';
        sourceWords.set(term, words);
      }
      return words !== '' && story.sourceText.includes(words);
    }
    case 'folder':
      // the whole folder name, its case, accents and punctuation aside
      return story.folder !== '' && story.folder === folderKey(term.value);
    case 'is':
      return term.value === 'policy' ? story.policy : term.value === 'corrected' ? story.corrected : term.value === 'pinned' && story.pinned;
  }
}

const phrases = new WeakMap<object, string>();

/**
 * Whether a story matches a query: words and phrases as whole words of the title and
 * summary, ignoring case and accents; field terms against the story's tags, language and source.
 * Example: matchesQuery(prepareStory(story), parseQuery('"age verification" country:GB OR country:AU')).
 */
export function matchesQuery(story: PreparedStory, node: QueryNode): boolean {
  switch (node.kind) {
    case 'text': {
      // one word: a set lookup; several: a substring search over the spaced words
      if (node.words.length === 1) return story.words.has(node.words[0]!);
      let phrase = phrases.get(node);
      if (phrase === undefined) {
        phrase = spaced(node.words);
        phrases.set(node, phrase);
      }
      return story.text.includes(phrase);
    }
    case 'field':
      return matchesField(story, node);
    case 'not':
      return !matchesQuery(story, node.operand);
    case 'and':
      return node.operands.every((operand) => matchesQuery(story, operand));
    case 'or':
      return node.operands.some((operand) => matchesQuery(story, operand));
  }
}
