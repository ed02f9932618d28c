export { exportOpml, fetchOpml, readOpml, writeOpml, OpmlError, type OpmlFeed, type OpmlReadResult } from './opml.ts';
