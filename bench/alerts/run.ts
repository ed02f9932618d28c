/**
 * Alert matching benchmark: stories matched per second against 10,000 alerts through the
 * required-term index, next to a full scan of every alert, with the index's build time and
 * how many alerts each story is actually checked against. Prints one JSON line.
 *
 *   npx tsx bench/alerts/run.ts [alertCount=10000] [seconds=3]
 *
 * Stories are the demo newsroom's sample stories (apps/cli/data/demo-newsroom.json) tagged by
 * the detector; alerts are generated from their words, the taxonomy and words no story has,
 * in the shapes analysts write (words, phrases, OR, exclusions, field terms).
 */
// bench/ is not a workspace package, so it imports the packages' entries by path.
import { readFileSync } from 'node:fs';
import { AlertIndex } from '../../packages/alerts/src/index.ts';
import { COMPANIES, matchesQuery, parseQuery, prepareStory, searchWords, TOPICS, type QueryableStory, type QueryNode } from '../../packages/core/src/index.ts';
import { detectStory } from '../../packages/detect/src/index.ts';

const alertCount = Number(process.argv[2] ?? 10_000);
const seconds = Number(process.argv[3] ?? 3);

const sample = JSON.parse(readFileSync(new URL('../../apps/cli/data/demo-newsroom.json', import.meta.url), 'utf8')) as {
  outlets: { slug: string; title: string; language: string }[];
  stories: { outlet: string; title: string; summary: string }[];
};
const stories: QueryableStory[] = sample.stories.map((s, i) => {
  const outlet = sample.outlets.find((o) => o.slug === s.outlet)!;
  const tags = detectStory({ title: s.title, text: s.summary, publisher: outlet.title, lang: outlet.language });
  return {
    title: s.title,
    summary: s.summary,
    countries: tags.countries,
    companies: tags.companies,
    topics: tags.topics,
    lang: outlet.language,
    source: { feedId: outlet.slug, title: outlet.title },
    url: `https://${outlet.slug}.example/${i}`,
  };
});

// a small deterministic generator, so every run measures the same alerts
let seed = 42;
const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;

const storyWords = [...new Set(stories.flatMap((s) => searchWords(`${s.title} ${s.summary}`)).filter((w) => w.length > 3))];
// most alert terms name things today's stories do not mention
const otherWords = Array.from({ length: 5000 }, (_, i) => `term${i.toString(36)}`);
const word = () => (random() < 0.3 ? pick(storyWords) : pick(otherWords));
const phrase = () => {
  const s = pick(stories);
  const words = searchWords(s.title);
  const at = Math.floor(random() * Math.max(1, words.length - 1));
  return random() < 0.5 ? `"${words.slice(at, at + 2).join(' ')}"` : `"${word()} ${word()}"`;
};
const countries = ['FR', 'DE', 'GB', 'US', 'EU', 'BR', 'IN', 'AU', 'JP', 'KR', 'RU', 'CN', 'ES', 'IT', 'MX', 'KE'];
const shapes: (() => string)[] = [
  () => word(),
  () => phrase(),
  () => `${word()} ${word()}`,
  () => `(${word()} OR ${word()}) country:${pick(countries)}`,
  () => `company:${pick(COMPANIES).id} -${word()}`,
  () => `${phrase()} country:${pick(countries)} OR country:${pick(countries)}`,
  () => `topic:${pick(TOPICS).id} ${word()}`,
  () => `${word()} lang:${pick(['en', 'fr', 'de', 'es'])}`,
  () => `company:${pick(COMPANIES).id} country:${pick(countries)} -earnings`,
  () => `(${phrase()} OR ${word()} OR ${word()}) -(${word()} OR ${word()})`,
];
const alerts: { id: string; query: QueryNode }[] = Array.from({ length: alertCount }, (_, i) => ({
  id: `a${i}`,
  query: parseQuery(pick(shapes)()),
}));

const buildStarted = performance.now();
const index = new AlertIndex(alerts);
const buildMs = performance.now() - buildStarted;

/** Runs `match` over fresh copies of the stories for `seconds` (a new object each time, as ingest brings). */
function rate(match: (story: QueryableStory) => number): {
  storiesPerSecond: number;
  storiesPerCpuSecond: number;
  matchesPerStory: number;
  p99Ms: number;
} {
  for (let i = 0; i < 3; i++) for (const s of stories) match({ ...s });
  const timings: number[] = [];
  let matched = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  while (performance.now() - started < seconds * 1000) {
    for (const s of stories) {
      const t = performance.now();
      matched += match({ ...s });
      timings.push(performance.now() - t);
    }
  }
  const elapsed = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  timings.sort((a, b) => a - b);
  return {
    storiesPerSecond: Math.round(timings.length / elapsed),
    // per CPU-second of this process: steadier than wall-clock on a busy machine
    storiesPerCpuSecond: Math.round(timings.length / ((used.user + used.system) / 1e6)),
    matchesPerStory: Number((matched / timings.length).toFixed(2)),
    p99Ms: Number(timings[Math.floor(timings.length * 0.99)]!.toFixed(3)),
  };
}

const indexed = rate((s) => index.match(s).length);
const scan = rate((s) => {
  const prepared = prepareStory(s);
  let n = 0;
  for (const alert of alerts) if (matchesQuery(prepared, alert.query)) n += 1;
  return n;
});
if (indexed.matchesPerStory !== scan.matchesPerStory) throw new Error('the index and the full scan disagree');
const candidates = stories.reduce((sum, s) => sum + index.candidates(prepareStory({ ...s })).length, 0) / stories.length;

process.stdout.write(
  `${JSON.stringify({
    bench: 'alerts',
    node: process.version,
    alerts: alertCount,
    sampleStories: stories.length,
    indexBuildMs: Number(buildMs.toFixed(1)),
    unindexedAlerts: index.unindexedCount,
    candidatesPerStory: Number(candidates.toFixed(1)),
    indexed,
    fullScan: scan,
    speedup: Number((indexed.storiesPerSecond / scan.storiesPerSecond).toFixed(1)),
  })}\n`,
);
