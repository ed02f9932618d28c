import type { Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Server } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '@radar/core';
import type { ApiDeps } from './api-deps.ts';
import { createApp } from './app.ts';
import { handleSockets } from './live/socket-handlers.ts';
import { StoryFanout } from './live/story-fanout.ts';
import { consumeStoryStream } from './live/stream-consumer.ts';
import { relayAlertNotices } from './live/alert-notices.ts';
import { authorizeWidgetSockets, widgetTokenRoom } from './live/widget-sockets.ts';

export interface ApiServerOptions extends ApiDeps {
  streamKey: string;
  /** The notifier's alert notice stream; when given, firings reach dashboards as the `alert` event. */
  alertNoticeStreamKey?: string;
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
  const app = createApp({
    ...options,
    onWidgetTokenRevoked: (tokenId) => io?.in(widgetTokenRoom(tokenId)).disconnectSockets(true),
  });
  const httpServer = await new Promise<HttpServer>((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port: options.port, hostname: options.host }, () =>
      resolve(server as HttpServer),
    ) as HttpServer;
    server.once('error', reject);
  });
  io = new Server<ClientToServerEvents, ServerToClientEvents>(httpServer, {
    serveClient: false,
    cors: { origin: false },
  });
  authorizeWidgetSockets(io, { db: options.db, allowAnonymousWidgets: options.allowAnonymousWidgets });
  const fanout = new StoryFanout(io);
  handleSockets(io, fanout, options.db);
  const consumer = await consumeStoryStream(options.redis, options.streamKey, (story) => fanout.publish(story));
  const notices = options.alertNoticeStreamKey ? await relayAlertNotices(options.redis, options.alertNoticeStreamKey, io) : null;
  return {
    port: (httpServer.address() as AddressInfo).port,
    io,
    fanout,
    async close() {
      await consumer.close();
      await notices?.close();
      await io.close();
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    },
  };
}
