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
  expect(new SeenMark(storage).before).toBeNull();
});
