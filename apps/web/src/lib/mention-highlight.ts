import type { Mention } from '@radar/core';

/** A run of text, with the mention that covers it if any. */
export interface TextSegment {
  text: string;
  mention: Mention | null;
}

/**
 * Cuts a title or summary into plain runs and mentioned runs, for highlighting. Mentions
 * that overlap an earlier one, or fall outside the text, are left out rather than
 * breaking the text apart.
 */
export function highlightSegments(text: string, mentions: readonly Mention[]): TextSegment[] {
  const ordered = [...mentions]
    .filter((mention) => mention.start < mention.end && mention.end <= text.length)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const segments: TextSegment[] = [];
  let at = 0;
  for (const mention of ordered) {
    if (mention.start < at) continue;
    if (mention.start > at) segments.push({ text: text.slice(at, mention.start), mention: null });
    segments.push({ text: text.slice(mention.start, mention.end), mention });
    at = mention.end;
  }
  if (at < text.length || segments.length === 0) segments.push({ text: text.slice(at), mention: null });
  return segments;
}
