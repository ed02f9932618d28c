export * from './fetch/index.ts';
export * from './parse/index.ts';
export * from './opml/index.ts';
export * from './websub/index.ts';
export * from './discover/index.ts';
