export type { BoilerplateMention, Detection, DetectInput } from './detection.ts';
export { detectStory } from './detect-story.ts';
export { RELEVANCE_THRESHOLD } from './relevance.ts';
