import { foldText } from '../text-fold.ts';

const NOT_A_WORD_CHARACTER = /[^\p{L}\p{N}]+/u;

/**
 * The words of a text as queries see them: folded (lower case, no accents) and split on
 * anything that is not a letter or digit, so "Age-Verification" is the words age, verification.
 */
export function searchWords(text: string): string[] {
  return foldText(text).split(NOT_A_WORD_CHARACTER).filter(Boolean);
}

/**
 * What a folder name is compared by: its words folded, one space between them, so "EU
 * régulateurs", "eu-regulateurs" and "EU Regulateurs" are one folder.
 */
export const folderKey = (name: string): string => searchWords(name).join(' ');

/**
 * Counts by folder name, names that are one folder (folderKey) counted together under the
 * spelling with the largest count of its own (the first one given, of equal counts); in the
 * order the folders first appear.
 * @example countByFolder([{ name: 'Press', count: 2 }, { name: 'press', count: 1 }]) // [{ name: 'Press', count: 3 }]
 */
export function countByFolder(counts: Iterable<{ name: string; count: number }>): { name: string; count: number }[] {
  const folders = new Map<string, { count: number; spellings: Map<string, number> }>();
  for (const { name, count } of counts) {
    const key = folderKey(name);
    const folder = folders.get(key) ?? { count: 0, spellings: new Map<string, number>() };
    folder.count += count;
    folder.spellings.set(name, (folder.spellings.get(name) ?? 0) + count);
    folders.set(key, folder);
  }
  return [...folders.values()].map(({ count, spellings }) => ({ name: [...spellings].reduce((best, next) => (next[1] > best[1] ? next : best))[0], count }));
}
