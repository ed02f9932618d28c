export type { Detection, DetectInput } from './detection.ts';
export { detectStory } from './detect-story.ts';
