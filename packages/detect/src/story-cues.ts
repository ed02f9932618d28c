import type { Cue } from './knowledge.ts';
import { KNOWLEDGE } from './knowledge.ts';
import type { Language } from './story-language.ts';
import { tokenAt, type StoryField } from './story-text.ts';

/** A phrase of the knowledge found in one field of a story, with its word range. */
export interface CueHit {
  field: StoryField;
  start: number;
  end: number;
  cue: Cue;
  /** First word of the hit and the word after it (token indexes in the field). */
  firstToken: number;
  afterToken: number;
}

/** All cues found in a story, by kind, after homonym blockers and overlaps are settled. */
export interface StoryCues {
  entities: CueHit[];
  companyContext: CueHit[];
  topics: CueHit[];
  relevance: CueHit[];
  /** Per field, per token: a state noun starts here / ends just before here. */
  stateNounStart: Map<StoryField, Map<number, CueHit>>;
  stateNounEnd: Map<StoryField, Map<number, CueHit>>;
  stateVerbStart: Map<StoryField, Set<number>>;
}

const langOk = (lang: Language | undefined, storyLang: Language) => lang === undefined || lang === storyLang || lang === 'en';

/** Runs the compiled matcher over the story's fields and sorts what it found. */
export function findCues(fields: StoryField[], storyLang: Language): StoryCues {
  const cues: StoryCues = {
    entities: [],
    companyContext: [],
    topics: [],
    relevance: [],
    stateNounStart: new Map(),
    stateNounEnd: new Map(),
    stateVerbStart: new Map(),
  };
  for (const field of fields) {
    const blocks: Array<[number, number]> = [];
    const entities: CueHit[] = [];
    const nounStart = new Map<number, CueHit>();
    const nounEnd = new Map<number, CueHit>();
    const verbStart = new Set<number>();
    KNOWLEDGE.matcher.scan(field.text, field.folded, (start, end, cue) => {
      if ('lang' in cue && !langOk(cue.lang, storyLang)) return;
      if (cue.kind === 'block') {
        blocks.push([start, end]);
        return;
      }
      const located: CueHit = {
        field,
        start,
        end,
        cue,
        firstToken: tokenAt(field.tokens, start),
        afterToken: tokenAt(field.tokens, end),
      };
      switch (cue.kind) {
        case 'country':
        case 'company':
          entities.push(located);
          break;
        case 'company-context':
          cues.companyContext.push(located);
          break;
        case 'topic':
          cues.topics.push(located);
          break;
        case 'relevance':
          cues.relevance.push(located);
          break;
        case 'state-noun': {
          const longer = nounStart.get(located.firstToken);
          if (!longer || longer.end < located.end) nounStart.set(located.firstToken, located);
          nounEnd.set(located.afterToken, located);
          break;
        }
        case 'state-verb':
          verbStart.add(located.firstToken);
          break;
      }
    });
    const unblocked = entities.filter((e) => !blocks.some(([s, t]) => s <= e.start && e.end <= t));
    // A name inside a longer name is part of it: "Mexico" in "New Mexico", "X" in "X Corp".
    const kept = unblocked.filter(
      (e, i) =>
        !unblocked.some(
          (o, j) =>
            o !== e &&
            o.start <= e.start &&
            e.end <= o.end &&
            (o.end - o.start > e.end - e.start ||
              // The same name listed twice (the package's and ours): keep the first.
              (o.start === e.start && o.end === e.end && sameEntity(o.cue, e.cue) && j < i)),
        ),
    );
    for (const entity of kept) cues.entities.push(entity);
    cues.stateNounStart.set(field, nounStart);
    cues.stateNounEnd.set(field, nounEnd);
    cues.stateVerbStart.set(field, verbStart);
  }
  return cues;
}

function sameEntity(a: Cue, b: Cue): boolean {
  return (a.kind === 'country' && b.kind === 'country' && a.id === b.id) || (a.kind === 'company' && b.kind === 'company' && a.id === b.id);
}
