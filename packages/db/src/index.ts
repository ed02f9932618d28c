export { openDatabase, pingDatabase, type Database, type OpenDatabaseOptions, type RadarDb } from './database.ts';
export * as schema from './schema/index.ts';
export type { FeedRow, StoryRow } from './schema/index.ts';
export * from './feed-queries.ts';
export * from './story-queries.ts';
export { countFacets } from './facets.ts';
export { storyFilterCondition } from './story-filter-sql.ts';
export { newStoryId } from './ids.ts';
export { openScratchDatabase, scratchServerUrl, type DatabaseKind } from './scratch-database.ts';
