import { expect, test } from 'vitest';
import { folderChoices, toggleFolder } from './folder-choices.ts';

test('one entry per folder, however its name is written; a chosen spelling ticks the entry the API counted', () => {
  expect(folderChoices(['Press', 'EU institutions'], ['press'])).toEqual({ names: ['EU institutions', 'Press'], selected: ['Press'] });
  // a folder chosen with no story in view still has its entry
  expect(folderChoices(['Press'], ['Régulateurs'])).toEqual({ names: ['Press', 'Régulateurs'], selected: ['Régulateurs'] });
  expect(folderChoices([], [])).toEqual({ names: [], selected: [] });
});

test('unticking a folder drops every spelling of it from the filter; ticking adds the entry once', () => {
  expect(toggleFolder(['press', 'PRESS', 'Courts'], 'Press', false)).toEqual(['Courts']);
  expect(toggleFolder(['press'], 'Press', true)).toEqual(['Press']);
  expect(toggleFolder(['Courts'], 'Press', true)).toEqual(['Courts', 'Press']);
});
