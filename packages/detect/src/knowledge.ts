import worldCountries from 'world-countries/countries.json' with { type: 'json' };
import { COMPANIES, isCountryId, isTopicId } from '@radar/core';
import bodyData from '../data/government-bodies.json' with { type: 'json' };
import genericBodyData from '../data/generic-bodies.json' with { type: 'json' };
import officialData from '../data/officials.json' with { type: 'json' };
import countryData from '../data/countries.json' with { type: 'json' };
import companyData from '../data/companies.json' with { type: 'json' };
import topicData from '../data/topics.json' with { type: 'json' };
import cueData from '../data/cues.json' with { type: 'json' };
import relevanceData from '../data/relevance.json' with { type: 'json' };
import { foldForMatching } from './fold-text.ts';
import { PhraseMatcher, type Phrase } from './phrase-matcher.ts';
import { LANGUAGES, type Language } from './story-language.ts';

/**
 * How a place, a people or a state body was named. A 'generic' body is a kind of body
 * several states have ("the Senate", "Bundesrat"); the story decides whose it is.
 */
export type CountryVia = 'name' | 'region' | 'seat' | 'demonym' | 'body' | 'official' | 'generic';

/** A kind of body several states have: which states, whether any state may have one, and whose it is in a story naming no country. */
export interface GenericBody {
  countries: string[];
  anyState: boolean;
  alone?: string;
}

/** What a phrase of the compiled knowledge means when it is found in a story. */
export type Cue =
  | { kind: 'country'; id: string; via: CountryVia; lang?: Language; generic?: GenericBody }
  | { kind: 'company'; id: string; guarded: boolean }
  | { kind: 'company-context'; ids: string[] }
  | { kind: 'block' }
  | { kind: 'topic'; id: string; weight: number; lang: Language }
  | { kind: 'state-noun'; lang: Language }
  | { kind: 'state-verb'; lang: Language }
  | { kind: 'relevance'; signal: 'policy' | 'tech' | 'not-policy'; weight: number; lang: Language };

/** Everything the detector knows, compiled once at module load. */
export interface Knowledge {
  matcher: PhraseMatcher<Cue>;
  /** Country names that are also first names or surnames. */
  personNames: Set<string>;
  /** Company names that are also first names ("Claude", "Alexa"). */
  companyPersonNames: Set<string>;
  /** Words after a company name that confirm it is the company ("Meta said"). */
  companyNear: Map<string, Set<string>>;
  /** Words that pick the US state or the country for "Georgia". */
  georgiaCues: { US: string[]; GE: string[] };
  locatives: Set<string>;
  placeNouns: Set<string>;
  targetVerbs: string[][];
  /** Per topic: objects that make its word mean something else ("blocked a state law"), and words that keep it. */
  topicObjects: Map<string, { cancel: Set<string>; keep: Set<string> }>;
  /** Words after which a state is only a yardstick ("modelled on"), as word lists by their last word. */
  comparisonCuesByLastWord: Map<string, string[][]>;
  /** Romance nouns of a state's act owned by a seat after "de" ("menaces de Washington"), folded. */
  seatOwnerNouns: Set<string>;
  /** Countries an unqualified "government" may mean, by story language. */
  homeCountries: Record<string, string[]>;
  /** Words for a national government, by story language (folded). */
  governmentWords: Record<string, Set<string>>;
  buildMs: number;
}

/** Parses a lexicon entry: "phrase", "stem*", "phrase:3", "stem*:2", "phrase:-2" (evidence against). */
export function parseTerm(entry: string, defaultWeight = 2): { text: string; suffix: number; weight: number } {
  let text = entry;
  let weight = defaultWeight;
  const weighted = /^(.*):(-?\d)$/.exec(entry);
  if (weighted) {
    text = weighted[1]!;
    weight = Number(weighted[2]);
  }
  let suffix = 0;
  if (text.endsWith('*')) {
    text = text.slice(0, -1);
    suffix = 4;
  }
  return { text, suffix, weight };
}

const hasCapital = (text: string) => /\p{Lu}/u.test(text);

function phrase(entry: string, data: Cue): Phrase<Cue> {
  const { text, suffix } = parseTerm(entry);
  return { text, data, suffix, caseSensitive: hasCapital(text) };
}

/** English verb forms: "ban" -> ban, bans, banned, banning. */
export function verbForms(base: string): string[] {
  if (base.includes(' ') || base.includes("'")) return [base];
  const forms = new Set([base]);
  const last = base.at(-1)!;
  const stem = last === 'e' ? base.slice(0, -1) : base;
  forms.add(/(?:s|sh|ch|x|z)$/.test(base) ? `${base}es` : /[^aeiou]y$/.test(base) ? `${base.slice(0, -1)}ies` : `${base}s`);
  forms.add(/[^aeiou]y$/.test(base) ? `${base.slice(0, -1)}ied` : `${stem}ed`);
  forms.add(`${stem}ing`);
  // Short verbs ending consonant-vowel-consonant double it: ban -> banned, cut -> cutting.
  if (/^[^aeiou]*[aeiou][bdgklmnprt]$/.test(base)) {
    forms.add(`${base}${last}ed`);
    forms.add(`${base}${last}ing`);
  }
  return [...forms];
}

function worldCountryPhrases(): Phrase<Cue>[] {
  const out: Phrase<Cue>[] = [];
  // Territories that this detector files under their state ("Nouvelle-Calédonie" -> FR).
  const regions = new Set(Object.values(countryData.countries as Record<string, CountryEntry>).flatMap((c) => c.regions ?? []));
  const usable = (name: string) => name.length > 3 && !/[()]/.test(name) && /^[\p{Script=Latin}\s'.,-]+$/u.test(name);
  for (const country of worldCountries) {
    const id = country.cca2;
    if (!isCountryId(id)) continue;
    const names = new Set<string>([country.name.common, country.name.official, ...country.altSpellings]);
    for (const lang of ['deu', 'fra', 'ita', 'por', 'spa']) {
      const translation = (country.translations as Record<string, { common: string; official: string }>)[lang];
      if (translation) names.add(translation.common).add(translation.official);
    }
    for (const name of names) {
      if (usable(name) && !regions.has(name)) out.push({ text: name, data: { kind: 'country', id, via: 'name' }, caseSensitive: true });
    }
    // Territories share their state's demonym ("French" for the French Southern Territories).
    if (!country.independent) continue;
    const demonyms = country.demonyms as Record<string, { f: string; m: string }>;
    for (const [lang, forms] of [
      ['en', demonyms.eng],
      ['fr', demonyms.fra],
    ] as const) {
      if (!forms) continue;
      for (const form of new Set([forms.m, forms.f])) {
        if (!usable(form) && form.length <= 3) continue;
        // French demonyms are adjectives in lower case after the noun ("le gouvernement français").
        const text = lang === 'fr' ? form.toLowerCase() : form;
        out.push({ text, data: { kind: 'country', id, via: 'demonym', lang }, caseSensitive: lang === 'en', suffix: lang === 'fr' ? 2 : 0 });
      }
    }
  }
  return out;
}

function countryPhrases(): Phrase<Cue>[] {
  const out: Phrase<Cue>[] = worldCountryPhrases();
  for (const [id, entry] of Object.entries(countryData.countries) as [string, CountryEntry][]) {
    for (const name of entry.names ?? []) out.push(phrase(name, { kind: 'country', id, via: 'name' }));
    for (const name of entry.regions ?? []) out.push(phrase(name, { kind: 'country', id, via: 'region' }));
    for (const name of entry.seats ?? []) out.push(phrase(name, { kind: 'country', id, via: 'seat' }));
    for (const [lang, forms] of Object.entries(entry.demonyms ?? {})) {
      for (const form of forms) {
        const cue: Cue = { kind: 'country', id, via: 'demonym', lang: lang as Language };
        // Romance and German demonyms are lower-case adjectives; English ones are capitalised.
        const { text, suffix } = parseTerm(form);
        out.push({ text, data: cue, suffix, caseSensitive: lang === 'en' && hasCapital(text) });
      }
    }
  }
  for (const [id, names] of Object.entries(bodyData)) {
    if (id.startsWith('$')) continue;
    for (const name of names as string[]) out.push(phrase(name, { kind: 'country', id, via: 'body' }));
  }
  for (const group of genericBodyData.groups as { countries: string[]; anyState?: boolean; alone?: string; names: string[] }[]) {
    const generic: GenericBody = { countries: group.countries, anyState: group.anyState ?? false, alone: group.alone };
    if (generic.countries.length === 0 && !generic.anyState) throw new Error('generic-bodies.json has a group with no states');
    // The id only tells mentions apart; the state is decided per story.
    const id = generic.alone ?? generic.countries[0] ?? '';
    for (const name of group.names) out.push(phrase(name, { kind: 'country', id, via: 'generic', generic }));
  }
  for (const [id, names] of Object.entries(officialData)) {
    if (id.startsWith('$')) continue;
    for (const name of names as string[]) out.push(phrase(name, { kind: 'country', id, via: 'official' }));
  }
  for (const name of countryData.blockers) out.push(phrase(name, { kind: 'block' }));
  return out;
}

interface CountryEntry {
  names?: string[];
  seats?: string[];
  regions?: string[];
  demonyms?: Record<string, string[]>;
}

interface CompanyEntry {
  names: string[];
  guarded: string[];
  context: string[];
  near?: string[];
}

function companyPhrases(): Phrase<Cue>[] {
  const out: Phrase<Cue>[] = [];
  const entries = companyData.companies as Record<string, CompanyEntry>;
  for (const company of COMPANIES) {
    const entry = entries[company.id];
    if (!entry) throw new Error(`companies.json has no entry for ${company.id}`);
  }
  for (const [id, entry] of Object.entries(entries)) {
    for (const name of entry.names) out.push(phrase(name, { kind: 'company', id, guarded: false }));
    for (const name of entry.guarded) out.push(phrase(name, { kind: 'company', id, guarded: true }));
  }
  // One phrase per context word, naming every company it supports ("users", "app").
  const context = new Map<string, string[]>();
  for (const [id, entry] of Object.entries(entries)) {
    for (const word of entry.context) context.set(word, [...(context.get(word) ?? []), id]);
  }
  for (const [word, ids] of context) out.push(phrase(word, { kind: 'company-context', ids }));
  for (const name of companyData.blockers) out.push(phrase(name, { kind: 'block' }));
  return out;
}

function lexiconPhrases(): Phrase<Cue>[] {
  const out: Phrase<Cue>[] = [];
  for (const [id, byLang] of Object.entries(topicData.topics)) {
    if (!isTopicId(id)) throw new Error(`topics.json names unknown topic ${id}`);
    for (const lang of LANGUAGES) {
      for (const entry of (byLang as Record<string, string[]>)[lang] ?? []) {
        const { text, suffix, weight } = parseTerm(entry);
        out.push({ text, suffix, caseSensitive: hasCapital(text), data: { kind: 'topic', id, weight, lang } });
      }
    }
  }
  for (const lang of LANGUAGES) {
    for (const entry of (cueData.stateNouns as Record<string, string[]>)[lang] ?? []) {
      out.push(phrase(entry, { kind: 'state-noun', lang }));
    }
    const verbs = (cueData.stateVerbs as unknown as Record<string, string[]>)[lang] ?? [];
    for (const verb of verbs) {
      // Auxiliaries are checked word by word (AUXILIARIES); as phrases they would fire everywhere.
      if (AUXILIARIES.has(verb)) continue;
      for (const form of lang === 'en' ? verbForms(verb) : [verb]) {
        // Verbs are matched in lower case only: "Turkey blocks", not a title's "Blocks".
        out.push({ text: form, data: { kind: 'state-verb', lang }, caseSensitive: false });
      }
    }
    for (const signal of ['policy', 'tech', 'notPolicy'] as const) {
      for (const entry of (relevanceData[signal] as unknown as Record<string, string[]>)[lang] ?? []) {
        const { text, suffix, weight } = parseTerm(entry);
        out.push({
          text,
          suffix,
          caseSensitive: hasCapital(text),
          data: { kind: 'relevance', signal: signal === 'notPolicy' ? 'not-policy' : signal, weight, lang },
        });
      }
    }
  }
  return out;
}

/** Short verbs that make a place the subject of a state act ("Kenya to ban", "Iran has"). */
export const AUXILIARIES = new Set(['has', 'have', 'had', 'will', 'would', 'could', 'may', 'might', 'must', 'should', 'is', 'was', 'to', 'also', 'does', 'did', 'cannot', "can't", "won't", "hasn't", "isn't", 'a', 'va', 'ha', 'hat', 'will', 'vai', 'plans']);

/** Builds the matcher and rule tables from the data files. */
export function compileKnowledge(): Knowledge {
  const started = performance.now();
  const seen = new Set<string>();
  // The package and our data name many places twice; one phrase each is enough.
  const phrases = [...countryPhrases(), ...companyPhrases(), ...lexiconPhrases()].filter((p) => {
    const key = `${p.text}\u0000${p.suffix ?? 0}\u0000${p.caseSensitive ? 1 : 0}\u0000${JSON.stringify(p.data)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const matcher = new PhraseMatcher(phrases);
  const entries = companyData.companies as Record<string, CompanyEntry>;
  const companyNear = new Map<string, Set<string>>();
  for (const [id, entry] of Object.entries(entries)) {
    if (entry.near) companyNear.set(id, new Set(entry.near.map((w) => w.toLowerCase())));
  }
  const lower = (words: string[]) => new Set(words.map((w) => w.toLowerCase()));
  return {
    matcher,
    personNames: new Set(countryData.person),
    companyPersonNames: new Set(['Claude', 'Alexa', 'Sora', 'Siri']),
    companyNear,
    georgiaCues: countryData.georgia,
    locatives: lower(cueData.locatives),
    placeNouns: lower(cueData.placeNouns),
    targetVerbs: cueData.targetVerbs.map((v) => v.toLowerCase().split(' ')),
    topicObjects: new Map(
      Object.entries(topicData.objects)
        .filter(([k]) => !k.startsWith('$'))
        .map(([id, words]) => {
          const { cancel, keep } = words as { cancel: string[]; keep: string[] };
          const fold = (words: string[]) => new Set(words.map(foldForMatching));
          return [id, { cancel: fold(cancel), keep: fold(keep) }];
        }),
    ),
    comparisonCuesByLastWord: byLastWord(cueData.comparisonCues.words.map((w) => w.toLowerCase().split(' '))),
    seatOwnerNouns: new Set(
      Object.entries(cueData.seatOwnerNouns)
        .filter(([k]) => !k.startsWith('$'))
        .flatMap(([, words]) => (words as string[]).map((w) => foldForMatching(w))),
    ),
    governmentWords: Object.fromEntries(
      Object.entries(cueData.governmentWords)
        .filter(([k]) => !k.startsWith('$'))
        .map(([k, words]) => [k, new Set(words as string[])]),
    ),
    homeCountries: Object.fromEntries(Object.entries(cueData.homeCountries).filter(([k]) => !k.startsWith('$'))) as Record<string, string[]>,
    buildMs: performance.now() - started,
  };
}

/** The compiled knowledge, built on first import. */
export const KNOWLEDGE: Knowledge = compileKnowledge();

/** Size of the compiled knowledge, for benchmarks and health pages. */
export function knowledgeStats(knowledge: Knowledge = KNOWLEDGE): { phrases: number; states: number; bytes: number; buildMs: number } {
  const { matcher } = knowledge;
  return { phrases: matcher.phraseCount, states: matcher.stateCount, bytes: matcher.byteSize, buildMs: knowledge.buildMs };
}

/** Word lists grouped by their last word, so a text is checked only against the lists that could end at a given word. */
function byLastWord(lists: string[][]): Map<string, string[][]> {
  const grouped = new Map<string, string[][]>();
  for (const words of lists) {
    const last = words.at(-1)!;
    grouped.set(last, [...(grouped.get(last) ?? []), words]);
  }
  return grouped;
}
