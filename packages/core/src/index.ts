export * from './taxonomy.ts';
export * from './story.ts';
export * from './feed.ts';
export * from './story-filter.ts';
export * from './keyword-query.ts';
export * from './query/index.ts';
export * from './text-fold.ts';
export * from './events.ts';
export { readConfig, type RadarConfig } from './config.ts';
