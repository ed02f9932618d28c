import { readField } from './story-text.ts';

/** What the clusterer needs to know about a story. */
export interface ClusterInput {
  id: string;
  title: string;
  text: string;
  countries: readonly string[];
  companies: readonly string[];
  /** Publication time, ms since the epoch. */
  time: number;
}

export interface StoryClustererOptions {
  /** How long a cluster stays open to new reports of the same event (default 48 h). */
  windowMs?: number;
  /** Similarity needed to join a cluster, in [0, 1] (default 0.35). */
  threshold?: number;
  /** How many of the most recent stories sharing a feature are looked at (default 48). */
  postingLimit?: number;
}

interface Entry {
  clusterId: string;
  time: number;
  /** The story's features, ascending, each packed as id × 4 + weight (weights are 1 or 2). */
  features: Int32Array;
  /** Sum of the feature weights times their rarity when the story arrived. */
  mass: number;
  /** The same over the features that survive translation (names, numbers, entities). */
  neutralMass: number;
  countries: readonly string[];
  companies: readonly string[];
}

/** A story as the clusterer reads it: its features and their rarity when it arrived. */
interface ReadStory {
  features: Int32Array;
  rarity: Float64Array;
  mass: number;
  neutralMass: number;
}

/** What a feature is: a stemmed word, a number, a tagged country or a tagged company. */
const enum Kind {
  Word = 0,
  Number = 1,
  Country = 2,
  Company = 3,
}

/** The prefix each kind of feature is named with in a feature list (StoryFeatureList). */
const KIND_PREFIX = ['w', '#', 'c', 'o'];
const KIND_OF_PREFIX: Record<string, Kind> = { w: Kind.Word, '#': Kind.Number, c: Kind.Country, o: Kind.Company };

type FeatureVisitor = (kind: Kind, key: string, weight: number) => void;

/**
 * A story's features as one line of text: each feature's kind prefix and key, with "^" after
 * the ones of weight 2, separated by spaces (keys are words, numbers or taxonomy ids, which
 * hold neither).
 * @example 'wfin wofcom^ #150^ cGB otiktok'
 */
export type StoryFeatureList = string;

function visitFeatureList(list: StoryFeatureList, visit: FeatureVisitor): void {
  for (const entry of list.split(' ')) {
    const kind = KIND_OF_PREFIX[entry[0] ?? ''];
    const heavy = entry.endsWith('^');
    const key = entry.slice(1, heavy ? -1 : undefined);
    if (kind !== undefined && key) visit(kind, key, heavy ? 2 : 1);
  }
}

/**
 * Features as small integers, so the window holds one typed array per story instead of a
 * map of strings (far less memory, and far less for the garbage collector to walk). One
 * map per kind, so no key is ever built by concatenation. An id is freed when the last
 * story holding it leaves the window.
 */
class FeatureIds {
  private readonly byKey: Map<string, number>[] = [new Map(), new Map(), new Map(), new Map()];
  private readonly keys: (string | undefined)[] = [];
  private readonly kinds: Kind[] = [];
  private readonly free: number[] = [];
  /** 1 for tagged countries and companies, which read the same in every language. */
  readonly entity: number[] = [];

  idOf(kind: Kind, key: string): number {
    const map = this.byKey[kind]!;
    let id = map.get(key);
    if (id !== undefined) return id;
    id = this.free.pop() ?? this.keys.length;
    map.set(key, id);
    this.keys[id] = key;
    this.kinds[id] = kind;
    this.entity[id] = kind === Kind.Country || kind === Kind.Company ? 1 : 0;
    return id;
  }

  release(id: number): void {
    this.byKey[this.kinds[id]!]!.delete(this.keys[id]!);
    this.keys[id] = undefined;
    this.free.push(id);
  }
}

/** Words that say nothing about which event a story reports. */
const STOPWORDS = new Set(
  (
    'the a an of to in on for and or with by at from as is are was were be been has have had its it this that after over says said ' +
    'will would could new than into about more most their his her they he she we not but also up out who which what when while ' +
    'le la les des du de et un une pour dans sur par au aux est sont a été qui que ce cette il elle ses son sa ' +
    'der die das und ist im in den dem des ein eine mit auf für von zu hat wird sich nicht auch nach ' +
    'el los las del y que en un una por con para se su sus al es lo como más ha fue ' +
    'o os as do da dos das e em no na um uma para com por ao pelo pela foi ' +
    'il lo gli di della dei che un una per con da non è ha nel alla'
  ).split(' '),
);

/**
 * Groups reports of the same event: a new story joins the cluster of the most similar
 * recent story when their headline and lede share enough rare words, names and numbers,
 * and their countries and companies agree; otherwise it starts a cluster of its own.
 * Names, numbers and tagged entities carry across languages, so a French and an English
 * report of the same event meet. Features are weighted by their rarity in the window, and
 * an inverted index looks only at the latest stories sharing a feature, so the cost per
 * story does not grow with the window.
 */
export class StoryClusterer {
  private readonly windowMs: number;
  private readonly threshold: number;
  private readonly postingLimit: number;
  private readonly entries: Entry[] = [];
  /** Index of the oldest entry still in the window. */
  private head = 0;
  private readonly ids = new FeatureIds();
  /** Feature id -> [story index, its weight for the feature, ...], oldest first. */
  private readonly postings: (number[] | undefined)[] = [];

  constructor(options: StoryClustererOptions = {}) {
    this.windowMs = options.windowMs ?? 48 * 3600_000;
    this.threshold = options.threshold ?? 0.35;
    this.postingLimit = options.postingLimit ?? 48;
  }

  /** Stories currently in the window. */
  get size(): number {
    return this.entries.length - this.head;
  }

  /** Assigns `story` to a cluster and returns the cluster id (the first story's id). */
  assign(story: ClusterInput): string {
    return this.assignTelling(story).clusterId;
  }

  /**
   * Assigns `story` as `assign` does and tells its features too, for another clusterer to
   * learn it with `addFeatures` without reading the story again.
   */
  assignTelling(story: ClusterInput): { clusterId: string; features: StoryFeatureList } {
    const named: string[] = [];
    const read = this.read(story.time, (visit) =>
      visitFeatures(story, (kind, key, weight) => {
        named.push(featureName(kind, key, weight));
        visit(kind, key, weight);
      }),
    );
    const clusterId = this.bestMatch(story, read) ?? story.id;
    this.index(story, read, clusterId);
    return { clusterId, features: named.join(' ') };
  }

  /** Adds a story whose cluster is already known (assigned elsewhere), for later stories to join. */
  add(story: ClusterInput, clusterId: string): void {
    this.index(story, this.read(story.time, (visit) => visitFeatures(story, visit)), clusterId);
  }

  /**
   * Adds a story assigned by another clusterer, from the features that one told
   * (`assignTelling`): the story's text is not read again. Unknown entries are ignored.
   */
  addFeatures(story: Pick<ClusterInput, 'time' | 'countries' | 'companies'>, features: StoryFeatureList, clusterId: string): void {
    this.index(story, this.read(story.time, (visit) => visitFeatureList(features, visit)), clusterId);
  }

  /** A story's features, with their rarity in the window as it is now. */
  private read(time: number, features: (visit: FeatureVisitor) => void): ReadStory {
    this.evict(time);
    const packed: number[] = [];
    features((kind, key, weight) => packed.push(this.ids.idOf(kind, key) * 4 + weight));
    const sorted = distinctFeatures(Int32Array.from(packed).sort());
    const rarity = new Float64Array(sorted.length);
    let mass = 0;
    let neutralMass = 0;
    for (let f = 0; f < sorted.length; f++) {
      const id = sorted[f]! >> 2;
      const weight = sorted[f]! & 3;
      rarity[f] = this.rarity(id);
      mass += weight * rarity[f]!;
      if (this.isNeutral(id, weight)) neutralMass += weight * rarity[f]!;
    }
    return { features: sorted, rarity, mass, neutralMass };
  }

  private index(story: Pick<ClusterInput, 'time' | 'countries' | 'companies'>, { features, mass, neutralMass }: ReadStory, clusterId: string): void {
    const index = this.entries.length;
    this.entries.push({ clusterId, time: story.time, features, mass, neutralMass, countries: story.countries, companies: story.companies });
    for (let f = 0; f < features.length; f++) (this.postings[features[f]! >> 2] ??= []).push(index, features[f]! & 3);
  }

  /** Inverse document frequency of a feature in the window. */
  private rarity(id: number): number {
    const list = this.postings[id];
    const df = list ? list.length / 2 : 0;
    // A floor on the window size keeps a young window from overrating unseen words.
    return Math.log(1 + Math.max(this.size, 1000) / (df + 1));
  }

  /** Names (weight 2), numbers and entities read the same in every language. */
  private isNeutral(id: number, weight: number): boolean {
    return weight >= 2 || this.ids.entity[id] === 1;
  }

  private bestMatch(story: ClusterInput, { features, rarity, mass, neutralMass }: ReadStory): string | null {
    // Candidates come from the rarer features only: a word in more than one story in 200
    // cannot single out an event, and its long posting list would dominate the cost.
    const commonDf = Math.max(64, this.size / 200);
    const rareShared = new Map<number, number>();
    for (let f = 0; f < features.length; f++) {
      const list = this.postings[features[f]! >> 2];
      if (!list || list.length / 2 > commonDf) continue;
      const w = features[f]! & 3;
      const r = rarity[f]!;
      // The weight sits in the posting, so no other story's data is touched here.
      for (let i = list.length - 2, seen = 0; i >= 0 && seen < this.postingLimit; i -= 2, seen++) {
        const index = list[i]!;
        if (index < this.head) break;
        rareShared.set(index, (rareShared.get(index) ?? 0) + Math.min(w, list[i + 1]!) * r);
      }
    }
    const candidates = [...rareShared].sort((a, b) => b[1] - a[1]).slice(0, CANDIDATES);
    let bestScore = this.threshold;
    let best: string | null = null;
    for (const [index] of candidates) {
      const entry = this.entries[index]!;
      if (Math.abs(entry.time - story.time) > this.windowMs) continue;
      if (!agree(entry.countries, story.countries) || !agree(entry.companies, story.companies)) continue;
      let common = 0;
      let commonNeutral = 0;
      // both feature lists are ascending by id: walk them side by side
      const theirs = entry.features;
      for (let a = 0, b = 0; a < features.length && b < theirs.length; ) {
        const id = features[a]! >> 2;
        const other = theirs[b]! >> 2;
        if (id < other) a++;
        else if (id > other) b++;
        else {
          const w = features[a]! & 3;
          const v = theirs[b]! & 3;
          const shared = Math.min(w, v) * rarity[a]!;
          common += shared;
          if (this.isNeutral(id, w) && this.isNeutral(id, v)) commonNeutral += shared;
          a++;
          b++;
        }
      }
      // Across languages only names, numbers and entities can match, so they are also
      // compared on their own, against a higher bar.
      const neutral = (2 * commonNeutral) / (entry.neutralMass + neutralMass) - NEUTRAL_MARGIN;
      const score = Math.max((2 * common) / (entry.mass + mass), neutral);
      if (score > bestScore) {
        bestScore = score;
        best = entry.clusterId;
      }
    }
    return best;
  }

  /** Drops stories older than the window from the index. */
  private evict(now: number): void {
    while (this.head < this.entries.length && this.entries[this.head]!.time < now - this.windowMs) this.head++;
    // Compact now and then so memory follows the window, not the history.
    if (this.head > 1024 && this.head > this.entries.length / 2) {
      const offset = this.head;
      this.entries.splice(0, offset);
      this.head = 0;
      for (let id = 0; id < this.postings.length; id++) {
        const list = this.postings[id];
        if (!list) continue;
        const kept: number[] = [];
        for (let i = 0; i < list.length; i += 2) if (list[i]! >= offset) kept.push(list[i]! - offset, list[i + 1]!);
        if (kept.length > 0) this.postings[id] = kept;
        else {
          this.postings[id] = undefined;
          this.ids.release(id);
        }
      }
    }
  }
}

/** How many of the stories sharing the most rare features are compared in full. */
const CANDIDATES = 8;

/** How much higher the names-and-numbers similarity must be than the full one. */
const NEUTRAL_MARGIN = 0.25;

/** Two stories can report one event only if their tagged entities do not contradict. */
function agree(a: readonly string[], b: readonly string[]): boolean {
  if (a.length === 0 || b.length === 0) return true;
  return a.some((x) => b.includes(x));
}

/** Sorted packed features with each id once, at the highest weight it was seen with. */
function distinctFeatures(sorted: Int32Array): Int32Array {
  let kept = 0;
  for (let f = 0; f < sorted.length; f++) {
    // the same id at a higher weight sorts right after: the last of a run wins
    if (f + 1 < sorted.length && sorted[f + 1]! >> 2 === sorted[f]! >> 2) continue;
    sorted[kept++] = sorted[f]!;
  }
  return sorted.subarray(0, kept);
}

/**
 * Weighted features of a story's headline and lede: content words (1), capitalised names
 * and numbers (2, they survive translation), tagged countries and companies (1). A
 * feature may be visited more than once, with different weights; the highest counts.
 */
function visitFeatures(story: Pick<ClusterInput, 'title' | 'text' | 'countries' | 'companies'>, visit: FeatureVisitor): void {
  const lede = story.text.length > 400 ? story.text.slice(0, 400) : story.text;
  for (const field of [readField('title', story.title), readField('summary', lede)]) {
    for (const token of field.tokens) {
      const word = token.word;
      const first = word.charCodeAt(0);
      if (first >= 48 && first <= 57) {
        if (word.length >= 2) visit(Kind.Number, word, 2);
        continue;
      }
      if (word.length < 3 || STOPWORDS.has(word)) continue;
      // Names weigh more; they share a key with the plain word so a name that opens a
      // sentence in one report still meets the same name in another.
      visit(Kind.Word, stem(word), token.capitalised && !token.sentenceStart && !field.titleCase ? 2 : 1);
    }
  }
  for (const c of story.countries) visit(Kind.Country, c, 1);
  for (const c of story.companies) visit(Kind.Company, c, 1);
}

/** A story's features as the list `assignTelling` tells, for a story assigned before. */
export function storyFeatureList(story: Pick<ClusterInput, 'title' | 'text' | 'countries' | 'companies'>): StoryFeatureList {
  const named: string[] = [];
  visitFeatures(story, (kind, key, weight) => named.push(featureName(kind, key, weight)));
  return named.join(' ');
}

function featureName(kind: Kind, key: string, weight: number): string {
  return weight === 2 ? `${KIND_PREFIX[kind]}${key}^` : `${KIND_PREFIX[kind]}${key}`;
}

/** A crude stem of a folded word ("ing", "ed", "es" or "s" dropped, 7 units at most), so "blocks" meets "blocked" and "blocking". */
function stem(word: string): string {
  let end = word.length;
  const last = word.charCodeAt(end - 1);
  const beforeLast = word.charCodeAt(end - 2);
  if (last === 115 /* s */) end -= beforeLast === 101 /* e */ ? 2 : 1;
  else if (last === 100 /* d */ && beforeLast === 101 /* e */) end -= 2;
  else if (last === 103 /* g */ && beforeLast === 110 /* n */ && word.charCodeAt(end - 3) === 105 /* i */) end -= 3;
  return end > 7 ? word.slice(0, 7) : end === word.length ? word : word.slice(0, end);
}
