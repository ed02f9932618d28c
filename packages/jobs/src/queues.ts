/** Queue names; each deployment (and each test) sets its own BullMQ prefix. */
export const POLL_QUEUE = 'poll-feeds';

/** A WebSub subscription to leave: the hub, the topic, and the key of its callback (null: none). */
export interface LeftWebSubscription {
  hub: string;
  topic: string;
  callbackKey?: string | null;
}

export interface PollFeedJobData {
  feedId: string;
  /** Set when a user asked for the poll ("refresh now"). */
  manual?: boolean;
  /** A document a WebSub hub pushed (base64), ingested instead of fetching. */
  pushed?: { bodyBase64: string; contentType: string | null };
  /**
   * The WebSub hub a feed paused or deleted no longer wants pushes from: the poller unsubscribes
   * there, with the callback the subscription was made with (its key; none in jobs queued before keys).
   */
  leaveHub?: LeftWebSubscription;
}

export interface QueueSettings {
  /** Key prefix for BullMQ and the story stream, e.g. `radar`. */
  prefix: string;
}

export const bullPrefix = (settings: QueueSettings): string => `${settings.prefix}:bull`;
export const storyStreamKey = (settings: QueueSettings): string => `${settings.prefix}:stories`;

/** Where pollers tell each other the event of each story they streamed, for their clustering. */
export const storyEventStreamKey = (settings: QueueSettings): string => `${settings.prefix}:story-events`;

/** Where the notifier posts alert firings for the API nodes to show live. */
export const alertNoticeStreamKey = (settings: QueueSettings): string => `${settings.prefix}:alert-notices`;
/** Corrections of stories' tags, for the API nodes to pass to open dashboards. */
export const storyEditStreamKey = (settings: QueueSettings): string => `${settings.prefix}:story-edits`;
