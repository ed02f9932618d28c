import type { Server, Socket } from 'socket.io';
import { errorText, SubscribeRequestSchema, type ClientToServerEvents, type ServerToClientEvents, type StoryFilter } from '@radar/core';
import { listStoriesAfter, type RadarDb } from '@radar/db';
import { NUL_REFUSED, pathToNul } from '../api-error.ts';
import { widgetFilter } from '../widget-access.ts';
import type { StoryFanout } from './story-fanout.ts';
import { socketWidgetAccess } from './widget-sockets.ts';

type RadarSocket = Socket<ClientToServerEvents, ServerToClientEvents>;

/**
 * `subscribe` moves a socket to the room of its filter. With `since` (the newest story id
 * the client has) it first gets every matching story stored after that one.
 */
export function handleSockets(
  io: Server<ClientToServerEvents, ServerToClientEvents>,
  fanout: StoryFanout,
  db: RadarDb,
): void {
  io.on('connection', (socket: RadarSocket) => {
    let current: { filter: StoryFilter; room: string } | null = null;

    socket.on('subscribe', async (request, ack) => {
      const reply = typeof ack === 'function' ? ack : () => {};
      const nul = pathToNul(request);
      if (nul) {
        reply({ ok: false, error: `${nul}: ${NUL_REFUSED}` });
        return;
      }
      const parsed = SubscribeRequestSchema.safeParse(request ?? {});
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        reply({ ok: false, error: `${issue?.path.join('.') || 'filter'}: ${issue?.message ?? 'invalid'}` });
        return;
      }
      const { since, ...requested } = parsed.data;
      // a widget's socket stays within its token's filter, whatever it asks for
      const filter = widgetFilter(socketWidgetAccess(socket), requested);
      if (current) {
        await socket.leave(current.room);
        fanout.leave(current.filter);
        current = null;
      }
      if (!filter) {
        reply({ ok: true, missed: 0 });
        return;
      }
      const room = fanout.join(filter);
      current = { filter, room };
      await socket.join(room);
      let missed = 0;
      if (since) {
        try {
          const stories = await listStoriesAfter(db, since, filter);
          for (const story of stories) socket.emit('story', story);
          missed = stories.length;
        } catch (error) {
          console.error(`catch-up for a subscriber failed: ${errorText(error)}`);
        }
      }
      reply({ ok: true, missed });
    });

    socket.on('disconnect', () => {
      if (current) fanout.leave(current.filter);
      current = null;
    });
  });
}
