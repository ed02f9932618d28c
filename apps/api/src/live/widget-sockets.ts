import type { Server } from 'socket.io';
import { errorText, type ClientToServerEvents, type ServerToClientEvents } from '@radar/core';
import { ApiError } from '../api-error.ts';
import { resolveWidgetAccess, type WidgetAccess, type WidgetAccessOptions } from '../widget-access.ts';

/** The room of every socket opened with one widget token, so revoking it closes them all. */
export const widgetTokenRoom = (tokenId: string): string => `widget-token:${tokenId}`;

/** What a socket may see as a widget (null for the dashboard), set when it connects. */
export function socketWidgetAccess(socket: { data: unknown }): WidgetAccess | null {
  return (socket.data as { widgetAccess?: WidgetAccess | null }).widgetAccess ?? null;
}

/**
 * Checks each connection before it may subscribe: the widget token in `auth: { token }`
 * must be live, and the page's Origin one of its origins; a socket from another site
 * without a token is refused unless anonymous widgets are allowed. The dashboard (same
 * origin) and clients outside browsers (no Origin) connect as before.
 */
export function authorizeWidgetSockets(io: Server<ClientToServerEvents, ServerToClientEvents>, options: WidgetAccessOptions): void {
  io.use(async (socket, next) => {
    const auth = socket.handshake.auth as { token?: unknown } | undefined;
    const token = typeof auth?.token === 'string' && auth.token ? auth.token : undefined;
    try {
      const access = await resolveWidgetAccess(options, {
        token,
        origin: socket.handshake.headers.origin,
        host: socket.handshake.headers.host,
      });
      (socket.data as { widgetAccess?: WidgetAccess | null }).widgetAccess = access;
      if (access?.kind === 'token') await socket.join(widgetTokenRoom(access.tokenId));
      next();
    } catch (error) {
      // the message reaches the widget as connect_error, which it shows
      next(error instanceof ApiError ? new Error(error.message) : new Error('the server could not check this widget'));
      if (!(error instanceof ApiError)) console.error(`widget socket check failed: ${errorText(error)}`);
    }
  });
}
