import type { CueHit, StoryCues } from './story-cues.ts';

/**
 * Relevance threshold: a story is relevant when its score reaches it. The score is a
 * logistic blend of topic evidence, a state or law acting, technology being acted on,
 * and signs of market, product, sport or broadcasting news; 0.5 is its midpoint.
 */
export const RELEVANCE_THRESHOLD = 0.5;

export interface RelevanceSignals {
  topic: number;
  policy: number;
  tech: number;
  notPolicy: number;
}

const CAP = { topic: 9, policy: 10, tech: 8, notPolicy: 9 } as const;
const WEIGHT = { topic: 0.45, policy: 0.3, tech: 0.25, notPolicy: 0.55, bias: -4.2 } as const;

/** Adds up the relevance cues of a story with what was already decided about it. */
export function relevanceSignals(cues: StoryCues, topicScore: number, stateCountries: number, companies: number): RelevanceSignals {
  const sum = { policy: 0, tech: 0, 'not-policy': 0 };
  // Each phrase counts once, however often it appears (a phrase's cue object is its identity).
  const seen = new Set<object>();
  for (const hit of cues.relevance) {
    if (hit.cue.kind !== 'relevance') continue;
    if (seen.has(hit.cue)) continue;
    if (hit.cue.signal === 'not-policy' && stateDoesIt(hit, cues)) continue;
    seen.add(hit.cue);
    sum[hit.cue.signal] += hit.cue.weight;
  }
  return {
    topic: topicScore,
    policy: sum.policy + 3 * stateCountries,
    tech: sum.tech + 2 * companies,
    notPolicy: sum['not-policy'],
  };
}

/**
 * "The Cyberspace Administration launched", "President Biden unveiled": a launch or an
 * unveiling by a state body or office holder is a state act, not product news.
 */
function stateDoesIt(hit: CueHit, cues: StoryCues): boolean {
  if (!cues.stateVerbStart.get(hit.field)?.has(hit.firstToken)) return false;
  const tokens = hit.field.tokens;
  const sentence = tokens[hit.firstToken]?.sentence;
  return cues.entities.some(
    (e) =>
      e.field === hit.field &&
      e.cue.kind === 'country' &&
      (e.cue.via === 'body' || e.cue.via === 'official' || e.cue.via === 'generic') &&
      e.afterToken <= hit.firstToken &&
      hit.firstToken - e.afterToken <= 3 &&
      tokens[e.firstToken]?.sentence === sentence &&
      /^[\s\p{L}'-]*$/u.test(hit.field.text.slice(e.end, hit.start)),
  );
}

/** The relevance score in [0, 1]. */
export function relevanceScore(s: RelevanceSignals): number {
  const z =
    WEIGHT.topic * Math.min(s.topic, CAP.topic) +
    WEIGHT.policy * Math.min(s.policy, CAP.policy) +
    WEIGHT.tech * Math.min(s.tech, CAP.tech) -
    WEIGHT.notPolicy * Math.min(s.notPolicy, CAP.notPolicy) +
    WEIGHT.bias;
  return 1 / (1 + Math.exp(-z));
}
