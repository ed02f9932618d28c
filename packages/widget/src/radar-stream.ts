import type { Story } from '@radar/core';
import { asksForPinned } from '@radar/core/pinned-term';
import { StoryFeed, type FeedState } from './story-feed.ts';
import { refreshTimes, renderStory } from './story-view.ts';
import { companyLabel, countryLabel } from './taxonomy-labels.ts';
import { readWidgetOptions, WIDGET_ATTRIBUTES, type WidgetOptions } from './widget-options.ts';
import { WIDGET_CSS } from './widget-styles.ts';

// Captured while widget.js runs: the server it came from is the one to ask for stories.
const scriptSource = (typeof document !== 'undefined' && (document.currentScript as HTMLScriptElement | null)?.src) || '';
const scriptOrigin = scriptSource ? new URL(scriptSource).origin : typeof location !== 'undefined' ? location.origin : '';

const STATUS_TEXT: Record<FeedState['kind'], string> = {
  connecting: 'Connecting…',
  live: 'Live',
  offline: 'Reconnecting…',
  refused: 'Unavailable',
};

/** Newest first by publication time, the order the API pages stories in; the id (stored order) breaks ties. */
const newestFirst = (a: Story, b: Story): number => Date.parse(b.publishedAt) - Date.parse(a.publishedAt) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

/** The stories with this one in its place by publication time (in place of an older copy of it), at most `limit`. */
function placed(stories: readonly Story[], story: Story, limit: number): Story[] {
  return [story, ...stories.filter((shown) => shown.id !== story.id)].sort(newestFirst).slice(0, limit);
}

/**
 * "Regulators · France, Germany · Meta, Google", "The team's picks · France" for the stories the
 * team pinned, or "Latest policy news" for an open filter.
 */
function headingOf(options: WidgetOptions): string {
  if (options.heading) return options.heading;
  const { countries, companies, topics, folders, q } = options.filter;
  const picks = asksForPinned(q);
  const parts = [picks ? 'The team’s picks' : '', folders.join(', '), countries.map(countryLabel).join(', '), companies.map(companyLabel).join(', ')].filter(
    Boolean,
  );
  if (!parts.length && (topics.length || q)) return 'Policy news';
  return parts.length ? parts.join(' · ') : 'Latest policy news';
}

/**
 * `<radar-stream>`: a live list of Policy Radar stories for intranet and wiki pages. Shadow
 * DOM keeps the page's styles out and the widget's in; colours and font follow the
 * --radar-* custom properties.
 */
export class RadarStream extends HTMLElement {
  static observedAttributes = [...WIDGET_ATTRIBUTES];

  readonly #root: ShadowRoot;
  readonly #frame: HTMLElement;
  readonly #heading: HTMLElement;
  readonly #status: HTMLElement;
  readonly #list: HTMLElement;
  readonly #notice: HTMLElement;
  readonly #footerLink: HTMLAnchorElement;
  #options: WidgetOptions | null = null;
  #feed: StoryFeed | null = null;
  #stories: Story[] = [];
  /** Stories that left this widget since it started (corrected away, unpinned): a refill leaves them out. */
  readonly #left = new Set<string>();
  #clock: ReturnType<typeof setInterval> | null = null;
  #restartQueued = false;

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent = WIDGET_CSS;
    this.#frame = document.createElement('section');
    this.#frame.className = 'radar';
    this.#frame.setAttribute('part', 'frame');
    const header = document.createElement('header');
    this.#heading = document.createElement('h2');
    this.#heading.className = 'heading';
    this.#status = document.createElement('span');
    this.#status.className = 'status';
    this.#status.setAttribute('role', 'status');
    header.append(this.#heading, this.#status);
    this.#list = document.createElement('div');
    this.#list.className = 'stories';
    this.#notice = document.createElement('p');
    this.#notice.className = 'notice';
    const footer = document.createElement('footer');
    this.#footerLink = document.createElement('a');
    this.#footerLink.textContent = 'Policy Radar';
    this.#footerLink.target = '_blank';
    this.#footerLink.rel = 'noopener noreferrer';
    footer.append('via ', this.#footerLink);
    this.#frame.append(header, this.#notice, this.#list, footer);
    this.#root.append(style, this.#frame);
  }

  connectedCallback(): void {
    this.#restart();
    this.#clock = setInterval(() => refreshTimes(this.#list, Date.now()), 30_000);
  }

  disconnectedCallback(): void {
    this.#feed?.close();
    this.#feed = null;
    if (this.#clock) clearInterval(this.#clock);
    this.#clock = null;
  }

  attributeChangedCallback(): void {
    if (!this.isConnected || this.#restartQueued) return;
    // several attributes set in a row restart the widget once
    this.#restartQueued = true;
    queueMicrotask(() => {
      this.#restartQueued = false;
      if (this.isConnected) this.#restart();
    });
  }

  #restart(): void {
    const options = readWidgetOptions(this, scriptOrigin);
    const previous = this.#options;
    this.#options = options;
    this.#frame.dataset.theme = options.theme;
    this.#frame.toggleAttribute('data-compact', options.compact);
    this.#heading.textContent = headingOf(options);
    this.#frame.setAttribute('aria-label', `${headingOf(options)}: stories from Policy Radar`);
    this.#footerLink.href = options.api;
    const sameStream =
      previous &&
      this.#feed &&
      JSON.stringify([previous.filter, previous.limit, previous.token, previous.api]) ===
        JSON.stringify([options.filter, options.limit, options.token, options.api]);
    if (sameStream) return this.#render();

    this.#feed?.close();
    this.#stories = [];
    this.#left.clear();
    this.#render();
    const feed = new StoryFeed(options, {
      onPage: (stories) => {
        this.#stories = stories.slice(0, options.limit);
        this.#render();
      },
      onStory: (story) => {
        if (this.#stories.some((held) => held.id === story.id)) return;
        // in its place by publication time: an older story an editor tagged anew does not jump to the top
        this.#stories = placed(this.#stories, story, options.limit);
        this.#render(story.id);
      },
      // a story an editor corrected or the team pinned: its tags change here, it leaves a widget it
      // no longer belongs in, or it joins one it belongs in now (the team's picks) where it falls
      onStoryEdited: ({ story, matches }) => {
        if (matches === false) {
          this.#left.add(story.id);
          if (!this.#stories.some((shown) => shown.id === story.id)) return;
          const wasFull = this.#stories.length >= options.limit;
          this.#stories = this.#stories.filter((shown) => shown.id !== story.id);
          if (wasFull) void this.#fillFrom(feed, options.limit);
        } else {
          this.#left.delete(story.id);
          this.#stories = placed(this.#stories, story, options.limit);
        }
        this.#render();
      },
      onState: (state) => this.#showState(state),
    });
    this.#feed = feed;
    void feed.start();
  }

  /**
   * A story left a full widget: the next story that matches takes its place, as on a reload.
   * Stories that arrived or left meanwhile keep their place or stay out.
   */
  async #fillFrom(feed: StoryFeed, limit: number): Promise<void> {
    const latest = await feed.latest();
    if (!latest || feed !== this.#feed) return;
    // a copy held here may be newer than the page's (an edit announced while the page was read)
    const missing = latest.filter((story) => !this.#left.has(story.id) && !this.#stories.some((held) => held.id === story.id));
    this.#stories = missing.reduce((stories, story) => placed(stories, story, limit), this.#stories);
    this.#render();
  }

  #showState(state: FeedState): void {
    this.#status.dataset.state = state.kind;
    this.#status.textContent = STATUS_TEXT[state.kind];
    if (state.kind === 'refused') {
      this.#status.title = state.reason;
      this.#notice.dataset.kind = 'error';
      this.#notice.textContent = `This stream cannot be shown here: ${state.reason}.`;
      this.#notice.hidden = false;
    } else {
      this.#status.removeAttribute('title');
      this.#render();
    }
  }

  #render(freshId?: string): void {
    const now = Date.now();
    this.#list.replaceChildren(
      ...this.#stories.map((story) => {
        const article = renderStory(story, now);
        if (story.id === freshId) {
          article.classList.add('fresh');
          // the highlight fades once the story has been drawn
          setTimeout(() => article.classList.remove('fresh'), 1500);
        }
        return article;
      }),
    );
    if (this.#notice.dataset.kind === 'error' && this.#status.dataset.state === 'refused') return;
    const empty = this.#stories.length === 0;
    this.#notice.dataset.kind = 'empty';
    this.#notice.textContent = empty
      ? this.#status.dataset.state === 'live'
        ? 'No stories yet. New ones appear here as they are published.'
        : 'Loading stories…'
      : '';
    this.#notice.hidden = !empty;
  }
}
