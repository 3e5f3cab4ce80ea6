/**
 * wordsOf: each word's form is wordForm of that word alone, whatever the
 * rest of the text holds (the fast path lower-cases the whole text once).
 */
import { describe, expect, it } from 'vitest';
import { wordForm, wordsOf } from '../analyses/stretches.js';
import { WORD } from '../pipeline/words.js';

/** The definition: every WORD match, its own wordForm. */
function reference(text: string) {
  return [...text.matchAll(WORD)].map((m) => ({
    form: wordForm(m[0]),
    start: m.index,
    end: m.index + m[0].length,
  }));
}

describe('wordsOf', () => {
  it.each([
    ['plain speech', 'Comrade Enver Hoxha said: the Soviet revisionists are splitters.'],
    ['curly apostrophe and hyphen variant', 'Hoxha’s view of the Marxist‐Leninist parties'],
    ['a letter whose lower case is longer (İ → i̇)', 'İstanbul and Izmir, then ÇANKIRI'],
    ['a capital sigma before a letter (σ, not final ς)', 'ΟΔΟΣ.Α and ΚΟΣΜΟΣ'],
    ['a final sigma at a word end', 'ΛΟΓΟΣ ΚΑΙ ΕΡΓΟΝ'],
    ['empty', ''],
    ['no words', ' — [ ] … '],
  ])('%s', (_, text) => {
    expect(wordsOf(text)).toEqual(reference(text));
  });
});
