import { COMPANIES, COUNTRIES, TOPICS, type Mention } from '@radar/core';
import type { Detection, DetectInput } from './detection.ts';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A first name-matching detector; the full engine replaces it. */
export function detectStory(input: DetectInput): Detection {
  const fields = { title: input.title, summary: input.text } as const;
  const mentions: Mention[] = [];
  const scan = (kind: Mention['kind'], id: string, names: string[]) => {
    const pattern = new RegExp(`\\b(?:${names.map(escape).join('|')})\\b`, 'g');
    for (const field of ['title', 'summary'] as const) {
      for (const m of fields[field].matchAll(pattern)) {
        mentions.push({ kind, id, field, start: m.index, end: m.index + m[0].length, text: m[0], rule: `${kind}-name` });
      }
    }
  };
  for (const c of COMPANIES) scan('company', c.id, [c.name, ...c.products]);
  for (const c of COUNTRIES) scan('country', c.id, [c.name]);
  for (const t of TOPICS) scan('topic', t.id, [t.name.split(' ')[0]!]);
  const ids = (kind: Mention['kind']) => [...new Set(mentions.filter((m) => m.kind === kind).map((m) => m.id))].sort();
  const topics = ids('topic');
  return {
    countries: ids('country'),
    companies: ids('company'),
    topics,
    relevant: topics.length > 0,
    score: topics.length > 0 ? 0.8 : 0.2,
    mentions,
  };
}
