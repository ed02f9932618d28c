import type { Story } from '@radar/core';

/**
 * The event a story reports: its cluster (the poller gives every report of one event the same
 * cluster id, the first report's own id), or the story alone when it was stored unclustered.
 */
export const eventKey = (story: Story): string => story.clusterId ?? story.id;

/** One outlet per feed; a story whose feed was deleted is known by its source's title (as the API counts). */
const outletKey = (story: Story): string => story.source.feedId || `source:${story.source.title}`;

/** How many outlets reported an event, and the names of those the stream has seen. */
export interface EventOutlets {
  /** Outlets that reported the event, at least 1. */
  count: number;
  /** Names of the outlets seen other than the given row's own, in the order they were seen. */
  others: string[];
  /** Outlets counted by the API whose reports the stream has not loaded (their names are in the story view). */
  unnamed: number;
}

/** What the stream knows of one event. */
export interface StoryEvent {
  /** The event's row in the shown list: its newest shown report. */
  shown: Story | undefined;
  /** A newer report waiting behind the "N new" bar, which will become the row. */
  held: Story | undefined;
  /** Outlets whose reports the stream has seen: key → name. */
  readonly outlets: Map<string, string>;
  /** Outlets the API counted for the event (all its stored reports), plus outlets new to it that arrived live since. */
  reported: number;
}

/**
 * The events of a stream, each with its row and its outlets. Plain data, no runes: the
 * stream decides what to render from it.
 */
export class StoryEvents {
  #events = new Map<string, StoryEvent>();

  get(key: string): StoryEvent | undefined {
    return this.#events.get(key);
  }

  /** The record of a story's event, created on first sight. */
  of(story: Story): StoryEvent {
    const key = eventKey(story);
    let event = this.#events.get(key);
    if (!event) this.#events.set(key, (event = { shown: undefined, held: undefined, outlets: new Map(), reported: 0 }));
    return event;
  }

  /**
   * Notes a report's outlet; true when the outlet is new to the event. A new outlet arriving
   * live also raises the API's count, which was taken before that report was stored.
   */
  addReport(story: Story, live: boolean): boolean {
    const event = this.of(story);
    const outlet = outletKey(story);
    if (event.outlets.has(outlet)) return false;
    event.outlets.set(outlet, story.source.title);
    if (live && event.reported > 0) event.reported += 1;
    return true;
  }

  /** The API's count of outlets for an event; counts only grow (a late answer never lowers one). */
  setReported(key: string, outlets: number): boolean {
    const event = this.#events.get(key);
    if (!event) {
      this.#events.set(key, { shown: undefined, held: undefined, outlets: new Map(), reported: outlets });
      return true;
    }
    if (outlets <= event.reported) return false;
    event.reported = outlets;
    return true;
  }

  /** The outlets of the event a row reports, for its "N outlets" badge. */
  outlets(row: Story): EventOutlets {
    const event = this.#events.get(eventKey(row));
    if (!event) return { count: 1, others: [], unnamed: 0 };
    const count = Math.max(event.reported, event.outlets.size, 1);
    const own = outletKey(row);
    const others = [...event.outlets].flatMap(([key, name]) => (key === own ? [] : [name]));
    return { count, others, unnamed: Math.max(0, count - Math.max(event.outlets.size, 1)) };
  }

  clear(): void {
    this.#events = new Map();
  }
}

/** "Also reported by Local Wire, Evening Gazette and 2 more": the other outlets of a row's event. */
export function describeOtherOutlets(outlets: EventOutlets): string {
  const names = [...outlets.others];
  if (outlets.unnamed > 0) names.push(`${outlets.unnamed} more`);
  if (names.length === 0) return '';
  const list = names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names.at(-1)!}`;
  return `Also reported by ${list}`;
}
