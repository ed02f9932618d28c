import { Worker } from 'node:worker_threads';
import { FeedParseError, type ParsedFeed, type ParseFeedOptions } from './parsed-feed.ts';

/** How long one document may take to read before it is refused. */
export const READ_DEADLINE_MS = 20_000;
/** The reading thread's heap: a document that needs more is refused, and the poller goes on. */
const READER_HEAP_MB = 1024;

export interface ReadRequest {
  id: number;
  body: Uint8Array;
  contentType: string | null;
  baseUrl: string | null;
}

export type ReadReply = { id: number; feed: ParsedFeed } | { id: number; error: string; notAFeed: boolean } | { ready: true };

interface Pending {
  request: ReadRequest;
  resolve(feed: ParsedFeed): void;
  reject(error: Error): void;
}

/**
 * Reads feed documents (parseFeed) on a thread of their own, one at a time, each within a
 * deadline. A hostile or pathological document (one that reads in time growing with the
 * square of its size, or that fills the heap) is refused as no feed, its thread stopped and
 * a new one started, instead of holding the poller: the poller's own thread goes on with
 * its other polls, its job locks and its streams meanwhile.
 * @example const reader = new FeedReader(); const feed = await reader.read(body, { contentType, baseUrl });
 */
export class FeedReader {
  readonly #deadlineMs: number;
  #worker: Worker | null = null;
  /** Whether the thread has loaded: a document's deadline runs from then, not from the thread's start. */
  #ready = false;
  #queue: Pending[] = [];
  #current: Pending | null = null;
  #timer: NodeJS.Timeout | null = null;
  #nextId = 1;
  #closed = false;

  constructor(options: { deadlineMs?: number } = {}) {
    this.#deadlineMs = options.deadlineMs ?? READ_DEADLINE_MS;
  }

  /** Starts the reading thread now rather than at the first document (it takes a second to load). */
  async start(): Promise<void> {
    await this.read(new TextEncoder().encode('<rss version="2.0"><channel></channel></rss>'), {});
  }

  read(body: Uint8Array, options: ParseFeedOptions = {}): Promise<ParsedFeed> {
    if (this.#closed) return Promise.reject(new Error('the feed reader is closed'));
    return new Promise((resolve, reject) => {
      // a copy of its own (a Buffer's slice would share the caller's bytes), handed over to
      // the thread rather than copied again
      const request: ReadRequest = {
        id: this.#nextId++,
        body: new Uint8Array(body),
        contentType: options.contentType ?? null,
        baseUrl: options.baseUrl ?? null,
      };
      this.#queue.push({ request, resolve, reject });
      this.#next();
    });
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const pending of this.#queue.splice(0)) pending.reject(new Error('the feed reader is closed'));
    this.#settle(new Error('the feed reader is closed'));
    await this.#stopWorker();
  }

  #next(): void {
    if (this.#current || this.#queue.length === 0) return;
    const pending = (this.#current = this.#queue.shift()!);
    const worker = (this.#worker ??= this.#startWorker());
    if (this.#ready) this.#startClock();
    // held open while it reads; a reader with nothing to read lets the process exit
    worker.ref();
    worker.postMessage(pending.request, [pending.request.body.buffer as ArrayBuffer]);
  }

  /** The deadline of the document under way. */
  #startClock(): void {
    this.#timer = setTimeout(() => {
      const seconds = Math.round(this.#deadlineMs / 100) / 10;
      this.#settle(new FeedParseError(`the document took longer than ${seconds} s to read, and was given up`));
      void this.#stopWorker().then(() => this.#next());
    }, this.#deadlineMs);
  }

  #startWorker(): Worker {
    this.#ready = false;
    const worker = new Worker(new URL('./feed-reader-worker.mjs', import.meta.url), {
      resourceLimits: { maxOldGenerationSizeMb: READER_HEAP_MB },
    });
    worker.on('message', (reply: ReadReply) => {
      if (this.#worker !== worker) return;
      if ('ready' in reply) {
        this.#ready = true;
        if (this.#current && !this.#timer) this.#startClock();
        return;
      }
      if (reply.id !== this.#current?.request.id) return;
      this.#settle(
        'feed' in reply ? null : reply.notAFeed ? new FeedParseError(reply.error) : new Error(reply.error),
        'feed' in reply ? reply.feed : undefined,
      );
      if (this.#queue.length === 0) worker.unref();
      this.#next();
    });
    // the thread died (out of memory, or a fault while loading): the document it held is
    // refused, and the next is read on a new thread
    let fault = 'the reading thread stopped';
    worker.on('error', (error) => (fault = error.message));
    worker.on('exit', () => {
      if (this.#worker !== worker) return;
      this.#worker = null;
      this.#settle(new FeedParseError(`the document could not be read: ${fault}`));
      this.#next();
    });
    return worker;
  }

  /** Ends the document under way, with its feed or an error. */
  #settle(error: Error | null, feed?: ParsedFeed): void {
    const pending = this.#current;
    if (!pending) return;
    this.#current = null;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    if (error) pending.reject(error);
    else pending.resolve(feed!);
  }

  async #stopWorker(): Promise<void> {
    const worker = this.#worker;
    this.#worker = null;
    await worker?.terminate();
  }
}
