import { expect, test } from 'vitest';
import { detectStory, StoryClusterer } from '@radar/detect';
import demoData from '../../data/demo-newsroom.json' with { type: 'json' };
import { parseFeed } from '@radar/feeds';
import { BACKLOG_STORIES, backlogStart, publishingOrder, startNewsroomSimulator } from './newsroom-simulator.ts';

test('each follow-up report goes out two stories after the first report of its event', () => {
  const order = publishingOrder(demoData);
  expect(order).toHaveLength(demoData.stories.length + demoData.followUps.length);
  for (const followUp of demoData.followUps) {
    const original = order.findIndex((story) => story.title === followUp.sameEventAs);
    expect(order.indexOf(followUp)).toBe(original + 3);
  }
});

test('a follow-up that names no story is refused', () => {
  const data = { ...demoData, followUps: [{ ...demoData.followUps[0]!, sameEventAs: 'No such story' }] };
  expect(() => publishingOrder(data)).toThrow(/names no story "No such story"/);
});

test('the poller clusters each follow-up with its first report, and nothing else together', () => {
  // as the poller does: tags from the detector, the headline and summary; a week's history, then a story every 3 s
  const order = publishingOrder(demoData);
  const history = backlogStart(order, demoData.followUps, BACKLOG_STORIES);
  const step = (7 * 24 * 3_600_000) / (order.length - history);
  const published = [...order.slice(history), ...order.slice(0, history)];
  const timeOf = (i: number) => (i < order.length - history ? i * step : (order.length - history) * step + (i - order.length + history) * 3000);
  const outlets = new Map(demoData.outlets.map((outlet) => [outlet.slug, outlet]));
  const clusterer = new StoryClusterer();
  const clusterOf = new Map<string, string>();
  published.forEach((story, i) => {
    const outlet = outlets.get(story.outlet)!;
    const tags = detectStory({ title: story.title, text: story.summary, publisher: outlet.title, lang: outlet.language });
    const id = `story-${i}`;
    const cluster = clusterer.assign({ id, title: story.title, text: story.summary, countries: tags.countries, companies: tags.companies, time: timeOf(i) });
    clusterOf.set(story.title, cluster);
  });
  for (const followUp of demoData.followUps) {
    expect(clusterOf.get(followUp.title), followUp.title).toBe(clusterOf.get(followUp.sameEventAs));
  }
  const sizes = new Map<string, number>();
  for (const cluster of clusterOf.values()) sizes.set(cluster, (sizes.get(cluster) ?? 0) + 1);
  expect([...sizes.values()].filter((size) => size > 1)).toEqual(demoData.followUps.map(() => 2));
});

test("the week's history holds no follow-up whose event's first report is still to come", () => {
  const order = publishingOrder(demoData);
  const history = backlogStart(order, demoData.followUps, BACKLOG_STORIES);
  expect(order.length - history).toBeGreaterThanOrEqual(BACKLOG_STORIES);
  const inHistory = new Set(order.slice(history).map((story) => story.title));
  for (const followUp of demoData.followUps) {
    if (inHistory.has(followUp.title)) expect(inHistory.has(followUp.sameEventAs), followUp.title).toBe(true);
  }
  // a follow-up at the edge pulls its first report in with it
  const stories = [{ title: 'a' }, { title: 'b' }, { title: 'c' }, { title: 'b2' }].map((story) => ({ ...story, outlet: 'x', summary: '' }));
  expect(backlogStart(stories, [{ title: 'b2', sameEventAs: 'b' }], 2)).toBe(1);
  expect(backlogStart(stories, [{ title: 'b2', sameEventAs: 'b' }], 3)).toBe(1);
  expect(backlogStart(stories, [], 2)).toBe(2);
});

test("the demo's feeds start with a week of history, the newest an hour old", async () => {
  const simulator = await startNewsroomSimulator(0, 60_000);
  try {
    const dates: number[] = [];
    for (const outlet of demoData.outlets) {
      const parsed = await parseFeed(Buffer.from(simulator.newsroom.render(outlet.slug)), { baseUrl: simulator.newsroom.feedUrl(outlet.slug) });
      dates.push(...parsed.items.map((item) => Date.parse(item.published!)));
    }
    const order = publishingOrder(demoData);
    expect(dates).toHaveLength(order.length - backlogStart(order, demoData.followUps, BACKLOG_STORIES));
    const hoursAgo = dates.map((date) => (Date.now() - date) / 3_600_000).sort((a, b) => a - b);
    expect(hoursAgo[0]).toBeGreaterThan(0.9);
    expect(hoursAgo[0]).toBeLessThan(1.1);
    expect(hoursAgo.at(-1)).toBeGreaterThan(6 * 24);
    expect(hoursAgo.at(-1)).toBeLessThan(7 * 24);
    // spread out: every day of the week has stories
    expect(new Set(hoursAgo.map((hours) => Math.floor(hours / 24))).size).toBe(7);
  } finally {
    await simulator.stop();
  }
});
