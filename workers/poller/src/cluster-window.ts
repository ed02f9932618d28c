import { StoryClusterer, type ClusterInput, type StoryClustererOptions } from '@radar/detect';

/** How many stories' cluster ids are kept (well over a 48 h window). */
const MEMORY_LIMIT = 200_000;

function remembered<K, V>(map: Map<K, V>, key: K, value: V): void {
  map.set(key, value);
  if (map.size > MEMORY_LIMIT) map.delete(map.keys().next().value as K);
}

/**
 * The poller's view of recent events: assigns each new story to a cluster (the same event
 * reported by several outlets) and learns stories stored before it started or by other
 * pollers, keeping the cluster ids that were stored for them.
 */
export class ClusterWindow {
  readonly #clusterer: StoryClusterer;
  /** Stories this window has already seen (so the live stream does not add them twice), with their cluster. */
  readonly #known = new Map<string, string>();

  constructor(options: StoryClustererOptions = {}) {
    this.#clusterer = new StoryClusterer(options);
  }

  get size(): number {
    return this.#clusterer.size;
  }

  /** Assigns a new story to the cluster of the event it reports (its own id when it is the first). */
  assign(story: ClusterInput): string {
    const known = this.#known.get(story.id);
    if (known) return known;
    const clusterId = this.#clusterer.assign(story);
    remembered(this.#known, story.id, clusterId);
    return clusterId;
  }

  /**
   * Learns a story stored before with its cluster, for later reports to join; a story seen
   * before is ignored. One stored without a cluster (a crash came between storing and
   * streaming it) is assigned one.
   */
  remember(story: ClusterInput, clusterId: string | null): void {
    if (this.#known.has(story.id)) return;
    if (clusterId === null) {
      this.assign(story);
      return;
    }
    remembered(this.#known, story.id, clusterId);
    this.#clusterer.add(story, clusterId);
  }
}
