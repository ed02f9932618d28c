import { expect, test } from 'vitest';
import type { Story } from '@radar/core';
import { alertEmail, digestEmail } from './alert-email.ts';

const hostile: Story = {
  id: 's1',
  url: 'https://news.example/a?x=1|2',
  title: '<script>alert(1)</script> <!channel> *bold* [x](javascript:y) & Co',
  summary: 'Summary with <b>html</b> and <https://evil.example|click>',
  source: { feedId: 'f1', title: 'Wire <i>' },
  publishedAt: '2026-11-30T10:00:00.000Z',
  ingestedAt: '2026-11-30T10:00:01.000Z',
  lang: 'en',
  countries: ['FR', 'EU'],
  companies: ['meta'],
  topics: ['content-moderation'],
  relevant: true,
  score: 0.9,
  clusterId: null,
};
const alert = { id: 'a1', name: 'Meta & the <EU>' };

test('e-mail HTML escapes everything from feeds; the subject is one line', () => {
  const email = alertEmail(alert, { ...hostile, title: 'Line one\r\nBcc: victim@example.org' });
  expect(email.subject).toBe('[Policy Radar] Meta & the <EU>: Line one Bcc: victim@example.org');
  const html = alertEmail(alert, hostile).html;
  expect(html).not.toMatch(/<script>|<b>html|<i>/);
  expect(html).toContain('&lt;script&gt;');
  expect(html).toContain('France, European Union · Meta · Content moderation');
  expect(alertEmail(alert, hostile).text).toContain('https://news.example/a?x=1|2');
});

test('a digest lists the window’s stories, newest first', () => {
  const items = [
    { story: { ...hostile, id: 'old', title: 'Older story' }, firedAt: new Date('2026-11-30T10:05:00Z') },
    { story: { ...hostile, id: 'new', title: 'Newer story' }, firedAt: new Date('2026-11-30T10:45:00Z') },
  ];
  const email = digestEmail(alert, 'hourly', items);
  expect(email.subject).toBe('[Policy Radar] Meta & the <EU>: 2 stories (hourly digest)');
  expect(email.text.indexOf('Newer story')).toBeLessThan(email.text.indexOf('Older story'));
});
