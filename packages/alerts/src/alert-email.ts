import { risingHeadline, risingLines, type DigestMode, type FeedProblem, type RisingSignal, type Story } from '@radar/core';
import { storyTagLine, type AlertRef } from './alert-subject.ts';
import { feedProblemHeadline, feedProblemHtml, feedProblemText } from './feed-problem-message.ts';
import { escapeHtml, oneLine, safeHttpUrl, truncate } from './message-text.ts';

export interface EmailContent {
  subject: string;
  text: string;
  html: string;
}

const SUBJECT_PREFIX = '[Policy Radar]';

/** What rose, above the story that made it rise: the headline, a line for each value, "The latest:". */
const risingText = (rising: RisingSignal[]): string => [`${risingHeadline(rising)}:`, ...risingLines(rising), 'The latest:'].join('\n');

function storyText(story: Story, rising?: RisingSignal[] | null): string {
  const url = safeHttpUrl(story.url);
  return [
    rising?.length ? risingText(rising) : null,
    oneLine(story.title),
    story.summary ? truncate(story.summary, 600) : null,
    [story.source.title, storyTagLine(story)].filter(Boolean).join(' · '),
    url,
  ]
    .filter(Boolean)
    .join('\n');
}

function storyHtml(story: Story, rising?: RisingSignal[] | null): string {
  const url = safeHttpUrl(story.url);
  const title = escapeHtml(oneLine(story.title));
  const meta = [story.source.title, storyTagLine(story)].filter(Boolean).map(escapeHtml).join(' · ');
  return [
    `<tr><td style="padding:12px 0;border-bottom:1px solid #e5e7eb">`,
    rising?.length
      ? `<p style="margin:0 0 6px;color:#1d4ed8;font-weight:600">${escapeHtml(risingHeadline(rising))}</p>` +
        risingLines(rising)
          .map((line) => `<p style="margin:0 0 2px;color:#374151">${escapeHtml(line)}</p>`)
          .join('') +
        `<p style="margin:6px 0 8px;color:#6b7280;font-size:13px">The latest:</p>`
      : '',
    url
      ? `<a href="${escapeHtml(url)}" style="font-size:16px;font-weight:600;color:#1d4ed8;text-decoration:none">${title}</a>`
      : `<span style="font-size:16px;font-weight:600">${title}</span>`,
    story.summary ? `<p style="margin:6px 0;color:#374151">${escapeHtml(truncate(story.summary, 600))}</p>` : '',
    meta ? `<p style="margin:0;color:#6b7280;font-size:13px">${meta}</p>` : '',
    `</td></tr>`,
  ].join('');
}

function page(heading: string, rows: string, footer: string): string {
  return `<!doctype html><html><body style="margin:0;padding:16px;font-family:system-ui,-apple-system,Segoe UI,sans-serif;background:#ffffff;color:#111827">
<p style="margin:0 0 4px;color:#6b7280;font-size:13px">Policy Radar alert</p>
<h1 style="margin:0 0 8px;font-size:20px">${heading}</h1>
<table role="presentation" style="border-collapse:collapse;width:100%;max-width:640px">${rows}</table>
<p style="margin-top:16px;color:#9ca3af;font-size:12px">${footer}</p>
</body></html>`;
}

/** Why an alert's message came: its query matched the story, or something rose among what it matches. */
const because = (alert: AlertRef, name: string): string =>
  alert.rising?.length ? `the alert ${name} tells you what starts rising among the stories it matches` : `the alert ${name} matched this story`;

/** The e-mail for one story, sent at once; for a rising alert, what rose and the story that made it rise. */
export function alertEmail(alert: AlertRef, story: Story): EmailContent {
  const name = oneLine(alert.name);
  const about = alert.rising?.length ? risingHeadline(alert.rising) : oneLine(story.title);
  return {
    subject: truncate(`${SUBJECT_PREFIX} ${name}: ${about}`, 200),
    text: `${name}\n\n${storyText(story, alert.rising)}\n\n-- \nYou receive this because ${because(alert, `"${name}"`)}.\n`,
    html: page(escapeHtml(name), storyHtml(story, alert.rising), `You receive this because ${because(alert, `“${escapeHtml(name)}”`)}.`),
  };
}

/** The e-mail for a feed alert: a watched feed the poller paused. */
export function feedProblemEmail(alert: AlertRef, feed: FeedProblem): EmailContent {
  const name = oneLine(alert.name);
  const footer = (quoted: string) => `You receive this because the alert ${quoted} tells you when a watched feed stops working.`;
  return {
    subject: truncate(`${SUBJECT_PREFIX} ${name}: ${feedProblemHeadline(feed)}`, 200),
    text: `${name}\n\n${feedProblemText(feed)}\n\n-- \n${footer(`"${name}"`)}\n`,
    html: page(escapeHtml(name), feedProblemHtml(feed), footer(`“${escapeHtml(name)}”`)),
  };
}

/** One firing a digest lists: a story (with what rose, for a rising alert), or a paused feed. */
export type DigestItem = { firedAt: Date } & ({ story: Story; rising?: RisingSignal[] | null; feed?: undefined } | { story?: undefined; feed: FeedProblem });

const itemText = (item: DigestItem): string => (item.feed ? feedProblemText(item.feed) : storyText(item.story, item.rising));
const itemHtml = (item: DigestItem): string => (item.feed ? feedProblemHtml(item.feed) : storyHtml(item.story, item.rising));

/** "3 stories", "2 rising", "1 feed paused": what a digest holds, by the kind its items are of. */
function digestCount(items: DigestItem[]): string {
  const n = items.length;
  if (n > 0 && items.every((item) => item.feed)) return `${n} ${n === 1 ? 'feed' : 'feeds'} paused`;
  if (n > 0 && items.every((item) => !item.feed && item.rising?.length)) return `${n} rising`;
  // an alert whose trigger changed between the two can hold stories and feeds
  if (items.some((item) => item.feed)) return `${n} alerts`;
  return `${n} ${n === 1 ? 'story' : 'stories'}`;
}

/** Stories a digest lists in full; the rest are counted. */
export const DIGEST_MAX_STORIES = 50;

/** The hourly, daily or weekly e-mail that lists every story an alert fired for in its window, newest first. */
export function digestEmail(alert: AlertRef, mode: Exclude<DigestMode, 'none'>, items: DigestItem[]): EmailContent {
  const name = oneLine(alert.name);
  const sorted = [...items].sort((a, b) => b.firedAt.getTime() - a.firedAt.getTime());
  const shown = sorted.slice(0, DIGEST_MAX_STORIES);
  const more = sorted.length - shown.length;
  const count = digestCount(items);
  const moreLine = more > 0 ? `…and ${more} more.` : '';
  return {
    subject: truncate(`${SUBJECT_PREFIX} ${name}: ${count} (${mode} digest)`, 200),
    text: `${name}: ${count} (${mode} digest)\n\n${shown.map(itemText).join('\n\n')}${moreLine ? `\n\n${moreLine}` : ''}\n\n-- \nThe ${mode} digest of the alert "${name}".\n`,
    html: page(
      `${escapeHtml(name)}: ${count}`,
      shown.map(itemHtml).join('') + (moreLine ? `<tr><td style="padding:12px 0">${moreLine}</td></tr>` : ''),
      `The ${mode} digest of the alert “${escapeHtml(name)}”.`,
    ),
  };
}
