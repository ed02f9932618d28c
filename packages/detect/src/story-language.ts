import languageData from '../data/languages.json' with { type: 'json' };
import { foldForMatching } from './fold-text.ts';
import type { Token } from './story-text.ts';

/** Languages with lexicons; others are read with the English ones. */
export const LANGUAGES = ['en', 'fr', 'de', 'es', 'pt', 'it'] as const;
export type Language = (typeof LANGUAGES)[number];

const WORDS: Map<string, Language[]> = new Map();
for (const lang of LANGUAGES) {
  // Story words are folded ("été" -> "ete"), so the list is too.
  for (const word of new Set(languageData[lang].map(foldForMatching))) WORDS.set(word, [...(WORDS.get(word) ?? []), lang]);
}

/**
 * The story's language: the feed's own when it names a known one, else the language
 * whose frequent short words the story uses most (English on a tie or on no evidence).
 */
export function storyLanguage(tokenLists: Token[][], declared?: string | null): Language {
  const base = declared?.slice(0, 2).toLowerCase();
  if (base && (LANGUAGES as readonly string[]).includes(base)) return base as Language;
  const counts = new Map<Language, number>();
  for (const tokens of tokenLists) {
    for (const token of tokens) {
      const langs = WORDS.get(token.word);
      if (langs) for (const lang of langs) counts.set(lang, (counts.get(lang) ?? 0) + 1);
    }
  }
  let best: Language = 'en';
  let bestCount = counts.get('en') ?? 0;
  for (const [lang, count] of counts) {
    if (count > bestCount) {
      best = lang;
      bestCount = count;
    }
  }
  return best;
}
