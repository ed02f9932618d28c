import { foldText } from './text-fold.ts';

interface KeywordTerm {
  text: string;
  negated: boolean;
}

/** Splits a keyword query into words and "exact phrases"; a leading - negates a term. */
export function parseKeywords(query: string): KeywordTerm[] {
  const terms: KeywordTerm[] = [];
  const pattern = /(-?)(?:"([^"]*)"?|(\S+))/g;
  for (const match of query.matchAll(pattern)) {
    const text = foldText((match[2] ?? match[3] ?? '').trim());
    if (text) terms.push({ text, negated: match[1] === '-' });
  }
  return terms;
}

function containsWords(haystack: string, needle: string): boolean {
  let from = 0;
  for (;;) {
    const at = haystack.indexOf(needle, from);
    if (at < 0) return false;
    const before = at === 0 ? '' : haystack[at - 1]!;
    const after = haystack[at + needle.length] ?? '';
    if (!/[\p{L}\p{N}]/u.test(before) && !/[\p{L}\p{N}]/u.test(after)) return true;
    from = at + 1;
  }
}

/** True when every plain term occurs as whole words in the text and no negated one does. */
export function matchesKeywords(query: string, text: string): boolean {
  const terms = parseKeywords(query);
  if (terms.length === 0) return true;
  const folded = foldText(text);
  return terms.every((term) => containsWords(folded, term.text) !== term.negated);
}
