export * from './parsed-feed.ts';
export { parseFeed } from './parse-feed.ts';
export { readAggregatorLink } from './aggregator-links.ts';
export { htmlToPlainText } from './plain-text.ts';
