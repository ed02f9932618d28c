import { KNOWLEDGE } from './knowledge.ts';
import type { CueHit, StoryCues } from './story-cues.ts';

/** What a headline says weighs more than the lede. */
const TITLE_WEIGHT = 1.5;
/** The same phrase repeated adds little: count each at most this many times. */
const MAX_REPEATS = 2;
/** Companies whose presence in a policy story says what the story is about. */
const COMPANY_TOPICS: Record<string, [string, number][]> = {
  openai: [['ai-regulation', 2]],
  anthropic: [['ai-regulation', 2]],
  xai: [['ai-regulation', 2]],
  nso: [['surveillance-encryption', 2]],
  spacex: [['telecom-access', 1]],
};

export interface TopicScore {
  id: string;
  score: number;
  hits: CueHit[];
}

/** Sums each topic's lexicon hits; the title counts more than the text. */
export function scoreTopics(cues: StoryCues, companies: string[]): TopicScore[] {
  const byTopic = new Map<string, TopicScore>();
  // Repeats are counted per phrase (its cue object is its identity).
  const seen = new Map<object, number>();
  for (const hit of cues.topics) {
    if (hit.cue.kind !== 'topic') continue;
    if (objectCancels(hit, hit.cue.id) || insideLongerPhrase(hit, cues.topics)) continue;
    const repeats = (seen.get(hit.cue) ?? 0) + 1;
    seen.set(hit.cue, repeats);
    if (repeats > MAX_REPEATS) continue;
    const entry = byTopic.get(hit.cue.id) ?? { id: hit.cue.id, score: 0, hits: [] };
    entry.score += hit.cue.weight * (hit.field.name === 'title' ? TITLE_WEIGHT : 1);
    entry.hits.push(hit);
    byTopic.set(hit.cue.id, entry);
  }
  for (const company of companies) {
    for (const [id, weight] of COMPANY_TOPICS[company] ?? []) {
      const entry = byTopic.get(id) ?? { id, score: 0, hits: [] };
      entry.score += weight;
      byTopic.set(id, entry);
    }
  }
  return [...byTopic.values()].sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
}

/** "consent" inside "parental consent", "App Store" inside "from its App Store": the longer phrase of another topic says what it means. */
function insideLongerPhrase(hit: CueHit, hits: CueHit[]): boolean {
  for (const other of hits) {
    if (other.field !== hit.field || other.cue.kind !== 'topic' || hit.cue.kind !== 'topic' || other.cue.id === hit.cue.id) continue;
    if (other.start <= hit.start && hit.end <= other.end && other.end - other.start > hit.end - hit.start) return true;
  }
  return false;
}

/** "blocked a state law", "blocks the merger": the word's object says it is not this topic. */
function objectCancels(hit: CueHit, topic: string): boolean {
  const objects = KNOWLEDGE.topicObjects.get(topic);
  if (!objects) return false;
  const tokens = hit.field.tokens;
  const sentence = tokens[hit.firstToken]?.sentence;
  for (let i = hit.afterToken; i < Math.min(tokens.length, hit.afterToken + 3); i++) {
    const token = tokens[i]!;
    if (token.sentence !== sentence || objects.keep.has(token.word)) return false;
    if (objects.cancel.has(token.word)) return /^[\s\p{L}'-]*$/u.test(hit.field.text.slice(hit.end, token.start));
  }
  return false;
}

/** A topic needs this much evidence to be named at all. */
export const TOPIC_MIN_SCORE = 3;
/** ...and this share of the leading topic's score, so side remarks do not become topics. */
export const TOPIC_SHARE_OF_BEST = 0.4;
export const MAX_TOPICS = 3;

/** Below this the leading topic is noise, even in a relevant story. */
export const TOPIC_FLOOR = 0.9;

/** The 1-3 topics a relevant story is mainly about; a relevant story always gets its leading one. */
export function pickTopics(scores: TopicScore[]): TopicScore[] {
  const best = scores[0];
  if (!best || best.score < TOPIC_FLOOR) return [];
  if (best.score < TOPIC_MIN_SCORE) return [best];
  return scores.filter((s) => s.score >= TOPIC_MIN_SCORE && s.score >= best.score * TOPIC_SHARE_OF_BEST).slice(0, MAX_TOPICS);
}
