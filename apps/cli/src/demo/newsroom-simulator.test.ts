import { expect, test } from 'vitest';
import { detectStory, StoryClusterer } from '@radar/detect';
import demoData from '../../data/demo-newsroom.json' with { type: 'json' };
import { publishingOrder } from './newsroom-simulator.ts';

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
  // as the poller does: tags from the detector, the headline and summary, a story every 3 s
  const outlets = new Map(demoData.outlets.map((outlet) => [outlet.slug, outlet]));
  const clusterer = new StoryClusterer();
  const clusterOf = new Map<string, string>();
  publishingOrder(demoData).forEach((story, i) => {
    const outlet = outlets.get(story.outlet)!;
    const tags = detectStory({ title: story.title, text: story.summary, publisher: outlet.title, lang: outlet.language });
    const id = `story-${i}`;
    const cluster = clusterer.assign({ id, title: story.title, text: story.summary, countries: tags.countries, companies: tags.companies, time: i * 3000 });
    clusterOf.set(story.title, cluster);
  });
  for (const followUp of demoData.followUps) {
    expect(clusterOf.get(followUp.title), followUp.title).toBe(clusterOf.get(followUp.sameEventAs));
  }
  const sizes = new Map<string, number>();
  for (const cluster of clusterOf.values()) sizes.set(cluster, (sizes.get(cluster) ?? 0) + 1);
  expect([...sizes.values()].filter((size) => size > 1)).toEqual(demoData.followUps.map(() => 2));
});
