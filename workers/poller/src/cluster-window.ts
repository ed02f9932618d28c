import { StoryClusterer, storyFeatureList, type ClusterInput, type StoryClustererOptions, type StoryFeatureList } from '@radar/detect';
import type { StoryEvent } from '@radar/jobs';

/** How many stories' cluster ids are kept (well over a 48 h window). */
const MEMORY_LIMIT = 200_000;
/** How many assigned stories' features wait to be told (a poll's stories are told when streamed). */
const UNTOLD_LIMIT = 20_000;

function remembered<K, V>(map: Map<K, V>, key: K, value: V, limit = MEMORY_LIMIT): void {
  map.set(key, value);
  if (map.size > limit) map.delete(map.keys().next().value as K);
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
  /** Features of stories assigned here, until they are told to the other pollers. */
  readonly #untold = new Map<string, StoryFeatureList>();

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
    const { clusterId, features } = this.#clusterer.assignTelling(story);
    remembered(this.#known, story.id, clusterId);
    remembered(this.#untold, story.id, features, UNTOLD_LIMIT);
    return clusterId;
  }

  /** The features a story was clustered by, for the other pollers to learn it (see learn). */
  tell(story: ClusterInput): StoryFeatureList {
    const features = this.#untold.get(story.id);
    this.#untold.delete(story.id);
    return features ?? storyFeatureList(story);
  }

  /** Learns a story another poller clustered, from the event it told; a story seen before is ignored. */
  learn(story: StoryEvent): void {
    if (this.#known.has(story.id)) return;
    remembered(this.#known, story.id, story.clusterId);
    this.#clusterer.addFeatures(story, story.features, story.clusterId);
  }

  /**
   * Learns a story stored before with its cluster, for later reports to join; a story seen
   * before is ignored. One stored without a cluster (by a poller without a clustering
   * window) is assigned one.
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
