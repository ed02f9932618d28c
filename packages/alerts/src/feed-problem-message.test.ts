import { expect, test } from 'vitest';
import type { FeedProblem } from '@radar/core';
import { digestEmail, feedProblemEmail } from './alert-email.ts';
import { feedProblemSlackMessage, feedProblemTeamsMessage, feedProblemWebhookBody } from './feed-problem-message.ts';
import { alert, hostile } from './hostile-story.test-fixture.ts';

/** A paused feed whose title and error text came from a hostile server. */
const feed: FeedProblem = {
  feedId: 'f9',
  title: '<script>x</script> <!channel> *Wire*',
  url: 'https://wire.example/feed.xml?a=1|2',
  reason: 'failing for 3 days: HTTP 500 <b>Internal</b> [x](javascript:y)',
  pausedAt: '2026-12-02T09:30:00.000Z',
};

test("a feed alert's e-mail says which feed was paused, why and when, every server-sent text escaped", () => {
  const email = feedProblemEmail(alert, feed);
  expect(email.subject).toBe('[Policy Radar] Meta & the <EU>: Feed paused: <script>x</script> <!channel> *Wire*');
  expect(email.text).toContain('Feed paused: <script>x</script>');
  expect(email.text).toContain('failing for 3 days: HTTP 500');
  expect(email.text).toContain('Paused 2 Dec 2026, 09:30 UTC.');
  expect(email.text).toContain('tells you when a watched feed stops working');
  expect(email.html).toContain('Feed paused: &lt;script&gt;x&lt;/script&gt;');
  expect(email.html).toContain('HTTP 500 &lt;b&gt;Internal&lt;/b&gt;');
  expect(email.html).not.toMatch(/<script|<b>/);
});

test('Slack and Teams messages about a paused feed carry no markup, mention or link from the feed', () => {
  const slack = feedProblemSlackMessage(alert, feed);
  const slackText = JSON.stringify(slack);
  expect(slack.text).toBe('Meta &amp; the &lt;EU&gt;: Feed paused: &lt;script&gt;x&lt;/script&gt; &lt;!channel&gt; *Wire*');
  expect(slackText).not.toMatch(/<!channel>|<script|<https?:/);
  // the address is shown as code, not as a link
  expect(slackText).toContain('`https://wire.example/feed.xml?a=1|2`');

  const teams = feedProblemTeamsMessage(alert, feed) as { attachments: { content: { body: { text?: string }[]; actions: unknown[] } }[] };
  const texts = teams.attachments[0]!.content.body.map((block) => block.text);
  expect(texts).toContain('Feed paused: \\<script\\>x\\</script\\> \\<\\!channel\\> \\*Wire\\*');
  expect(texts).toContain('failing for 3 days: HTTP 500 \\<b\\>Internal\\</b\\> \\[x\\]\\(javascript:y\\)');
  expect(teams.attachments[0]!.content.actions).toEqual([]);
});

test("a feed alert's webhook body names the alert and the feed", () => {
  expect(JSON.parse(feedProblemWebhookBody(alert, feed))).toEqual({ alert: { id: 'a1', name: 'Meta & the <EU>' }, feed });
});

test('a digest counts paused feeds as feeds, and lists them beside stories when an alert has both', () => {
  const feedsOnly = digestEmail(alert, 'daily', [{ feed, firedAt: new Date('2026-12-02T09:31:00Z') }]);
  expect(feedsOnly.subject).toBe('[Policy Radar] Meta & the <EU>: 1 feed paused (daily digest)');
  expect(feedsOnly.html).toContain('Feed paused: &lt;script&gt;');

  const mixed = digestEmail(alert, 'hourly', [
    { feed, firedAt: new Date('2026-12-02T09:31:00Z') },
    { story: hostile, firedAt: new Date('2026-12-02T09:40:00Z') },
  ]);
  expect(mixed.subject).toBe('[Policy Radar] Meta & the <EU>: 2 alerts (hourly digest)');
  // newest first: the story, then the feed
  expect(mixed.text.indexOf('Summary with')).toBeLessThan(mixed.text.indexOf('Feed paused'));
});
