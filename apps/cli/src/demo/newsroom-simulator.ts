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

/**
 * The offline demo's newsroom: sample stories written for this project, published one by
 * one to local RSS and Atom feeds every few seconds, in a loop; some events are reported
 * by a second outlet a few seconds after the first.
 */
export async function startNewsroomSimulator(port: number, everyMs = 3000): Promise<NewsroomSimulator> {
  const data = DemoDataSchema.parse(demoData);
  const stories = publishingOrder(data);
  const newsroom = await new Newsroom().start(port);
  const feedUrls = data.outlets.map((outlet) => ({ url: newsroom.addOutlet(outlet), title: outlet.title }));
  // a few stories are there from the start, so the first poll already shows something
  let next = 0;
  const publishNext = () => {
    const story = stories[next % stories.length]!;
    const round = Math.floor(next / stories.length);
    newsroom.publish(story.outlet, {
      title: round === 0 ? story.title : `${story.title} (update ${round})`,
      summary: story.summary,
    });
    next += 1;
  };
  for (let i = 0; i < 8; i++) publishNext();
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
