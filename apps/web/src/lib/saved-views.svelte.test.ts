import { expect, test } from 'vitest';
import { memoryStorage } from './browser-storage.ts';
import { SavedViews } from './saved-views.svelte.ts';

test('saved views persist in storage, sorted by name, a name saved twice replaced', () => {
  const storage = memoryStorage();
  const views = new SavedViews(storage);
  views.save('Meta in France', '?country=FR&company=meta');
  views.save('  Age checks ', '?topic=child-safety');
  views.save('Meta in France', '?country=FR,DE&company=meta');
  expect(views.views).toEqual([
    { name: 'Age checks', search: '?topic=child-safety' },
    { name: 'Meta in France', search: '?country=FR,DE&company=meta' },
  ]);

  const reopened = new SavedViews(storage);
  expect(reopened.views).toEqual(views.views);
  reopened.remove('Age checks');
  expect(new SavedViews(storage).views.map((view) => view.name)).toEqual(['Meta in France']);
});

test('unreadable storage gives an empty list rather than an error', () => {
  const storage = memoryStorage();
  storage.setItem('radar.savedViews', '{not json');
  expect(new SavedViews(storage).views).toEqual([]);
  storage.setItem('radar.savedViews', JSON.stringify([{ name: '', search: 1 }]));
  expect(new SavedViews(storage).views).toEqual([]);
});
