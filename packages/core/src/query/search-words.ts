import { foldText } from '../text-fold.ts';

const NOT_A_WORD_CHARACTER = /[^\p{L}\p{N}]+/u;

/**
 * The words of a text as queries see them: folded (lower case, no accents) and split on
 * anything that is not a letter or digit, so "Age-Verification" is the words age, verification.
 */
/**
 * What a folder name is compared by: its words folded, one space between them, so "EU
 * régulateurs", "eu-regulateurs" and "EU Regulateurs" are one folder.
 */
export const folderKey = (name: string): string => searchWords(name).join(' ');

export function searchWords(text: string): string[] {
  return foldText(text).split(NOT_A_WORD_CHARACTER).filter(Boolean);
}
