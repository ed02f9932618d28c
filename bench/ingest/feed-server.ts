/**
 * The benchmark's publishers, in a process of their own so serving does not eat the
 * poller's CPU: feed i is served at http://127.0.0.<i%250+1>:<port>/feeds/<i>.xml, so feeds
 * spread over 250 hosts as they would over many publishers. Prints the port when ready.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { syntheticFeed } from './synthetic-feeds.ts';

const feeds = Number(process.argv[2] ?? 1000);
const items = Number(process.argv[3] ?? 50);
const documents = new Map<number, Buffer>();

const server = createServer((req, res) => {
  const match = /^\/feeds\/(\d+)\.xml$/.exec(req.url ?? '');
  const index = match ? Number(match[1]) : -1;
  if (index < 0 || index >= feeds) return void res.writeHead(404).end();
  let body = documents.get(index);
  if (!body) {
    body = Buffer.from(syntheticFeed(index, items, `http://${req.headers.host}`));
    documents.set(index, body);
  }
  res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', 'content-length': body.length }).end(body);
});
// every 127.0.0.x is this machine's loopback
server.listen(0, '0.0.0.0', () => {
  process.stdout.write(`${(server.address() as AddressInfo).port}\n`);
});
