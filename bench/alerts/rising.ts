/**
 * Rising alerts' cost: what a rising alert asks of the database for each new story it
 * matches (findRisingForQuery over the story's own values), on a scratch PostgreSQL
 * database holding two weeks and a day of stories at a busy installation's rate.
 * Prints one JSON line: the stories stored, and milliseconds per question (median, 95th
 * percentile) for a broad alert (`is:policy`) and a narrow one (`topic:privacy-data-protection`),
 * beside the whole rising list of the broad one (what its preview asks).
 *
 *   pnpm --filter @radar/bench rising [--per-day 4000] [--questions 200]
 */
import { parseArgs } from 'node:util';
import { COMPANIES, COUNTRIES, parseQuery, TOPICS, type Story } from '@radar/core';
import { findRisingForQuery, newStoryId, openScratchDatabase, saveStories, type NewStory } from '@radar/db';

const { values } = parseArgs({ options: { 'per-day': { type: 'string', default: '4000' }, questions: { type: 'string', default: '200' } } });
const perDay = Number(values['per-day']);
const questions = Number(values.questions);
const DAY = 86_400_000;
const days = 15;

// a small deterministic generator, so every run stores the same stories
let seed = 42;
const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
/** Skewed picks, as news is: a few countries and companies take most stories. */
const skewed = <T>(items: readonly T[]) => items[Math.floor(items.length * random() ** 3)]!;
const some = <T>(items: readonly T[], most: number) => [...new Set(Array.from({ length: Math.floor(random() * (most + 1)) }, () => skewed(items)))];

const countryIds = COUNTRIES.map((c) => c.id);
const companyIds = COMPANIES.map((c) => c.id);
const topicIds = TOPICS.map((t) => t.id);
const now = Date.now();
const stories: NewStory[] = Array.from({ length: perDay * days }, (_, i) => {
  const id = newStoryId();
  return {
    id,
    feedId: null,
    dedupeKey: id,
    url: `https://news.example/${i}`,
    title: `Story ${i}`,
    sourceTitle: 'Wire',
    publishedAt: new Date(now - random() * days * DAY),
    countries: some(countryIds, 2),
    companies: some(companyIds, 2),
    topics: some(topicIds, 2),
    relevant: random() < 0.4,
  };
});

const database = await openScratchDatabase('postgres');
try {
  for (let i = 0; i < stories.length; i += 2_000) await saveStories(database.db, stories.slice(i, i + 2_000));
  const recent = stories.filter((story) => story.publishedAt.getTime() > now - DAY);

  async function timed(query: string, among: boolean): Promise<{ p50: number; p95: number }> {
    const node = parseQuery(query);
    const times: number[] = [];
    for (let i = 0; i < questions; i++) {
      const story = recent[Math.floor(random() * recent.length)]!;
      const tags = { countries: story.countries ?? [], companies: story.companies ?? [], topics: story.topics ?? [] } satisfies Pick<Story, 'countries' | 'companies' | 'topics'>;
      const started = performance.now();
      await findRisingForQuery(database.db, node, among ? { among: tags } : {});
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    const at = (share: number) => +times[Math.min(times.length - 1, Math.floor(times.length * share))]!.toFixed(1);
    return { p50: at(0.5), p95: at(0.95) };
  }

  const broad = await timed('is:policy', true);
  const narrow = await timed('topic:privacy-data-protection', true);
  const preview = await timed('is:policy', false);
  console.log(
    JSON.stringify({
      bench: 'rising-alerts',
      stories: stories.length,
      storiesPerDay: perDay,
      msPerStory: { broadAlert: broad, narrowAlert: narrow },
      msWholeList: { broadAlert: preview },
    }),
  );
} finally {
  await database.close();
}
