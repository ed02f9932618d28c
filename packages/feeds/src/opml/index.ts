export { exportOpml, fetchOpml, readOpml, withIncludedLists, writeOpml, OpmlError, type OpmlFeed, type OpmlReadResult } from './opml.ts';
