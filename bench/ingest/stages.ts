/**
 * Where an ingested item's time goes, stage by stage, on the ingest benchmark's documents in
 * one process: rss-parser alone, our parse stage, story building with detection, and the
 * clustering window (assigning a new story, and learning one another poller streamed, from
 * the features it told).
 * Prints CPU microseconds per item as one JSON line, with the ceiling they put on the
 * ingest benchmark's ratio: two cores doing nothing but these stages, against rss-parser
 * alone on one core, before any database, Redis or HTTP work.
 *
 *   pnpm --filter @radar/bench ingest:stages [--feeds 400] [--items 50]
 */
import { parseArgs } from 'node:util';
import Parser from 'rss-parser';
import { toStory } from '@radar/db';
import { parseFeed, type ParsedFeed } from '@radar/feeds';
import { ClusterWindow, storyFromItem } from '@radar/poller';
import { syntheticFeed } from './synthetic-feeds.ts';

const { values } = parseArgs({ options: { feeds: { type: 'string', default: '400' }, items: { type: 'string', default: '50' } } });
const feeds = Number(values.feeds);
const items = Number(values.items);
const base = (i: number) => `http://127.0.0.${(i % 250) + 1}:8080`;
const documents = Array.from({ length: feeds }, (_, i) => syntheticFeed(i, items, base(i)));
const now = new Date();

/**
 * Runs a stage four times (the first warms the JIT up) and keeps the least CPU time of the
 * other three: CPU time, not wall time, and the least of three, because a shared machine
 * steals time unevenly.
 */
async function timed<T>(run: () => Promise<T> | T): Promise<{ result: T; microsPerItem: number }> {
  let result = await run();
  let least = Infinity;
  for (let round = 0; round < 3; round++) {
    const started = process.cpuUsage();
    result = await run();
    const used = process.cpuUsage(started);
    least = Math.min(least, used.user + used.system);
  }
  return { result, microsPerItem: +(least / (feeds * items)).toFixed(1) };
}

const rssParser = new Parser();
const rss = await timed(async () => {
  for (const doc of documents) await rssParser.parseString(doc);
});

const bodies = documents.map((doc) => Buffer.from(doc));
const parse = await timed(async () => {
  const parsed: ParsedFeed[] = [];
  for (const [i, body] of bodies.entries()) parsed.push(await parseFeed(body, { contentType: 'application/rss+xml; charset=utf-8', baseUrl: `${base(i)}/feeds/${i}.xml` }));
  return parsed;
});

const build = await timed(() =>
  parse.result.flatMap((feed, i) =>
    feed.items.flatMap((item) => storyFromItem(item, feed, { feedId: `feed-${i}`, feedTitle: feed.title ?? '', feedUrl: `${base(i)}/feeds/${i}.xml` }, now) ?? []),
  ),
);
const stories = build.result;
const input = (story: (typeof stories)[number]) => ({ ...story, text: story.summary ?? '', countries: story.countries ?? [], companies: story.companies ?? [], time: story.publishedAt.getTime() });

const told: string[] = [];
const assign = await timed(() => {
  const own = new ClusterWindow({ windowMs: 48 * 3600_000 });
  stories.forEach((story, i) => {
    story.clusterId = own.assign(input(story));
    told[i] = own.tell(input(story));
  });
});
const event = (story: (typeof stories)[number], i: number) => ({ id: story.id, time: story.publishedAt.getTime(), countries: story.countries ?? [], companies: story.companies ?? [], clusterId: story.clusterId!, features: told[i]! });
const serialise = await timed(() => stories.map((story, i) => JSON.stringify(toStory({ ...story, searchText: '', streamed: false } as never)) + JSON.stringify(event(story, i))));
const learn = await timed(() => {
  const other = new ClusterWindow({ windowMs: 48 * 3600_000 });
  stories.forEach((story, i) => other.learn(event(story, i)));
});

// every item is parsed, detected, assigned and serialised by the poller that fetched it, and
// learned by each other poller; two pollers share two cores with everything else
const pollerMicros = parse.microsPerItem + build.microsPerItem + assign.microsPerItem + serialise.microsPerItem + learn.microsPerItem;
console.log(
  JSON.stringify({
    bench: 'ingest-stages',
    items: feeds * items,
    pollerCpuMicrosPerItem: +pollerMicros.toFixed(1),
    ceilingVsParseAloneOnTwoCores: +((2 * rss.microsPerItem) / pollerMicros).toFixed(3),
    microsPerItem: {
      rssParserAlone: rss.microsPerItem,
      parseStage: parse.microsPerItem,
      storyAndDetect: build.microsPerItem,
      clusterAssign: assign.microsPerItem,
      streamJson: serialise.microsPerItem,
      clusterLearn: learn.microsPerItem,
    },
  }),
);
