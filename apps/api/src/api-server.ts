import type { Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { appendStory, appendStoryEdit, followAlertNotices, followStories, followStoryEdits } from '@radar/jobs';
import { Server } from 'socket.io';
import { ALERT_NEWS_AGE_MS, type ClientToServerEvents, type ServerToClientEvents } from '@radar/core';
import type { ApiDeps } from './api-deps.ts';
import { createApp } from './app.ts';
import { handleSockets } from './live/socket-handlers.ts';
import { StoryFanout } from './live/story-fanout.ts';
import { authorizeWidgetSockets, widgetTokenRoom } from './live/widget-sockets.ts';

export interface ApiServerOptions extends ApiDeps {
  streamKey: string;
  /** The notifier's alert notice stream; when given, firings reach dashboards as the `alert` event. */
  alertNoticeStreamKey?: string;
  /** Where editors' corrections of stories' tags pass between API nodes; when given, they reach dashboards as `story-edited`. */
  storyEditStreamKey?: string;
  port: number;
  host?: string;
}

export interface ApiServer {
  port: number;
  io: Server<ClientToServerEvents, ServerToClientEvents>;
  fanout: StoryFanout;
  close(): Promise<void>;
}

/** Hono and Socket.IO on one HTTP server, fed by the story stream. */
export async function startApiServer(options: ApiServerOptions): Promise<ApiServer> {
  let io: Server<ClientToServerEvents, ServerToClientEvents> | null = null;
  const editStreamKey = options.storyEditStreamKey;
  const app = createApp({
    ...options,
    announceStoryEdit: editStreamKey
      ? async (edit) => {
          await appendStoryEdit(options.redis, editStreamKey, edit);
          // news found lately goes round the story stream again: alerts it matches now fire (once per
          // alert and event, as always: those that fired for it stay quiet), live views it now matches
          // list it; last week's story corrected today alerts no one
          if (Date.now() - Date.parse(edit.story.ingestedAt) <= ALERT_NEWS_AGE_MS) await appendStory(options.redis, options.streamKey, edit.story);
        }
      : undefined,
    onWidgetTokenRevoked: (tokenId) => io?.in(widgetTokenRoom(tokenId)).disconnectSockets(true),
  });
  const httpServer = await new Promise<HttpServer>((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port: options.port, hostname: options.host }, () => resolve(server as HttpServer)) as HttpServer;
    server.once('error', reject);
  });
  io = new Server<ClientToServerEvents, ServerToClientEvents>(httpServer, {
    serveClient: false,
    cors: { origin: false },
  });
  authorizeWidgetSockets(io, { db: options.db, allowAnonymousWidgets: options.allowAnonymousWidgets });
  const fanout = new StoryFanout(io);
  handleSockets(io, fanout, options.db);
  const consumer = await followStories(options.redis, options.streamKey, (story) => fanout.publish(story));
  // alert firings go to every open dashboard: a toast and the inbox count
  const live = io;
  const notices = options.alertNoticeStreamKey
    ? await followAlertNotices(options.redis, options.alertNoticeStreamKey, (notice) => live.emit('alert', notice))
    : null;
  const edits = editStreamKey ? await followStoryEdits(options.redis, editStreamKey, (edit) => fanout.publishEdit(edit)) : null;
  return {
    port: (httpServer.address() as AddressInfo).port,
    io,
    fanout,
    async close() {
      await consumer.close();
      await notices?.close();
      await edits?.close();
      await io.close();
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    },
  };
}
