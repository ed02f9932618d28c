import { parentPort } from 'node:worker_threads';
import { parseFeed } from './parse-feed.ts';
import { FeedParseError, type ParseFeedOptions } from './parsed-feed.ts';
import type { ReadReply, ReadRequest } from './feed-reader.ts';

// The thread a FeedReader reads documents in: one at a time, each answered with the feed,
// or with why it is no feed (a FeedParseError, by its message) or what else went wrong.
parentPort!.on('message', async ({ id, body, contentType, baseUrl }: ReadRequest) => {
  const options: ParseFeedOptions = { contentType, baseUrl };
  let reply: ReadReply;
  try {
    reply = { id, feed: await parseFeed(body, options) };
  } catch (error) {
    reply = { id, error: (error as Error).message, notAFeed: error instanceof FeedParseError };
  }
  parentPort!.postMessage(reply);
});
// loaded: the reader's clock for each document starts now
parentPort!.postMessage({ ready: true });
