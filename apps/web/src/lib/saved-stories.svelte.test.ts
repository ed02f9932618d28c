import { expect, test } from 'vitest';
import { memoryStorage } from './browser-storage.ts';
import { MAX_SAVED_STORIES, SavedStories } from './saved-stories.svelte.ts';

test('saved stories persist in this browser, newest saved first, each once', () => {
  const storage = memoryStorage();
  const saved = new SavedStories(storage);
  saved.save('a', 1);
  saved.save('b', 2);
  saved.save('a', 3);
  expect(saved.ids).toEqual(['b', 'a']);
  expect(saved.has('a')).toBe(true);
  const reopened = new SavedStories(storage);
  expect(reopened.ids).toEqual(['b', 'a']);
  reopened.remove('b');
  expect(new SavedStories(storage).ids).toEqual(['a']);
  reopened.clear();
  expect(new SavedStories(storage).count).toBe(0);
});

test('a full list refuses more rather than dropping a story; an unreadable list is empty', () => {
  const storage = memoryStorage();
  const saved = new SavedStories(storage);
  for (let i = 0; i < MAX_SAVED_STORIES; i++) expect(saved.save(`s${i}`, i)).toBe(true);
  expect(saved.save('one-more')).toBe(false);
  expect(saved.count).toBe(MAX_SAVED_STORIES);
  expect(saved.has('s0')).toBe(true);
  storage.setItem('radar.savedStories', '{broken');
  expect(new SavedStories(storage).ids).toEqual([]);
  storage.setItem('radar.savedStories', JSON.stringify([{ id: 7 }]));
  expect(new SavedStories(storage).ids).toEqual([]);
});
