export * from './parsed-feed.ts';
export { parseFeed } from './parse-feed.ts';
export { readAggregatorLink } from './aggregator-links.ts';
export { htmlToPlainText } from './plain-text.ts';
export { FeedReader, READ_DEADLINE_MS } from './feed-reader.ts';
