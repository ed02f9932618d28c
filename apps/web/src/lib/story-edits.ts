import type { Story } from '@radar/core';

/**
 * The copy of a story to show when several are at hand (the one loaded with its details, the
 * stream's, one just saved): the latest an editor corrected, else the first there is.
 */
export function freshestCopy(...copies: (Story | null | undefined)[]): Story | undefined {
  let freshest: Story | undefined;
  for (const copy of copies) {
    if (!copy) continue;
    if (!freshest || (copy.tagsEditedAt ?? '') > (freshest.tagsEditedAt ?? '')) freshest = copy;
  }
  return freshest;
}
