/**
 * Stretch words: each word's form is wordForm of that word alone, whatever
 * the rest of the text holds (the fast path lower-cases the whole text
 * once), and its offsets are those of its WORD match.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formsOf, turnStretches, wordForm } from '../analyses/stretches.js';
import { findWords, WORD } from '../pipeline/words.js';
import { transcriptOf } from './helpers.js';

/** The definition: every WORD match, its own wordForm. */
function reference(text: string) {
  return [...text.matchAll(WORD)].map((m) => ({
    form: wordForm(m[0]),
    start: m.index,
    end: m.index + m[0].length,
  }));
}

/** The words as turnStretches finds them: findWords, then formsOf. */
function wordsOf(text: string) {
  const offsets = { starts: new Int32Array(0), ends: new Int32Array(0) };
  const n = findWords(text, offsets);
  const out: Array<{ form: string; start: number; end: number }> = [];
  formsOf(text, offsets, n, (form, i) =>
    out.push({ form, start: offsets.starts[i]!, end: offsets.ends[i]! }),
  );
  return out;
}

describe('stretch words', () => {
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

  it('are the WORD matches with their own forms on random text', () => {
    const pieces = ['a', 'Q', 'İ', 'I', 'ı', 'Σ', 'σ', 'ς', 'Ά', 'ß', 'ǅ', '𝐀', '𐐀', '7'];
    const joints = ["'", '’', '‐', '-', '–', ' ', '.', '\n', 'e\u0301', '\ud800'];
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constantFrom(...pieces, ...joints), fc.string({ unit: 'grapheme' })), {
          maxLength: 30,
        }),
        (parts) => {
          const text = parts.join('');
          expect(wordsOf(text)).toEqual(reference(text));
        },
      ),
      { numRuns: 3000, seed: 1962 },
    );
  });
});

describe('turnStretches', () => {
  it('give each stretch its words as numbers and offsets into its text', () => {
    const doc = transcriptOf(
      '1960-03-03_a.txt',
      'March 3, 1960\n\n' +
        'Comrade Enver Hoxha: The Marxist - Leninist parties [sic] of the ΚΟΣΜΟΣ. İstanbul’s party.\n\n' +
        'Choe Yong Gon: The parties.\n',
    );
    const stretches = turnStretches(doc);
    const seen = [...stretches.values()].flat().map((s) => ({
      text: s.text,
      words: Array.from(s.ids, (id, i) => ({
        form: stretches.forms[id]!,
        start: s.starts[i]!,
        end: s.ends[i]!,
      })),
    }));
    expect(seen.map((s) => s.text)).toEqual([
      'The Marxist-Leninist parties ',
      ' of the ΚΟΣΜΟΣ. İstanbul’s party.',
      'The parties.',
    ]);
    for (const s of seen) expect(s.words).toEqual(reference(s.text));
    // Numbered by form in order of first occurrence.
    expect(stretches.forms.slice(0, 4)).toEqual(['the', 'marxist-leninist', 'parties', 'of']);
  });
});
