import { expect, test } from 'vitest';
import { alertEmail, digestEmail } from './alert-email.ts';
import { alert, hostile } from './hostile-story.test-fixture.ts';

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
