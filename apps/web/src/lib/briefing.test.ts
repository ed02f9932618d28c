import { expect, test } from 'vitest';
import type { Story } from '@radar/core';
import { briefing } from './briefing.ts';

const story = (over: Partial<Story>): Story => ({
  id: '0193a0c4-1111-7000-8000-000000000000',
  url: 'https://news.example/a',
  title: 'Regulator fines a platform',
  summary: '',
  source: { feedId: 'f1', title: 'Policy Wire' },
  publishedAt: '2026-11-30T09:00:00Z',
  ingestedAt: '2026-11-30T09:01:00Z',
  lang: 'en',
  countries: [],
  companies: [],
  topics: [],
  relevant: true,
  score: 1,
  clusterId: null,
  ...over,
});

test('a briefing lists each event once, newest report first, with outlet, date and link', () => {
  const result = briefing(
    [
      story({ title: 'Ofcom sets a deadline', clusterId: 'c1', source: { feedId: 'f2', title: 'Daily Courier' } }),
      story({ title: 'Ofcom deadline: the earlier report', clusterId: 'c1' }),
      story({ title: 'Court hears\n a  challenge', url: 'https://court.example/x', publishedAt: '2026-11-29T23:30:00Z' }),
    ],
    'Policy Radar · Saved stories',
  );
  expect(result.count).toBe(2);
  expect(result.text).toBe(
    [
      'Policy Radar · Saved stories',
      '• Ofcom sets a deadline\n  Daily Courier · 30 Nov 2026\n  https://news.example/a',
      '• Court hears a challenge\n  Policy Wire · 29 Nov 2026\n  https://court.example/x',
    ].join('\n\n'),
  );
  expect(result.html).toBe(
    '<p><strong>Policy Radar · Saved stories</strong></p><ul>' +
      '<li><a href="https://news.example/a">Ofcom sets a deadline</a><br><small>Daily Courier · 30 Nov 2026</small></li>' +
      '<li><a href="https://court.example/x">Court hears a challenge</a><br><small>Policy Wire · 29 Nov 2026</small></li></ul>',
  );
});

test("a feed's text is never markup in the HTML, and only http(s) links are kept", () => {
  const result = briefing(
    [story({ title: '<img src=x onerror=alert(1)> & "quotes"', url: 'javascript:alert(1)', source: { feedId: 'f', title: '<b>Wire</b>' } })],
    'Radar <script>',
  );
  expect(result.html).not.toMatch(/<img|<b>|<script|javascript:/);
  expect(result.html).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quotes&quot;');
  expect(result.text).not.toContain('javascript:');
  expect(result.text).toContain('• <img src=x onerror=alert(1)> & "quotes"\n  <b>Wire</b> · 30 Nov 2026');
});
