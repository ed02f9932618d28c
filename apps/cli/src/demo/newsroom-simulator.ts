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
});

export interface NewsroomSimulator {
  newsroom: Newsroom;
  feedUrls: { url: string; title: string }[];
  stop(): Promise<void>;
}

/**
 * The offline demo's newsroom: sample stories written for this project, published one by
 * one to local RSS and Atom feeds every few seconds, in a loop.
 */
export async function startNewsroomSimulator(port: number, everyMs = 3000): Promise<NewsroomSimulator> {
  const data = DemoDataSchema.parse(demoData);
  const newsroom = await new Newsroom().start(port);
  const feedUrls = data.outlets.map((outlet) => ({ url: newsroom.addOutlet(outlet), title: outlet.title }));
  // a few stories are there from the start, so the first poll already shows something
  let next = 0;
  const publishNext = () => {
    const story = data.stories[next % data.stories.length]!;
    const round = Math.floor(next / data.stories.length);
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
