import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { outboundProxyOf, readConfig } from '@radar/core';
import { FeedParseError, parseFeed, safeFetch, setOutboundProxy, type ParsedFeed } from '@radar/feeds';

// `radar parse FILE|URL` prints one feed in the normalised model.
// `radar parse --jsonl` is the batch contract used by the conformance runner: one JSON
// request per stdin line ({file, contentType, baseUrl}), one answer per stdout line in
// the same order ({file, ok: true, feed} or {file, ok: false, error}).

interface ParseRequest {
  file: string;
  contentType?: string | null;
  baseUrl?: string | null;
}

type ParseAnswer = { file: string; ok: true; feed: ParsedFeed } | { file: string; ok: false; error: string };

async function answer(request: ParseRequest): Promise<ParseAnswer> {
  try {
    const bytes = await readFile(request.file);
    const feed = await parseFeed(bytes, { contentType: request.contentType ?? null, baseUrl: request.baseUrl ?? null });
    return { file: request.file, ok: true, feed };
  } catch (error) {
    const message = error instanceof FeedParseError ? error.message : `${(error as Error).name}: ${(error as Error).message}`;
    return { file: request.file, ok: false, error: message };
  }
}

async function runJsonLines(): Promise<void> {
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  let pending: string[] = [];
  const flush = () => {
    if (pending.length) process.stdout.write(pending.join(''));
    pending = [];
  };
  for await (const line of lines) {
    if (!line.trim()) continue;
    let request: ParseRequest;
    try {
      request = JSON.parse(line) as ParseRequest;
    } catch {
      pending.push(`${JSON.stringify({ file: null, ok: false, error: 'request is not JSON' })}\n`);
      continue;
    }
    pending.push(`${JSON.stringify(await answer(request))}\n`);
    if (pending.length >= 64) flush();
  }
  flush();
}

async function runOne(target: string): Promise<void> {
  let feed: ParsedFeed;
  if (/^https?:\/\//i.test(target)) {
    const config = readConfig();
    setOutboundProxy(outboundProxyOf(config));
    const response = await safeFetch(target);
    if (response.status >= 400) throw new Error(`HTTP ${response.status} for ${target}`);
    feed = await parseFeed(response.body, { contentType: response.headers.get('content-type'), baseUrl: response.url });
  } else {
    feed = await parseFeed(await readFile(target));
  }
  process.stdout.write(`${JSON.stringify(feed, null, 2)}\n`);
}

/** `radar parse FILE|URL` or `radar parse --jsonl`. */
export async function runParse(args: string[]): Promise<void> {
  if (args.includes('--jsonl')) return runJsonLines();
  const target = args.find((arg) => !arg.startsWith('-'));
  if (!target) throw new Error('usage: radar parse FILE|URL | --jsonl');
  return runOne(target);
}
