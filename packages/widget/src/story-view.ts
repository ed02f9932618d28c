import type { Story } from '@radar/core';
import { storyHost, storyHref } from './story-link.ts';
import { companyLabel, countryLabel } from './taxonomy-labels.ts';
import { fullTime, relativeTime } from './story-time.ts';

// Every piece of a story comes from a feed nobody here controls: it is set as text
// (textContent, never markup) and its link only when it is http(s).

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** One story as an <article>: headline linking to the original, summary, source, time and chips. */
export function renderStory(story: Story, now: number): HTMLElement {
  const article = element('article');
  article.dataset.id = story.id;

  const headline = element('a', 'headline', story.title);
  const href = storyHref(story.url);
  if (href) {
    headline.href = href;
    headline.target = '_blank';
    headline.rel = 'noopener noreferrer';
  }
  article.append(headline);
  const summary = story.summary ? element('p', 'summary', story.summary) : null;
  if (summary) article.append(summary);
  // a story in Urdu or Hebrew reads right to left on a left-to-right page, in its own language
  for (const text of [headline, summary]) {
    if (!text) continue;
    text.dir = 'auto';
    if (story.lang) text.lang = story.lang;
  }

  const meta = element('div', 'meta');
  meta.append(element('span', 'source', story.source.title || storyHost(story.url)));
  const time = element('time', undefined, relativeTime(story.publishedAt, now, 'en'));
  time.dateTime = story.publishedAt;
  time.title = fullTime(story.publishedAt, 'en');
  meta.append(time);
  const labels = [...story.countries.map(countryLabel), ...story.companies.map(companyLabel)];
  if (labels.length) {
    const chips = element('ul', 'chips');
    chips.setAttribute('aria-label', 'Tags');
    for (const label of labels) chips.append(element('li', 'chip', label));
    meta.append(chips);
  }
  article.append(meta);
  return article;
}

/** Brings the relative times up to date ("2 minutes ago" becomes "3 minutes ago"). */
export function refreshTimes(root: ParentNode, now: number): void {
  for (const time of root.querySelectorAll('time')) {
    if (time.dateTime) time.textContent = relativeTime(time.dateTime, now, 'en');
  }
}
