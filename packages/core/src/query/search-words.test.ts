import { expect, test } from 'vitest';
import { countByFolder, folderKey } from './search-words.ts';

test('names that are one folder are counted together, under the spelling with most of the count', () => {
  expect(folderKey('EU — Régulateurs')).toBe('eu regulateurs');
  expect(
    countByFolder([
      { name: 'press', count: 1 },
      { name: 'Courts', count: 4 },
      { name: 'Press', count: 2 },
      { name: 'PRESS!', count: 2 },
    ]),
  ).toEqual([
    { name: 'Press', count: 5 },
    { name: 'Courts', count: 4 },
  ]);
  // equal counts: the spelling given first; one spelling given several times adds up
  expect(countByFolder([{ name: 'b', count: 1 }, { name: 'B', count: 1 }])).toEqual([{ name: 'b', count: 2 }]);
  expect(countByFolder([{ name: 'B', count: 1 }, { name: 'b', count: 1 }, { name: 'b', count: 1 }])).toEqual([{ name: 'b', count: 3 }]);
  expect(countByFolder([])).toEqual([]);
});
