import { matchesQuery, prepareStory, searchWords, type PreparedStory, type QueryNode, type QueryableStory } from '@radar/core';

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

/** Every index key a story carries: its words, tags, language and source words. */
export function storyKeys(story: PreparedStory): string[] {
  const keys: string[] = [];
  for (const word of story.words) keys.push(wordKey(word));
  for (const id of story.countries) keys.push(`country:${id}`);
  for (const id of story.companies) keys.push(`company:${id}`);
  for (const id of story.topics) keys.push(`topic:${id}`);
  if (story.lang) keys.push(`lang:${primaryLanguage(story.lang)}`);
  for (const word of new Set([...story.sourceText.split(' '), ...searchWords(story.feedId)])) {
    if (word) keys.push(sourceKey(word));
  }
  return keys;
}

/**
 * Alerts indexed by the terms a story must contain for them to match, so a new story is
 * checked only against the alerts that share a word or tag with it, not against all of
 * them (as a percolator does). Queries with no required term are checked for every story.
 */
export class AlertIndex<T extends IndexedAlert> {
  readonly #postings = new Map<string, T[]>();
  readonly #unindexed = new Map<string, T>();
  readonly #keysOf = new Map<string, string[] | null>();
  readonly #alerts = new Map<string, T>();

  constructor(alerts: Iterable<T> = []) {
    for (const alert of alerts) this.add(alert);
  }

  get size(): number {
    return this.#alerts.size;
  }

  /** How many alerts are checked for every story because nothing in them is required. */
  get unindexedCount(): number {
    return this.#unindexed.size;
  }

  /** Adds an alert, or replaces the one with the same id. */
  add(alert: T): void {
    if (this.#alerts.has(alert.id)) this.remove(alert.id);
    this.#alerts.set(alert.id, alert);
    const set = requiredKeys(alert.query);
    this.#keysOf.set(alert.id, set?.keys ?? null);
    if (!set) {
      this.#unindexed.set(alert.id, alert);
      return;
    }
    for (const key of set.keys) {
      const list = this.#postings.get(key);
      if (list) list.push(alert);
      else this.#postings.set(key, [alert]);
    }
  }

  remove(id: string): void {
    const keys = this.#keysOf.get(id);
    this.#alerts.delete(id);
    this.#keysOf.delete(id);
    this.#unindexed.delete(id);
    for (const key of keys ?? []) {
      const list = this.#postings.get(key);
      if (!list) continue;
      const kept = list.filter((alert) => alert.id !== id);
      if (kept.length) this.#postings.set(key, kept);
      else this.#postings.delete(key);
    }
  }

  /** Alerts that may match the story: those sharing a required key with it, and the unindexed ones. */
  candidates(story: PreparedStory): T[] {
    const seen = new Set<string>();
    const found: T[] = [];
    for (const key of storyKeys(story)) {
      const list = this.#postings.get(key);
      if (!list) continue;
      for (const alert of list) {
        if (seen.has(alert.id)) continue;
        seen.add(alert.id);
        found.push(alert);
      }
    }
    for (const alert of this.#unindexed.values()) if (!seen.has(alert.id)) found.push(alert);
    return found;
  }

  /** The alerts whose query matches the story. */
  match(story: QueryableStory): T[] {
    const prepared = prepareStory(story);
    return this.candidates(prepared).filter((alert) => matchesQuery(prepared, alert.query));
  }
}
