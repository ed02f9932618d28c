/** `is:pinned` (or `is:pick`) as a whole term of a query, any case. */
const PINNED_TERM = /(^|\s)is:(pinned|pick)(?=\s|$)/gi;

/** True when a query keeps only the stories the team pinned (a term of its own, not negated). */
export function asksForPinned(q: string): boolean {
  return new RegExp(PINNED_TERM.source, 'i').test(q);
}

/** The query with `is:pinned` added as a term of its own, or every such term taken out. */
export function withPinnedTerm(q: string, pinned: boolean): string {
  const rest = q.replace(PINNED_TERM, '$1').replace(/\s+/g, ' ').trim();
  return pinned ? `${rest} is:pinned`.trim() : rest;
}
