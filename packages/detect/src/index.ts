export type { BoilerplateMention, Detection, DetectInput } from './detection.ts';
export { detectStory } from './detect-story.ts';
export { RELEVANCE_THRESHOLD } from './relevance.ts';
export { StoryClusterer, storyFeatureList, type ClusterInput, type StoryClustererOptions, type StoryFeatureList } from './story-clusterer.ts';
export { compileKnowledge, knowledgeStats } from './knowledge.ts';
export { languageIdentifier } from './identify-language.ts';
