import { foldForMatching, isWordUnit } from './fold-text.ts';

/** A word of a story field, by offsets into the field's text. */
export interface Token {
  start: number;
  end: number;
  /** Folded form, for comparing with lexicon words. */
  word: string;
  /** Starts with an upper-case letter in the original text. */
  capitalised: boolean;
  /** Index of the sentence the word belongs to. */
  sentence: number;
  /** First word of its sentence. */
  sentenceStart: boolean;
}

/** One field of a story ready for matching: the text, its folded form and its words. */
export interface StoryField {
  name: 'title' | 'summary';
  text: string;
  folded: string;
  tokens: Token[];
  /** Headline written In Title Case, where capitals say nothing about names. */
  titleCase: boolean;
}

const SENTENCE_END = new Set(['.', '!', '?', ';', '\n']);

/** Upper-case letters: ASCII by range, others by asking the string. */
function isCapital(code: number): boolean {
  if (code < 128) return code >= 65 && code <= 90;
  const ch = String.fromCharCode(code);
  return ch !== ch.toLowerCase();
}

/** Splits a field into words and sentences; offsets stay those of `text`. */
export function readField(name: 'title' | 'summary', text: string): StoryField {
  const folded = foldForMatching(text);
  const tokens: Token[] = [];
  let sentence = 0;
  let sentenceStart = true;
  let i = 0;
  while (i < text.length) {
    const code = folded.charCodeAt(i);
    if (!isWordUnit(code)) {
      const ch = text[i]!;
      if (ch === '\n' || (SENTENCE_END.has(ch) && endsSentence(text, i))) {
        if (!sentenceStart) sentence++;
        sentenceStart = true;
      }
      i++;
      continue;
    }
    const start = i;
    while (i < text.length && isWordUnit(folded.charCodeAt(i))) i++;
    tokens.push({
      start,
      end: i,
      word: folded.slice(start, i),
      capitalised: isCapital(text.charCodeAt(start)),
      sentence,
      sentenceStart,
    });
    sentenceStart = false;
  }
  return { name, text, folded, tokens, titleCase: name === 'title' && isTitleCase(tokens) };
}

/** A full stop ends a sentence unless it closes an initial or abbreviation ("U.S.", "Mr."). */
function endsSentence(text: string, i: number): boolean {
  if (text.charCodeAt(i) !== 46) return true;
  const next = text.charCodeAt(i + 1);
  if (i + 1 < text.length && next !== 32 && next !== 10 && next !== 34) return false;
  // A single capital before the stop ("U.S.", "J. Smith") is an initial.
  const before = text.charCodeAt(i - 1);
  const beforeThat = i >= 2 ? text.charCodeAt(i - 2) : 32;
  if (before >= 65 && before <= 90 && (beforeThat === 32 || beforeThat === 46 || i < 2)) return false;
  if (before >= 97 && before <= 122) {
    let start = i - 1;
    while (start > 0 && text.charCodeAt(start - 1) >= 65 && text.charCodeAt(start - 1) <= 122) start--;
    if (i - start <= 4 && ABBREVIATIONS.has(text.slice(start, i))) return false;
  }
  return true;
}

const ABBREVIATIONS = new Set(['Mr', 'Mrs', 'Ms', 'Dr', 'St', 'Jr', 'Sr', 'No', 'vs', 'Inc', 'Corp', 'Co', 'Ltd', 'Gen', 'Sen', 'Rep', 'Gov']);

function isTitleCase(tokens: Token[]): boolean {
  const long = tokens.filter((t) => t.word.length >= 4);
  if (long.length < 3) return false;
  return long.filter((t) => t.capitalised).length / long.length >= 0.7;
}

/** Index of the first token whose start is at or after `offset` (tokens.length if none). */
export function tokenAt(tokens: Token[], offset: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
