import { expect, test } from 'vitest';
import { opmlFileName } from './feeds.ts';

test("an export's file name is ASCII and safe in a header, whatever the folder is called", () => {
  expect(opmlFileName(null)).toBe('policy-radar-feeds.opml');
  expect(opmlFileName('Régulateurs, EU')).toBe('policy-radar-regulateurs-eu.opml');
  expect(opmlFileName('a"b\r\nContent-Type: x')).toBe('policy-radar-a-b-content-type-x.opml');
  expect(opmlFileName('监管机构')).toBe('policy-radar-folder.opml');
});
