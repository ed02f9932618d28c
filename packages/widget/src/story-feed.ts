import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents, Story, StoryEdit, StoryPage } from '@radar/core';
import { storiesQuery, type WidgetOptions } from './widget-options.ts';

export type FeedState =
  | { kind: 'connecting' }
  | { kind: 'live' }
  | { kind: 'offline' }
  /** The server said no: a revoked token, a page its token does not allow. Retrying will not help. */
  | { kind: 'refused'; reason: string };

export interface StoryFeedHandlers {
  /** The latest stories, newest first, when the widget starts. */
  onPage(stories: Story[]): void;
  /** A story published since, live. */
  onStory(story: Story): void;
  /** An editor corrected a story's tags; `matches` says whether it is still one of this widget's. */
  onStoryEdited(edit: StoryEdit): void;
  onState(state: FeedState): void;
}

/**
 * A widget's stories: the latest page over HTTP, then new ones live over Socket.IO. On
 * reconnecting it asks for what it missed since the newest story it holds.
 */
export class StoryFeed {
  #socket: Socket<ServerToClientEvents, ClientToServerEvents> | null = null;
  #newestId: string | undefined;
  #closed = false;

  constructor(
    private readonly options: WidgetOptions,
    private readonly handlers: StoryFeedHandlers,
  ) {}

  async start(): Promise<void> {
    this.handlers.onState({ kind: 'connecting' });
    const stories = await this.latest();
    if (this.#closed) return;
    if (stories) this.handlers.onPage(stories);
    this.#connect();
  }

  /**
   * The latest page of this widget's stories over HTTP, or null when it cannot be read (refused
   * by CORS or offline: the socket says which, in words). A widget asks again to fill the place
   * of a story that left it.
   */
  async latest(): Promise<Story[] | null> {
    try {
      const response = await fetch(`${this.options.api}/api/stories?${storiesQuery(this.options)}`, {
        credentials: 'omit',
        headers: { accept: 'application/json' },
      });
      if (!response.ok) return null;
      const page = (await response.json()) as StoryPage;
      for (const story of page.stories) this.#saw(story.id);
      return page.stories;
    } catch {
      return null;
    }
  }

  #saw(id: string): void {
    // story ids are UUIDv7, ordered as stories were stored
    if (!this.#newestId || id > this.#newestId) this.#newestId = id;
  }

  #connect(): void {
    const { filter, token } = this.options;
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(this.options.api, {
      transports: ['websocket'],
      auth: token ? { token } : {},
      reconnectionDelayMax: 30_000,
      withCredentials: false,
    });
    this.#socket = socket;
    socket.on('connect', () => {
      socket.emit('subscribe', { ...filter, since: this.#newestId }, (ack) => {
        if (ack.ok) this.handlers.onState({ kind: 'live' });
        else this.handlers.onState({ kind: 'refused', reason: ack.error });
      });
    });
    socket.on('story', (story) => {
      this.#saw(story.id);
      this.handlers.onStory(story);
    });
    socket.on('story-edited', (edit) => this.handlers.onStoryEdited(edit));
    socket.on('connect_error', (error) => {
      // a refusal by the server's middleware ends the socket; a network failure retries
      if (socket.active) this.handlers.onState({ kind: 'offline' });
      else this.handlers.onState({ kind: 'refused', reason: error.message });
    });
    socket.on('disconnect', (reason) => {
      if (reason === 'io server disconnect') {
        this.handlers.onState({ kind: 'refused', reason: 'this widget was switched off by its owner' });
      } else if (!this.#closed) {
        this.handlers.onState({ kind: 'offline' });
      }
    });
  }

  close(): void {
    this.#closed = true;
    this.#socket?.disconnect();
    this.#socket = null;
  }
}
