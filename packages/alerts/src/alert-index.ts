import { folderKey, matchesQuery, prepareStory, searchWords, type PreparedStory, type QueryNode, type QueryableStory } from '@radar/core';

/** What the index holds: anything with an id and a parsed query. */
export interface IndexedAlert {
  id: string;
  query: QueryNode;
}

/**
 * A set of index keys, one of which a story must carry for the query to match, with a
 * guess of how many stories carry them (lower is more selective). Null: no such set
 * (the query can match a story that has none of its terms, e.g. `-earnings`).
 */
interface KeySet {
  keys: string[];
  cost: number;
}

// Rough shares of stories that carry a key: long words are rarer than short ones, tags
// are shared by many stories, a language by most. Only their order matters.
function keyCost(key: string): number {
  if (key.startsWith('w:')) {
    const length = key.length - 2;
    return length >= 6 ? 1 : length >= 4 ? 2 : 4;
  }
  if (key.startsWith('lang:')) return 50;
  if (key.startsWith('s:')) return 20;
  if (key.startsWith('folder:')) return 30;
  if (key.startsWith('is:')) return 60;
  return 8;
}

const longest = (words: readonly string[]) => words.reduce((best, word) => (word.length > best.length ? word : best), '');

const wordKey = (word: string) => `w:${word}`;
const sourceKey = (word: string) => `s:${word}`;
const primaryLanguage = (tag: string) => tag.toLowerCase().split('-')[0]!;

/** Index keys a story must have for the query to match it (see KeySet). */
export function requiredKeys(node: QueryNode): KeySet | null {
  switch (node.kind) {
    case 'text': {
      // every word of a phrase must be there: the longest is likely the rarest
      const key = wordKey(longest(node.words));
      return { keys: [key], cost: keyCost(key) };
    }
    case 'field': {
      let key: string;
      if (node.field === 'lang') key = `lang:${primaryLanguage(node.value)}`;
      else if (node.field === 'source') {
        const word = longest(searchWords(node.value));
        if (!word) return null;
        key = sourceKey(word);
      } else if (node.field === 'folder') {
        const name = folderKey(node.value);
        if (!name) return null;
        key = `folder:${name}`;
      } else key = `${node.field}:${node.value}`;
      return { keys: [key], cost: keyCost(key) };
    }
    case 'not':
      return null;
    case 'and': {
      let best: KeySet | null = null;
      for (const operand of node.operands) {
        const set = requiredKeys(operand);
        if (set && (!best || set.cost < best.cost)) best = set;
      }
      return best;
    }
    case 'or': {
      if (node.operands.length === 0) return null;
      const keys = new Set<string>();
      let cost = 0;
      for (const operand of node.operands) {
        const set = requiredKeys(operand);
        if (!set) return null;
        for (const key of set.keys) keys.add(key);
        cost += set.cost;
      }
      return { keys: [...keys], cost };
    }
  }
}

/** Every index key a story carries: its words (unless `withWords` is false), tags, language, source words, folder and kind. */
export function storyKeys(story: PreparedStory, withWords = true): string[] {
  const keys: string[] = [];
  if (withWords) for (const word of story.words) keys.push(wordKey(word));
  for (const id of story.countries) keys.push(`country:${id}`);
  for (const id of story.companies) keys.push(`company:${id}`);
  for (const id of story.topics) keys.push(`topic:${id}`);
  if (story.lang) keys.push(`lang:${primaryLanguage(story.lang)}`);
  if (story.folder) keys.push(`folder:${story.folder}`);
  if (story.policy) keys.push('is:policy');
  if (story.corrected) keys.push('is:corrected');
  if (story.pinned) keys.push('is:pinned');
  for (const word of new Set([...story.sourceText.split(' '), ...searchWords(story.feedId)])) {
    if (word) keys.push(sourceKey(word));
  }
  return keys;
}

interface Posting<T> {
  alert: T;
  /** The match call that last saw this alert, so each is checked once per story. */
  seen: number;
}

/**
 * Alerts indexed by the terms a story must contain for them to match, so a new story is
 * checked only against the alerts that share a word or tag with it, not against all of
 * them (as a percolator does). Queries with no required term are checked for every story.
 */
export class AlertIndex<T extends IndexedAlert> {
  /** Word keys by the bare word (a story has many words: no key strings are built for them). */
  readonly #byWord = new Map<string, Posting<T>[]>();
  /** Tag, language and source keys. */
  readonly #byTag = new Map<string, Posting<T>[]>();
  readonly #unindexed = new Map<string, Posting<T>>();
  readonly #postings = new Map<string, { posting: Posting<T>; keys: string[] | null }>();
  #generation = 0;

  constructor(alerts: Iterable<T> = []) {
    for (const alert of alerts) this.add(alert);
  }

  get size(): number {
    return this.#postings.size;
  }

  /** How many alerts are checked for every story because nothing in them is required. */
  get unindexedCount(): number {
    return this.#unindexed.size;
  }

  #list(key: string): [Map<string, Posting<T>[]>, string] {
    return key.startsWith('w:') ? [this.#byWord, key.slice(2)] : [this.#byTag, key];
  }

  /** Adds an alert, or replaces the one with the same id. */
  add(alert: T): void {
    if (this.#postings.has(alert.id)) this.remove(alert.id);
    const posting: Posting<T> = { alert, seen: -1 };
    const set = requiredKeys(alert.query);
    this.#postings.set(alert.id, { posting, keys: set?.keys ?? null });
    if (!set) {
      this.#unindexed.set(alert.id, posting);
      return;
    }
    for (const key of set.keys) {
      const [map, name] = this.#list(key);
      const list = map.get(name);
      if (list) list.push(posting);
      else map.set(name, [posting]);
    }
  }

  remove(id: string): void {
    const entry = this.#postings.get(id);
    if (!entry) return;
    this.#postings.delete(id);
    this.#unindexed.delete(id);
    for (const key of entry.keys ?? []) {
      const [map, name] = this.#list(key);
      const kept = (map.get(name) ?? []).filter((posting) => posting.alert.id !== id);
      if (kept.length) map.set(name, kept);
      else map.delete(name);
    }
  }

  /** Alerts that may match the story: those sharing a required key with it, and the unindexed ones. */
  candidates(story: PreparedStory): T[] {
    const generation = ++this.#generation;
    const found: T[] = [];
    const collect = (list: Posting<T>[] | undefined) => {
      if (!list) return;
      for (const posting of list) {
        if (posting.seen === generation) continue;
        posting.seen = generation;
        found.push(posting.alert);
      }
    };
    if (this.#byWord.size > 0) for (const word of story.words) collect(this.#byWord.get(word));
    if (this.#byTag.size > 0) for (const key of storyKeys(story, false)) collect(this.#byTag.get(key));
    for (const posting of this.#unindexed.values()) collect([posting]);
    return found;
  }

  /** The alerts whose query matches the story. */
  match(story: QueryableStory): T[] {
    const prepared = prepareStory(story);
    return this.candidates(prepared).filter((alert) => matchesQuery(prepared, alert.query));
  }
}
