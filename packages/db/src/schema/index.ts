// Every table, one file each; drizzle-kit reads this folder (drizzle.config.ts).
export * from './feeds.ts';
export * from './feed-polls.ts';
export * from './stories.ts';
export * from './alerts.ts';
export * from './widget-tokens.ts';
export * from './team-views.ts';
