import { expect, test } from 'vitest';
import { articleBehindRedirect } from './aggregator-links.ts';

test("an aggregator's redirect gives the outlet's article", () => {
  // Google Alerts
  expect(articleBehindRedirect('https://www.google.com/url?rct=j&sa=t&url=https://investorplace.com/2019/07/slack-stock/&ct=ga&usg=AFQ')).toBe(
    'https://investorplace.com/2019/07/slack-stock/',
  );
  expect(articleBehindRedirect('https://www.google.co.uk/url?q=https://news.example/a%3Fid%3D1&sa=U')).toBe('https://news.example/a?id=1');
  // Bing News
  expect(
    articleBehindRedirect('http://www.bing.com/news/apiclick.aspx?ref=FexRss&aid=&tid=12BE&url=https%3a%2f%2fwww.dailymail.co.uk%2fsport%2farticle-9554407.html&c=44&mkt=it-it'),
  ).toBe('https://www.dailymail.co.uk/sport/article-9554407.html');
  // Google News, whose article id holds the address
  expect(
    articleBehindRedirect(
      'https://news.google.com/__i/rss/rd/articles/CBMiXWh0dHBzOi8vd3d3LmRobmV0LmJlL2FjdHUvc2FudGUvbGEtYmVsZ2lxdWUtYW5ub25jZS14eHgtbm91dmVhdXgtY2FzLTVlNjRjNzI2ZDhhZDU4MzVhMWM4ZTA3MNIBAA?oc=5',
    ),
  ).toBe('https://www.dhnet.be/actu/sante/la-belgique-annonce-xxx-nouveaux-cas-5e64c726d8ad5835a1c8e070');
  const id = Buffer.concat([Buffer.from([0x08, 0x13, 0x22, 0x1a]), Buffer.from('https://news.example/story'), Buffer.from([0xd2, 0x01, 0x00])]).toString('base64url');
  expect(articleBehindRedirect(`https://news.google.com/rss/articles/${id}?oc=5`)).toBe('https://news.example/story');
});

test('links that are no redirect, or lead nowhere safe, give nothing', () => {
  for (const link of [
    'https://news.example/2026/11/30/story',
    'https://www.google.com/search?q=gdpr',
    'https://www.google.com/url?url=javascript:alert(1)',
    'https://www.google.com/url?ct=ga',
    'https://google.com.evil.example/url?url=https://news.example/a',
    'https://news.example/url?url=https://elsewhere.example/a',
    'https://www.bing.com/news/search?q=madrid',
    // the ids Google News gives since 2024 are opaque
    'https://news.google.com/rss/articles/CBMiqAFBVV95cUxNbXQ3dXZrZ2xjSmxYcG96?oc=5',
    'https://news.google.com/rss/articles/%%%',
    'not a url',
    null,
  ]) {
    expect(articleBehindRedirect(link), String(link)).toBeNull();
  }
});
