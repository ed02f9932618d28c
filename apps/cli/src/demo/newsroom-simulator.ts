import { z } from 'zod';
import demoData from '../../data/demo-newsroom.json' with { type: 'json' };
import { Newsroom } from './newsroom.ts';

const DemoDataSchema = z.object({
  outlets: z.array(
    z.object({
      slug: z.string(),
      title: z.string(),
      format: z.enum(['rss', 'atom']),
      language: z.string(),
    }),
  ),
  stories: z.array(z.object({ outlet: z.string(), title: z.string(), summary: z.string() })),
  /** Other outlets' reports of some of the stories' events, so the demo shows clusters. */
  followUps: z.array(z.object({ sameEventAs: z.string(), outlet: z.string(), title: z.string(), summary: z.string() })),
});

type DemoData = z.infer<typeof DemoDataSchema>;
type DemoStory = DemoData['stories'][number];

/** How many stories go out between an event's first report and another outlet's. */
const FOLLOW_UP_DELAY = 2;

/**
 * The order the newsroom publishes in: the stories as listed, each follow-up report a
 * couple of stories after the report of the same event.
 */
export function publishingOrder(data: Pick<DemoData, 'stories' | 'followUps'>): DemoStory[] {
  const order: DemoStory[] = [...data.stories];
  for (const followUp of data.followUps) {
    const original = order.findIndex((story) => story.title === followUp.sameEventAs);
    if (original < 0) throw new Error(`demo follow-up "${followUp.title}" names no story "${followUp.sameEventAs}"`);
    order.splice(Math.min(order.length, original + 1 + FOLLOW_UP_DELAY), 0, followUp);
  }
  return order;
}

export interface NewsroomSimulator {
  newsroom: Newsroom;
  feedUrls: { url: string; title: string }[];
  stop(): Promise<void>;
}

/** About how many stories the newsroom has published before the demo starts, and over how long. */
export const BACKLOG_STORIES = 40;
export const BACKLOG_HOURS = 7 * 24;
const HOUR_MS = 3_600_000;

/**
 * Where the week's history starts in the publishing order: about `count` stories from the
 * end, moved earlier so that no follow-up lands in the history while its event's first
 * report is still to come.
 */
export function backlogStart(order: readonly DemoStory[], followUps: readonly { title: string; sameEventAs: string }[], count: number): number {
  let start = Math.max(order.length - count, 0);
  const indexOf = (title: string) => order.findIndex((story) => story.title === title);
  while (start > 0 && followUps.some((followUp) => indexOf(followUp.title) >= start && indexOf(followUp.sameEventAs) < start)) start -= 1;
  return start;
}

/**
 * The offline demo's newsroom: sample stories written for this project. The last ones in
 * the publishing order are a week's history, there from the start, so the overview's
 * charts, the time ranges and what rose have days to show; then the first ones are
 * published one by one to local RSS and Atom feeds every few seconds, and every story
 * again as an update, in a loop. Some events are reported by a second outlet a little
 * after the first.
 */
export async function startNewsroomSimulator(port: number, everyMs = 3000): Promise<NewsroomSimulator> {
  const data = DemoDataSchema.parse(demoData);
  const stories = publishingOrder(data);
  const newsroom = await new Newsroom().start(port);
  const feedUrls = data.outlets.map((outlet) => ({ url: newsroom.addOutlet(outlet), title: outlet.title }));
  const publish = (story: DemoStory, round: number, publishedAt?: Date) =>
    newsroom.publish(story.outlet, {
      title: round === 0 ? story.title : `${story.title} (update ${round})`,
      summary: story.summary,
      publishedAt,
    });
  // the week before the demo started, a story every few hours, the last one an hour ago
  const history = backlogStart(stories, data.followUps, BACKLOG_STORIES);
  const backlog = stories.slice(history);
  const now = Date.now();
  const step = (BACKLOG_HOURS * HOUR_MS) / backlog.length;
  backlog.forEach((story, i) => publish(story, 0, new Date(now - HOUR_MS - (backlog.length - 1 - i) * step)));
  // live: the stories before the history, then every story as an update, round after round
  let next = 0;
  const publishNext = () => {
    if (next < history) publish(stories[next]!, 0);
    else publish(stories[(next - history) % stories.length]!, 1 + Math.floor((next - history) / stories.length));
    next += 1;
  };
  const timer = setInterval(publishNext, everyMs);
  return {
    newsroom,
    feedUrls,
    async stop() {
      clearInterval(timer);
      await newsroom.close();
    },
  };
}
