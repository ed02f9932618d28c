import { EU } from '@radar/core';
import { AUXILIARIES, KNOWLEDGE } from './knowledge.ts';
import type { CueHit, StoryCues } from './story-cues.ts';
import type { Language } from './story-language.ts';
import type { StoryField, Token } from './story-text.ts';

/** A country tagged for a story, and why. */
export interface CountryFinding {
  id: string;
  hit: CueHit;
  rule: string;
  /** Evidence that only a law was named ("the EU's privacy rules"), not a state acting. */
  weak: boolean;
}

/** Words that may stand between a place and the state noun or verb it governs. */
const FILLERS = new Set(['of', 'de', 'du', 'des', 'del', 'do', 'da', 'dos', 'das', 'di', 'della', 'dello', 'dei', 'von', 'der', 'the', 'la', 'le', 'l', 'el', 'o', 'a', 'in', 'en', 'em', 'no', 'na', 'nel', 'nella']);
/** Words that may stand between a subject and its verb ("Turkey on Thursday blocked"). */
const SUBJECT_SKIPS = new Set(['on', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'also', 'now', 'formally', 'officially', 'reportedly', 'quietly', 'again', 'further', 'temporarily', 'indefinitely', 'late', 'last', 'week', 'yesterday', 'today', 'tonight', 'this', 'has', 'have', 'had', 'will', 'would', 'could', 'may', 'is', 'was', 'finally', 'still', 'already', 'recently', 'effectively', 'abruptly', 'unilaterally', 'not', 'never', 'repeatedly', 'earlier', 'then', 'first']);
/** Words before a place that make it an object, not the subject ("sales in China"). */
const PREPOSITIONS = new Set(['to', 'for', 'with', 'by', 'into', 'over', 'about', 'than', 'like', 'under', 'via', 'toward', 'towards', 'per', 'outside', 'inside', 'across', 'throughout', 'from', 'on', 'onto', 'out']);
/** Words after which a place may open a clause as its subject. */
const CLAUSE_OPENERS = new Set(['the', 'and', 'or', 'but', 'as', 'while', 'after', 'before', 'when', 'since', 'because', 'that', 'which', 'where', 'although', 'though', 'if', 'until', 'once', 'so', 'then', 'says', 'said', 'meanwhile', 'et', 'und', 'y', 'e', 'ed', 'la', 'le', 'l', 'el', 'o', 'a', 'il', 'lo', 'die', 'der', 'das', 'que', 'qui', 'che', 'dass', 'also', 'now', 'why', 'how', 'whether', 'how']);
/** Law nouns: the EU's rules alone do not make the EU act when a national body enforces them. */
const LAW_NOUNS = new Set(['law', 'laws', 'rules', 'regulation', 'regulations', 'legislation', 'directive', 'gdpr', 'act', 'dma', 'dsa']);
const COORDINATORS = new Set(['and', 'or', 'et', 'und', 'y', 'e', 'ed']);
/** Title words before a surname do not make a country name a person ("President Jordan" is rare). */
const NOT_FIRST_NAMES = new Set(['the', 'president', 'king', 'queen', 'prime', 'minister', 'new', 'north', 'south', 'east', 'west', 'republic', 'kingdom', 'state', 'in', 'of']);

/** Decides which places, peoples and bodies found in a story are states taking part in it. */
export function findCountries(cues: StoryCues, text: string, lang: Language = 'en'): CountryFinding[] {
  const findings: CountryFinding[] = [];
  const places = cues.entities.filter((e) => e.cue.kind === 'country' && !isYardstick(e));
  const generic: CueHit[] = [];
  let georgia: 'US' | 'GE' | undefined;
  // "Georgia" is the US state or the country by the words around it.
  const stateOf = (hit: CueHit, id: string) =>
    id === 'GE' && hit.field.text.slice(hit.start, hit.end) === 'Georgia' && (georgia ??= georgiaSide(text)) === 'US' ? 'US' : id;
  for (const hit of places) {
    if (hit.cue.kind !== 'country') continue;
    const { via } = hit.cue;
    const surface = hit.field.text.slice(hit.start, hit.end);
    if ((via === 'name' || via === 'seat' || via === 'region') && KNOWLEDGE.personNames.has(surface) && looksLikePerson(hit)) continue;
    const id = via === 'name' ? stateOf(hit, hit.cue.id) : hit.cue.id;
    if (via === 'generic') {
      // Whose body it is depends on the rest of the story: settled once the others are known.
      generic.push(hit);
      continue;
    }
    if (via === 'body') {
      findings.push({ id, hit, rule: 'government-body', weak: false });
      continue;
    }
    if (via === 'official') {
      findings.push({ id, hit, rule: 'state-official', weak: false });
      continue;
    }
    const noun = stateNounAfter(hit, cues) ?? stateNounBefore(hit, cues);
    if (noun) {
      const nounWord = noun.field.folded.slice(noun.start, noun.end);
      const rule = via === 'demonym' ? 'demonym-state-noun' : 'place-state-noun';
      findings.push({ id, hit, rule, weak: id === EU && LAW_NOUNS.has(nounWord) });
      continue;
    }
    if (via === 'demonym') continue;
    if (isSportsClub(hit)) continue;
    if (subjectOfStateVerb(hit, cues, places)) {
      findings.push({ id, hit, rule: via === 'seat' ? 'seat-metonym' : 'place-acts', weak: false });
      continue;
    }
    if (objectOfStateAction(hit)) {
      findings.push({ id, hit, rule: 'state-targeted', weak: false });
      continue;
    }
    if (via === 'seat' && (seatPossessive(hit) || seatOwnsAct(hit))) {
      findings.push({ id, hit, rule: 'seat-metonym', weak: false });
      continue;
    }
  }
  const known = findings.slice();
  for (const hit of generic) {
    const finding = ownerOfGenericBody(hit, known, places, lang, stateOf);
    if (finding) findings.push(finding);
  }
  return findings;
}

/**
 * Whose "Senate", "Supreme Court" or "Bundesrat" a story means: the state named with it
 * ("French Senate", "Senators in Paris", "Senado chileno"); else one of the states that
 * name a body so and act in the story; else another state acting in the story (the body
 * adds no country); else one of its states named in the story (any named state when any
 * state may have one); else the one at home in the story's language; else, when the story
 * names no country at all, the state it means alone (the US for "the Senate").
 */
function ownerOfGenericBody(
  hit: CueHit,
  known: CountryFinding[],
  places: CueHit[],
  lang: Language,
  stateOf: (hit: CueHit, id: string) => string,
): CountryFinding | null {
  if (hit.cue.kind !== 'country' || !hit.cue.generic) return null;
  const { countries, anyState, alone } = hit.cue.generic;
  const finding = (id: string, rule: string): CountryFinding => ({ id, hit, rule, weak: false });
  const qualifier = genericQualifier(hit, places, lang);
  if (qualifier && qualifier.cue.kind === 'country') return finding(stateOf(qualifier, qualifier.cue.id), 'generic-body-qualified');
  const states = known.filter((f) => f.id !== EU && !f.weak);
  const acting = countries.find((id) => states.some((f) => f.id === id));
  if (acting) return finding(acting, 'generic-body-of-acting-state');
  if (states.length > 0) return finding(nearestState(hit, states).id, 'generic-body-of-acting-state');
  const named = places.filter((p) => p.cue.kind === 'country' && isNamedPlace(p, lang)).map((p) => stateOf(p, p.cue.kind === 'country' ? p.cue.id : ''));
  const namedCandidate = countries.find((id) => named.includes(id)) ?? (anyState ? named[0] : undefined);
  if (namedCandidate) return finding(namedCandidate, 'generic-body-of-named-state');
  const home = KNOWLEDGE.homeCountries[lang];
  const homeCandidate = home && countries.find((id) => home.includes(id));
  if (homeCandidate) return finding(homeCandidate, 'generic-body-of-language');
  if (named.length === 0 && alone) return finding(alone, 'generic-body-alone');
  return null;
}

/** "modelled on Australia's ban", "unlike the FTC": a state named as a yardstick takes no part. */
function isYardstick(hit: CueHit): boolean {
  const tokens = hit.field.tokens;
  const sentence = tokens[hit.firstToken]?.sentence;
  // a cue may end up to three words before the name, in the same sentence
  for (let gap = 0; gap <= 3; gap++) {
    const last = hit.firstToken - gap - 1;
    if (last < 0 || tokens[last]!.sentence !== sentence) break;
    for (const words of KNOWLEDGE.comparisonCuesByLastWord.get(tokens[last]!.word) ?? []) {
      const start = last - words.length + 1;
      if (start >= 0 && tokens[start]!.sentence === sentence && words.every((w, i) => tokens[start + i]!.word === w)) return true;
    }
  }
  return false;
}

/** A place or people that names a country in the story (not a body, office holder or person). */
function isNamedPlace(hit: CueHit, lang: Language): boolean {
  if (hit.cue.kind !== 'country') return false;
  const { via } = hit.cue;
  if (via === 'demonym') return lang !== 'en';
  if (via !== 'name' && via !== 'seat' && via !== 'region') return false;
  return !(KNOWLEDGE.personNames.has(hit.field.text.slice(hit.start, hit.end)) && looksLikePerson(hit));
}

/** Words that tie a body to the place after it: "Senators in Paris", "Senate of Brazil". */
const PLACE_LINKS = new Set(['in', 'of', 'de', 'do', 'da', 'del', 'della', 'di', 'von', 'du', 'des']);
const ARTICLES = new Set(['the', 'la', 'le', 'l', 'el', 'o', 'a', 'der', 'die', 'das']);

/** The place or people named with a generic body: just before it or just after it. */
function genericQualifier(hit: CueHit, places: CueHit[], lang: Language): CueHit | undefined {
  const { field } = hit;
  const tokens = field.tokens;
  const sentence = tokens[hit.firstToken]?.sentence;
  const others = places.filter(
    (p) => p !== hit && p.field === field && p.cue.kind === 'country' && p.cue.via !== 'generic' && (p.cue.via !== 'name' || isNamedPlace(p, lang)),
  );
  // Before: "French Senate", "Brazil's Congress", "Mexico's upper-house Senate".
  const before = others.filter((p) => p.end <= hit.start && tokens[p.firstToken]?.sentence === sentence).at(-1);
  if (before && hit.firstToken - afterPossessive(before).index <= 2 && /^[\s\p{L}'\u2019-]*$/u.test(field.text.slice(before.end, hit.start))) {
    return before;
  }
  // After: "Senators in Paris", "Senate of the Philippines", "Senado chileno".
  let cursor = hit.afterToken;
  if (tokens[cursor] && PLACE_LINKS.has(tokens[cursor]!.word)) {
    cursor++;
    if (tokens[cursor] && ARTICLES.has(tokens[cursor]!.word)) cursor++;
  }
  const after = others.find((p) => p.firstToken === cursor && tokens[cursor]?.sentence === sentence);
  if (after && joinedByWords(field, hit.end, after.start)) return after;
  return undefined;
}

/** Only words and spaces between two offsets, no punctuation. */
function joinedByWords(field: StoryField, from: number, to: number): boolean {
  return /^[\s\p{L}'\u2019-]*$/u.test(field.text.slice(from, to));
}

/** The acting state named closest before the hit (else the first one). */
function nearestState(hit: CueHit, states: CountryFinding[]): CountryFinding {
  const order = (f: CountryFinding) => (f.hit.field.name === 'title' ? 0 : 1) * 1e6 + f.hit.start;
  const position = order({ id: '', hit, rule: '', weak: false });
  const before = states.filter((f) => order(f) <= position).sort((a, b) => order(b) - order(a));
  return before[0] ?? states[0]!;
}

/**
 * The country where a policy story happens, when no state was seen acting: a place named
 * with "in"/"across" ("the service in Spain", "suspension across Brazil").
 */
export function findPolicyLocation(cues: StoryCues): CountryFinding | null {
  for (const hit of cues.entities) {
    if (hit.cue.kind !== 'country') continue;
    const { via, id } = hit.cue;
    if (via !== 'name' && via !== 'seat') continue;
    const prev = previousToken(hit);
    if (prev && ['in', 'across', 'throughout', 'en', 'em', 'no', 'na', 'à', 'a', 'nach', 'im'].includes(prev.word)) {
      return { id, hit, rule: 'policy-location', weak: false };
    }
  }
  return null;
}

/**
 * "El Gobierno aprobó..." in a Spanish story that names Spain: an unqualified national
 * government in the story's language belongs to that language's country named in it.
 */
export function findNationalGovernment(cues: StoryCues, fields: StoryField[], lang: string): CountryFinding | null {
  const homes = KNOWLEDGE.homeCountries[lang];
  const words = KNOWLEDGE.governmentWords[lang];
  if (!homes || !words) return null;
  const field = fields.find((f) => f.tokens.some((t) => words.has(t.word)));
  if (!field) return null;
  for (const hit of cues.entities) {
    if (hit.cue.kind === 'country' && homes.includes(hit.cue.id) && (hit.cue.via === 'name' || hit.cue.via === 'demonym' || hit.cue.via === 'seat')) {
      return { id: hit.cue.id, hit, rule: 'national-government', weak: false };
    }
  }
  // "Il Consiglio dei ministri ha approvato...": a story that names no country at all
  // speaks of the government at home in its language.
  const [home] = homes;
  if (!home || cues.entities.some((e) => e.cue.kind === 'country')) return null;
  const index = field.tokens.findIndex((t) => words.has(t.word));
  const token = field.tokens[index]!;
  const hit: CueHit = { field, start: token.start, end: token.end, cue: { kind: 'country', id: home, via: 'body' }, firstToken: index, afterToken: index + 1 };
  return { id: home, hit, rule: 'national-government-at-home', weak: false };
}

function previousToken(hit: CueHit): Token | undefined {
  const token = hit.field.tokens[hit.firstToken - 1];
  const first = hit.field.tokens[hit.firstToken];
  return token && first && token.sentence === first.sentence ? token : undefined;
}

/** The token index after the hit, past a possessive "'s". */
function afterPossessive(hit: CueHit): { index: number; possessive: boolean } {
  const { field } = hit;
  const next = field.folded[hit.end];
  if (next === "'") {
    const token = field.tokens[hit.afterToken];
    if (token && token.word === 's' && token.start === hit.end + 1) return { index: hit.afterToken + 1, possessive: true };
    return { index: hit.afterToken, possessive: true };
  }
  return { index: hit.afterToken, possessive: false };
}

/** Only spaces, hyphens or an apostrophe between two offsets: the words belong together. */
function joined(field: StoryField, from: number, to: number): boolean {
  return /^[\s'\-]*$/.test(field.text.slice(from, to));
}

/** "Brazil's Supreme Court", "UK regulator", "Turkish authorities", "Indian and Chinese troops". */
function stateNounAfter(hit: CueHit, cues: StoryCues): CueHit | undefined {
  const { field } = hit;
  const nouns = cues.stateNounStart.get(field)!;
  const { index, possessive } = afterPossessive(hit);
  const maxGap = possessive ? 3 : 2;
  const tokens = field.tokens;
  const sentence = tokens[hit.firstToken]?.sentence;
  let cursor = index;
  let previousEnd = possessive ? (tokens[index - 1]?.end ?? hit.end) : hit.end;
  let gap = 0;
  while (cursor < tokens.length && gap <= maxGap) {
    const token = tokens[cursor]!;
    if (token.sentence !== sentence) return undefined;
    if (!/^[\s'\-]*$/.test(field.text.slice(previousEnd, token.start)) && !(gap === 0 && cursor === index)) {
      // Punctuation breaks the phrase, except a comma in a list of peoples.
      if (!/^\s*,\s*$/.test(field.text.slice(previousEnd, token.start))) return undefined;
    }
    const noun = nouns.get(cursor);
    if (noun) return noun;
    // Skip a coordinated place or people: "Indian and Chinese troops".
    if (COORDINATORS.has(token.word)) {
      const other = cues.entities.find((e) => e.field === field && e.cue.kind === 'country' && e.firstToken === cursor + 1);
      if (other) {
        previousEnd = other.end;
        cursor = other.afterToken;
        continue;
      }
    }
    if (!/^\p{L}/u.test(token.word)) return undefined;
    // Another place between them owns the noun: "in China despite US sanctions".
    if (cues.entities.some((e) => e.field === field && e.cue.kind === 'country' && e.firstToken === cursor)) return undefined;
    gap++;
    previousEnd = token.end;
    cursor++;
  }
  return undefined;
}

/** "government of Turkey", "gouvernement français", "Presidência do Brasil". */
function stateNounBefore(hit: CueHit, cues: StoryCues): CueHit | undefined {
  const { field } = hit;
  const ends = cues.stateNounEnd.get(field)!;
  const tokens = field.tokens;
  const first = tokens[hit.firstToken];
  if (!first) return undefined;
  // Only Romance languages put the demonym after the noun ("gouvernement français"); in
  // German the noun before a demonym belongs to something else ("Gerichte aus der spanischen Küche").
  const isDemonym = hit.cue.kind === 'country' && hit.cue.via === 'demonym';
  if (isDemonym && !(hit.cue.kind === 'country' && hit.cue.lang && ['fr', 'es', 'pt', 'it'].includes(hit.cue.lang))) return undefined;
  let cursor = hit.firstToken;
  let fillers = 0;
  let loose = 0;
  while (cursor > 0 && fillers + loose <= 3) {
    const noun = ends.get(cursor);
    // A name needs "of"/"de"/... after the noun ("government of Turkey"); only a Romance
    // demonym follows its noun directly ("gouvernement français").
    if (noun && noun.field === field && (isDemonym || fillers > 0)) {
      const nounLast = tokens[cursor - 1]!;
      if (nounLast.sentence === first.sentence && !/[,;:()]/.test(field.text.slice(noun.end, hit.start))) return noun;
      return undefined;
    }
    const before = tokens[cursor - 1]!;
    if (before.sentence !== first.sentence) return undefined;
    if (FILLERS.has(before.word)) fillers++;
    else if (isDemonym && loose === 0) loose++;
    else return undefined;
    cursor--;
  }
  return undefined;
}

/** "Turkey blocks", "Iran on Saturday cut off", "The EU, Britain and the US accused". */
function subjectOfStateVerb(hit: CueHit, cues: StoryCues, places: CueHit[]): boolean {
  const { field } = hit;
  let prev = previousToken(hit);
  // "in the United States to...", "beat the Netherlands to...": the word before the article decides.
  if (prev && prev.word === 'the') {
    const beforeArticle = field.tokens[hit.firstToken - 2];
    if (beforeArticle && beforeArticle.sentence === prev.sentence && joined(field, beforeArticle.end, prev.start)) prev = beforeArticle;
  }
  // "with Brussels accusing them": a seat of government may act after "with".
  const isSeat = hit.cue.kind === 'country' && hit.cue.via === 'seat';
  if (prev && KNOWLEDGE.locatives.has(prev.word)) return false;
  if (prev && PREPOSITIONS.has(prev.word) && !(isSeat && prev.word === 'with')) return false;
  // A subject opens its clause: after a full stop, a comma, "the", "and", "as"...; after
  // a verb it is an object ("France beat Morocco to reach the final").
  if (prev && !CLAUSE_OPENERS.has(prev.word) && !/[,;:"(\u2013\u2014-]/.test(field.text.slice(prev.end, hit.start)) && !(isSeat && prev.word === 'with')) {
    return false;
  }
  if (prev && field.folded[prev.end] === "'") return false;
  const tokens = field.tokens;
  const verbs = cues.stateVerbStart.get(field)!;
  let cursor = hit.afterToken;
  let previousEnd = hit.end;
  // Walk over a list of further subjects: ", Britain and the United States".
  for (;;) {
    const token = tokens[cursor];
    if (!token) return false;
    const between = field.text.slice(previousEnd, token.start);
    if (/^\s*,\s*$/.test(between) || COORDINATORS.has(token.word) || token.word === 'the') {
      const skip = COORDINATORS.has(token.word) || token.word === 'the' ? 1 : 0;
      let next = cursor + skip;
      if (tokens[next]?.word === 'the') next++;
      const other = places.find((p) => p.field === field && p.firstToken === next);
      if (other) {
        previousEnd = other.end;
        cursor = other.afterToken;
        continue;
      }
      if (/^\s*,\s*$/.test(between)) return false;
    }
    break;
  }
  const sentence = tokens[hit.firstToken]?.sentence;
  let skipped = 0;
  while (cursor < tokens.length && skipped <= 3) {
    const token = tokens[cursor]!;
    if (token.sentence !== sentence) return false;
    if (!joined(field, previousEnd, token.start) && !/^\s*,?\s*$/.test(field.text.slice(previousEnd, token.start))) return false;
    if (verbs.has(cursor) && !SUBJECT_SKIPS.has(token.word)) return true;
    if (AUXILIARIES.has(token.word)) return true;
    if (!SUBJECT_SKIPS.has(token.word)) return false;
    skipped++;
    previousEnd = token.end;
    cursor++;
  }
  return false;
}

/** "accused Russia of", "invasion of Ukraine", "on behalf of Riyadh", "talks between the US and China". */
function objectOfStateAction(hit: CueHit): boolean {
  const tokens = hit.field.tokens;
  let end = hit.firstToken;
  if (tokens[end - 1]?.word === 'the') end--;
  for (const words of KNOWLEDGE.targetVerbs) {
    const start = end - words.length;
    if (start < 0) continue;
    if (words.every((w, i) => tokens[start + i]!.word === w) && tokens[start]!.sentence === tokens[hit.firstToken]?.sentence) return true;
  }
  // The second member of "between X and Y", "accused X and Y", "criticism from rights groups and the US".
  if (tokens[end - 1] && COORDINATORS.has(tokens[end - 1]!.word)) {
    const sentence = tokens[hit.firstToken]?.sentence;
    for (let last = end - 2; last >= Math.max(0, end - 7); last--) {
      if (tokens[last]!.sentence !== sentence) break;
      if (tokens[last]!.word === 'between') return true;
      for (const words of KNOWLEDGE.targetVerbs) {
        const start = last - words.length + 1;
        if (start >= 0 && words.every((w, i) => tokens[start + i]!.word === w)) return true;
      }
    }
  }
  return false;
}

/** "Beijing's response", "Ankara's request": a seat's possessive speaks for its state, not for a place. */
function seatPossessive(hit: CueHit): boolean {
  const prev = previousToken(hit);
  if (prev && KNOWLEDGE.locatives.has(prev.word)) return false;
  const { index, possessive } = afterPossessive(hit);
  if (!possessive) return false;
  const next = hit.field.tokens[index];
  if (!next || next.sentence !== hit.field.tokens[hit.firstToken]?.sentence) return false;
  return !KNOWLEDGE.placeNouns.has(next.word) && !(next.capitalised && !hit.field.titleCase);
}

/** "les menaces de Washington", "la respuesta de Pekín": a Romance possessive of a seat. */
function seatOwnsAct(hit: CueHit): boolean {
  const tokens = hit.field.tokens;
  const link = tokens[hit.firstToken - 1];
  if (!link || !['de', 'di', 'da', 'do', 'du'].includes(link.word)) return false;
  // The act noun, or the noun before one adjective ("représailles commerciales de").
  for (const back of [2, 3]) {
    const noun = tokens[hit.firstToken - back];
    if (!noun || noun.sentence !== link.sentence) return false;
    if (KNOWLEDGE.seatOwnerNouns.has(noun.word)) return joinedByWords(hit.field, noun.end, link.start);
  }
  return false;
}

/** Words before a place name that make it a sports club ("FC Bayern", "Real Madrid"). */
const CLUB_WORDS = new Set(['fc', 'ac', 'sc', 'cf', 'afc', 'ssc', 'real', 'atletico', 'inter', 'sporting', 'olympique', 'borussia', 'club', 'dynamo', 'dinamo', 'racing', 'athletic', 'ogc', 'rc', 'as', 'ss', 'us', 'vfb', 'vfl', 'tsg', 'rb', 'psg']);

function isSportsClub(hit: CueHit): boolean {
  const prev = previousToken(hit);
  return prev !== undefined && CLUB_WORDS.has(prev.word) && (prev.capitalised || prev.word.length <= 3);
}

/** "Jim Jordan", "Jordan Bardella", "Chad Smith": a name beside a capitalised word. */
function looksLikePerson(hit: CueHit): boolean {
  const { field } = hit;
  const tokens = field.tokens;
  const prev = previousToken(hit);
  if (prev && prev.capitalised && !prev.sentenceStart && !NOT_FIRST_NAMES.has(prev.word) && joined(field, prev.end, hit.start)) {
    return true;
  }
  const next = tokens[hit.afterToken];
  if (
    next &&
    !field.titleCase &&
    next.capitalised &&
    next.sentence === tokens[hit.firstToken]?.sentence &&
    /^\s+$/.test(field.text.slice(hit.end, next.start))
  ) {
    return true;
  }
  return false;
}

/** Which Georgia a story means, from the words around it. */
function georgiaSide(text: string): 'US' | 'GE' {
  const count = (words: string[]) => words.filter((w) => new RegExp(`\\b${w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`).test(text)).length;
  const us = count(KNOWLEDGE.georgiaCues.US);
  const ge = count(KNOWLEDGE.georgiaCues.GE);
  return us > ge ? 'US' : 'GE';
}
