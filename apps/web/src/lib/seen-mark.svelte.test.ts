import { expect, test } from 'vitest';
import { memoryStorage } from './browser-storage.ts';
import { AWAY_MS, SeenMark } from './seen-mark.svelte.ts';

/** UUIDv7-shaped ids in the order they were stored. */
const id = (n: number) => `01a2${String(n).padStart(4, '0')}-0000-7000-8000-000000000000`;
const stories = (...ns: number[]) => ns.map((n) => ({ id: id(n) }));

test('a first visit shows nothing as new; the next shows what was stored since the newest story seen', () => {
  const storage = memoryStorage();
  const first = new SeenMark(storage);
  first.saw(stories(3, 1, 2));
  expect(stories(1, 2, 3).some((story) => first.isNew(story))).toBe(false);

  const next = new SeenMark(storage);
  expect(stories(5, 4, 3, 2).map((story) => next.isNew(story))).toEqual([true, true, false, false]);
  // what is on screen now moves the stored mark, not what this visit counts as new
  next.saw(stories(5, 4, 3));
  expect(next.isNew({ id: id(4) })).toBe(true);
  next.markSeen();
  expect(next.isNew({ id: id(5) })).toBe(false);
  expect(new SeenMark(storage).isNew({ id: id(5) })).toBe(false);
});

test('after a while away from the tab, the stories that came meanwhile are the new ones; after a glance elsewhere, nothing changes', () => {
  const storage = memoryStorage();
  storage.setItem('radar.seenUpTo', id(1));
  const mark = new SeenMark(storage);
  mark.saw(stories(2, 1));
  mark.hidden(0);
  mark.shown(AWAY_MS - 1);
  expect(stories(2, 1).map((story) => mark.isNew(story))).toEqual([true, false]);
  mark.hidden(10_000_000);
  mark.shown(10_000_000 + AWAY_MS);
  expect(stories(3, 2, 1).map((story) => mark.isNew(story))).toEqual([true, false, false]);
});

test('the mark only moves forward, also when another tab saw further; a damaged mark counts as none', () => {
  const storage = memoryStorage();
  const one = new SeenMark(storage);
  const two = new SeenMark(storage);
  one.saw(stories(9));
  two.saw(stories(4));
  expect(storage.getItem('radar.seenUpTo')).toBe(id(9));
  storage.setItem('radar.seenUpTo', 'not an id');
  storage.setItem('radar.seenViews', '{not json');
  expect(new SeenMark(storage).before).toBeNull();
});

test("each view keeps its own mark: a view is new since the reader last looked at it, the dashboard's mark for one never looked at", () => {
  const storage = memoryStorage();
  const first = new SeenMark(storage);
  first.saw(stories(2, 1));
  first.enter('?country=FR');
  first.saw(stories(1));
  first.enter('');

  const next = new SeenMark(storage);
  // the plain stream: since story 2; France: since story 1, the newest of it seen; Germany, never looked at: the dashboard's
  expect(next.markOf('')).toBe(id(2));
  expect(next.markOf('?country=FR')).toBe(id(1));
  expect(next.markOf('?country=DE')).toBe(id(2));
  next.enter('?country=FR');
  expect(stories(3, 2, 1).map((story) => next.isNew(story))).toEqual([true, true, false]);
  next.saw(stories(3, 2, 1));
  // what the reader saw here is still new on screen until marked seen; it is not new next time
  expect(next.isNew({ id: id(2) })).toBe(true);
  next.markSeen();
  expect(next.isNew({ id: id(3) })).toBe(false);
  expect(new SeenMark(storage).markOf('?country=FR')).toBe(id(3));
  // the dashboard's mark follows every view
  expect(new SeenMark(storage).markOf('')).toBe(id(2));
  expect(new SeenMark(storage).markOf('?topic=privacy')).toBe(id(3));
});

test('the marks of views are kept for the 100 looked at last; damaged entries are left out', () => {
  const storage = memoryStorage();
  const mark = new SeenMark(storage);
  for (let i = 0; i < 105; i++) {
    mark.enter(`?q=v${i}`);
    mark.saw(stories(i + 1), i);
  }
  const reopened = new SeenMark(storage);
  expect(reopened.markOf('?q=v104')).toBe(id(105));
  // the oldest views fall back to the dashboard's mark
  expect(reopened.markOf('?q=v0')).toBe(id(105));
  expect(JSON.parse(storage.getItem('radar.seenViews')!)).toHaveLength(100);
  storage.setItem('radar.seenViews', JSON.stringify([['?q=a', { id: 'nope' }], ['?q=b', { id: id(7), at: 1 }], 'junk']));
  const damaged = new SeenMark(storage);
  expect(damaged.markOf('?q=b')).toBe(id(7));
  expect(damaged.markOf('?q=a')).toBe(id(105));
});
