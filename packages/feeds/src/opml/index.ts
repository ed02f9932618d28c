export { readOpml, writeOpml, OpmlError, type OpmlFeed, type OpmlReadResult } from './opml.ts';
