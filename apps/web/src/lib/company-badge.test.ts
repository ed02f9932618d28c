import { expect, test } from 'vitest';
import { companyHue, companyInitials } from './company-badge.ts';

test('initials come from words, inner capitals or the first two letters', () => {
  expect(companyInitials('NSO Group')).toBe('NG');
  expect(companyInitials('OpenAI')).toBe('OA');
  expect(companyInitials('TikTok')).toBe('TT');
  expect(companyInitials('Meta')).toBe('Me');
  expect(companyInitials('xAI')).toBe('XA');
  expect(companyInitials('X')).toBe('X');
});

test('a company keeps its hue, and hues spread', () => {
  expect(companyHue('meta')).toBe(companyHue('meta'));
  const hues = new Set(['google', 'meta', 'apple', 'amazon', 'microsoft', 'tiktok'].map(companyHue));
  expect(hues.size).toBeGreaterThan(4);
  for (const hue of hues) expect(hue).toBeGreaterThanOrEqual(0);
});
