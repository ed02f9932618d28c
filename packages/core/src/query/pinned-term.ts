/** `is:pinned` (or `is:pick`) as a whole term of a query, any case. */
const isPinnedTerm = (word: string): boolean => /^is:(pinned|pick)$/i.test(word);

const wordsOf = (q: string): string[] => q.split(/\s+/).filter(Boolean);

/** True when a query keeps only the stories the team pinned (a term of its own, not negated). */
export function asksForPinned(q: string): boolean {
  return wordsOf(q).some(isPinnedTerm);
}

/** The query with `is:pinned` added as a term of its own, or every such term taken out. */
export function withPinnedTerm(q: string, pinned: boolean): string {
  const rest = wordsOf(q).filter((word) => !isPinnedTerm(word));
  return (pinned ? [...rest, 'is:pinned'] : rest).join(' ');
}
