import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldByTable, foldForMatching } from './fold-text.ts';

describe('foldForMatching', () => {
  it('folds case, accents, quotes and dashes without changing the length', () => {
    const text = 'Brazil’s “Supreme” Court — ÉTATS-UNIS, Straße, İstanbul, Ærø, `KELVIN` \u212a';
    const folded = foldForMatching(text);
    expect(folded).toHaveLength(text.length);
    expect(folded).toBe('brazil\'s "supreme" court - etats-unis, strase, istanbul, aro, \'kelvin\' k');
  });

  it('folds every UTF-16 unit as the table does', () => {
    for (let code = 0; code < 0x10000; code++) {
      const unit = String.fromCharCode(code);
      if (foldForMatching(unit) !== foldByTable(unit)) expect({ code, folded: foldForMatching(unit) }).toEqual({ code, folded: foldByTable(unit) });
    }
  });

  it('folds any text as the table does, unit for unit', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        expect(foldForMatching(text)).toBe(foldByTable(text));
      }),
      { numRuns: 2000 },
    );
  });
});
