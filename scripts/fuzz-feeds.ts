// Feeds the poller's reading path (parse, the feed's WebSub hub, then each item as a story,
// detected) with the real-feeds corpus broken on purpose: bytes changed, cut, repeated,
// spliced from other files, hostile snippets inserted, and long runs of one unit (the shape
// that found quadratic paths). Every document must end in a story or a FeedParseError; no other
// exception, no U+0000 nor lone surrogate in what would be stored (PostgreSQL refuses them), no story link
// that is not http(s). Deterministic for a seed. Prints the slowest documents; exits
// non-zero on a failure (slow documents are reported, not failed: time depends on the
// machine).
//
// With --store, what each document reads is also looked up and saved as the poller does, into a
// scratch PostgreSQL database (a feed per corpus file, so a file broken again updates its stories):
// the database must take everything that is read.
//
//   npx tsx scripts/fuzz-feeds.ts [dir] [--iterations 2000] [--seed 1] [--run-length 200000] [--store]

import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { languageIdentifier } from '../packages/detect/src/index.ts';
import { discoverWebSub, FeedParseError, parseFeed } from '../packages/feeds/src/index.ts';
import { errorReport, hasLoneSurrogate } from '../packages/core/src/index.ts';
import { countStories, createFeed, newOrChangedStories, openScratchDatabase, saveStories } from '../packages/db/src/index.ts';
import { withDistinctKeys } from '../workers/poller/src/dedupe-key.ts';
import { detectedStory, itemsToRead, storyDraft, withLanguageOf } from '../workers/poller/src/story-from-item.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    iterations: { type: 'string', default: '2000' },
    seed: { type: 'string', default: '1' },
    'run-length': { type: 'string', default: '200000' },
    store: { type: 'boolean', default: false },
  },
});
const dir = resolve(positionals[0] ?? '../shared/corpus/real-feeds');
const iterations = Number(values.iterations);
const runLength = Number(values['run-length']);

const documents = readdirSync(dir)
  .filter((file) => /\.(xml|json)$/.test(file) && file !== 'manifest.json')
  .map((file) => ({ file, bytes: readFileSync(join(dir, file)) }));

/** A linear congruential generator: the same seed breaks the same documents the same way. */
let state = Number(values.seed);
const random = () => {
  state = (state * 1103515245 + 12345) & 0x7fffffff;
  return state / 0x7fffffff;
};
const below = (n: number) => Math.floor(random() * n);
const pick = <T>(list: readonly T[]): T => list[below(list.length)]!;

const SNIPPETS = [
  '<',
  '>',
  '&',
  '&amp;',
  '&#x0;',
  '&#xD800;',
  ']]>',
  '<![CDATA[',
  '<!--',
  '-->',
  '<?xml version="1.0" encoding="utf-16"?>',
  '<!DOCTYPE x [<!ENTITY a "aaaa">]>',
  '&a;',
  '\u0000',
  '\uFEFF',
  '\uFFFF',
  '"',
  "'",
  '<item>',
  '</item>',
  '<entry>',
  '</entry>',
  '<link>',
  '</link>',
  'xml:base="javascript:alert(1)"',
  '<title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">',
  '</div></title>',
  '<pubDate>Thu, 31 Feb 99999 25:61:61 +9999</pubDate>',
  '\r',
  '<a:b xmlns:a="">',
  '<content:encoded>',
  '<script>',
  ']}',
  '\\u0000',
  '\\ud800',
  '<link>https://x.example/%zz</link>',
  '<link>javascript:alert(1)</link>',
  '<guid isPermaLink="true">',
  '<enclosure url="x" length="-1"/>',
  'Facebook ',
  'European Union ',
  'Россия ',
  '中国 ',
  '🇪🇺',
  'İ',
  '\u0301',
];
const RUN_UNITS = ['a', ' ', '&', '&#', '1', '<a', '</', '<!', '<![CDAT', '<!--', '<?', '<b>', '<br>', '<p>', 'x="', '<img ', 'é', '<![CDATA[x', '&a;', '\\', '<link ', '<atom:link rel="hub" '];

function insert(bytes: Buffer, at: number, text: string): Buffer {
  return Buffer.concat([bytes.subarray(0, at), Buffer.from(text, 'utf8'), bytes.subarray(at)]);
}

/** One document of the corpus, broken in one to six ways, or with one long run inserted. */
function broken(bytes: Buffer): { bytes: Buffer; how: string } {
  if (random() < 0.15) {
    const unit = pick(RUN_UNITS);
    return { bytes: insert(bytes, below(bytes.length), unit.repeat(Math.ceil(runLength / unit.length))), how: `run of ${JSON.stringify(unit)}` };
  }
  let out: Buffer = Buffer.from(bytes);
  for (let n = 1 + below(6); n > 0; n--) {
    const at = below(out.length + 1);
    switch (below(5)) {
      case 0:
        out[at] = below(256);
        break;
      case 1:
        out = out.subarray(0, at);
        break;
      case 2:
        out = Buffer.concat([out.subarray(0, at), out.subarray(Math.min(out.length, at + below(2000)))]);
        break;
      case 3: {
        const other = pick(documents).bytes;
        const from = below(other.length);
        out = Buffer.concat([out.subarray(0, at), other.subarray(from, from + below(4000)), out.subarray(at)]);
        break;
      }
      default:
        out = insert(out, at, pick(SNIPPETS).repeat(1 + below(random() < 0.2 ? 3000 : 3)));
    }
  }
  return { bytes: out, how: 'mutations' };
}

/** Whether any string in the value holds what PostgreSQL cannot store: U+0000, or a lone surrogate (in JSON). */
function holdsUnstorable(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000') || hasLoneSurrogate(value);
  return typeof value === 'object' && value !== null && Object.values(value).some(holdsUnstorable);
}

const identify = await languageIdentifier();
const database = values.store ? await openScratchDatabase('postgres') : null;
/** The scratch database's feed for each corpus file, made when the file is first read. */
const feedIds = new Map<string, string>();
async function storedFeedId(file: string): Promise<string> {
  let feedId = feedIds.get(file);
  if (!feedId) feedIds.set(file, (feedId = (await createFeed(database!.db, { url: `https://fuzz.example/${encodeURIComponent(file)}` })).id));
  return feedId;
}
const source = { feedId: '00000000-0000-7000-8000-000000000000', feedUrl: 'https://example.org/feed', feedTitle: 'Fuzzed' };
const tally = { documents: 0, read: 0, refused: 0, stories: 0, failures: 0 };
const slowest: { ms: number; file: string; how: string; size: number }[] = [];
const started = performance.now();

for (let i = 0; i < iterations; i++) {
  const { file, bytes: original } = pick(documents);
  const { bytes, how } = broken(original);
  const contentType = random() < 0.3 ? 'text/xml; charset=iso-8859-1' : null;
  const begun = performance.now();
  // the time to read, without the database's
  let readMs = 0;
  try {
    const feed = await parseFeed(new Uint8Array(bytes), { contentType, baseUrl: source.feedUrl });
    // as the poller looks for the hub after a read (a JSON Feed names it in `hubs`)
    const hub = discoverWebSub(feed.webSub === undefined ? Buffer.from(bytes).toString('latin1') : feed.webSub, source.feedUrl)?.hub;
    if (hub && !/^https?:\/\//.test(hub)) throw new Error(`a hub at ${hub}`);
    const now = new Date();
    const feedId = database ? await storedFeedId(file) : source.feedId;
    const drafts = withDistinctKeys(itemsToRead(feed.items, now).flatMap(({ item }) => storyDraft(item, feed, { ...source, feedId }, now) ?? []));
    const stories = drafts.map((draft) => {
      const story = detectedStory(withLanguageOf(draft, identify));
      if (holdsUnstorable(story)) throw new Error('a story holds U+0000 or a lone surrogate');
      if (!/^https?:\/\//.test(story.url)) throw new Error(`a story links to ${story.url}`);
      return story;
    });
    tally.stories += stories.length;
    readMs = performance.now() - begun;
    if (database) {
      await newOrChangedStories(database.db, feedId, drafts);
      await saveStories(database.db, stories);
    }
    tally.read++;
  } catch (error) {
    if (error instanceof FeedParseError) tally.refused++;
    else {
      tally.failures++;
      console.log(`FAIL ${file} (${how}, seed ${values.seed}, document ${i}): ${errorReport(error).split('\n').slice(0, 3).join(' | ')}`);
    }
  }
  tally.documents++;
  slowest.push({ ms: readMs || performance.now() - begun, file, how, size: bytes.length });
  slowest.sort((a, b) => b.ms - a.ms).splice(5);
}

for (const slow of slowest) console.log(`slowest: ${slow.ms.toFixed(0)} ms ${slow.file} (${slow.how}, ${slow.size} bytes)`);
console.log(
  `fuzz: ${tally.documents} broken documents (seed ${values.seed}): ${tally.read} read into ${tally.stories} stories, ${tally.refused} refused as no feed, ` +
    `${tally.failures} failures, in ${((performance.now() - started) / 1000).toFixed(1)}s` +
    (database ? `; ${await countStories(database.db)} stories stored in PostgreSQL` : ''),
);
await database?.close();
process.exit(tally.failures ? 1 : 0);
