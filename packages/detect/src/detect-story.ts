import type { Mention } from '@radar/core';
import { blankSpans, findBoilerplate, findPublisherName, type BoilerplateSpan } from './boilerplate.ts';
import { findCompanies } from './company-rules.ts';
import { findCountries, findNationalGovernment, findPolicyLocation, type CountryFinding } from './country-rules.ts';
import type { Detection, DetectInput } from './detection.ts';
import { RELEVANCE_THRESHOLD, relevanceScore, relevanceSignals } from './relevance.ts';
import { findCues, type CueHit } from './story-cues.ts';
import { storyLanguage } from './story-language.ts';
import { readField } from './story-text.ts';
import { pickTopics, scoreTopics } from './topic-scores.ts';

/**
 * Tags a story with the countries whose state takes part, the companies that are actors
 * or subjects, its policy topics and its relevance, and says why with mentions.
 *
 * @example detectStory({ title: 'Turkey blocks Twitter', text: '...' }).countries // ['TR']
 */
export function detectStory(input: DetectInput): Detection {
  // Headlines carry no page furniture, but may carry the publisher's name.
  const titleSpans = findPublisherName(input.title, input.publisher);
  const textSpans = findBoilerplate(input.text, input.publisher);
  const title = readField('title', blankSpans(input.title, titleSpans));
  const summary = readField('summary', blankSpans(input.text, textSpans));
  const fields = [title, summary];
  const lang = storyLanguage([title.tokens, summary.tokens], input.lang);
  const cues = findCues(fields, lang);

  const companyFindings = findCompanies(cues, lang);
  const companies = unique(companyFindings.map((f) => f.id));
  let countryFindings = settleEu(findCountries(cues, `${title.text}\n${summary.text}`, lang));
  if (countryFindings.length === 0) {
    const national = findNationalGovernment(cues, fields, lang);
    if (national) countryFindings = [national];
  }

  const topicScores = scoreTopics(cues, companies);
  const bestTopic = topicScores[0]?.score ?? 0;
  const stateCountries = unique(countryFindings.map((f) => f.id)).length;
  const signals = relevanceSignals(cues, bestTopic, stateCountries, companies.length);
  const score = round(relevanceScore(signals));
  const relevant = score >= RELEVANCE_THRESHOLD;
  const topics = relevant ? pickTopics(topicScores) : [];

  if (relevant && countryFindings.length === 0) {
    const location = findPolicyLocation(cues);
    if (location) countryFindings = [location];
  }

  const mentions: Mention[] = [
    ...countryFindings.map((f) => mention('country', f.id, f.hit, f.rule)),
    ...companyFindings.filter((f) => f.rule !== 'company-comparison').map((f) => mention('company', f.id, f.hit, f.rule)),
    ...topics.flatMap((t) => t.hits.map((h) => mention('topic', t.id, h, 'topic-lexicon'))),
  ].sort((a, b) => (a.field === b.field ? a.start - b.start : a.field === 'title' ? -1 : 1));

  return {
    countries: unique(countryFindings.map((f) => f.id)),
    companies,
    topics: topics.map((t) => t.id).sort(),
    relevant,
    score,
    mentions,
    boilerplate: boilerplateMentions(textSpans, input.text),
  };
}

/** EU rules named while a national authority enforces them do not make the EU act. */
function settleEu(findings: CountryFinding[]): CountryFinding[] {
  const strongEu = findings.some((f) => f.id === 'EU' && !f.weak);
  const otherState = findings.some((f) => f.id !== 'EU');
  if (strongEu || !otherState) return findings;
  return findings.filter((f) => f.id !== 'EU');
}

function mention(kind: Mention['kind'], id: string, hit: CueHit, rule: string): Mention {
  return {
    kind,
    id,
    field: hit.field.name,
    start: hit.start,
    end: hit.end,
    text: hit.field.text.slice(hit.start, hit.end),
    rule,
  };
}

function boilerplateMentions(spans: BoilerplateSpan[], text: string): Detection['boilerplate'] {
  return spans.map((s) => ({ start: s.start, end: s.end, reason: s.reason, text: text.slice(s.start, s.end) }));
}

const unique = (ids: string[]) => [...new Set(ids)].sort();
const round = (n: number) => Math.round(n * 1000) / 1000;
