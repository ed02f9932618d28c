/**
 * Detector benchmark: stories per second on one core over the dev-set texts, the compiled
 * matcher's size and build time, and the clustering cost per story with 100,000 stories
 * in the window. Prints one JSON line.
 *
 *   npx tsx bench/detect/run.ts [../shared/detect-dev/dev.jsonl]
 *
 * Run with `node --expose-gc` (via NODE_OPTIONS) for heap figures of the compiled knowledge
 * and of the clustering window.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { compileKnowledge, detectStory, knowledgeStats, StoryClusterer, type ClusterInput } from '@radar/detect';

interface DevItem {
  id: string;
  title: string;
  text: string;
}

const path = resolve(process.argv[2] ?? '../shared/detect-dev/dev.jsonl');
const items: DevItem[] = readFileSync(path, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as DevItem);

/** Wall-clock rate, and the rate per CPU-second of this process (steadier on a busy machine). */
function detectThroughput(): { storiesPerSecond: number; storiesPerCpuSecond: number; stories: number; seconds: number } {
  for (let i = 0; i < 20; i++) for (const item of items) detectStory(item);
  const cpu = process.cpuUsage();
  const started = performance.now();
  let stories = 0;
  while (performance.now() - started < 5000) {
    for (const item of items) detectStory(item);
    stories += items.length;
  }
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  return {
    storiesPerSecond: Math.round(stories / seconds),
    storiesPerCpuSecond: Math.round(stories / cpuSeconds),
    stories,
    seconds: Number(seconds.toFixed(2)),
  };
}

function knowledgeFigures(): { phrases: number; states: number; automatonBytes: number; buildMs: number; heapBytes: number | null } {
  const gc = (globalThis as { gc?: () => void }).gc;
  const stats = knowledgeStats();
  const builds: number[] = [];
  let heapBytes: number | null = null;
  const kept: unknown[] = [];
  for (let i = 0; i < 3; i++) {
    gc?.();
    const before = process.memoryUsage().heapUsed;
    const knowledge = compileKnowledge();
    builds.push(knowledge.buildMs);
    kept.push(knowledge);
    gc?.();
    if (gc) heapBytes = process.memoryUsage().heapUsed - before;
  }
  builds.sort((a, b) => a - b);
  return { phrases: stats.phrases, states: stats.states, automatonBytes: stats.bytes, buildMs: Number(builds[1]!.toFixed(1)), heapBytes };
}

/**
 * 100,000 stories in the window, written from the dev set's words: each takes its words
 * from the corpus's word stream (so common words stay common), a few names and a figure
 * of its own, and its entities from a dev story; every 50th is a second report of an
 * earlier event.
 */
function clusteringCost(): { windowStories: number; microsPerStory: number; cpuMicrosPerStory: number; clusters: number; joined: number; windowHeapBytes: number | null } {
  const detections = items.map((item) => detectStory(item));
  const words = items.flatMap((item) => `${item.title} ${item.text}`.split(/\s+/)).filter((w) => w.length > 0);
  // mulberry32: a small seeded generator, so runs are comparable.
  let seed = 42;
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = (n: number) => Array.from({ length: n }, () => words[Math.floor(random() * words.length)]!).join(' ');
  const hour = 3600_000;
  const windowStories = 100_000;
  const clusterer = new StoryClusterer({ windowMs: 7 * 24 * hour });
  const made: ClusterInput[] = [];
  const story = (n: number): ClusterInput => {
    if (n % 50 === 49 && made.length > 10) {
      const earlier = made[made.length - 1 - Math.floor(random() * 10)]!;
      return { ...earlier, id: `s${n}`, title: `${earlier.title} ${pick(2)}`, time: n * 6000 };
    }
    const d = detections[Math.floor(random() * detections.length)]!;
    // Every event has its own names and figures, as real ones do.
    const name = () => `Q${Math.floor(random() * 1e9).toString(36)}`;
    const own = `${name()} ${name()} ${Math.floor(random() * 100000)}`;
    const input = { id: `s${n}`, title: `${pick(6)} ${own}`, text: `${pick(30)} ${own} ${pick(15)}`, countries: d.countries, companies: d.companies, time: n * 6000 };
    made.push(input);
    if (made.length > 100) made.shift();
    return input;
  };
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  for (let n = 0; n < windowStories; n++) clusterer.assign(story(n));
  gc?.();
  const windowHeapBytes = gc ? process.memoryUsage().heapUsed - heapBefore : null;
  const measured = 20_000;
  const stories = Array.from({ length: measured }, (_, i) => story(windowStories + i));
  const clusters = new Set<string>();
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (const s of stories) clusters.add(clusterer.assign(s));
  const micros = ((performance.now() - started) * 1000) / measured;
  const used = process.cpuUsage(cpu);
  return {
    windowStories: clusterer.size,
    microsPerStory: Number(micros.toFixed(1)),
    cpuMicrosPerStory: Number(((used.user + used.system) / measured).toFixed(1)),
    clusters: clusters.size,
    joined: measured - clusters.size,
    windowHeapBytes,
  };
}

const detect = detectThroughput();
const knowledge = knowledgeFigures();
const clustering = clusteringCost();
process.stdout.write(
  `${JSON.stringify({ bench: 'detect', node: process.version, items: items.length, detect, knowledge, clustering })}\n`,
);
