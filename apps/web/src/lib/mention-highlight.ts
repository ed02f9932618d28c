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

/** One tag of a story with every phrase that led to it. */
export interface MentionGroup {
  kind: Mention['kind'];
  id: string;
  /** Distinct phrases in order of appearance (compared without case). */
  phrases: string[];
  rules: string[];
}

/** Groups mentions by tag, countries first, then companies, then topics. */
export function groupMentions(mentions: readonly Mention[]): MentionGroup[] {
  const order = { country: 0, company: 1, topic: 2 } as const;
  const groups = new Map<string, MentionGroup>();
  const ordered = [...mentions].sort(
    (a, b) => (a.field === b.field ? a.start - b.start : a.field === 'title' ? -1 : 1),
  );
  for (const mention of ordered) {
    const key = `${mention.kind}:${mention.id}`;
    const group = groups.get(key) ?? { kind: mention.kind, id: mention.id, phrases: [], rules: [] };
    groups.set(key, group);
    if (!group.phrases.some((phrase) => phrase.toLowerCase() === mention.text.toLowerCase())) group.phrases.push(mention.text);
    if (!group.rules.includes(mention.rule)) group.rules.push(mention.rule);
  }
  return [...groups.values()].sort((a, b) => order[a.kind] - order[b.kind]);
}
