import type { Server } from 'socket.io';
import { filterKey, matchesFilter, storyBeforeEdit, type ClientToServerEvents, type ServerToClientEvents, type Story, type StoryEdit, type StoryFilter } from '@radar/core';

const roomOf = (key: string) => `filter:${key}`;

/**
 * Sends each new story to the Socket.IO rooms whose filter it matches: one room per
 * distinct filter, so a thousand dashboards with the same filter cost one match.
 */
export class StoryFanout {
  readonly #filters = new Map<string, { filter: StoryFilter; members: number }>();

  constructor(private readonly io: Server<ClientToServerEvents, ServerToClientEvents>) {}

  /** Registers a filter and returns the room its subscribers join. */
  join(filter: StoryFilter): string {
    const key = filterKey(filter);
    const entry = this.#filters.get(key);
    if (entry) entry.members += 1;
    else this.#filters.set(key, { filter, members: 1 });
    return roomOf(key);
  }

  leave(filter: StoryFilter): void {
    const key = filterKey(filter);
    const entry = this.#filters.get(key);
    if (!entry) return;
    entry.members -= 1;
    if (entry.members <= 0) this.#filters.delete(key);
  }

  get filterCount(): number {
    return this.#filters.size;
  }

  publish(story: Story): number {
    let rooms = 0;
    for (const [key, { filter }] of this.#filters) {
      if (!matchesFilter(story, filter)) continue;
      this.io.to(roomOf(key)).emit('story', story);
      rooms += 1;
    }
    return rooms;
  }

  /** Sends a correction of a story's tags to the rooms whose filter it matched before or matches now: those whose list it may enter or leave. */
  publishEdit(edit: StoryEdit): number {
    const before = storyBeforeEdit(edit);
    let rooms = 0;
    for (const [key, { filter }] of this.#filters) {
      const matches = matchesFilter(edit.story, filter);
      if (!matches && !matchesFilter(before, filter)) continue;
      this.io.to(roomOf(key)).emit('story-edited', { ...edit, matches });
      rooms += 1;
    }
    return rooms;
  }
}
