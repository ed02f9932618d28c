import type { ClientToServerEvents, ServerToClientEvents, Story, StoryEdit, SubscribeRequest } from '@radar/core';
import { io, type Socket } from 'socket.io-client';

/**
 * `connecting` before the first answer; `live` once subscribed; `reconnecting` while the
 * socket retries; `offline` when the browser is offline or retries keep failing.
 */
export type ConnectionStatus = 'connecting' | 'live' | 'reconnecting' | 'offline';

/** After this many failed attempts in a row the status says offline (retries go on). */
const ATTEMPTS_BEFORE_OFFLINE = 4;

export interface LiveConnectionOptions {
  /** Where the Socket.IO server is; the page's own origin when absent. */
  url?: string;
  /** The subscription to send on every (re)connect: the current filter and the newest story id. */
  subscription: () => SubscribeRequest;
  onStory: (story: Story) => void;
  /** An editor corrected the tags of a story the subscription matched before or matches now. */
  onStoryEdited?: (edit: StoryEdit) => void;
}

/** The dashboard's Socket.IO link: subscribes, re-subscribes with `since` after a drop, reports its state. */
export class LiveConnection {
  status = $state<ConnectionStatus>('connecting');
  /** When the last live story arrived (ms since epoch). */
  lastStoryAt = $state<number | null>(null);
  /** Why the server refused the subscription, if it did. */
  error = $state<string | null>(null);
  /** Stories the server replayed after the last (re)subscribe. */
  missed = $state(0);

  #socket: Socket<ServerToClientEvents, ClientToServerEvents> | null = null;
  #options: LiveConnectionOptions | null = null;
  #failedAttempts = 0;
  #browserOffline = false;

  connect(options: LiveConnectionOptions): void {
    this.disconnect();
    this.#options = options;
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = options.url
      ? io(options.url, { path: '/socket.io', transports: ['websocket', 'polling'] })
      : io({ path: '/socket.io', transports: ['websocket', 'polling'] });
    this.#socket = socket;
    this.status = 'connecting';

    socket.on('connect', () => {
      this.#failedAttempts = 0;
      this.subscribe();
    });
    socket.on('disconnect', (reason) => {
      if (reason === 'io client disconnect') {
        this.status = 'offline';
        return;
      }
      this.status = 'reconnecting';
      // socket.io does not retry after the server closed the socket (a restart, a deploy): do it here.
      if (reason === 'io server disconnect') socket.connect();
    });
    socket.on('connect_error', () => {
      this.#failedAttempts += 1;
      this.status = this.#browserOffline || this.#failedAttempts >= ATTEMPTS_BEFORE_OFFLINE ? 'offline' : 'reconnecting';
    });
    socket.on('story', (story) => {
      this.lastStoryAt = Date.now();
      this.#options?.onStory(story);
    });
    socket.on('story-edited', (edit) => this.#options?.onStoryEdited?.(edit));
    if (typeof window !== 'undefined') {
      window.addEventListener('offline', this.#onBrowserOffline);
      window.addEventListener('online', this.#onBrowserOnline);
    }
  }

  /** Sends the current subscription; call again whenever the filter changes. */
  subscribe(): void {
    const socket = this.#socket;
    const options = this.#options;
    if (!socket?.connected || !options) return;
    socket.emit('subscribe', options.subscription(), (answer) => {
      if (socket !== this.#socket) return;
      if (answer.ok) {
        this.error = null;
        this.missed = answer.missed;
        this.status = 'live';
      } else {
        this.error = answer.error;
        this.status = 'offline';
      }
    });
  }

  disconnect(): void {
    if (typeof window !== 'undefined') {
      window.removeEventListener('offline', this.#onBrowserOffline);
      window.removeEventListener('online', this.#onBrowserOnline);
    }
    this.#socket?.removeAllListeners();
    this.#socket?.disconnect();
    this.#socket = null;
    this.status = 'offline';
  }

  #onBrowserOffline = () => {
    this.#browserOffline = true;
    this.status = 'offline';
  };

  #onBrowserOnline = () => {
    this.#browserOffline = false;
    if (!this.#socket?.connected) {
      this.status = 'reconnecting';
      this.#socket?.connect();
    }
  };
}
